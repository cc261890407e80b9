"""Near-duplicate links: documents carry a MinHash signature and the story they copy.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add `story_id` and `minhash` to documents; existing documents are their own story."""
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("story_id", sa.String(32), nullable=True))
        batch.add_column(sa.Column("minhash", sa.LargeBinary, nullable=True))
        batch.create_index("ix_documents_story_id", ["story_id"])
    op.execute("UPDATE documents SET story_id = id WHERE story_id IS NULL")


def downgrade() -> None:
    """Drop the story links."""
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_story_id")
        batch.drop_column("minhash")
        batch.drop_column("story_id")
