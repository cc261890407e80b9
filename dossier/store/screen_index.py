"""The persisted candidate index of a database: where it lives, when it is current.

`dossier lists load` builds the screening index (`screen.index`, 3-4 s over every
list) and writes it next to the database, so that screening starts by mapping a file
(`store/index_files.py`) instead of reading every list record and indexing it again:

- SQLite: a folder beside the database file (`dossier.db` → `dossier.db.index/`);
- PostgreSQL (or any URL): a folder per database URL (password left out) under the
  user cache folder (platformdirs: `~/.cache/dossier/index/` on Linux);
- `DOSSIER_INDEX_DIR`: that folder instead, with one sub-folder per database.

One file per dataset scope (`all.idx`, or one per set of datasets the API asks for).
Its header records what it was built from: the layout and code version of the index
and a fingerprint of `list_records` (row count, id range and the total length of every
column, the marks `api/yente.py` checks). A file whose header differs, or that cannot
be read, is never used: the index is rebuilt from the records and rewritten (a damaged
file with a warning). `lists load` rewrites it after every load that changed a record,
so its own edits are caught even when they keep every length; the fingerprint catches
writers that go around it (`dossier import`, a script).
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier.cache import user_cache
from dossier.store.index_files import IndexFileError, read_arrays, write_arrays

if TYPE_CHECKING:
    from dossier.screen.index import NameIndex
    from dossier.store.db import Store

log = logging.getLogger(__name__)

LAYOUT = 2
"""Bumped when `NameIndex.to_arrays` changes what it writes."""
SCREEN_CODE = Path(__file__).resolve().parents[1] / "screen"
FINGERPRINT_SQL = (
    "SELECT count(*), min(id), max(id), sum(length(source_row)), sum(length(name)),"
    " sum(length(CAST(aliases AS TEXT))), sum(length(CAST(programs AS TEXT))),"
    " sum(length(coalesce(listed_on, ''))), sum(length(coalesce(ended_on, ''))),"
    ' sum(length(list_id)), sum(length(dataset)), sum(length("schema")) FROM list_records'
)
Fingerprint = list[int | str | None]


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the screening code (`dossier/screen/*.py`): tokens, keys and weights
    come from it, so an index built by other code is rebuilt rather than trusted."""
    digest = hashlib.sha256(str(LAYOUT).encode())
    for source in sorted(SCREEN_CODE.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:16]


def index_folder(db: str, override: str | None = None) -> Path | None:
    """The index folder of database `db` (a path or URL, as `DOSSIER_DB`); None for a
    database in memory. `override` (default: the `index_dir` setting) is a folder
    holding one sub-folder per database."""
    if override is None:
        from dossier.settings import get_settings

        override = get_settings().index_dir
    sqlite_path = _sqlite_path(db)
    if sqlite_path == "":
        return None
    if sqlite_path is not None:
        place = Path(sqlite_path).resolve()
        if not override:
            return place.with_name(place.name + ".index")
        key = str(place)
    else:
        key = _without_password(db)
    base = Path(override) if override else user_cache("index")
    return base / hashlib.sha256(key.encode()).hexdigest()[:16]


def scope_file(folder: Path, datasets: frozenset[str] | None) -> Path:
    """The file of one dataset scope (`None`: every dataset) in an index folder."""
    if datasets is None:
        return folder / "all.idx"
    digest = hashlib.sha256("\0".join(sorted(datasets)).encode()).hexdigest()[:16]
    return folder / f"datasets-{digest}.idx"


def quick_index(db: str) -> NameIndex | None:
    """The persisted index of a SQLite database `db` when it is current, read without
    SQLAlchemy or migrations (what one `dossier screen NAME` needs); None otherwise
    (the caller opens the store and uses `store_index`). Not prepared (`prepare`)."""
    path = _sqlite_path(db)
    folder = index_folder(db)
    if not path or folder is None or not Path(path).is_file():
        return None
    try:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        with sqlite3.connect(uri, uri=True, timeout=30) as conn:
            found = _normal(conn.execute(FINGERPRINT_SQL).fetchone())
    except sqlite3.Error:
        return None
    return read_index(scope_file(folder, None), found)


def store_index(
    store: Store, datasets: frozenset[str] | None = None, compiled: bool = True
) -> NameIndex:
    """The index of the store's records (of `datasets`, None: all): read from its file
    when that is current, else built and written. `compiled`: ready for many queries
    (`prepare`; the name is from when that loaded compiled code)."""
    folder = store_index_folder(store)
    found = fingerprint(store)
    index = read_index(scope_file(folder, datasets), found) if folder else None
    if index is None:
        return _build(store, folder, datasets, found)
    if compiled:
        prepare(index)
    return index


def rebuild_index(store: Store) -> NameIndex:
    """Build the index of every record and write it, whatever the file says (after a
    load that changed records); the files of narrower scopes are removed."""
    folder = store_index_folder(store)
    if folder is not None and folder.is_dir():
        for stale in folder.glob("datasets-*.idx"):
            stale.unlink(missing_ok=True)
    return _build(store, folder, None, fingerprint(store))


def prepare(index: NameIndex) -> None:
    """Ready a read index for many queries, as `build_index` leaves a built one: the
    index's objects left out of full collections (`gc.freeze`). No full collection
    first: reading an index leaves a dozen unreachable objects, and one cost 0.02-0.03 s
    of CPU."""
    gc.freeze()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic collector off meanwhile, as it was after. Reading an index makes
    a million objects that all live on: at the default thresholds they set off two full
    collections (about 0.05 s of CPU) that free nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_index(path: Path, found: Fingerprint) -> NameIndex | None:
    """The index in `path` if it was built from records with fingerprint `found` by
    this code; None when absent or stale, and None with a warning when damaged."""
    from dossier.screen.index import NameIndex

    try:
        meta, arrays = read_arrays(path)
    except IndexFileError as err:
        if path.exists():
            log.warning("screening index %s cannot be read (%s); rebuilding it", path, err)
        return None
    if meta.get("fingerprint") != found or meta.get("code") != code_version():
        return None
    try:
        return NameIndex.from_arrays(arrays)
    except (ValueError, KeyError, IndexError, TypeError) as err:
        log.warning("screening index %s is damaged (%s); rebuilding it", path, err)
        return None


def write_index(path: Path, index: NameIndex, found: Fingerprint) -> None:
    """Write `index` to `path`; a folder that cannot be written costs a warning only."""
    meta: dict[str, Any] = {
        "layout": LAYOUT,
        "code": code_version(),
        "fingerprint": found,
        "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    arrays = index.to_arrays()
    meta["counts"] = {
        "records": len(index.records),
        "names": len(index.names),
        "keys": len(arrays["key_numbers"]),
        "postings": len(arrays["posting_names"]),
    }
    try:
        write_arrays(path, arrays, meta)
    except OSError as err:
        log.warning("screening index not saved to %s (%s)", path, err.strerror or err)


def fingerprint(store: Store) -> Fingerprint:
    """The marks of the store's list records that a persisted index must match."""
    with store.engine.connect() as conn:
        return _normal(tuple(conn.exec_driver_sql(FINGERPRINT_SQL).one()))


def store_index_folder(store: Store) -> Path | None:
    """`index_folder` of an open store."""
    url = store.engine.url
    if url.get_backend_name() == "sqlite":
        return index_folder(url.database or "")
    return index_folder(url.render_as_string(hide_password=False))


def _build(
    store: Store, folder: Path | None, datasets: frozenset[str] | None, before: Fingerprint
) -> NameIndex:
    """Index the store's records and write the file, unless the records changed while
    they were read (the file would claim a fingerprint its contents do not have)."""
    from dossier.screen.index import build_index

    records = store.iter_list_records()
    index = build_index(r for r in records if datasets is None or r.dataset in datasets)
    if folder is not None and fingerprint(store) == before:
        write_index(scope_file(folder, datasets), index, before)
    return index


def _normal(row: Any) -> Fingerprint:
    """Fingerprint values as JSON keeps them (PostgreSQL sums are decimals)."""
    return [v if v is None or isinstance(v, str) else int(v) for v in row]


def _sqlite_path(db: str) -> str | None:
    """The file of a SQLite database (`""` for one in memory), None for other URLs."""
    if "://" not in db:
        return "" if db in ("", ":memory:") else db
    if not db.startswith("sqlite"):
        return None
    path = db.split("://", 1)[1].split("?", 1)[0]
    path = path[1:] if path.startswith("/") else path  # sqlite:///rel, sqlite:////abs
    return "" if path in ("", ":memory:") else path


def _without_password(url: str) -> str:
    """A database URL without its password (the folder name must not carry it)."""
    scheme, _, rest = url.partition("://")
    credentials, at, place = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    scheme = scheme.split("+")[0]
    scheme = "postgresql" if scheme == "postgres" else scheme
    return f"{scheme}://{user}{at}{place}"
