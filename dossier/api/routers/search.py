"""Home page and search: entities and list records by name (through the screening
index, so transliterations and spacing variants meet), documents and claim sentences
by full text; each kind a page with its total."""

from __future__ import annotations

import threading
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from starlette.datastructures import State
from starlette.responses import Response

from dossier.api.deps import MAX_OFFSET, SettingsDep, StoreDep
from dossier.api.models import (
    AlertOut,
    ClaimOut,
    DocumentSummary,
    EntitySummary,
    FoundEntity,
    FoundRecord,
    Home,
    SearchResult,
)
from dossier.api.paging import Page
from dossier.api.render import render, respond, wants_html
from dossier.api.routers.groups import group_rows
from dossier.api.routers.match import index_cache
from dossier.api.yente import resolve_scope
from dossier.lists.alert_rows import list_alerts
from dossier.screen.screener import ScreenConfig, screen_name
from dossier.store.db import Store
from dossier.store.finder import EntityFinder, Found
from dossier.store.lists import ClaimFilter, DocumentFilter, EntityFilter
from dossier.store.paging import PageRequest, Rows, slice_page
from dossier.store.queries import matched_entities, page_claims, page_documents, page_entities

router = APIRouter(tags=["search"])

LINKS = {
    "search": "/search?q=",
    "entities": "/entities",
    "documents": "/documents",
    "claims": "/claims",
    "groups": "/groups",
    "timeline": "/timeline",
    "graph": "/graph",
    "sources": "/sources",
    "review": "/review",
    "alerts": "/alerts",
    "openapi": "/openapi.json",
}

Kind = Literal["entities", "records", "documents", "claims"]
SEARCH_PAGE = 20
"""Results of each kind on the search page; `next` pages through one kind."""

RECORD_CUTOFF = 0.5
"""yente's default score cutoff: list records under it are not shown."""

RECORD_LIMIT = 100
"""Most list records one search reads from the index (the total counts those)."""

_finder_lock = threading.Lock()


@router.get("/", response_model=Home)
def index(request: Request, store: StoreDep, settings: SettingsDep) -> Home | Response:
    """What is new and what matters: recent list alerts, the newest reports, the
    sanctioned parties in the corpus and the contested claim groups, with counts."""
    newest = page_documents(store, DocumentFilter(), PageRequest(8, 0, "-published"))
    listed = page_entities(store, EntityFilter(sanctioned=True), PageRequest(12))
    contested = group_rows(store, None, None, True)
    data = Home(
        counts=store.counts(),
        writable=bool(settings.api_token),
        links=LINKS,
        alerts=[AlertOut(**a) for a in list_alerts(store, limit=8)],
        newest=[DocumentSummary(**d) for d in newest.items],
        sanctioned=[EntitySummary(**e) for e in listed.items],
        sanctioned_total=listed.total,
        contested=contested[:8],
        contested_total=len(contested),
    )
    return respond(request, "index.html", data)


@router.get("/search", response_model=SearchResult)
def search(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(max_length=200, description="Name, words or a phrase")] = "",
    kind: Annotated[Kind | None, Query(description="Page through this kind only")] = None,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = SEARCH_PAGE,
) -> SearchResult | Response:
    """Entities whose names meet `q` (screening index: 'Ghods Aviation' finds Qods
    Aviation Industries, 'Shahed 136' Shahed-136; then names containing it), list
    records by name with the corpus entities matched to them, documents and claims
    whose text has every word of `q` (full text, stemmed: 'drones delivered')."""
    term = q.strip()

    def page(of: Kind) -> PageRequest:
        return PageRequest(limit, offset if kind == of else 0)

    pages: dict[str, Page[Any]] = {
        "entities": _entities(request, store, term, page("entities")),
        "records": _records(request, store, term, page("records")),
        "documents": _documents(request, store, term, page("documents")),
        "claims": _claims(request, store, term, page("claims")),
    }
    data = SearchResult(
        q=term,
        kind=kind,
        **{k: p.items for k, p in pages.items()},
        totals={k: p.total for k, p in pages.items()},
        next={k: p.next for k, p in pages.items()},
    )
    if wants_html(request):
        return render(request, "search.html", {"data": data, "pages": pages})
    return data


def _next(request: Request, kind: str, page: PageRequest, total: int) -> str | None:
    if page.offset + page.limit >= total:
        return None
    url = request.url.include_query_params(kind=kind, offset=page.offset + page.limit)
    return f"{url.path}?{url.query}"


def _paged(
    request: Request, kind: str, model: Any, rows: Rows | None, page: PageRequest
) -> Page[Any]:
    items, total = (rows.items, rows.total) if rows else ([], 0)
    built: Page[Any] = Page[model](
        items=[model(**r) for r in items],
        total=total,
        offset=page.offset,
        limit=page.limit,
        next=_next(request, kind, page, total),
    )
    return built


def _documents(request: Request, store: Store, q: str, page: PageRequest) -> Page[Any]:
    rows = page_documents(store, DocumentFilter(q=q), page) if q else None
    return _paged(request, "documents", DocumentSummary, rows, page)


def _claims(request: Request, store: Store, q: str, page: PageRequest) -> Page[Any]:
    rows = page_claims(store, ClaimFilter(text=q), page) if q else None
    return _paged(request, "claims", ClaimOut, rows, page)


def entity_finder(state: State) -> EntityFinder:
    """The app's entity index (built on first use)."""
    with _finder_lock:
        finder = getattr(state, "entity_finder", None)
        if finder is None:
            finder = state.entity_finder = EntityFinder()
    return finder


def _entities(request: Request, store: Store, q: str, page: PageRequest) -> Page[Any]:
    """Index hits best first, then entities whose names contain `q`, one page."""
    if not q:
        return _paged(request, "entities", FoundEntity, None, page)
    found = {f.entity_id: f for f in entity_finder(request.app.state).find(store, q)}
    hits = page_entities(store, EntityFilter(ids=tuple(found)), PageRequest(len(found) or 1))
    substring = page_entities(store, EntityFilter(q=q), PageRequest(1000))
    rows = sorted(hits.items, key=lambda r: -found[r["id"]].score)
    rows += [r for r in substring.items if r["id"] not in found]
    for row in rows:
        hit: Found | None = found.get(row["id"])
        row["matched_name"], row["score"] = (hit.name, hit.score) if hit else (None, None)
    return _paged(request, "entities", FoundEntity, slice_page(rows, page), page)


def _records(request: Request, store: Store, q: str, page: PageRequest) -> Page[Any]:
    """List records whose names meet `q`, best first, with the entities matched to them."""
    if not q:
        return _paged(request, "records", FoundRecord, None, page)
    index = index_cache(request.app.state).get(store, resolve_scope("default", lambda: ()))
    cfg = ScreenConfig(limit=RECORD_LIMIT, max_compares=4 * RECORD_LIMIT, cutoff=RECORD_CUTOFF)
    results = [r for r in screen_name(index, q, cfg) if r.score >= RECORD_CUTOFF]
    linked = matched_entities(store, [r.record.id for r in results])
    rows = [
        {
            "id": r.record.id,
            "dataset": r.record.dataset,
            "list_id": r.record.list_id,
            "record_schema": r.record.schema,
            "name": r.record.name,
            "aliases": list(r.record.aliases),
            "programs": list(r.record.programs),
            "listed_on": r.record.listed_on,
            "matched_name": str(r.explanation.get("matched_name", r.record.name)),
            "score": r.score,
            "entities": linked.get(r.record.id, []),
        }
        for r in results
    ]
    return _paged(request, "records", FoundRecord, slice_page(rows, page), page)
