"""Replace a dataset's stored list records with a newly loaded version of the list.

Records are upserted by id (dataset, list id); records of the dataset that the new
version no longer has are deleted, and their matches with them (the `matches` foreign
key cascades). What was deleted is returned, so the caller can report it as delisted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from dossier.exc import DossierError
from dossier.lists.rescreen import record_key
from dossier.model import ListRecord, MatchResult
from dossier.store import schema as t
from dossier.store.db import Store, match_row, record_row, row_to_record

BATCH = 1000
"""Rows per statement: 10 columns x 1000 stays under SQLite's bound-parameter limit."""
MIN_REFUSED = 10
"""A reload removing more than half of a dataset is refused from this many records on:
a one-record file once replaced all 1,003 UN records (issue 20); a handful of records
gone from a small list is a normal delisting."""


class ShrinkRefused(DossierError):
    """A reload would remove most of a dataset's stored records."""

    status = 409


def check_shrink(store: Store, records: Mapping[str, list[ListRecord]], keep: set[str]) -> None:
    """Raise `ShrinkRefused` when loading `records` would remove more than half of a
    dataset's stored records (datasets in `keep` remove nothing)."""
    for dataset, items in records.items():
        if dataset in keep:
            continue
        with store.engine.connect() as conn:
            column = t.list_records.c
            stored = set(conn.scalars(select(column.id).where(column.dataset == dataset)))
        removed = len(stored - {r.id for r in items})
        if removed >= MIN_REFUSED and removed * 2 > len(stored):
            raise ShrinkRefused(
                f"{dataset}: the files hold {len(items)} records and {len(stored)} are stored, "
                f"so loading them would remove {removed}; load the whole list, or pass "
                "--replace to replace it anyway (--partial adds without removing)"
            )


@dataclass(slots=True)
class ListSync:
    """What replacing one dataset's records changed."""

    dataset: str
    added: list[ListRecord] = field(default_factory=list)
    updated: list[tuple[ListRecord, ListRecord]] = field(default_factory=list)
    """(before, after) for records whose content changed."""
    removed: list[ListRecord] = field(default_factory=list)
    keys_before: set[str] = field(default_factory=set)
    keys_after: set[str] = field(default_factory=set)

    @property
    def first_load(self) -> bool:
        """Whether the dataset had no records before: nothing to compare with."""
        return not self.keys_before

    @property
    def screen_ids(self) -> set[str]:
        """Ids of records to screen again: new ones, and changed ones whose names changed.

        A record that changed only in programs or dates matches what it matched before;
        screening it again could only add noise (token weights shift as lists change).
        """
        renamed = {new.id for old, new in self.updated if _names(old) != _names(new)}
        return {r.id for r in self.added} | renamed

    @property
    def changed(self) -> bool:
        """Whether the load changed anything."""
        return bool(self.added or self.updated or self.removed)


def _names(record: ListRecord) -> tuple[str, tuple[str, ...]]:
    return record.schema, record.names


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    return (items[i : i + BATCH] for i in range(0, len(items), BATCH))


def _upsert(store: Store, conn: Connection, records: list[ListRecord]) -> None:
    dialect = postgresql if store.engine.dialect.name == "postgresql" else sqlite
    for chunk in _chunks(sorted(records, key=lambda r: r.id)):
        stmt = dialect.insert(t.list_records).values([record_row(r) for r in chunk])
        columns = [c.name for c in t.list_records.columns if c.name != "id"]
        stmt = stmt.on_conflict_do_update(
            index_elements=["id"], set_={c: stmt.excluded[c] for c in columns}
        )
        conn.execute(stmt)


def _stored(conn: Connection, dataset: str) -> dict[str, ListRecord]:
    rows = conn.execute(select(t.list_records).where(t.list_records.c.dataset == dataset))
    return {row.id: row_to_record(row._mapping) for row in rows}


def sync_dataset(
    store: Store, dataset: str, records: Iterable[ListRecord], partial: bool = False
) -> ListSync:
    """Make `records` the stored version of `dataset`, in one transaction.

    With `partial`, records absent from `records` are kept (the files were only part of
    the dataset, or some could not be read).
    """
    new: dict[str, ListRecord] = {}
    for record in records:
        new.setdefault(record.id, record)  # the first of duplicate ids wins, as before
    with store.engine.begin() as conn:
        old = _stored(conn, dataset)
        sync = ListSync(dataset, keys_before={record_key(r) for r in old.values()})
        sync.added = [r for i, r in new.items() if i not in old]
        sync.updated = [(old[i], r) for i, r in new.items() if i in old and old[i] != r]
        if not partial:
            sync.removed = [r for i, r in old.items() if i not in new]
        _upsert(store, conn, sync.added + [after for _, after in sync.updated])
        for chunk in _chunks([r.id for r in sync.removed]):
            conn.execute(delete(t.list_records).where(t.list_records.c.id.in_(chunk)))
    kept = old.values() if partial else ()
    sync.keys_after = {record_key(r) for r in (*new.values(), *kept)}
    return sync


def dataset_matches(store: Store, dataset: str) -> dict[str, list[ListRecord]]:
    """Entity id → the records of `dataset` it matches, as stored now."""
    stmt = (
        select(t.matches.c.entity_id, t.list_records)
        .join(t.list_records, t.list_records.c.id == t.matches.c.list_record_id)
        .where(t.list_records.c.dataset == dataset)
    )
    out: dict[str, list[ListRecord]] = {}
    with store.engine.connect() as conn:
        for row in conn.execute(stmt):
            out.setdefault(row.entity_id, []).append(row_to_record(row._mapping))
    return out


def screenable_entities(store: Store) -> list[tuple[str, str, str]]:
    """(id, name, type) of every stored person and organisation."""
    e = t.entities.c
    stmt = select(e.id, e.name, e.type).where(e.type.in_(("person", "organization")))
    with store.engine.connect() as conn:
        return [(row.id, row.name, row.type) for row in conn.execute(stmt.order_by(e.id))]


def replace_matches(store: Store, record_ids: set[str], hits: dict[str, list[MatchResult]]) -> None:
    """Make `hits` the stored matches of the records `record_ids` (screened again)."""
    rows = [match_row(entity, hit) for entity, results in hits.items() for hit in results]
    with store.engine.begin() as conn:
        for chunk in _chunks(sorted(record_ids)):
            conn.execute(delete(t.matches).where(t.matches.c.list_record_id.in_(chunk)))
        for chunk in _chunks(rows):
            store.insert_ignore(conn, t.matches, list(chunk))
