"""Entity merges: one entity can be folded into another, with its reason, and undone.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add `entities.merged_into`; create `entity_merges`."""
    with op.batch_alter_table("entities") as batch:
        batch.add_column(sa.Column("merged_into", sa.String(32), nullable=True))
        batch.create_index("ix_entities_merged_into", ["merged_into"])
    op.create_table(
        "entity_merges",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("winner_id", sa.String(32), sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("loser_id", sa.String(32), sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("reason", sa.JSON, nullable=False),
        sa.Column("merged_at", sa.String(32), nullable=False),
        sa.Column("undone_at", sa.String(32), nullable=True),
    )
    op.create_index("ix_entity_merges_loser_id", "entity_merges", ["loser_id"])


def downgrade() -> None:
    """Drop the merge records and the column."""
    op.drop_index("ix_entity_merges_loser_id", "entity_merges")
    op.drop_table("entity_merges")
    with op.batch_alter_table("entities") as batch:
        batch.drop_index("ix_entities_merged_into")
        batch.drop_column("merged_into")
