"""Claim groups: the same claim across documents, corroboration and contradictions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from dossier.api.deps import StoreDep
from dossier.api.models import ClaimGroupOut
from dossier.api.paging import PAGED, PageDep, page_of, respond_page
from dossier.intel.groups import build_groups
from dossier.model import Predicate
from dossier.store.paging import slice_page
from dossier.store.queries import merge_group

router = APIRouter(tags=["claims"])


@router.get("/groups", response_model=list[ClaimGroupOut], responses=PAGED)
def groups(
    request: Request,
    store: StoreDep,
    paging: PageDep,
    predicate: Annotated[Predicate | None, Query(description="Claim predicate")] = None,
    entity: Annotated[
        str | None, Query(max_length=64, description="Entity id, as subject or object")
    ] = None,
    contested: Annotated[bool, Query(description="Only groups with a contradiction")] = False,
) -> list[ClaimGroupOut] | Response:
    """Claim groups, most documents first: each counts independent sources and echoes
    (syndicated copies, the same original source) and flags contradictions. Sort by
    `documents`, `sources`, `echoes`, `date`."""
    rows = group_rows(store, predicate.value if predicate else None, entity, contested)
    rows = sort_groups(rows, paging.request.sort)
    page = page_of(request, ClaimGroupOut, slice_page(rows, paging.request), paging)
    predicates = [p.value for p in Predicate]
    return respond_page(
        request, "groups.html", page, paging, title="Claim groups", predicates=predicates
    )


def group_rows(
    store: StoreDep, predicate: str | None, entity: str | None, contested: bool
) -> list[dict[str, Any]]:
    """The claim groups the filters keep, most documents first."""
    ids = merge_group(store, entity) if entity else None
    return [
        g
        for g in build_groups(store, ids)
        if (predicate is None or g["predicate"] == predicate)
        and (g["contradiction"] or not contested)
    ]


GROUP_SORTS = {"documents": "documents", "sources": "independent_sources", "echoes": "echoes"}


def sort_groups(rows: list[dict[str, Any]], sort: str | None) -> list[dict[str, Any]]:
    """Groups in the requested order (`-key` descends); the built order otherwise."""
    key = (sort or "").lstrip("-")
    descending = bool(sort and sort.startswith("-"))
    if key == "date":
        return sorted(rows, key=lambda g: g["date"] or "", reverse=descending)
    if key in GROUP_SORTS:
        field = GROUP_SORTS[key]
        return sorted(rows, key=lambda g: g[field], reverse=descending)
    return rows
