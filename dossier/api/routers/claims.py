"""Claims: filtered lists, the timeline, the claim graph and per-claim receipts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from dossier.api.deps import StoreDep
from dossier.api.models import Citation, ClaimOut, Graph, Receipt, Timeline
from dossier.api.paging import PAGED, Flag, PageDep, flag, page_of, respond_page
from dossier.api.render import respond
from dossier.intel.cards import add_cards, entity_context
from dossier.model import Predicate
from dossier.store import schema as t
from dossier.store.citations import document_sources
from dossier.store.lists import ClaimFilter, facet_values
from dossier.store.queries import claim_graph, claim_receipt, merge_group, page_claims
from dossier.store.timelines import GraphFilter, entity_name, timeline_data

router = APIRouter(tags=["claims"])

# Empty is allowed: a filter form submits its blank fields.
DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
DateFrom = Annotated[str | None, Query(pattern=DATE, description="Claims dated on/after")]
DateTo = Annotated[str | None, Query(pattern=DATE, description="Claims dated on/before")]
EntityFilter = Annotated[
    str | None, Query(max_length=64, description="Entity id, as subject or object")
]


@router.get("/claims", response_model=list[ClaimOut], responses=PAGED)
def claims(
    request: Request,
    store: StoreDep,
    paging: PageDep,
    predicate: Annotated[Predicate | None, Query(description="Claim predicate")] = None,
    entity: EntityFilter = None,
    hedged: Annotated[
        Flag | None, Query(description="Only hedged (true) or unhedged (false) claims")
    ] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    source: Annotated[
        str | None, Query(max_length=200, description="Document id, or the outlet (site)")
    ] = None,
    q: Annotated[str | None, Query(max_length=200, description="Full text of the sentence")] = None,
) -> list[ClaimOut] | Response:
    """Claims filtered by predicate, entity, hedging, source, sentence text and date: a
    claim dated '2023' or '2023-05' is kept by any filter whose period overlaps it. Sort
    by `date`, `predicate`, `subject`, `object`, `document`."""
    ids = tuple(merge_group(store, entity)) if entity else None
    f = ClaimFilter(
        predicate=predicate.value if predicate else None,
        entity_ids=ids,
        hedged=flag(hedged),
        date_from=date_from or None,
        date_to=date_to or None,
        source=source or None,
        text=q or None,
    )
    page = page_of(request, ClaimOut, page_claims(store, f, paging.request), paging)
    return respond_page(request, "claims.html", page, paging, title="Claims", **claim_facets(store))


def claim_facets(store: StoreDep) -> dict[str, list[str]]:
    """The choices of the claims filters: predicates, sources (sites, then documents)."""
    with store.engine.connect() as conn:
        sites = facet_values(conn, t.documents.c.site)
    return {"predicates": [p.value for p in Predicate], "sites": sites}


@router.get("/claims/{claim_id}", response_model=Receipt)
def receipt(request: Request, store: StoreDep, claim_id: str) -> Receipt | Response:
    """The receipt of a claim: sentence → claim → span → entity → list match → entry;
    each match with its card (the match in words)."""
    found = claim_receipt(store, claim_id)
    for party in found["entities"]:
        context = entity_context(store, merge_group(store, party["id"]), party["type"])
        add_cards(store, party["matches"], context)
    return respond(request, "receipt.html", Receipt(**found))


@router.get("/timeline", response_model=Timeline)
def timeline(
    request: Request,
    store: StoreDep,
    entity: EntityFilter = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> Timeline | Response:
    """Dated claims in date order, copies of one story folded into one item (`copies`
    counts them); with an entity, its name and the listing dates of its list matches
    (`listings`) as markers. `date_precision` says whether a date is a year, a month or
    a day."""
    data = Timeline(**timeline_data(store, entity, date_from or None, date_to or None))
    return respond(request, "timeline.html", data)


@router.get("/graph", response_model=Graph)
def graph(
    request: Request,
    store: StoreDep,
    entity: EntityFilter = None,
    predicate: Annotated[Predicate | None, Query(description="Only this predicate")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> Graph | Response:
    """Entities linked by claims: an edge per predicate with its count and documents;
    nodes say which lists an entity is matched on. Filters: predicate, date period."""
    f = GraphFilter(predicate.value if predicate else None, date_from or None, date_to or None)
    found = claim_graph(store, entity, where=f)
    ids = sorted({d for edge in found["edges"] for d in edge["documents"]})
    cited = (Citation.of(row) for row in document_sources(store, ids))
    data = Graph(**found, sources={c.document_id: c for c in cited if c is not None})
    return respond(
        request,
        "graph.html",
        data,
        entity=entity,
        predicates=[p.value for p in Predicate],
        name=entity_name(store, entity),
    )
