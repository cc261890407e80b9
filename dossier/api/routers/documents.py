"""Documents: list, detail with text, body span, mentions and claims; sources."""

from __future__ import annotations

import itertools
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from dossier.api.deps import StoreDep
from dossier.api.models import DocumentDetail, DocumentSummary, Source
from dossier.api.paging import PAGED, PageDep, page_of, respond_page
from dossier.api.render import respond
from dossier.store import schema as t
from dossier.store.lists import DocumentFilter, facet_values
from dossier.store.queries import document_detail, page_documents, page_sources

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"

router = APIRouter(tags=["documents"])


@router.get("/documents", response_model=list[DocumentSummary], responses=PAGED)
def documents(
    request: Request,
    store: StoreDep,
    paging: PageDep,
    q: Annotated[
        str | None, Query(max_length=200, description="Full text of title and text")
    ] = None,
    site: Annotated[str | None, Query(max_length=200, description="Outlet or site")] = None,
    language: Annotated[str | None, Query(max_length=8, description="Language code")] = None,
    published_from: Annotated[
        str | None, Query(pattern=DATE, description="From (ISO prefix)")
    ] = None,
    published_to: Annotated[str | None, Query(pattern=DATE, description="To (ISO prefix)")] = None,
) -> list[DocumentSummary] | Response:
    """Stored documents with their claim and mention counts, one page at a time:
    sort by `published`, `title`, `site`, `ingested`, `claims`, `mentions`, `length`."""
    f = DocumentFilter(q or None, site or None, language or None, published_from, published_to)
    page = page_of(request, DocumentSummary, page_documents(store, f, paging.request), paging)
    with store.engine.connect() as conn:
        sites = facet_values(conn, t.documents.c.site)
    return respond_page(request, "documents.html", page, paging, sites=sites)


@router.get("/documents/{document_id}", response_model=DocumentDetail)
def document(request: Request, store: StoreDep, document_id: str) -> DocumentDetail | Response:
    """A document's full text, its body span, mentions and claims."""
    detail = DocumentDetail(**document_detail(store, document_id))
    return respond(request, "document.html", detail, segments=segments(detail))


@router.get("/sources", response_model=list[Source], responses=PAGED)
def sources(request: Request, store: StoreDep, paging: PageDep) -> list[Source] | Response:
    """Where every document came from, and how many claims and mentions it gave, one page
    at a time (sorts as /documents)."""
    page = page_of(request, Source, page_sources(store, paging.request), paging)
    return respond_page(request, "sources.html", page, paging)


def segments(doc: DocumentDetail) -> list[dict[str, Any]]:
    """Split a document's text into plain, mention and claim-sentence pieces.

    The template escapes each piece, so highlighting never needs `|safe`.
    """
    cuts = {0, len(doc.text), doc.body_start, doc.body_end}
    for m in doc.mentions:
        cuts.update((m.start, m.end))
    for c in doc.claims:
        cuts.update((c.evidence_start, c.evidence_end))
    points = sorted(p for p in cuts if 0 <= p <= len(doc.text))
    pieces = []
    for start, end in itertools.pairwise(points):
        mention = next((m for m in doc.mentions if m.start <= start and end <= m.end), None)
        claims = [c for c in doc.claims if c.evidence_start <= start and end <= c.evidence_end]
        pieces.append(
            {
                "text": doc.text[start:end],
                "mention": mention,
                "claims": [c.id for c in claims],
                "anchors": sorted({c.id for c in claims if c.evidence_start == start}),
                "body": doc.body_start <= start and end <= doc.body_end,
            }
        )
    return pieces
