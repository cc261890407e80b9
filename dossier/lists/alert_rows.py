"""Alerts: stored entities whose list matches changed when a list was reloaded, and news
about watched parties (new claims, new list matches; `store/watch.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, or_, select

from dossier.model import make_id
from dossier.store import schema as t
from dossier.store.db import Store


def alert_row(
    entity_id: str, dataset: str, list_id: str, change: str, detail: dict[str, Any], at: str
) -> dict[str, Any]:
    """An `alerts` row; its id is a hash of all of it, so re-writing one adds nothing."""
    return {
        "id": make_id("alert", entity_id, dataset, list_id, change, at),
        "entity_id": entity_id,
        "dataset": dataset,
        "list_id": list_id,
        "change": change,
        "detail": detail,
        "created_at": at,
    }


def write_alerts(store: Store, rows: Sequence[dict[str, Any]]) -> int:
    """Store alert rows; return how many were new."""
    with store.engine.begin() as conn:
        return store.insert_ignore(conn, t.alerts, rows)


def list_alerts(
    store: Store,
    since: str | None = None,
    entity_ids: Sequence[str] | None = None,
    limit: int = 1000,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Alerts, newest first, with the entity's name and its canonical id.

    Args:
        since: only alerts created on or after this ISO date or timestamp.
        entity_ids: only alerts about these entities or entities merged into them.
        offset: how many of the newest to skip (paging).
    """
    a, e = t.alerts.c, t.entities.c
    stmt = (
        select(
            a.id,
            a.entity_id,
            func.coalesce(e.merged_into, e.id).label("canonical_id"),
            e.name.label("entity"),
            e.type.label("entity_type"),
            a.dataset,
            a.list_id,
            a.change,
            a.detail,
            a.created_at,
        )
        .join(t.entities, e.id == a.entity_id)
        .order_by(a.created_at.desc(), e.name, a.dataset, a.list_id, a.change, a.id)
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(_filtered(stmt, since, entity_ids))]


def count_alerts(
    store: Store, since: str | None = None, entity_ids: Sequence[str] | None = None
) -> int:
    """How many alerts `list_alerts` would page through with these filters."""
    stmt = select(func.count()).select_from(t.alerts).join(t.entities)
    with store.engine.connect() as conn:
        return int(conn.execute(_filtered(stmt, since, entity_ids)).scalar_one())


def _filtered(stmt: Select[Any], since: str | None, entity_ids: Sequence[str] | None) -> Any:
    a, e = t.alerts.c, t.entities.c
    if since:
        stmt = stmt.where(a.created_at >= since)
    if entity_ids is not None:
        stmt = stmt.where(or_(a.entity_id.in_(entity_ids), e.merged_into.in_(entity_ids)))
    return stmt
