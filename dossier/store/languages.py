"""Languages of stored documents: what `dossier show` and the pages say they are written in."""

from __future__ import annotations

from sqlalchemy import func, select

from dossier.store import schema as t
from dossier.store.db import Store


def document_languages(store: Store, document_ids: list[str]) -> dict[str, int]:
    """How many of the documents `document_ids` are in each detected language."""
    if not document_ids:
        return {}
    d = t.documents.c
    stmt = (
        select(d.language, func.count())
        .where(d.id.in_(document_ids))
        .group_by(d.language)
        .order_by(d.language)
    )
    with store.engine.connect() as conn:
        return {language: int(count) for language, count in conn.execute(stmt)}
