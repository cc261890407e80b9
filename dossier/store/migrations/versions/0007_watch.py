"""Feed watching: per-feed poll state, the watch-list.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Reserved: filled in by the work named above (no change yet)."""


def downgrade() -> None:
    """Reserved: nothing to undo yet."""
