"""What every export format shares: its error, its report and the store reads it needs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select

from dossier.exc import DossierError
from dossier.store import Store
from dossier.store import schema as t


class ExportError(DossierError):
    """An export could not be written (bad path, or a value the format refuses)."""

    status = 400


@dataclass(slots=True)
class ExportReport:
    """What an export wrote: the format, where, and how many records of each kind."""

    format: str
    path: str
    counts: dict[str, int] = field(default_factory=dict)


Exporter = Callable[[Store, Path], dict[str, int]]
"""Writes the store to a path in one format; returns record counts by kind."""


def table_rows(store: Store, table: Table) -> Iterator[dict[str, Any]]:
    """Every row of `table` as a dict, in primary-key order (stable across backends)."""
    stmt = select(table).order_by(*table.primary_key.columns)
    with store.engine.connect() as conn:
        for row in conn.execute(stmt).mappings():
            yield dict(row)


def canonical_ids(store: Store) -> dict[str, str]:
    """Map every entity id to the entity it was finally merged into (itself if none)."""
    with store.engine.connect() as conn:
        parent = {r.id: r.merged_into for r in conn.execute(select(t.entities))}

    def root(entity_id: str) -> str:
        seen = {entity_id}
        while (nxt := parent.get(entity_id)) and nxt not in seen and nxt in parent:
            seen.add(nxt)
            entity_id = nxt
        return entity_id

    return {entity_id: root(entity_id) for entity_id in parent}


def documents_by_id(store: Store) -> dict[str, dict[str, Any]]:
    """Document metadata (no text) keyed by id, for citing sources."""
    d = t.documents.c
    cols = (d.id, d.url, d.title, d.published, d.author, d.site, d.source, d.language)
    with store.engine.connect() as conn:
        return {r.id: dict(r._mapping) for r in conn.execute(select(*cols))}


def latest_decisions(store: Store, target_type: str) -> dict[str, dict[str, Any]]:
    """The most recent review decision per target id of one type (later ones override)."""
    r = t.review_decisions.c
    stmt = select(t.review_decisions).where(r.target_type == target_type)
    with store.engine.connect() as conn:
        rows = conn.execute(stmt.order_by(r.decided_at, r.id)).mappings()
        return {row["target_id"]: dict(row) for row in rows}


def prepare_output(path: Path, directory: bool = False) -> None:
    """Create the parent folder (or the folder itself); fail clearly when that is impossible."""
    try:
        (path if directory else path.parent).mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(f"{path}: cannot create output folder ({err.strerror})") from err
    if not directory and path.is_dir():
        raise ExportError(f"{path}: is a folder; give a file path")


def matches_with_records(store: Store) -> Iterator[dict[str, Any]]:
    """Every match with its list record's dataset, list id, name, programs and date
    (a join: only the records that matched are read, not the whole list)."""
    m, r = t.matches.c, t.list_records.c
    cols = (m.id, m.entity_id, m.score, m.matched_name, r.dataset, r.list_id, r.name)
    stmt = (
        select(*cols, r.programs, r.listed_on)
        .join_from(t.matches, t.list_records, m.list_record_id == r.id)
        .order_by(m.id)
    )
    with store.engine.connect() as conn:
        for row in conn.execute(stmt).mappings():
            yield dict(row)
