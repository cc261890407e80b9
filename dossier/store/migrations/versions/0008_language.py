"""Document language.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Reserved: filled in by the work named above (no change yet)."""


def downgrade() -> None:
    """Reserved: nothing to undo yet."""
