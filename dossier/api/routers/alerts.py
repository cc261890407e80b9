"""Alerts: stored entities whose list matches changed when lists were reloaded."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from dossier.api.deps import StoreDep
from dossier.api.models import AlertOut
from dossier.api.render import respond
from dossier.store.alerts import list_alerts

router = APIRouter(tags=["alerts"])

# Empty is allowed: the page's date field submits `since=` when left blank.
SINCE = r"^(\d{4}-\d{2}-\d{2}([T ][0-9:.+-]+Z?)?)?$"


@router.get("/alerts", response_model=list[AlertOut])
def alerts(
    request: Request,
    store: StoreDep,
    since: Annotated[
        str | None, Query(pattern=SINCE, description="Alerts from this date (YYYY-MM-DD) on")
    ] = None,
    entity: Annotated[
        str | None, Query(max_length=64, description="Only alerts about this entity id")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
) -> list[AlertOut] | Response:
    """Entities whose list matches changed when a list was reloaded, newest first:
    newly designated, newly matched, delisted, no longer matched, programs added or
    removed, listing date changed, listing ended; each with the date of the load."""
    rows = list_alerts(store, since or None, [entity] if entity else None, limit)
    return respond(request, "alerts.html", [AlertOut(**r) for r in rows], since=since or "")
