"""Entity merges in the store: fold new entities into known ones, by hand or by the
resolver, record why, and undo.

Every entity row stays; a merged one points at its canonical entity through
`entities.merged_into`, which always names a canonical entity (never a chain), so
`canonical_id()` is one `coalesce`. `entity_merges` keeps each merge with its score and
reason; the active merges (`undone_at` unset) are the source of truth from which
`merged_into` is recomputed after an undo.

Concurrent writers: on PostgreSQL resolution takes a transaction-level advisory lock as
its last step before commit, so each writer compares its new entities with everything
committed before it, and no writer waits for the lock while holding it up; SQLite
already runs one writer at a time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, func, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from dossier.exc import InvalidInput, NotFoundError
from dossier.model import EntityType, make_id
from dossier.resolve.aliases import load_aliases
from dossier.resolve.blocking import Probe, probes
from dossier.resolve.resolver import Candidate, Merge, choose_merge
from dossier.store import schema as t

RESOLVE_LOCK = 0x7265736F  # PostgreSQL advisory lock key held while resolving ("reso")
# At most this many stored entities per probe are fetched for comparison.
PROBE_LIMIT = 200


@dataclass(frozen=True, slots=True)
class NewEntity:
    """An entity row this transaction inserted, to be resolved against the others."""

    id: str
    name: str
    type: EntityType


def canonical_id(table: Any = t.entities) -> ColumnElement[str]:
    """The canonical entity id of a row of `entities` (or an alias of it)."""
    return func.coalesce(table.c.merged_into, table.c.id)


def canonical_map(conn: Connection, ids: Iterable[str]) -> dict[str, str]:
    """Entity id → its canonical entity id, for the given ids."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    stmt = select(t.entities.c.id, canonical_id()).where(t.entities.c.id.in_(wanted))
    return {row[0]: row[1] for row in conn.execute(stmt)}


def group_ids(conn: Connection, canonical_ids: Iterable[str]) -> list[str]:
    """Every entity id in the groups of these canonical ids."""
    roots = sorted(set(canonical_ids))
    stmt = select(t.entities.c.id).where(canonical_id().in_(roots))
    return sorted(conn.execute(stmt).scalars())


def insert_entities(conn: Connection, rows: list[dict[str, Any]]) -> list[NewEntity]:
    """Insert entity rows, skipping known keys; return the rows that were new."""
    if not rows:
        return []
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    ordered = sorted(rows, key=lambda row: str(row["id"]))
    stmt = dialect.insert(t.entities).values(ordered).on_conflict_do_nothing()
    inserted = set(conn.execute(stmt.returning(t.entities.c.id)).scalars())
    return [
        NewEntity(r["id"], r["name"], EntityType(r["type"])) for r in ordered if r["id"] in inserted
    ]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _lock(conn: Connection) -> None:
    """Serialise merges: an advisory lock on PostgreSQL, the write lock on SQLite."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": RESOLVE_LOCK})
    else:
        # A write that matches nothing takes SQLite's single write lock now, before we read.
        conn.execute(text("DELETE FROM entity_merges WHERE 1 = 0"))


# --- resolution of new entities ----------------------------------------------------------


def resolve_new(conn: Connection, new: Iterable[NewEntity]) -> list[str]:
    """Fold each new entity that names a known one into it; return the merge ids.

    One query fetches the candidates of all the new entities (`blocking.probes`); each
    is then judged in id order, seeing the merges made before it.
    """
    todo = sorted(new, key=lambda e: e.id)
    if not todo:
        return []
    _lock(conn)
    table = load_aliases()
    wanted = {e.id: probes(e.name, e.type, table) for e in todo}
    pool = _fetch(conn, sorted({p for ps in wanted.values() for p in ps}, key=_probe_order))
    folded: dict[str, str] = {}
    merged = []
    for entity in todo:
        hits = _hits(pool, wanted[entity.id])
        candidates = [
            Candidate(row[0], folded.get(row[1], row[1]), row[2], EntityType(row[3]))
            for row in hits
            if row[0] != entity.id
        ]
        merge = choose_merge(entity.name, entity.type, candidates, table)
        if merge is not None:
            merge_id = make_id("merge", merge.winner_id, entity.id)
            merged.append(_record(conn, merge, entity.id, merge_id))
            folded[entity.id] = merge.winner_id
    return merged


def _hits(pool: dict[tuple[str, str], list[Any]], wanted: list[Probe]) -> list[Any]:
    """The fetched rows that fall in these probes, looked up by the key part each tests."""
    found: dict[str, Any] = {}
    for probe in wanted:
        for row in pool.get((probe.kind, probe.type + "|" + probe.value), []):
            found[row[0]] = row
    return [found[key] for key in sorted(found)]


def _probe_order(probe: Probe) -> tuple[str, str, str]:
    return (probe.type, probe.value, probe.kind)


def _fetch(conn: Connection, wanted: list[Probe]) -> dict[tuple[str, str], list[Any]]:
    """Stored entities that fall in any probe: (id, canonical id, name, type, key) rows,
    indexed by the probes that find them (see `_index`).

    One index range scan on (type, key) per probe, each limited, joined by UNION ALL (an
    OR of the ranges lets SQLite scan every entity of the type). Written as SQL text:
    building it from expressions cost more than running it.
    """
    if not wanted:
        return {}
    arms: list[str] = []
    params: dict[str, object] = {"limit": PROBE_LIMIT}
    for n, probe in enumerate(wanted):
        params[f"t{n}"], params[f"l{n}"] = probe.type, probe.value
        where = f'type = :t{n} AND "key" = :l{n}'
        if probe.kind != "exact":
            where = f'type = :t{n} AND "key" >= :l{n} AND "key" < :h{n}'
            params[f"h{n}"] = probe.bounds()[1]
        if probe.kind == "word":  # within the range, only keys whose first token it is
            where += f' AND ("key" = :l{n} OR substr("key", 1, :n{n}) = :w{n})'
            params[f"n{n}"], params[f"w{n}"] = len(probe.value) + 1, probe.value + " "
        arms.append(
            'SELECT * FROM (SELECT id, COALESCE(merged_into, id) AS root, name, type, "key" '
            f'FROM entities WHERE {where} ORDER BY "key" LIMIT :limit) AS p{n}'
        )
    rows = conn.execute(text(" UNION ALL ".join(arms)), params).all()
    return _index(list(rows), {len(p.value) for p in wanted if p.kind == "prefix"})


def _index(rows: list[Any], prefix_lengths: set[int]) -> dict[tuple[str, str], list[Any]]:
    """Rows by the probe that finds them: (kind, "type|value") → rows, each row once per key."""
    pool: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        etype, key = row[3], row[4]
        found = [("exact", key), ("word", key.split(" ", 1)[0])]
        found += [("prefix", key[:n]) for n in prefix_lengths]
        for kind, value in found:
            pool.setdefault((kind, etype + "|" + value), {})[row[0]] = row
    return {k: list(v.values()) for k, v in pool.items()}


def _record(conn: Connection, merge: Merge, loser: str, merge_id: str) -> str:
    conn.execute(
        t.entity_merges.insert().values(
            id=merge_id,
            winner_id=merge.winner_id,
            loser_id=loser,
            score=merge.score,
            reason=merge.reason,
            merged_at=_now(),
        )
    )
    e = t.entities.c
    conn.execute(
        update(t.entities)
        .where(or_(e.id == loser, e.merged_into == loser))
        .values(merged_into=merge.winner_id)
    )
    return merge_id


# --- analyst operations ------------------------------------------------------------------


def merge_entities(conn: Connection, winner: str, loser: str, note: str) -> str:
    """Fold `loser`'s entity (with all merged into it) into `winner`'s; return the merge id."""
    _lock(conn)
    roots = canonical_map(conn, [winner, loser])
    for ref in (winner, loser):
        if ref not in roots:
            raise NotFoundError(f"no entity with id {ref!r}; see `dossier entities`")
    if roots[winner] == roots[loser]:
        raise InvalidInput(f"{winner} and {loser} are already one entity ({roots[winner]})")
    reason: dict[str, object] = {"method": "manual", "note": note, "names": _names(conn, roots)}
    merge = Merge(roots[winner], 1.0, reason)
    merged_at = _now()
    return _record(
        conn, merge, roots[loser], make_id("merge", roots[winner], roots[loser], merged_at)
    )


def _names(conn: Connection, roots: dict[str, str]) -> list[str]:
    ids = [roots[ref] for ref in roots]
    rows = dict(
        conn.execute(
            select(t.entities.c.id, t.entities.c.name).where(t.entities.c.id.in_(ids))
        ).all()
    )
    return [str(rows[i]) for i in ids]


def undo_merge(conn: Connection, merge_id: str) -> dict[str, Any]:
    """Mark a merge undone and point every entity it touched at its canonical entity again."""
    _lock(conn)
    m = t.entity_merges.c
    row = conn.execute(select(t.entity_merges).where(m.id == merge_id)).first()
    if row is None:
        raise NotFoundError(f"no merge with id {merge_id!r}; list them with `dossier merges`")
    if row.undone_at is not None:
        raise InvalidInput(f"merge {merge_id} was already undone at {row.undone_at}")
    undone_at = _now()
    conn.execute(update(t.entity_merges).where(m.id == merge_id).values(undone_at=undone_at))
    root = canonical_map(conn, [row.winner_id])[row.winner_id]
    _reroot(conn, set(group_ids(conn, [root])) | {row.loser_id})
    return {**dict(row._mapping), "undone_at": undone_at}


def _reroot(conn: Connection, members: set[str]) -> None:
    m = t.entity_merges.c
    active = conn.execute(
        select(m.loser_id, m.winner_id).where(
            m.undone_at.is_(None), m.loser_id.in_(sorted(members))
        )
    ).all()
    parent = {loser: winner for loser, winner in active}
    for member in sorted(members):
        root = _root(member, parent)
        value = None if root == member else root
        conn.execute(update(t.entities).where(t.entities.c.id == member).values(merged_into=value))


def _root(entity_id: str, parent: dict[str, str]) -> str:
    seen = {entity_id}
    while entity_id in parent and parent[entity_id] not in seen:
        entity_id = parent[entity_id]
        seen.add(entity_id)
    return entity_id


def list_merges(conn: Connection, undone: bool = True) -> list[dict[str, Any]]:
    """Every merge, newest first, with the names of both entities and its reason."""
    m = t.entity_merges.c
    winner, loser = t.entities.alias("winner"), t.entities.alias("loser")
    stmt = (
        select(
            m.id,
            m.winner_id,
            winner.c.name.label("winner"),
            m.loser_id,
            loser.c.name.label("loser"),
            winner.c.type,
            m.score,
            m.reason,
            m.merged_at,
            m.undone_at,
        )
        .join(winner, winner.c.id == m.winner_id)
        .join(loser, loser.c.id == m.loser_id)
        .order_by(m.merged_at.desc(), m.id)
    )
    if not undone:
        stmt = stmt.where(m.undone_at.is_(None))
    return [dict(r._mapping) for r in conn.execute(stmt)]
