"""Home page and search across entities and claim sentences."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from dossier.api.deps import SettingsDep, StoreDep
from dossier.api.models import ClaimOut, EntitySummary, Index, SearchResult
from dossier.api.render import respond
from dossier.store.queries import list_claims, list_entities

router = APIRouter(tags=["search"])

LINKS = {
    "search": "/search?q=",
    "entities": "/entities",
    "documents": "/documents",
    "claims": "/claims",
    "timeline": "/timeline",
    "graph": "/graph",
    "sources": "/sources",
    "review": "/review",
    "alerts": "/alerts",
    "openapi": "/openapi.json",
}


@router.get("/", response_model=Index)
def index(request: Request, store: StoreDep, settings: SettingsDep) -> Index | Response:
    """Table counts and links to every page."""
    data = Index(counts=store.counts(), writable=bool(settings.api_token), links=LINKS)
    return respond(request, "index.html", data)


@router.get("/search", response_model=SearchResult)
def search(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(max_length=200, description="Text to look for")] = "",
) -> SearchResult | Response:
    """Entities whose name or alias contains `q`, and claims whose sentence does."""
    term = q.strip()
    entities = list_entities(store, term, limit=50) if term else []
    claims = list_claims(store, text=term, limit=50) if term else []
    data = SearchResult(
        q=term,
        entities=[EntitySummary(**e) for e in entities],
        claims=[ClaimOut(**c) for c in claims],
    )
    return respond(request, "search.html", data)
