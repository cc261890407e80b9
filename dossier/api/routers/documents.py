"""Documents: list, detail with text, body span, mentions and claims; sources."""

from __future__ import annotations

import itertools
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from dossier.api.deps import MAX_OFFSET, StoreDep
from dossier.api.models import DocumentDetail, DocumentSummary, Source
from dossier.api.render import respond
from dossier.store.queries import document_detail, list_documents, list_sources

router = APIRouter(tags=["documents"])


@router.get("/documents", response_model=list[DocumentSummary])
def documents(
    request: Request,
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> list[DocumentSummary] | Response:
    """Stored documents with their claim and mention counts."""
    rows = [DocumentSummary(**r) for r in list_documents(store, limit, offset)]
    return respond(request, "documents.html", rows)


@router.get("/documents/{document_id}", response_model=DocumentDetail)
def document(request: Request, store: StoreDep, document_id: str) -> DocumentDetail | Response:
    """A document's full text, its body span, mentions and claims."""
    detail = DocumentDetail(**document_detail(store, document_id))
    return respond(request, "document.html", detail, segments=segments(detail))


@router.get("/sources", response_model=list[Source])
def sources(request: Request, store: StoreDep) -> list[Source] | Response:
    """Where every document came from, and how many claims and mentions it gave."""
    return respond(request, "sources.html", [Source(**r) for r in list_sources(store)])


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
