"""Page numbers of claims read from paged sources (PDF reports): "p. 4" on a receipt.

A document read from a PDF stores where each page starts in its text
(`documents.page_starts`, `ingest/pdf.py`); a claim's page is the one holding the start
of its evidence. Documents that are not paged give `page` None.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from dossier.model import page_at
from dossier.store import schema as t
from dossier.store.db import Store


def with_pages(store: Store, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Set each claim row's `page` (from its `document_id` and `evidence_start`)."""
    doc_ids = sorted({c["document_id"] for c in claims})
    d = t.documents.c
    with store.engine.connect() as conn:
        stmt = select(d.id, d.page_starts).where(d.id.in_(doc_ids), d.page_starts.is_not(None))
        starts = {row[0]: row[1] for row in conn.execute(stmt)}
    for claim in claims:
        claim["page"] = page_at(starts.get(claim["document_id"]) or [], claim["evidence_start"])
    return claims


def page_label(page: int | None) -> str:
    """`p. 4`, or an empty string for an unpaged document."""
    return f"p. {page}" if page else ""
