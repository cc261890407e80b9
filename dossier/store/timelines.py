"""The timeline page's data: dated claims with copies of one story folded into one item,
and the listing dates of the parties' list matches as markers.

A syndicated report stored three times says one thing once: its claims are folded by
(story, subject, predicate, object, date), and the item counts its copies. Listings
are those of the entity asked for, or of every party on the timeline.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from dossier.store import schema as t
from dossier.store.db import Store
from dossier.store.lists import ClaimFilter, GraphFilter
from dossier.store.merges import canonical_map
from dossier.store.paging import PageRequest
from dossier.store.queries import entity_matches, merge_group, page_claims

__all__ = ["GraphFilter", "entity_name", "fold_copies", "timeline_data"]

TIMELINE_LIMIT = 5000
"""Most dated claims one timeline reads; `total` says when there are more."""


def entity_name(store: Store, entity_id: str | None) -> str | None:
    """The canonical name of an entity id (None if absent or unknown)."""
    if not entity_id:
        return None
    with store.engine.connect() as conn:
        root = canonical_map(conn, [entity_id]).get(entity_id, entity_id)
        stmt = select(t.entities.c.name).where(t.entities.c.id == root)
        return conn.execute(stmt).scalar_one_or_none()


def fold_copies(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One item per (story, subject, predicate, object, date), in the claims' order,
    with `copies` (how many documents repeat it) and their `documents`."""
    items: dict[tuple[Any, ...], dict[str, Any]] = {}
    for c in claims:
        story = c.get("story_id") or c["document_id"]
        key = (
            story,
            c["subject_entity_id"] or c["subject"],
            c["predicate"],
            c["object"],
            c["date"],
        )
        item = items.get(key)
        if item is None:
            items[key] = {**c, "copies": 1, "documents": [c["document_id"]]}
        elif c["document_id"] not in item["documents"]:
            item["copies"] += 1
            item["documents"].append(c["document_id"])
    return list(items.values())


def _listings(store: Store, entity_ids: list[str]) -> list[dict[str, Any]]:
    """The dated listings of these entities' list matches, one per list record."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for m in entity_matches(store, entity_ids):
        key = (m["dataset"], m["list_id"])
        if m["listed_on"] and key not in seen:
            seen[key] = {
                "entity_id": m["entity_id"],
                "dataset": m["dataset"],
                "list_id": m["list_id"],
                "name": m["name"],
                "listed_on": m["listed_on"],
                "ended_on": m["ended_on"],
                "programs": m["programs"],
            }
    return sorted(seen.values(), key=lambda x: (x["listed_on"], x["dataset"], x["list_id"]))


def timeline_data(
    store: Store, entity_id: str | None, date_from: str | None, date_to: str | None
) -> dict[str, Any]:
    """The timeline of an entity (or of the whole corpus): items, listings, total."""
    ids = merge_group(store, entity_id) if entity_id else None
    f = ClaimFilter(
        entity_ids=tuple(ids) if ids is not None else None,
        date_from=date_from,
        date_to=date_to,
        dated=True,
    )
    rows = page_claims(store, f, PageRequest(TIMELINE_LIMIT, 0))
    parties = ids or sorted(
        {c[k] for c in rows.items for k in ("subject_entity_id", "object_entity_id") if c[k]}
    )
    name = entity_name(store, entity_id)
    return {
        "entity": {"id": entity_id, "name": name} if entity_id and name else None,
        "items": fold_copies(rows.items),
        "listings": _listings(store, parties),
        "claims": rows.total,
        "shown": len(rows.items),
    }
