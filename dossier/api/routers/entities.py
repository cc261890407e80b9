"""Entities: search and detail (HTML for browsers, JSON otherwise)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from dossier.api.deps import MAX_OFFSET, StoreDep
from dossier.api.models import Citation, EntityDetail, EntitySummary
from dossier.api.render import respond
from dossier.intel.cards import add_cards, entity_context
from dossier.model import EntityType
from dossier.store.citations import document_sources
from dossier.store.queries import entity_detail, list_entities, merge_group

router = APIRouter(tags=["entities"])


@router.get("/entities", response_model=list[EntitySummary])
def entities(
    request: Request,
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=200, description="Name or alias contains")] = None,
    type: Annotated[EntityType | None, Query(description="Entity type")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> list[EntitySummary] | Response:
    """Search entities by name or alias, most mentioned first."""
    rows = list_entities(store, q, type.value if type else None, limit, offset)
    return respond(request, "entities.html", [EntitySummary(**row) for row in rows], q=q or "")


@router.get("/entities/{entity_id}", response_model=EntityDetail)
def entity(request: Request, store: StoreDep, entity_id: str) -> EntityDetail | Response:
    """One entity with its aliases, mentions, claims, list matches and neighbours; each
    match carries its card: the listed party's particulars, the score in words and the
    facts that speak against it."""
    found = entity_detail(store, entity_id)
    context = entity_context(store, merge_group(store, found["id"]), found["type"])
    add_cards(store, found["matches"], context)
    sources = document_sources(store, found["documents"])
    cited = [c for row in sources if (c := Citation.of(row)) is not None]
    detail = EntityDetail(**found, sources=cited)
    return respond(request, "entity.html", detail)
