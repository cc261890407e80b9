"""Claims: filtered lists, the timeline, the claim graph and per-claim receipts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from dossier.api.deps import MAX_OFFSET, StoreDep
from dossier.api.models import ClaimOut, Graph, Receipt
from dossier.api.render import respond
from dossier.intel.cards import add_cards, entity_context
from dossier.model import Predicate
from dossier.store.queries import claim_graph, claim_receipt, list_claims, merge_group

router = APIRouter(tags=["claims"])

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DateFrom = Annotated[str | None, Query(pattern=DATE, description="Claims dated on/after")]
DateTo = Annotated[str | None, Query(pattern=DATE, description="Claims dated on/before")]
EntityFilter = Annotated[
    str | None, Query(max_length=64, description="Entity id, as subject or object")
]


@router.get("/claims", response_model=list[ClaimOut])
def claims(
    request: Request,
    store: StoreDep,
    predicate: Annotated[Predicate | None, Query(description="Claim predicate")] = None,
    entity: EntityFilter = None,
    hedged: Annotated[bool | None, Query(description="Only hedged (or unhedged) claims")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> list[ClaimOut] | Response:
    """Claims filtered by predicate, entity, hedging and date range (ISO prefixes)."""
    rows = list_claims(
        store,
        predicate.value if predicate else None,
        entity,
        hedged,
        limit,
        date_from=date_from,
        date_to=date_to,
        offset=offset,
    )
    return respond(request, "claims.html", [ClaimOut(**r) for r in rows], title="Claims")


@router.get("/claims/{claim_id}", response_model=Receipt)
def receipt(request: Request, store: StoreDep, claim_id: str) -> Receipt | Response:
    """The receipt of a claim: sentence → claim → span → entity → list match → entry;
    each match with its card (the match in words)."""
    found = claim_receipt(store, claim_id)
    for party in found["entities"]:
        context = entity_context(store, merge_group(store, party["id"]), party["type"])
        add_cards(store, party["matches"], context)
    return respond(request, "receipt.html", Receipt(**found))


@router.get("/timeline", response_model=list[ClaimOut])
def timeline(
    request: Request,
    store: StoreDep,
    entity: EntityFilter = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> list[ClaimOut] | Response:
    """Dated claims in date order; `date_precision` says whether a date is a year,
    a month or a day."""
    rows = list_claims(
        store, entity_id=entity, date_from=date_from, date_to=date_to, dated=True, limit=1000
    )
    return respond(request, "timeline.html", [ClaimOut(**r) for r in rows])


@router.get("/graph", response_model=Graph)
def graph(request: Request, store: StoreDep, entity: EntityFilter = None) -> Graph | Response:
    """Entities linked by claims: an edge per predicate with its count and documents."""
    return respond(request, "graph.html", Graph(**claim_graph(store, entity)), entity=entity)
