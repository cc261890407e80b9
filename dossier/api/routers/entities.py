"""Entities: search and detail (HTML for browsers, JSON otherwise)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from dossier.api.deps import StoreDep
from dossier.api.models import Citation, EntityDetail, EntitySummary
from dossier.api.paging import PAGED, Flag, PageDep, flag, page_of, respond_page
from dossier.api.render import respond
from dossier.intel.cards import add_cards, entity_context
from dossier.model import EntityType
from dossier.store.citations import document_sources
from dossier.store.lists import EntityFilter
from dossier.store.queries import entity_detail, merge_group, page_entities

router = APIRouter(tags=["entities"])


@router.get("/entities", response_model=list[EntitySummary], responses=PAGED)
def entities(
    request: Request,
    store: StoreDep,
    paging: PageDep,
    q: Annotated[str | None, Query(max_length=200, description="Name or alias contains")] = None,
    type: Annotated[EntityType | None, Query(description="Entity type")] = None,
    sanctioned: Annotated[
        Flag | None, Query(description="Only entities with (true) or without (false) a list match")
    ] = None,
    document: Annotated[
        str | None, Query(max_length=64, description="Only entities mentioned in this document")
    ] = None,
) -> list[EntitySummary] | Response:
    """Entities by name or alias (LIKE wildcards taken literally), type, list match
    and document, most mentioned first; sort by `name`, `type`, `mentions`, `documents`.
    `lists` names the datasets an entity is matched on (rejected matches left out)."""
    f = EntityFilter(q or None, type.value if type else None, flag(sanctioned), document or None)
    page = page_of(request, EntitySummary, page_entities(store, f, paging.request), paging)
    return respond_page(request, "entities.html", page, paging, q=q or "", types=list(EntityType))


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
