"""Login sessions: random, expiring, revocable.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Reserved: filled in by the work named above (no change yet)."""


def downgrade() -> None:
    """Reserved: nothing to undo yet."""
