"""Review decisions: accept/reject a list match, merge/split two entities; the audit
trail behind them (who, when, why, undone); bulk decisions and undo.

`review_decisions` is append-only: a decision is never deleted, an undo only stamps
`undone_at`/`undone_by`, and the latest decision not undone holds. So an entity page can
list the candidates rejected with who rejected them, when and why, and an undo brings
back whatever held before (an earlier decision, or pending).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select, update

from dossier.exc import InvalidInput, NotFoundError
from dossier.model import make_id
from dossier.store import schema as t
from dossier.store.db import Store

REVIEW_TARGETS = {"match": ("accept", "reject"), "entity_pair": ("merge", "split")}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def latest_decisions(store: Store, target_type: str, target_ids: list[str]) -> dict[str, str]:
    """The decision that holds for each target: its latest one not undone."""
    return {k: v["decision"] for k, v in latest_records(store, target_type, target_ids).items()}


def latest_records(
    store: Store, target_type: str, target_ids: list[str] | None
) -> dict[str, dict[str, Any]]:
    """Target id → its latest decision not undone (all targets of the type if None)."""
    if target_ids is not None and not target_ids:
        return {}
    r = t.review_decisions.c
    stmt = (
        select(r.id, r.target_id, r.decision, r.note, r.decided_at, r.decided_by)
        .where(r.target_type == target_type, r.undone_at.is_(None))
        .order_by(r.decided_at, r.id)
    )
    if target_ids is not None:
        stmt = stmt.where(r.target_id.in_(target_ids))
    with store.engine.connect() as conn:
        return {row.target_id: dict(row._mapping) for row in conn.execute(stmt)}


def rejected_match_ids(store: Store) -> set[str]:
    """Every match whose holding decision is a rejection."""
    return {k for k, v in latest_records(store, "match", None).items() if v["decision"] == "reject"}


def pair_id(a: str, b: str) -> str:
    """The review target id of an unordered entity pair."""
    return "|".join(sorted((a, b)))


def record_decision(
    store: Store,
    target_type: str,
    target_id: str,
    decision: str,
    note: str | None = None,
    decided_by: str | None = None,
) -> dict[str, Any]:
    """Store a review decision after checking that its target exists."""
    _check_decision(target_type, decision)
    _check_target(store, target_type, target_id)
    row = _decision_row(target_type, target_id, decision, note, decided_by)
    with store.engine.begin() as conn:
        conn.execute(t.review_decisions.insert().values(**row))
    return row


def _decision_row(
    target_type: str, target_id: str, decision: str, note: str | None, by: str | None
) -> dict[str, Any]:
    decided_at = _now()
    return {
        "id": make_id("review", target_type, target_id, decision, decided_at),
        "target_type": target_type,
        "target_id": target_id,
        "decision": decision,
        "note": note or None,
        "decided_at": decided_at,
        "decided_by": by or None,
        "undone_at": None,
        "undone_by": None,
    }


def _check_decision(target_type: str, decision: str) -> None:
    allowed = REVIEW_TARGETS.get(target_type)
    if allowed is None or decision not in allowed:
        raise InvalidInput(
            f"decision {decision!r} is not valid for {target_type!r}",
            [{"loc": "decision", "msg": f"one of {', '.join(allowed or ())}"}],
        )


def decide_entity_matches(
    store: Store, entity_ids: list[str], decision: str, note: str | None, by: str | None
) -> list[dict[str, Any]]:
    """The same decision on every still pending match of these entities (an entity's
    merge group): 'reject all for this entity'. Returns the decisions stored."""
    _check_decision("match", decision)
    with store.engine.connect() as conn:
        ids = list(
            conn.execute(
                select(t.matches.c.id).where(t.matches.c.entity_id.in_(entity_ids))
            ).scalars()
        )
    held = latest_records(store, "match", ids)
    rows = [_decision_row("match", i, decision, note, by) for i in sorted(ids) if i not in held]
    if rows:
        with store.engine.begin() as conn:
            conn.execute(t.review_decisions.insert(), rows)
    return rows


def undo_decision(store: Store, decision_id: str, by: str | None) -> dict[str, Any]:
    """Mark a decision undone; whatever held before it holds again."""
    r = t.review_decisions.c
    with store.engine.begin() as conn:
        row = conn.execute(select(t.review_decisions).where(r.id == decision_id)).first()
        if row is None:
            raise NotFoundError(f"no review decision {decision_id!r}; see /review")
        if row.undone_at is None:
            conn.execute(
                update(t.review_decisions)
                .where(r.id == decision_id)
                .values(undone_at=_now(), undone_by=by or None)
            )
        return dict(
            conn.execute(select(t.review_decisions).where(r.id == decision_id)).one()._mapping
        )


def decision_history(store: Store, target_ids: list[str]) -> list[dict[str, Any]]:
    """Every decision on these targets, newest first, undone ones included."""
    if not target_ids:
        return []
    r = t.review_decisions.c
    stmt = (
        select(t.review_decisions)
        .where(r.target_id.in_(target_ids))
        .order_by(r.decided_at.desc(), r.id)
    )
    with store.engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(stmt)]


def _check_target(store: Store, target_type: str, target_id: str) -> None:
    with store.engine.connect() as conn:
        if target_type == "match":
            found = conn.execute(select(t.matches.c.id).where(t.matches.c.id == target_id)).first()
            if found is None:
                raise NotFoundError(f"no match with id {target_id!r}; see /review")
            return
        ids = target_id.split("|")
        if len(ids) != 2 or ids[0] == ids[1] or target_id != pair_id(*ids):
            raise InvalidInput(
                "an entity pair is two different entity ids joined by '|', sorted",
                [{"loc": "target_id", "msg": "expected 'idA|idB' with idA < idB"}],
            )
        n = conn.execute(
            select(func.count()).select_from(t.entities).where(t.entities.c.id.in_(ids))
        ).scalar_one()
        if n != 2:
            raise NotFoundError(f"no entities {ids!r}; search them at /entities")
