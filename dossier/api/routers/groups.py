"""Claim groups: the same claim across documents, corroboration and contradictions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from dossier.api.deps import StoreDep
from dossier.api.models import ClaimGroupOut
from dossier.api.render import respond
from dossier.intel.groups import build_groups
from dossier.model import Predicate
from dossier.store.queries import merge_group

router = APIRouter(tags=["claims"])


@router.get("/groups", response_model=list[ClaimGroupOut])
def groups(
    request: Request,
    store: StoreDep,
    predicate: Annotated[Predicate | None, Query(description="Claim predicate")] = None,
    entity: Annotated[
        str | None, Query(max_length=64, description="Entity id, as subject or object")
    ] = None,
    contested: Annotated[bool, Query(description="Only groups with a contradiction")] = False,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[ClaimGroupOut] | Response:
    """Claim groups, most documents first: each counts independent sources and echoes
    (syndicated copies, the same original source) and flags contradictions."""
    ids = merge_group(store, entity) if entity else None
    rows = [
        g
        for g in build_groups(store, ids)
        if (predicate is None or g["predicate"] == predicate.value)
        and (g["contradiction"] or not contested)
    ]
    data = [ClaimGroupOut(**g) for g in rows[:limit]]
    return respond(request, "groups.html", data, title="Claim groups")
