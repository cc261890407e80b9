"""Document author and site, a table of ingest failures, and an index on `ingested_at`
(an ingest reads the documents other processes stored since its last one by it).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add `author` and `site` to documents, index `ingested_at`; create `ingest_errors`."""
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("author", sa.Text, nullable=True))
        batch.add_column(sa.Column("site", sa.Text, nullable=True))
    op.create_index("ix_documents_ingested_at", "documents", ["ingested_at"])
    op.create_table(
        "ingest_errors",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("occurred_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    """Drop `ingest_errors` and the document metadata columns."""
    op.drop_table("ingest_errors")
    op.drop_index("ix_documents_ingested_at", table_name="documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("site")
        batch.drop_column("author")
