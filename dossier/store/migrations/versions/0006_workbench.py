"""Web workbench: review decisions with their audit trail, full-text search.

- `review_decisions` becomes the audit trail of the review queue: who decided
  (`decided_by`) and whether the decision was undone (`undone_at`, `undone_by`); a
  decision is never deleted, so the entity page can say who rejected what and when.
- Full-text search over claim sentences and documents (title and text): SQLite FTS5
  tables kept by triggers, PostgreSQL GIN indexes on the `to_tsvector` expressions that
  `dossier.store.fulltext` queries (the SQL of both lives there, once).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from dossier.store.fulltext import create_statements, drop_statements

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the audit columns and the full-text indexes (filled from the rows stored)."""
    with op.batch_alter_table("review_decisions") as batch:
        batch.add_column(sa.Column("decided_by", sa.Text))
        batch.add_column(sa.Column("undone_at", sa.String(32)))
        batch.add_column(sa.Column("undone_by", sa.Text))
    op.create_index("ix_review_decisions_target", "review_decisions", ["target_type", "target_id"])
    for statement in create_statements(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    """Drop the full-text indexes and the audit columns."""
    for statement in drop_statements(op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_index("ix_review_decisions_target", "review_decisions")
    with op.batch_alter_table("review_decisions") as batch:
        batch.drop_column("undone_by")
        batch.drop_column("undone_at")
        batch.drop_column("decided_by")
