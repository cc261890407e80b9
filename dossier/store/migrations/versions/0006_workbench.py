"""Web workbench: review decisions with their audit trail, full-text search.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Reserved: filled in by the work named above (no change yet)."""


def downgrade() -> None:
    """Reserved: nothing to undo yet."""
