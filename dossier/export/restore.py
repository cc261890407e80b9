"""`dossier import`: restore a snapshot (see `snapshot.py`) into a store.

The snapshot is checked first (a SQLite file with a `dossier_snapshot` table naming its
format), then copied and migrated in a temporary folder, so a snapshot from an older
dossier is brought up to date and the file given is never changed. The rows are then
written to the target in one transaction: a failed import leaves the target as it was.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy import Connection, delete, func, select

from dossier.exc import SourceError
from dossier.export.snapshot import FORMAT, INFO_TABLE, VERSION, copied_tables, copy_tables
from dossier.store import Store, open_store
from dossier.store import schema as t

SQLITE_HEADER = b"SQLite format 3\x00"


class NotEmpty(SourceError):
    """The target database already holds data and `--replace` was not given."""

    status = 409


def snapshot_info(path: Path) -> dict[str, str]:
    """The `dossier_snapshot` rows of `path`; `SourceError` if it is not a snapshot."""
    where = str(path)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as err:
        raise SourceError(f"cannot read ({err.strerror})", where) from err
    if header != SQLITE_HEADER:
        raise SourceError(
            "not a SQLite file; make one with `dossier export --format snapshot`", where
        )
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = dict(conn.execute(f"SELECT key, value FROM {INFO_TABLE}").fetchall())
    except sqlite3.DatabaseError as err:
        raise SourceError(f"not a dossier snapshot (no {INFO_TABLE} table: {err})", where) from err
    finally:
        conn.close()
    if rows.get("format") != FORMAT:
        raise SourceError(f"not a dossier snapshot (format {rows.get('format')!r})", where)
    if rows.get("version") != VERSION:
        raise SourceError(f"snapshot format version {rows.get('version')} is not {VERSION}", where)
    return rows


def is_empty(conn: Connection) -> bool:
    """Whether no dossier table a snapshot holds has a row."""
    for table in copied_tables():
        if conn.execute(select(func.count()).select_from(table)).scalar_one():
            return False
    return True


def clear(conn: Connection) -> None:
    """Delete every row of every dossier table, children before parents."""
    for table in reversed(t.metadata.sorted_tables):
        conn.execute(delete(table))


def _open_copy(path: Path, folder: str) -> Store:
    """Copy the snapshot to `folder` and open (migrating) the copy."""
    from alembic.util.exc import CommandError

    copy = Path(folder) / "snapshot.db"
    shutil.copyfile(path, copy)
    try:
        return open_store(str(copy))
    except CommandError as err:
        raise SourceError(f"snapshot is from a newer dossier ({err})", str(path)) from err


def import_snapshot(store: Store, path: Path, replace: bool = False) -> dict[str, int]:
    """Copy every table of the snapshot at `path` into `store`; return rows per table.

    Refuses (`NotEmpty`) a target that holds any row unless `replace` is set, in which
    case the target's rows are deleted first, in the same transaction.
    """
    snapshot_info(path)
    with tempfile.TemporaryDirectory(prefix="dossier-import-") as folder:
        source = _open_copy(path, folder)
        try:
            with store.engine.begin() as conn:
                if not is_empty(conn):
                    if not replace:
                        raise NotEmpty("target database is not empty; pass --replace to overwrite")
                    clear(conn)
                counts = copy_tables(source.engine, conn)
        finally:
            source.engine.dispose()
    store.stories = None  # the near-duplicate index must be re-read from the new rows
    return counts
