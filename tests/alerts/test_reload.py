"""Reloading a list replaces its records, screens stored entities again and books alerts
for the entities whose designations changed (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from dossier import pipeline
from dossier.lists.alert_rows import list_alerts
from dossier.model import make_id
from dossier.store import Store, open_store
from dossier.store import schema as t
from dossier.store.queries import find_entity_id, record_decision
from tests.alerts.conftest import Versions, seed_entities


@pytest.fixture
def store(store_url: str, versions: Versions) -> Store:
    store = open_store(store_url)
    seed_entities(store, versions.picks.names)
    return store


def _alerts(report: pipeline.ListLoadReport, store: Store) -> set[tuple[str, str, str]]:
    """(entity name, list id, change) of a load's alerts."""
    names = {e: n for e, n, *_ in _entities(store)}
    return {(names[a["entity_id"]], a["list_id"], a["change"]) for a in report.alerts}


def _entities(store: Store) -> list[Any]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(t.entities.c.id, t.entities.c.name)))


def _matched(store: Store, name: str) -> set[tuple[str, str]]:
    entity_id = find_entity_id(store, name)
    stmt = (
        select(t.list_records.c.dataset, t.list_records.c.list_id)
        .join(t.matches, t.matches.c.list_record_id == t.list_records.c.id)
        .where(t.matches.c.entity_id == entity_id)
    )
    with store.engine.connect() as conn:
        return {(r.dataset, r.list_id) for r in conn.execute(stmt)}


def test_reload_older_then_newer_reports_changed_designations(
    store: Store, versions: Versions
) -> None:
    picks = versions.picks
    first = pipeline.load_lists(store, [versions.v1])
    assert first.errors == []
    assert first.alerts == []  # nothing to compare with yet
    assert ("us_ofac_cons", picks.control[0]) in _matched(store, picks.control[1])
    assert ("us_ofac_cons", picks.dropped[0]) not in _matched(store, picks.dropped[1])

    second = pipeline.load_lists(store, [versions.v2])
    changes = _alerts(second, store)
    assert (picks.dropped[1], picks.dropped[0], "newly_designated") in changes
    assert (picks.trimmed[1], picks.trimmed[0], "programs_added") in changes
    assert (picks.mieu_dropped, _mieu_id(store, picks.mieu_dropped), "newly_designated") in (
        changes
    )
    assert (
        picks.mieu_redated[0],
        _mieu_id(store, picks.mieu_redated[0]),
        "listing_date_changed",
    ) in changes
    # Unchanged records stay quiet, though the MIEU rows below the new one were renumbered.
    touched = {picks.dropped[0], picks.trimmed[0]}
    assert {c for c in changes if c[0] in (picks.control[1], picks.mieu_control)} == set()
    assert all(a["list_id"] in touched for a in second.alerts if a["dataset"] == "us_ofac_cons")
    added = next(a for a in second.alerts if a["change"] == "programs_added")
    assert added["detail"]["added"] == [picks.trimmed[2]]
    assert dt.datetime.fromisoformat(added["created_at"]).date() == dt.datetime.now(dt.UTC).date()
    assert ("us_ofac_cons", picks.dropped[0]) in _matched(store, picks.dropped[1])
    assert ("us_bis_mieu", _mieu_id(store, picks.mieu_control)) in _matched(
        store, picks.mieu_control
    )

    third = pipeline.load_lists(store, [versions.v3])
    assert third.removed == 1
    assert (picks.delisted[1], picks.delisted[0], "delisted") in _alerts(third, store)
    assert {(a["list_id"], a["change"]) for a in third.alerts} == {(picks.delisted[0], "delisted")}
    assert ("us_ofac_cons", picks.delisted[0]) not in _matched(store, picks.delisted[1])
    stored = list_alerts(store)
    assert len(stored) == len(second.alerts) + len(third.alerts)
    assert stored[0]["created_at"] >= stored[-1]["created_at"]


def _mieu_id(store: Store, name: str) -> str:
    stmt = select(t.list_records.c.list_id).where(
        t.list_records.c.dataset == "us_bis_mieu", t.list_records.c.name == name
    )
    with store.engine.connect() as conn:
        return str(conn.execute(stmt).scalar_one())


def test_reload_same_version_changes_nothing(store: Store, versions: Versions) -> None:
    pipeline.load_lists(store, [versions.v2])
    again = pipeline.load_lists(store, [versions.v2])
    assert (again.added, again.updated, again.removed, again.alerts) == (0, 0, 0, [])


def test_reload_partial_keeps_absent_records(store: Store, versions: Versions) -> None:
    pipeline.load_lists(store, [versions.v2])
    kept = pipeline.load_lists(store, [versions.v3], partial=True)
    assert kept.removed == 0
    assert kept.alerts == []
    picks = versions.picks
    assert ("us_ofac_cons", picks.delisted[0]) in _matched(store, picks.delisted[1])


def test_reload_with_read_errors_removes_nothing_from_that_dataset(
    store: Store, versions: Versions, tmp_path: Path
) -> None:
    pipeline.load_lists(store, [versions.v2])
    broken = tmp_path / "cons_prim_2.csv"
    broken.write_text("garbage\n", encoding="utf-8")
    report = pipeline.load_lists(store, [versions.v3, broken])
    assert any("cons_prim_2.csv: row 1" in e for e in report.errors)
    assert report.removed == 0
    picks = versions.picks
    assert ("us_ofac_cons", picks.delisted[0]) in _matched(store, picks.delisted[1])


def test_reload_skips_alerts_on_rejected_matches(store: Store, versions: Versions) -> None:
    picks = versions.picks
    pipeline.load_lists(store, [versions.v1])
    entity = find_entity_id(store, picks.trimmed[1])
    record = make_id("us_ofac_cons", picks.trimmed[0])
    record_decision(store, "match", make_id(entity, record), "reject", "a namesake")
    changes = _alerts(pipeline.load_lists(store, [versions.v2]), store)
    assert (picks.trimmed[1], picks.trimmed[0], "programs_added") not in changes
    assert (picks.dropped[1], picks.dropped[0], "newly_designated") in changes
