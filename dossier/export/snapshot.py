"""`--format snapshot`: the whole store as one self-contained SQLite file.

The snapshot is itself a dossier database (made by the same migrations, so
`dossier --db snapshot.db stats` works), plus:

- `dossier_snapshot`: key/value rows naming the file a snapshot (`format`), its format
  `version`, the Alembic revision, the source backend and the time of export;
- views for browsing in Datasette: `claims_with_sources`, `entity_mentions`,
  `entity_screening`;
- a sidecar `PATH.metadata.json` with titles and descriptions for `datasette -m`.

Rows are copied table by table in foreign-key order through SQLAlchemy, so a
PostgreSQL store gives the same file as a SQLite one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, select, text

from dossier import __version__
from dossier.export.base import ExportError, prepare_output
from dossier.store import Store, open_store
from dossier.store import schema as t

FORMAT = "dossier-snapshot"
VERSION = "1"
INFO_TABLE = "dossier_snapshot"
BATCH = 500

VIEWS: dict[str, tuple[str, str]] = {
    "claims_with_sources": (
        "Every claim with its evidence sentence and the document it comes from.",
        """SELECT c.id, c.subject, c.predicate, c.object, c.item, c.date, c.quantity,
  c.attributed_to, c.hedged, c.evidence_text, d.title AS document_title,
  d.url AS source_url, d.published, d.site, d.author, c.document_id,
  c.subject_entity_id, c.object_entity_id
FROM claims c JOIN documents d ON d.id = c.document_id""",
    ),
    "entity_mentions": (
        "Every entity with how often, and in how many documents, it is mentioned.",
        """SELECT e.id, e.name, e.type, e.merged_into, COUNT(m.id) AS mentions,
  COUNT(DISTINCT m.document_id) AS documents
FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id
GROUP BY e.id, e.name, e.type, e.merged_into""",
    ),
    "entity_screening": (
        "List matches of stored entities, with the latest review decision on each.",
        """SELECT e.id AS entity_id, e.name AS entity, e.type, l.dataset, l.list_id,
  l.name AS listed_name, l.programs, l.listed_on, l.ended_on, m.score, m.matched_name,
  (SELECT r.decision FROM review_decisions r
   WHERE r.target_type = 'match' AND r.target_id = m.id
   ORDER BY r.decided_at DESC, r.id DESC LIMIT 1) AS review,
  m.id AS match_id
FROM matches m JOIN entities e ON e.id = m.entity_id
JOIN list_records l ON l.id = m.list_record_id""",
    ),
}


# Login sessions are the server's state, not the corpus: a snapshot handed to a colleague
# or served by Datasette carries none, and a restore signs nobody in.
NOT_COPIED = frozenset({"sessions"})


def copied_tables() -> list[Table]:
    """The tables a snapshot holds, parents before children."""
    return [table for table in t.metadata.sorted_tables if table.name not in NOT_COPIED]


def copy_tables(source: Engine, target: Connection, batch: int = BATCH) -> dict[str, int]:
    """Copy every dossier table from `source` into `target`, parents before children."""
    counts: dict[str, int] = {}
    with source.connect() as conn:
        for table in copied_tables():
            stmt = select(table).order_by(*table.primary_key.columns)
            result = conn.execution_options(stream_results=True).execute(stmt)
            counts[table.name] = 0
            for chunk in result.mappings().partitions(batch):
                target.execute(table.insert(), [dict(row) for row in chunk])
                counts[table.name] += len(chunk)
    return counts


def alembic_revision(conn: Connection) -> str:
    """The Alembic revision a database is at."""
    return str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one())


def _info_rows(store: Store, revision: str) -> dict[str, str]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "alembic_revision": revision,
        "source_backend": store.engine.dialect.name,
        "dossier_version": __version__,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def _write_extras(conn: Connection, info: dict[str, str]) -> None:
    conn.execute(text(f"CREATE TABLE {INFO_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)"))
    conn.execute(
        text(f"INSERT INTO {INFO_TABLE} (key, value) VALUES (:key, :value)"),
        [{"key": k, "value": v} for k, v in info.items()],
    )
    for name, (_, sql) in VIEWS.items():
        conn.execute(text(f"CREATE VIEW {name} AS {sql}"))


def _compact(path: Path) -> None:
    """Leave one file: no write-ahead log beside it, free pages dropped."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("VACUUM")
    finally:
        conn.close()


def datasette_metadata(path: Path, counts: dict[str, int]) -> dict[str, Any]:
    """Datasette metadata (titles and descriptions) for a snapshot file."""
    tables: dict[str, Any] = {
        name: {"description": description} for name, (description, _) in VIEWS.items()
    }
    tables[INFO_TABLE] = {"description": "What this file is: format, version, source, time."}
    total = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
    return {
        "title": "dossier snapshot",
        "description": f"A dossier knowledge-graph snapshot ({total}).",
        "databases": {path.stem: {"tables": tables}},
    }


def metadata_path(path: Path) -> Path:
    """Where the Datasette metadata of snapshot `path` is written."""
    return path.with_name(path.name + ".metadata.json")


def export_snapshot(store: Store, path: Path) -> dict[str, int]:
    """Write the store to a new SQLite snapshot at `path` (replacing any file there)."""
    prepare_output(path)
    partial = path.with_name(path.name + ".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    target = open_store(str(partial))
    try:
        with store.engine.connect() as conn:
            revision = alembic_revision(conn)
        with target.engine.begin() as conn:
            if alembic_revision(conn) != revision:
                raise ExportError(f"{path}: store is at revision {revision}, not this dossier's")
            counts = copy_tables(store.engine, conn)
            _write_extras(conn, _info_rows(store, revision))
    finally:
        target.engine.dispose()
    _compact(partial)
    os.replace(partial, path)
    meta = json.dumps(datasette_metadata(path, counts), indent=2)
    metadata_path(path).write_text(meta + "\n", encoding="utf-8")
    return counts
