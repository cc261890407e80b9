"""Entities: search and detail."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from dossier.api.deps import StoreDep
from dossier.api.models import EntityDetail, EntitySummary
from dossier.model import EntityType
from dossier.store.queries import entity_detail, list_entities

router = APIRouter(tags=["entities"])


@router.get("/entities", response_model=list[EntitySummary])
def entities(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=200, description="Name or alias contains")] = None,
    type: Annotated[EntityType | None, Query(description="Entity type")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[EntitySummary]:
    """Search entities by name or alias, most mentioned first."""
    rows = list_entities(store, q, type.value if type else None, limit, offset)
    return [EntitySummary(**row) for row in rows]


@router.get("/entities/{entity_id}", response_model=EntityDetail)
def entity(store: StoreDep, entity_id: str) -> EntityDetail:
    """One entity with its aliases, mentions, claims and list matches."""
    return EntityDetail(**entity_detail(store, entity_id))
