"""Review: the queue of list matches and decisions (accept/reject, merge/split).

Decisions are stored in `review_decisions`; the latest decision for a target wins and
reads respect it (a rejected match is no longer shown as a match, merged entities are
read together). `POST /review` is the API; `POST /review/form` serves the HTML forms.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from dossier.api.deps import SettingsDep, StoreDep, WriterDep
from dossier.api.errors import WRITE_ERRORS
from dossier.api.models import ReviewIn, ReviewItem, ReviewOut
from dossier.api.render import respond
from dossier.api.security import authorize
from dossier.store.queries import pair_id, record_decision, review_queue

router = APIRouter(tags=["review"])


@router.get("/review", response_model=list[ReviewItem])
def queue(
    request: Request,
    store: StoreDep,
    status: Annotated[
        Literal["pending", "accept", "reject"] | None, Query(description="Review status")
    ] = None,
) -> list[ReviewItem] | Response:
    """Every list match with its review status, pending first."""
    rows = [ReviewItem(**r) for r in review_queue(store, status)]
    return respond(request, "review.html", rows, status=status or "")


@router.post(
    "/review",
    response_model=ReviewOut,
    status_code=201,
    responses=WRITE_ERRORS,
)
def decide(store: StoreDep, _writer: WriterDep, body: ReviewIn) -> ReviewOut:
    """Record a decision: accept/reject a match (target_type `match`), or merge/split
    two entities (target_type `entity_pair`, target_id `idA|idB`)."""
    return ReviewOut(**record_decision(store, *_target(body), body.note))


@router.post("/review/form", include_in_schema=False)
def decide_form(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    target_type: Annotated[Literal["match", "entity_pair"], Form()],
    target_id: Annotated[str, Form(max_length=64)],
    decision: Annotated[Literal["accept", "reject", "merge", "split"], Form()],
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/review",
    other: Annotated[str, Form(max_length=32)] = "",
) -> Response:
    """The HTML form version of `POST /review`: session cookie + CSRF field. For an
    entity pair, `target_id` may be one entity and `other` the second."""
    authorize(request, settings.api_token, csrf_token)
    if target_type == "entity_pair" and other.strip():
        target_id = pair_id(target_id, other.strip())
    body = ReviewIn(target_type=target_type, target_id=target_id, decision=decision)
    record_decision(store, *_target(body))
    return RedirectResponse(safe_next(next), status_code=303)


def _target(body: ReviewIn) -> tuple[str, str, str]:
    target_id = body.target_id
    if body.target_type == "entity_pair" and target_id.count("|") == 1:
        target_id = pair_id(*target_id.split("|"))
    return body.target_type, target_id, body.decision


def safe_next(url: str) -> str:
    """A same-site path to go back to after a form, never another host."""
    return url if url.startswith("/") and not url.startswith("//") and "\\" not in url else "/"
