"""Document language: whether claims were extracted, and each stored document's language.

`documents.language` existed from 0001 but was only what a page declared ("en" by
default). From this revision every document's language is detected from its body
(py3langid) when it is extracted; `claims_extracted` is false for a document in a
language dossier has no claim rules for, so that "no claims" can be told from "not read".
Documents stored before keep `claims_extracted` true (they went through the English
rules) and get their language detected here, in batches, so that `show` and the pages
say what they are written in.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

BATCH = 500


def upgrade() -> None:
    """Add `documents.claims_extracted` and index `language`; detect stored languages."""
    with op.batch_alter_table("documents") as batch:
        batch.add_column(
            sa.Column("claims_extracted", sa.Boolean, nullable=False, server_default=sa.true())
        )
    op.create_index("ix_documents_language", "documents", ["language"])
    _detect_stored_languages()


def _detect_stored_languages() -> None:
    from dossier.extract.languages.detect import detect_language

    bind = op.get_bind()
    docs = sa.table(
        "documents",
        sa.column("id", sa.String),
        sa.column("text", sa.Text),
        sa.column("body_start", sa.Integer),
        sa.column("body_end", sa.Integer),
        sa.column("language", sa.String),
    )
    last = ""
    while True:
        rows = bind.execute(
            sa.select(docs.c.id, docs.c.text, docs.c.body_start, docs.c.body_end)
            .where(docs.c.id > last)
            .order_by(docs.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        for row in rows:
            body = row.text[row.body_start : row.body_end]
            found = detect_language(body)
            bind.execute(sa.update(docs).where(docs.c.id == row.id).values(language=found))
        last = rows[-1].id


def downgrade() -> None:
    """Drop the column and the index (detected languages stay: they are truer)."""
    op.drop_index("ix_documents_language", "documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("claims_extracted")
