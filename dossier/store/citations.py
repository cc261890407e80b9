"""What a citation of stored documents needs: outlet, headline, byline, date, URL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from dossier.store import schema as t
from dossier.store.db import Store


def document_sources(store: Store, document_ids: list[str]) -> list[dict[str, Any]]:
    """The citation fields of these documents, newest report first (undated last)."""
    if not document_ids:
        return []
    d = t.documents.c
    stmt = select(
        d.id.label("document_id"),
        d.external_id.label("document"),
        d.title,
        d.url,
        d.published,
        d.author,
        d.site,
    ).where(d.id.in_(document_ids))
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
    return sorted(rows, key=lambda r: (r["published"] or "", r["document"]), reverse=True)
