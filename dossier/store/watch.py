"""Watching: per-feed poll state, feed items already seen, the watch-list, and the
alerts about watched parties (new claims, new list matches).

A feed's state (validators for conditional GET, failures, when to poll next) and every
item handled are rows, so a restarted `dossier watch` resumes where it stopped. List
alerts raised by reloads (`dossier/alerts.py`) are about any stored entity; the watch-list
picks those about watched parties (`watched_entity_ids`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, func, or_, select, tuple_, update

from dossier.exc import InvalidInput, NotFoundError
from dossier.model import EntityType, make_id, page_at
from dossier.resolve.keys import entity_key
from dossier.store import schema as t
from dossier.store.db import Store
from dossier.store.merges import canonical_map, group_ids


def now() -> str:
    """UTC time stamp to the second, as alerts and feed states carry it."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(slots=True)
class FeedState:
    """What `dossier watch` remembers about one feed between polls and restarts."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled_at: str | None = None
    next_poll_at: str | None = None
    failures: int = 0
    """Consecutive failed polls; the wait before the next one doubles with each."""
    last_error: str | None = None


def load_feed_state(store: Store, url: str) -> FeedState:
    """The stored state of `url`, or a fresh one for a feed never polled."""
    with store.engine.connect() as conn:
        row = conn.execute(select(t.feeds).where(t.feeds.c.url == url)).first()
    return FeedState(**row._mapping) if row else FeedState(url)


def save_feed_state(store: Store, state: FeedState) -> None:
    """Write `state` (insert or replace)."""
    values = {
        "etag": state.etag,
        "last_modified": state.last_modified,
        "last_polled_at": state.last_polled_at,
        "next_poll_at": state.next_poll_at,
        "failures": state.failures,
        "last_error": state.last_error,
    }
    with store.engine.begin() as conn:
        changed = conn.execute(update(t.feeds).where(t.feeds.c.url == state.url).values(values))
        if not changed.rowcount:
            store.insert_ignore(conn, t.feeds, [{"url": state.url, **values}])


def list_feed_states(store: Store) -> list[FeedState]:
    """Every watched feed's state, by URL."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.feeds).order_by(t.feeds.c.url))
        return [FeedState(**row._mapping) for row in rows]


def seen_items(store: Store, feed_url: str, keys: Iterable[str], links: Iterable[str]) -> set[str]:
    """Which of `keys` (guids or links) were handled before, or whose `links` are already
    the URL of a stored document (the page reached another way)."""
    wanted, urls = sorted(set(keys)), sorted(set(links))
    fi, d = t.feed_items.c, t.documents.c
    with store.engine.connect() as conn:
        seen = set(
            conn.execute(
                select(fi.item_key).where(fi.feed_url == feed_url, fi.item_key.in_(wanted))
            ).scalars()
        )
        stored = set(conn.execute(select(d.url).where(d.url.in_(urls))).scalars())
    return seen | stored


def stored_entry(store: Store, key: str, link: str) -> bool:
    """Whether a feed entry is stored: a watch handled its key (guid or link), or a
    document has its link as URL. `ingest` skips such entries without fetching them."""
    fi, d = t.feed_items.c, t.documents.c
    with store.engine.connect() as conn:
        handled = conn.execute(select(fi.id).where(fi.item_key.in_([key, link])).limit(1))
        if handled.first() is not None:
            return True
        return conn.execute(select(d.id).where(d.url == link).limit(1)).first() is not None


def mark_item(store: Store, feed_url: str, key: str, document_id: str | None) -> None:
    """Remember that the item `key` of `feed_url` was handled (stored, a duplicate, or
    failed for good), so the next poll skips it."""
    row = {
        "id": make_id("feed_item", feed_url, key),
        "feed_url": feed_url,
        "item_key": key,
        "document_id": document_id,
        "seen_at": now(),
    }
    with store.engine.begin() as conn:
        store.insert_ignore(conn, t.feed_items, [row])


def add_watch(store: Store, name: str) -> dict[str, Any]:
    """Put `name` on the watch-list (adding it twice changes nothing); return its row."""
    clean = " ".join(name.split())
    if not clean or len(clean) > 300:
        raise InvalidInput("a watch-list name must have 1 to 300 characters")
    row = {"id": make_id("watch", clean.casefold()), "name": clean, "added_at": now()}
    with store.engine.begin() as conn:
        store.insert_ignore(conn, t.watchlist, [row])
        stored = conn.execute(select(t.watchlist).where(t.watchlist.c.id == row["id"])).one()
    return dict(stored._mapping)


def remove_watch(store: Store, ref: str) -> dict[str, Any]:
    """Take a name (or watch-list id) off the watch-list; `NotFoundError` if absent."""
    w = t.watchlist.c
    with store.engine.begin() as conn:
        key = make_id("watch", " ".join(ref.split()).casefold())
        row = conn.execute(select(t.watchlist).where(or_(w.id == ref, w.id == key))).first()
        if row is None:
            raise NotFoundError(f"{ref!r} is not on the watch-list; see `dossier watchlist list`")
        conn.execute(delete(t.watchlist).where(w.id == row.id))
    return dict(row._mapping)


def list_watch(store: Store) -> list[dict[str, Any]]:
    """The watch-list with, for each name, how many stored entities it follows."""
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(t.watchlist).order_by("name"))]
        for row in rows:
            row["entities"] = len(_group_of_name(conn, row["name"]))
    return rows


def watched_entity_ids(store: Store) -> dict[str, str]:
    """Entity id → the watch-list name it answers to, over every merged group."""
    with store.engine.connect() as conn:
        names = list(conn.execute(select(t.watchlist.c.name)).scalars())
        return {eid: name for name in names for eid in _group_of_name(conn, name)}


def _group_of_name(conn: Connection, name: str) -> list[str]:
    """Ids of the entities a watched name follows: those named so (any case) or sharing
    its entity key for their type, and everything merged with them."""
    e = t.entities.c
    keys = [(etype.value, entity_key(name, etype)) for etype in EntityType]
    hits = conn.execute(
        select(e.id).where(
            or_(
                tuple_(e.type, e.key).in_(keys),
                e.name == name,
                func.lower(e.name) == name.lower(),
            )
        )
    ).scalars()
    return group_ids(conn, canonical_map(conn, list(hits)).values())


def write_watch_alerts(store: Store, document_id: str) -> int:
    """Alerts for the watched parties of one stored document: each claim naming one
    (`new_claim`) and each list match of one it mentions (`new_match`, once per match).
    Returns how many alerts were new."""
    watched = watched_entity_ids(store)
    if not watched:
        return 0
    at = now()
    with store.engine.connect() as conn:
        rows = _claim_alerts(conn, document_id, watched, at)
        rows += _match_alerts(conn, document_id, watched, at)
    with store.engine.begin() as conn:
        return store.insert_ignore(conn, t.alerts, rows)


def _claim_alerts(
    conn: Connection, document_id: str, watched: dict[str, str], at: str
) -> list[dict[str, Any]]:
    c, d = t.claims.c, t.documents.c
    doc = conn.execute(
        select(d.title, d.url, d.external_id, d.page_starts).where(d.id == document_id)
    ).one()
    rows = []
    for claim in conn.execute(select(t.claims).where(c.document_id == document_id)):
        party = next(
            (p for p in (claim.subject_entity_id, claim.object_entity_id) if p in watched), None
        )
        if party is None:
            continue
        detail = {
            "watched": watched[party],
            "claim_id": claim.id,
            "document_id": document_id,
            "document": doc.title or doc.external_id,
            "url": doc.url,
            "subject": claim.subject,
            "predicate": claim.predicate,
            "object": claim.object,
            "date": claim.date,
            "evidence": claim.evidence_text,
            "page": page_at(doc.page_starts or [], claim.evidence_start),
        }
        rows.append(_alert(("new_claim", claim.id), party, "", "", "new_claim", detail, at))
    return rows


def _match_alerts(
    conn: Connection, document_id: str, watched: dict[str, str], at: str
) -> list[dict[str, Any]]:
    m, r = t.matches.c, t.list_records.c
    mentioned = set(
        conn.execute(
            select(t.mentions.c.entity_id).where(t.mentions.c.document_id == document_id)
        ).scalars()
    )
    parties = sorted(mentioned & watched.keys())
    stmt = (
        select(m.entity_id, m.score, m.matched_name, r.dataset, r.list_id, r.name, r.programs)
        .join(t.list_records, r.id == m.list_record_id)
        .where(m.entity_id.in_(parties))
    )
    rows = []
    for hit in conn.execute(stmt):
        detail = {
            "watched": watched[hit.entity_id],
            "document_id": document_id,
            "name": hit.name,
            "matched_name": hit.matched_name,
            "score": round(float(hit.score), 3),
            "programs": list(hit.programs or []),
        }
        key = ("new_match", hit.entity_id, hit.dataset, hit.list_id)
        rows.append(_alert(key, hit.entity_id, hit.dataset, hit.list_id, "new_match", detail, at))
    return rows


def _alert(
    key: tuple[str, ...],
    entity_id: str,
    dataset: str,
    list_id: str,
    change: str,
    detail: dict[str, Any],
    at: str,
) -> dict[str, Any]:
    """An `alerts` row whose id is its `key`, without the time: the same claim or match
    is announced once, however often it is seen."""
    return {
        "id": make_id("alert", *key),
        "entity_id": entity_id,
        "dataset": dataset,
        "list_id": list_id,
        "change": change,
        "detail": detail,
        "created_at": at,
    }
