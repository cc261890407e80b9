"""Feed watching: per-feed poll state, the watch-list.

Also two `documents` columns: `text_source` (a feed item's own text stood in for its
page) and `page_starts` (where each page of a PDF starts in the text).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create `feeds`, `feed_items`, `watchlist`; add the two `documents` columns."""
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("text_source", sa.Text))
        batch.add_column(sa.Column("page_starts", sa.JSON))
    op.create_table(
        "feeds",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("last_polled_at", sa.String(32)),
        sa.Column("next_poll_at", sa.String(32)),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
    )
    op.create_table(
        "feed_items",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("feed_url", sa.Text, nullable=False),
        sa.Column("item_key", sa.Text, nullable=False),
        sa.Column("document_id", sa.String(32)),
        sa.Column("seen_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "watchlist",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("added_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    """Drop the watch tables and the two `documents` columns."""
    op.drop_table("watchlist")
    op.drop_table("feed_items")
    op.drop_table("feeds")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("page_starts")
        batch.drop_column("text_source")
