"""What changed for one entity when a list was reloaded: the diff behind `dossier alerts`.

An entity's matches before and after a reload are compared by *record key*, not by
record id: lists without ids of their own number their rows (CONTRACT.md), so a row
inserted above shifts every id below it. Their records are keyed by their name instead,
so a shifted but unchanged row is no change at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from dossier.model import ListRecord

ROW_NUMBERED = frozenset({"us_bis_dpl", "us_bis_mieu", "us_dod_1260h", "cn_countersanctions"})
"""Datasets whose `list_id` is a row number (`screen/loaders/research.py`)."""


class Change(StrEnum):
    """How an entity's standing on a list changed between two loads."""

    NEWLY_DESIGNATED = "newly_designated"
    """The entity matches a record that was not on the list before."""
    NEWLY_MATCHED = "newly_matched"
    """A record already listed now matches (e.g. it gained an alias)."""
    DELISTED = "delisted"
    """A record the entity matched is no longer on the list."""
    NO_LONGER_MATCHED = "no_longer_matched"
    """A record is still listed but no longer matches (e.g. it lost an alias)."""
    PROGRAMS_ADDED = "programs_added"
    PROGRAMS_REMOVED = "programs_removed"
    LISTING_DATE_CHANGED = "listing_date_changed"
    LISTING_ENDED = "listing_ended"
    """The record now carries an end date."""


@dataclass(frozen=True, slots=True)
class MatchChange:
    """One change of one entity's matches, with the record it concerns (after, or before
    for a loss) and the details a reader needs."""

    change: Change
    record: ListRecord
    detail: dict[str, object]


def record_key(record: ListRecord) -> str:
    """The identity of a record across versions of its list."""
    if record.dataset in ROW_NUMBERED or ":#" in record.list_id:
        return f"{record.dataset}|name|{' '.join(record.name.casefold().split())}"
    return f"{record.dataset}|{record.list_id}"


def _by_key(records: Iterable[ListRecord]) -> dict[str, ListRecord]:
    out: dict[str, ListRecord] = {}
    for record in records:
        out.setdefault(record_key(record), record)
    return out


def _summary(record: ListRecord) -> dict[str, object]:
    return {
        "name": record.name,
        "schema": record.schema,
        "programs": list(record.programs),
        "listed_on": record.listed_on,
        "ended_on": record.ended_on,
    }


def _lost(record: ListRecord, listed_now: set[str]) -> MatchChange:
    change = Change.NO_LONGER_MATCHED if record_key(record) in listed_now else Change.DELISTED
    return MatchChange(change, record, _summary(record))


def _gained(record: ListRecord, listed_before: set[str]) -> MatchChange:
    known = record_key(record) in listed_before
    change = Change.NEWLY_MATCHED if known else Change.NEWLY_DESIGNATED
    return MatchChange(change, record, _summary(record))


def _updated(old: ListRecord, new: ListRecord) -> list[MatchChange]:
    changes: list[MatchChange] = []
    added = sorted(set(new.programs) - set(old.programs))
    removed = sorted(set(old.programs) - set(new.programs))
    if added:
        changes.append(MatchChange(Change.PROGRAMS_ADDED, new, {**_summary(new), "added": added}))
    if removed:
        detail = {**_summary(new), "removed": removed}
        changes.append(MatchChange(Change.PROGRAMS_REMOVED, new, detail))
    if old.listed_on != new.listed_on:
        detail = {**_summary(new), "listed_on_before": old.listed_on}
        changes.append(MatchChange(Change.LISTING_DATE_CHANGED, new, detail))
    if new.ended_on and new.ended_on != old.ended_on:
        detail = {**_summary(new), "ended_on_before": old.ended_on}
        changes.append(MatchChange(Change.LISTING_ENDED, new, detail))
    return changes


def diff_matches(
    before: Iterable[ListRecord],
    after: Iterable[ListRecord],
    listed_before: set[str],
    listed_now: set[str],
) -> list[MatchChange]:
    """The changes between the records an entity matched before and after a reload.

    Args:
        before: records the entity matched, as they were before the load.
        after: records it matches now, as loaded.
        listed_before: `record_key`s of every record of the list before the load.
        listed_now: `record_key`s of every record of the list after the load.
    """
    old, new = _by_key(before), _by_key(after)
    changes = [_lost(old[key], listed_now) for key in sorted(old.keys() - new.keys())]
    changes += [_gained(new[key], listed_before) for key in sorted(new.keys() - old.keys())]
    for key in sorted(old.keys() & new.keys()):
        changes += _updated(old[key], new[key])
    return changes
