"""Reload lists and screen the stored entities again; book what changed as alerts.

    records per dataset → sync_dataset (upsert, delete absent) → screen every stored
    person and organisation against the new lists → diff old and new matches of the
    touched records per entity → `alerts` rows dated with the load.

Only records that are new, changed or gone are screened and compared: a match with an
unchanged record is left as it is, so a reload that changes nothing alerts nothing.
The first load of a dataset has nothing to compare with; it stores matches, no alerts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dossier.lists.alert_rows import alert_row, write_alerts
from dossier.lists.rescreen import diff_matches
from dossier.lists.sync import (
    ListSync,
    check_shrink,
    dataset_matches,
    replace_matches,
    screenable_entities,
    sync_dataset,
)
from dossier.model import EntityType, ListRecord, MatchResult, make_id
from dossier.screen.index import NameIndex
from dossier.screen.screener import ScreenConfig, screen_name
from dossier.store import Store
from dossier.store.queries import latest_decisions
from dossier.store.screen_index import rebuild_index

StoredEntity = tuple[str, str, str]
"""(id, name, type) of a stored entity."""


@dataclass(slots=True)
class ReloadResult:
    """What a reload changed: per-dataset syncs and the alerts written."""

    syncs: list[ListSync] = field(default_factory=list)
    alerts: list[dict[str, Any]] = field(default_factory=list)
    at: str = ""


def now() -> str:
    """The time stamp alerts carry: UTC, to the second."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def reload_lists(
    store: Store,
    records: Mapping[str, list[ListRecord]],
    partial: set[str],
    cfg: ScreenConfig,
    replace: bool = False,
) -> ReloadResult:
    """Replace each dataset's records, screen stored entities again and write alerts.

    Args:
        records: the loaded records per dataset.
        partial: datasets whose absent records must not be removed (read errors).
        cfg: threshold and limit of screening (the schema comes from each entity).
        replace: allow a load that removes most of a dataset (`ShrinkRefused` otherwise,
            before anything is written).
    """
    if not replace:
        check_shrink(store, records, partial)
    result = ReloadResult(at=now())
    before = {dataset: dataset_matches(store, dataset) for dataset in records}
    for dataset, items in records.items():
        result.syncs.append(sync_dataset(store, dataset, items, dataset in partial))
    touched = [s for s in result.syncs if s.changed]
    if not touched:
        return result
    index = rebuild_index(store)  # persisted for screening (`store/screen_index.py`)
    entities = screenable_entities(store)
    hits = screen_stored(index, entities, cfg) if entities else {}
    names = {entity_id: name for entity_id, name, _ in entities}
    for sync in touched:
        new = _restrict(hits, sync.screen_ids)
        replace_matches(store, sync.screen_ids, new)
        if not sync.first_load:
            after = _carry(sync, before[sync.dataset], new)
            result.alerts += _alerts(sync, before[sync.dataset], after, names, result.at)
    result.alerts = without_rejected(store, result.alerts)
    write_alerts(store, result.alerts)
    return result


def without_rejected(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop alerts about matches a reviewer rejected: a false positive's news is noise."""
    match_ids = {
        row["id"]: make_id(row["entity_id"], make_id(row["dataset"], row["list_id"]))
        for row in rows
    }
    status = latest_decisions(store, "match", sorted(set(match_ids.values())))
    return [row for row in rows if status.get(match_ids[row["id"]]) != "reject"]


def screen_stored(
    index: NameIndex, entities: list[StoredEntity], cfg: ScreenConfig
) -> dict[str, list[MatchResult]]:
    """Entity id → its matches, each entity screened as at ingest (by its list schema)."""
    out: dict[str, list[MatchResult]] = {}
    for entity_id, name, etype in entities:
        schema = EntityType(etype).list_schema
        found = screen_name(index, name, ScreenConfig(cfg.threshold, cfg.limit, schema))
        hits = [r for r in found if r.match]
        if hits:
            out[entity_id] = hits
    return out


def _restrict(
    hits: dict[str, list[MatchResult]], record_ids: set[str]
) -> dict[str, list[MatchResult]]:
    kept = {e: [r for r in rs if r.record.id in record_ids] for e, rs in hits.items()}
    return {e: rs for e, rs in kept.items() if rs}


def _carry(
    sync: ListSync, before: dict[str, list[ListRecord]], hits: dict[str, list[MatchResult]]
) -> dict[str, list[ListRecord]]:
    """Each entity's matches among the changed records after the load: the new hits, and
    its matches with records whose names did not change, in their new version."""
    kept = {old.id: new for old, new in sync.updated if new.id not in sync.screen_ids}
    after = {entity: [m.record for m in results] for entity, results in hits.items()}
    for entity, records in before.items():
        carried = [kept[r.id] for r in records if r.id in kept]
        if carried:
            after.setdefault(entity, []).extend(carried)
    return after


def _alerts(
    sync: ListSync,
    before: dict[str, list[ListRecord]],
    after: dict[str, list[ListRecord]],
    names: dict[str, str],
    at: str,
) -> list[dict[str, Any]]:
    gone = {r.id for r in sync.removed} | {old.id for old, _ in sync.updated}
    rows: list[dict[str, Any]] = []
    for entity_id in sorted(before.keys() | after.keys()):
        old = [r for r in before.get(entity_id, []) if r.id in gone]
        new = after.get(entity_id, [])
        for change in diff_matches(old, new, sync.keys_before, sync.keys_after):
            detail: dict[str, Any] = {"entity": names.get(entity_id, ""), **change.detail}
            rows.append(
                alert_row(entity_id, sync.dataset, change.record.list_id, change.change, detail, at)
            )
    return rows
