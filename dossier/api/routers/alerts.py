"""Alerts: stored entities whose list matches changed when lists were reloaded, and news
about watched parties (new claims, new list matches); pages of them with a total."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from dossier.api.deps import StoreDep
from dossier.api.models import AlertOut
from dossier.api.paging import next_url
from dossier.api.render import respond
from dossier.lists.alert_rows import count_alerts, list_alerts
from dossier.store.paging import PageRequest
from dossier.store.watch import watched_entity_ids

router = APIRouter(tags=["alerts"])

# Empty is allowed: the page's date field submits `since=` when left blank.
SINCE = r"^(\d{4}-\d{2}-\d{2}([T ][0-9:.+-]+Z?)?)?$"
TOTAL_HEADER = "X-Total-Count"
"""The number of alerts matching the filters, over all pages (the body is one page)."""


@router.get("/alerts", response_model=list[AlertOut])
def alerts(
    request: Request,
    response: Response,
    store: StoreDep,
    since: Annotated[
        str | None, Query(pattern=SINCE, description="Alerts from this date (YYYY-MM-DD) on")
    ] = None,
    entity: Annotated[
        str | None, Query(max_length=64, description="Only alerts about this entity id")
    ] = None,
    watched: Annotated[
        bool, Query(description="Only alerts about parties on the watch-list")
    ] = False,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Alerts to skip")] = 0,
) -> list[AlertOut] | Response:
    """Entities whose list matches changed when a list was reloaded, newest first:
    newly designated, newly matched, delisted, no longer matched, programs added or
    removed, listing date changed, listing ended; each with the date of the load. With
    a watch-list, also `new_claim` and `new_match` about watched parties. The
    `X-Total-Count` header gives the number of alerts over all pages, and `Link` the
    next page unless this is the last."""
    ids = alert_scope(store, entity, watched)
    rows = list_alerts(store, since or None, ids, limit, offset)
    total = count_alerts(store, since or None, ids)
    headers = {TOTAL_HEADER: str(total)}
    following = next_url(request, PageRequest(limit, offset), total)
    if following:
        headers["Link"] = f'<{following}>; rel="next"'
    response.headers.update(headers)
    page = respond(request, "alerts.html", [AlertOut(**r) for r in rows], since=since or "")
    if isinstance(page, Response):
        page.headers.update(headers)
    return page


def alert_scope(store: StoreDep, entity: str | None, watched: bool) -> list[str] | None:
    """The entity ids alerts are restricted to (None: all of them)."""
    ids: set[str] | None = None
    if watched:
        ids = set(watched_entity_ids(store))
    if entity:
        ids = {entity} if ids is None else ids & {entity}
    return None if ids is None else sorted(ids)
