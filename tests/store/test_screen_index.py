"""The persisted screening index: equal to a fresh one, rebuilt when stale or damaged,
whole under racing writers, and what makes one `dossier screen NAME` fast."""

from __future__ import annotations

import json
import logging
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dossier import pipeline
from dossier.model import ListRecord
from dossier.screen.index import NameIndex, build_index
from dossier.screen.screener import ScreenConfig, screen_name
from dossier.store import Store, open_store
from dossier.store.index_files import read_arrays, read_meta, write_arrays
from dossier.store.screen_index import (
    index_folder,
    quick_index,
    read_index,
    scope_file,
    store_index,
    store_index_folder,
)
from tests.conftest import DOSSIER

CFG = ScreenConfig(cutoff=0.5)


@pytest.fixture
def loaded(shared: Path, db_path: Path) -> Store:
    """A SQLite store with the UN and DoD lists loaded (`lists load` persists the index)."""
    store = open_store(str(db_path))
    lists = shared / "data" / "sanctions"
    pipeline.load_lists(store, [lists / "un", lists / "us_dod"])
    return store


def index_file(store: Store) -> Path:
    folder = store_index_folder(store)
    assert folder is not None
    return scope_file(folder, None)


def results(index: NameIndex, name: str) -> list[tuple[str, float, object]]:
    return [(r.record.id, r.score, r.explanation) for r in screen_name(index, name, CFG)]


def test_lists_load_persists_an_index_equal_to_a_fresh_one(loaded: Store, db_path: Path) -> None:
    path = index_file(loaded)
    assert path.parent == db_path.with_name(db_path.name + ".index")
    meta = read_meta(path)
    fresh = build_index(loaded.iter_list_records())
    assert meta["counts"]["records"] == len(fresh.records) > 1_000
    persisted = quick_index(str(db_path))
    assert persisted is not None
    assert list(persisted.records) == fresh.records
    assert persisted.names == fresh.names
    assert persisted.tokens == fresh.tokens
    queries = [name for _, name in fresh.names[::40]]
    queries += [q[:-2] + q[-1:] for q in queries[::3]]  # a letter dropped: near misses
    assert len(queries) > 50
    for query in queries:
        assert results(persisted, query) == results(fresh, query), query


def test_records_written_around_lists_load_rebuild_the_index(loaded: Store, db_path: Path) -> None:
    path = index_file(loaded)
    before = read_meta(path)["fingerprint"]
    extra = ListRecord("us_dod_1260h", "test-1", "Organization", "Zorblat Widget Factory")
    loaded.add_list_records([extra])  # not through `lists load`: only the fingerprint sees it
    assert quick_index(str(db_path)) is None  # stale: never read
    index = store_index(loaded, compiled=False)
    assert any(r.record.list_id == "test-1" for r in screen_name(index, "Zorblat Widget", CFG))
    assert read_meta(path)["fingerprint"] != before  # rewritten
    again = quick_index(str(db_path))
    assert again is not None
    assert len(again.records) == len(index.records)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "bad postings", "empty"])
def test_a_damaged_index_is_rebuilt_with_a_warning(
    loaded: Store, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = index_file(loaded)
    expected = results(build_index(loaded.iter_list_records()), "Kim Jong Un")
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif damage == "garbage":
        path.write_bytes(b"\x00" * 4096)
    elif damage == "empty":
        path.write_bytes(b"")
    else:  # a whole file whose postings point past the names (compiled code would crash)
        meta, arrays = read_arrays(path)
        arrays = dict(arrays)
        arrays["posting_names"] = arrays["posting_names"] + 10_000_000
        write_arrays(path, arrays, meta)
    with caplog.at_level(logging.WARNING, "dossier.store.screen_index"):
        index = store_index(loaded, compiled=False)
    assert "rebuilding it" in caplog.text
    assert results(index, "Kim Jong Un") == expected
    assert read_index(path, read_meta(path)["fingerprint"]) is not None  # rewritten whole


def test_racing_writers_leave_a_readable_index(loaded: Store, tmp_path: Path) -> None:
    path = index_file(loaded)
    # Two processes rewrite the file over and over while this one keeps reading it.
    writer = (
        "import sys; from pathlib import Path;"
        "from dossier.store.index_files import read_arrays, write_arrays;"
        "p = Path(sys.argv[1]); meta, arrays = read_arrays(p); arrays = dict(arrays);"
        "[write_arrays(p, arrays, meta) for _ in range(int(sys.argv[2]))]"
    )
    procs = [subprocess.Popen([sys.executable, "-c", writer, str(path), "15"]) for _ in range(2)]
    reads = 0
    fingerprint = read_meta(path)["fingerprint"]
    deadline = time.monotonic() + 60
    while any(p.poll() is None for p in procs) and time.monotonic() < deadline:
        assert read_index(path, fingerprint) is not None
        reads += 1
    for proc in procs:
        assert proc.wait(timeout=60) == 0
    assert reads >= 1
    assert read_index(path, fingerprint) is not None
    assert not list(path.parent.glob("*.tmp"))  # no temporary file left behind


def test_index_folder_per_database(tmp_path: Path) -> None:
    assert index_folder(str(tmp_path / "a.db"), "") == tmp_path / "a.db.index"
    assert index_folder(f"sqlite:///{tmp_path}/a.db", "") == tmp_path / "a.db.index"
    assert index_folder(":memory:", "") is None
    url = "postgresql://ana:secret@db.internal:5432/dossier"
    folder = index_folder(url, str(tmp_path))
    assert folder is not None
    assert folder.parent == tmp_path
    assert "secret" not in str(folder)
    assert folder == index_folder(
        "postgresql+psycopg://ana:other@db.internal:5432/dossier", str(tmp_path)
    )
    assert index_folder(str(tmp_path / "a.db"), str(tmp_path / "x")) != tmp_path / "a.db.index"


def test_one_screen_reads_the_index_without_numba_or_sqlalchemy(
    loaded: Store, db_path: Path
) -> None:
    """The whole process, from outside: fast, and the same answers as a name file
    (ranked by compiled code) gives. The < 1 s figure is measured in docs/scaling.md."""
    listed = [r.name for r in loaded.iter_list_records()]
    names = [listed[7], listed[300].lower(), "Jane Doe", listed[-5][:-1]]
    env = {**os.environ, "DOSSIER_DB": str(db_path), "COLUMNS": "200"}
    cpu, walls = [], []
    for _ in range(2):
        before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.monotonic()
        one = subprocess.run(
            [str(DOSSIER), "screen", *names, "--json"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=True,
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        walls.append(time.monotonic() - start)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    # Generous bounds for a shared machine (load 10 on 2 cores stretches wall time 3-6x);
    # CPU time is what the process itself costs.
    assert min(cpu) < 4.0, cpu
    assert min(walls) < 30.0, walls
    (db_path.parent / "names.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
    many = subprocess.run(
        [str(DOSSIER), "screen", "--file", str(db_path.parent / "names.txt"), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    assert one.stdout == many.stdout
    assert json.loads(one.stdout.splitlines()[0])["results"][0]["list_id"]
    probe = (
        "import sys; sys.argv = ['dossier', 'screen', 'Kim Jong Un'];"
        "from dossier.cli import main;"
        "exec('try:\\n main()\\nexcept SystemExit:\\n pass');"
        "print('loaded', [m for m in ('numba', 'sqlalchemy', 'spacy') if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120
    )
    assert "loaded []" in out.stdout, out.stdout + out.stderr


def test_arrays_round_trip_any_text() -> None:
    """Separators inside names, non-Latin scripts, empty tuples and missing dates."""
    records = [
        ListRecord("un_sc", "1", "Person", "Иван \x01Петров", ("金正恩", "\x01"), ("A\x02",)),
        ListRecord("eu_fsf", "2", "Organization", "Ω Ltd", (), (), "2020-01-01", None, "é\x00"),
        ListRecord("us_dod_1260h", "3", "Vessel", "", ("", "x"), ("",), None, "2021", "🙂"),
    ]
    index = build_index(records)
    back = NameIndex.from_arrays(index.to_arrays())
    assert list(back.records) == records
    assert back.records[-1] is back.records[2]  # made once, kept
    assert back.names == index.names
    assert back.tokens == index.tokens
    assert back.records[0:2] == records[0:2]
    assert dict(back._keys) == index._keys  # every key found by binary search
    assert "t:nowhere" not in back._keys
    assert back._keys.get("t:" + index.tokens[0][0]) == index._keys["t:" + index.tokens[0][0]]


def test_the_api_index_cache_reads_the_persisted_files(loaded: Store) -> None:
    """Every scope's index comes from its file once written: read, not built again."""
    from dossier.api.yente import IndexCache, resolve_scope
    from dossier.screen.index import RecordTable

    default = IndexCache().get(loaded, resolve_scope("default", lambda: ()))
    assert isinstance(default.records, RecordTable)  # read from `lists load`'s file
    scope = resolve_scope("un_sc", lambda: ())
    built = IndexCache().get(loaded, scope)  # no file for this scope yet: built, written
    assert not isinstance(built.records, RecordTable)
    assert {r.dataset for r in built.records} == {"un_sc"}
    folder = store_index_folder(loaded)
    assert folder is not None
    assert scope_file(folder, scope.datasets).exists()
    again = IndexCache().get(loaded, scope)  # a new server process: read from the file
    assert isinstance(again.records, RecordTable)
    assert list(again.records) == list(built.records)


def test_postgresql_index_under_the_index_dir(
    shared: Path, postgres_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.screen.index import RecordTable
    from dossier.settings import get_settings

    monkeypatch.setenv("DOSSIER_INDEX_DIR", str(tmp_path / "indexes"))
    get_settings.cache_clear()
    try:
        store = open_store(postgres_db)
        pipeline.load_lists(store, [shared / "data" / "sanctions" / "us_dod"])
        folder = store_index_folder(store)
        assert folder is not None
        assert folder.parent == tmp_path / "indexes"
        assert (folder / "all.idx").exists()
        index = store_index(store, compiled=False)
        assert isinstance(index.records, RecordTable)
        assert len(index.records) == len(list(store.iter_list_records())) > 100
    finally:
        get_settings.cache_clear()
