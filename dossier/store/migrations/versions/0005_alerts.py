"""Re-screening alerts: a stored entity whose list matches changed when lists were reloaded.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create `alerts`."""
    op.create_table(
        "alerts",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("entity_id", sa.String(32), sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("dataset", sa.String(32), nullable=False),
        sa.Column("list_id", sa.String(128), nullable=False),
        sa.Column("change", sa.String(32), nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_alerts_entity_id", "alerts", ["entity_id"])


def downgrade() -> None:
    """Drop `alerts`."""
    op.drop_index("ix_alerts_entity_id", "alerts")
    op.drop_table("alerts")
