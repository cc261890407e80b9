"""Review: the queue of list matches and decisions (accept/reject, merge/split), bulk
decisions per entity and undo, with their audit trail (who, when, why).

Decisions are stored in `review_decisions` (`dossier/store/review.py`); the latest one
not undone holds and reads respect it (a rejected match is no longer shown as a match,
merged entities are read together). `POST /review`, `/review/bulk` and `/review/undo`
are the API (the queue page calls them with its session and CSRF token, so a decision
never reloads or reorders the page); the `/form` twins serve browsers without script.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from dossier.api.deps import SettingsDep, StoreDep, WriterDep
from dossier.api.errors import WRITE_ERRORS
from dossier.api.models import BulkReviewIn, ReviewIn, ReviewItem, ReviewOut, UndoIn
from dossier.api.paging import PAGED, PageDep, page_of, respond_page
from dossier.api.security import authorize
from dossier.intel.cards import add_cards, entity_context
from dossier.store.db import Store
from dossier.store.paging import slice_page
from dossier.store.queries import find_entity_id, merge_group, review_queue
from dossier.store.review import decide_entity_matches, pair_id, record_decision, undo_decision

router = APIRouter(tags=["review"])

Status = Literal["pending", "accept", "reject"]


@router.get("/review", response_model=list[ReviewItem], responses=PAGED)
def queue(
    request: Request,
    store: StoreDep,
    paging: PageDep,
    status: Annotated[Status | None, Query(description="Review status")] = None,
) -> list[ReviewItem] | Response:
    """Every list match with its review status, pending first: the sentence naming the
    entity, the list record's particulars, the score parts and the decision that holds
    (who, when, why)."""
    rows = slice_page(review_queue(store, status), paging.request)
    with_cards(store, rows.items)
    page = page_of(request, ReviewItem, rows, paging)
    return respond_page(request, "review.html", page, paging, status=status or "")


def with_cards(store: Store, rows: list[dict[str, Any]]) -> None:
    """Give each match its card (the record's particulars, the score in words), read
    against its own entity's mentions."""
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_entity.setdefault(row["canonical_id"], []).append(row)
    for entity_id, matches in by_entity.items():
        context = entity_context(store, merge_group(store, entity_id), matches[0]["entity_type"])
        add_cards(store, matches, context)


@router.post("/review", response_model=ReviewOut, status_code=201, responses=WRITE_ERRORS)
def decide(store: StoreDep, writer: WriterDep, body: ReviewIn) -> ReviewOut:
    """Record a decision: accept/reject a match (target_type `match`), or merge/split
    two entities (target_type `entity_pair`, target_id `idA|idB`), with a note (why)
    and the reviewer's name (who; the way they signed in if not given)."""
    row = record_decision(store, *_target(body), body.note, body.reviewer or writer)
    return ReviewOut(**row)


@router.post(
    "/review/bulk", response_model=list[ReviewOut], status_code=201, responses=WRITE_ERRORS
)
def decide_bulk(store: StoreDep, writer: WriterDep, body: BulkReviewIn) -> list[ReviewOut]:
    """One decision on every pending match of an entity and those merged with it
    ('reject all for this entity'); decided matches keep their decision."""
    rows = _bulk(store, body.entity_id, body.decision, body.note, body.reviewer or writer)
    return [ReviewOut(**r) for r in rows]


@router.post("/review/undo", response_model=ReviewOut, responses=WRITE_ERRORS)
def undo(store: StoreDep, writer: WriterDep, body: UndoIn) -> ReviewOut:
    """Undo a decision (kept in the audit trail, marked undone): the decision before
    it, or pending, holds again."""
    return ReviewOut(**undo_decision(store, body.decision_id, body.reviewer or writer))


@router.post("/review/undo/form", include_in_schema=False)
def undo_form(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    decision_id: Annotated[str, Form(max_length=64)],
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/review",
    reviewer: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """The HTML form version of `POST /review/undo`."""
    how = authorize(request, settings.api_token, csrf_token)
    undo_decision(store, decision_id, reviewer.strip() or how)
    return RedirectResponse(safe_next(next), status_code=303)


def _bulk(
    store: Store, entity_id: str, decision: str, note: str | None, by: str
) -> list[dict[str, object]]:
    return decide_entity_matches(store, merge_group(store, entity_id), decision, note, by)


@router.post("/review/form", include_in_schema=False)
def decide_form(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    target_type: Annotated[Literal["match", "entity_pair", "entity"], Form()],
    target_id: Annotated[str, Form(max_length=64)],
    decision: Annotated[Literal["accept", "reject", "merge", "split"], Form()],
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/review",
    other: Annotated[str, Form(max_length=300)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
    reviewer: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """The HTML form version of `POST /review` (and, with target_type `entity`, of
    `/review/bulk`): session cookie + CSRF field. For an entity pair, `target_id` may
    be one entity and `other` the second, by id or by name."""
    how = authorize(request, settings.api_token, csrf_token)
    by = reviewer.strip() or how
    if target_type == "entity":
        _bulk(store, target_id, decision, note or None, by)
        return RedirectResponse(safe_next(next), status_code=303)
    if target_type == "entity_pair" and other.strip():
        target_id = pair_id(target_id, find_entity_id(store, other.strip()))
    body = ReviewIn(target_type=target_type, target_id=target_id, decision=decision)
    record_decision(store, *_target(body), note or None, by)
    return RedirectResponse(safe_next(next), status_code=303)


def _target(body: ReviewIn) -> tuple[str, str, str]:
    target_id = body.target_id
    if body.target_type == "entity_pair" and target_id.count("|") == 1:
        target_id = pair_id(*target_id.split("|"))
    return body.target_type, target_id, body.decision


def safe_next(url: str) -> str:
    """A same-site path to go back to after a form, never another host."""
    return url if url.startswith("/") and not url.startswith("//") and "\\" not in url else "/"
