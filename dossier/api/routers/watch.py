"""The watch-list and what is new about it: `/whats-new` (page and JSON), `/alerts.atom`
(an Atom feed for feed readers), `/watchlist` to read and add parties and
`/watchlist/remove` to take them off.

The Atom feed is built with ElementTree, so every stored value (names, evidence
sentences) is escaped as XML text, never pasted into markup.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from dossier.api.deps import SettingsDep, StoreDep, WriterDep
from dossier.api.errors import WRITE_ERRORS
from dossier.api.models import AlertOut, WatchIn, WatchOut, WhatsNew
from dossier.api.render import respond
from dossier.api.routers.review import safe_next
from dossier.api.security import authorize
from dossier.lists.alert_rows import count_alerts, list_alerts
from dossier.store.watch import (
    add_watch,
    list_watch,
    now,
    remove_watch,
    watched_entity_ids,
)

router = APIRouter(tags=["watch"])
ATOM = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml; charset=utf-8"


def _watched_alerts(store: StoreDep, limit: int, offset: int) -> tuple[list[AlertOut], int]:
    ids = sorted(watched_entity_ids(store))
    rows = list_alerts(store, None, ids, limit, offset)
    return [AlertOut(**r) for r in rows], count_alerts(store, None, ids)


@router.get("/whats-new", response_model=WhatsNew)
def whats_new(
    request: Request,
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> WhatsNew | Response:
    """What is new about the parties on the watch-list, newest first: claims naming
    them, their list matches, and list changes (designations, delistings) about them."""
    alerts, total = _watched_alerts(store, limit, offset)
    watchlist = [WatchOut(**w) for w in list_watch(store)]
    page = WhatsNew(watchlist=watchlist, alerts=alerts, total=total, offset=offset, limit=limit)
    return respond(request, "whats_new.html", page)


@router.get(
    "/alerts.atom",
    response_class=Response,
    responses={200: {"content": {"application/atom+xml": {}}}},
)
def alerts_atom(
    request: Request,
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> Response:
    """The alerts about watched parties as an Atom feed, newest first, for feed readers."""
    alerts, _ = _watched_alerts(store, limit, 0)
    base = str(request.base_url).rstrip("/")
    return Response(atom_feed(alerts, base), media_type=ATOM_TYPE)


def atom_feed(alerts: list[AlertOut], base: str) -> bytes:
    """An Atom 1.0 document of `alerts`; links point into the web UI at `base`."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", f"{base}/whats-new")
    _text(feed, "title", "dossier: what's new on the watch-list")
    _text(feed, "updated", alerts[0].created_at if alerts else now())
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base}/alerts.atom")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=f"{base}/whats-new")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "dossier")
    for alert in alerts:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", f"urn:dossier:alert:{alert.id}")
        _text(entry, "title", alert_title(alert))
        _text(entry, "updated", alert.created_at)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=base + alert_link(alert))
        ET.SubElement(entry, f"{{{ATOM}}}category", term=alert.change)
        _text(entry, "summary", alert_summary(alert))
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body


def _text(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = value


def alert_title(alert: AlertOut) -> str:
    """One line saying what happened to whom."""
    d = alert.detail
    if alert.change == "new_claim":
        what = " ".join(
            str(p) for p in (d.get("subject"), d.get("predicate"), d.get("object")) if p
        )
        return f"{alert.entity}: new claim ({what})"
    if alert.change == "new_match":
        return f"{alert.entity}: matches {d.get('name')} ({alert.dataset} {alert.list_id})"
    change = alert.change.replace("_", " ")
    return f"{alert.entity}: {change} ({alert.dataset} {alert.list_id})"


def alert_summary(alert: AlertOut) -> str:
    """The evidence of a claim (with its page), else the list record's name and programs."""
    d: dict[str, Any] = alert.detail
    if alert.change == "new_claim":
        page = f" (p. {d['page']})" if d.get("page") else ""
        return f"“{d.get('evidence', '')}”{page} — {d.get('document') or ''}"
    programs = ", ".join(d.get("programs") or [])
    return f"{d.get('name') or ''}" + (f"; programs: {programs}" if programs else "")


def alert_link(alert: AlertOut) -> str:
    """Where the web UI shows the alert's subject: a claim's receipt, else the entity."""
    claim = alert.detail.get("claim_id")
    if alert.change == "new_claim" and isinstance(claim, str):
        return f"/claims/{claim}"
    return f"/entities/{alert.canonical_id}"


@router.get("/watchlist", response_model=list[WatchOut])
def watchlist(store: StoreDep) -> list[WatchOut]:
    """The parties on the watch-list, by name."""
    return [WatchOut(**w) for w in list_watch(store)]


@router.post("/watchlist", response_model=WatchOut, status_code=201, responses=WRITE_ERRORS)
def watch_add(store: StoreDep, _writer: WriterDep, body: WatchIn) -> WatchOut:
    """Put a party on the watch-list (adding a name twice changes nothing)."""
    return WatchOut(**add_watch(store, body.name))


@router.post("/watchlist/remove", response_model=WatchOut, responses=WRITE_ERRORS)
def watch_remove(store: StoreDep, _writer: WriterDep, body: WatchIn) -> WatchOut:
    """Take a party off the watch-list, by name or watch-list id (404 when not on it).
    A POST like every other write here, so one CSRF and token check covers them all."""
    return WatchOut(**remove_watch(store, body.name))


@router.post("/watchlist/form", include_in_schema=False)
def watch_form(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    action: Annotated[Literal["add", "remove"], Form()],
    name: Annotated[str, Form(min_length=1, max_length=300)],
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/whats-new",
) -> Response:
    """The HTML form version of the watch-list writes: session cookie + CSRF field."""
    authorize(request, settings.api_token, csrf_token)
    if action == "add":
        add_watch(store, name)
    else:
        remove_watch(store, name)
    return RedirectResponse(safe_next(next), status_code=303)
