"""Snapshots: every table survives export → import across backends; Datasette serves one."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from dossier.exc import SourceError
from dossier.export import export, import_snapshot
from dossier.export.restore import NotEmpty
from dossier.export.snapshot import VIEWS, copied_tables, metadata_path
from dossier.store import Store, open_store
from dossier.store import schema as t
from tests.conftest import _create_database
from tests.export.conftest import fill_store
from tests.live import run_coroutine


def dump(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table (and the Alembic revision), in primary-key order."""
    with store.engine.connect() as conn:
        tables = {
            table.name: [
                dict(row)
                for row in conn.execute(
                    select(table).order_by(*table.primary_key.columns)
                ).mappings()
            ]
            for table in copied_tables()
        }
        tables["alembic_version"] = [
            dict(r)
            for r in conn.execute(text("SELECT version_num FROM alembic_version")).mappings()
        ]
    return tables


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = open_store(str(tmp_path_factory.mktemp("snap") / "source.db"))
    fill_store(store)
    return store


@pytest.fixture(scope="module")
def snapshot(source: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("snapshot") / "dossier-snapshot.db"
    export(source, "snapshot", path)
    return path


@pytest.fixture
def other_url(store_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A fresh database on the other backend than `store_url`."""
    if store_url.startswith("postgresql"):
        return str(tmp_path / "target.db")
    return _create_database(request.getfixturevalue("postgres_url"))


def test_round_trip_across_backends_loses_nothing(
    store_url: str, other_url: str, tmp_path: Path
) -> None:
    original = open_store(store_url)
    fill_store(original)
    before = dump(original)
    empty = [name for name, rows in before.items() if not rows]
    assert not empty, f"the test store should fill every table: {empty}"
    path = tmp_path / "snap.db"
    report = export(original, "snapshot", path)
    assert report.counts["claims"] == len(before["claims"])
    target = open_store(other_url)
    counts = import_snapshot(target, path)
    assert counts == {name: len(rows) for name, rows in before.items() if name != "alembic_version"}
    after = dump(target)
    for name in before:
        assert after[name] == before[name], f"table {name} differs after the round trip"


def test_snapshot_copies_every_table_but_login_sessions(source: Store, snapshot: Path) -> None:
    with source.engine.connect() as conn:
        assert conn.execute(select(t.sessions)).first() is not None  # the source has one
    conn = sqlite3.connect(snapshot)
    try:
        assert conn.execute("SELECT count(*) FROM sessions").fetchone() == (0,)
    finally:
        conn.close()
    assert {table.name for table in copied_tables()} == {
        table.name for table in t.metadata.sorted_tables
    } - {"sessions"}


def test_snapshot_is_one_file_that_opens_as_a_dossier_database(snapshot: Path) -> None:
    assert not Path(f"{snapshot}-wal").exists()
    conn = sqlite3.connect(snapshot)
    try:
        info = dict(conn.execute("SELECT key, value FROM dossier_snapshot").fetchall())
        views = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='view'")}
        screening = conn.execute("SELECT entity, dataset, list_id, review FROM entity_screening")
        rows = screening.fetchall()
    finally:
        conn.close()
    assert info["format"] == "dossier-snapshot"
    assert info["source_backend"] == "sqlite"
    assert views == set(VIEWS)
    assert rows == [("Qods Aviation Industries", "us_ofac_sdn", "16418", "accept")]


def test_import_refuses_a_non_empty_target_unless_replace(snapshot: Path, tmp_path: Path) -> None:
    target = open_store(str(tmp_path / "target.db"))
    import_snapshot(target, snapshot)
    with pytest.raises(NotEmpty, match="--replace"):
        import_snapshot(target, snapshot)
    with target.engine.begin() as conn:
        conn.execute(t.ingest_errors.delete())
        conn.execute(
            t.ingest_errors.insert().values(
                id="extra", source="x", location="x", reason="added later", occurred_at="now"
            )
        )
    import_snapshot(target, snapshot, replace=True)
    with target.engine.connect() as conn:
        ids = conn.execute(select(t.ingest_errors.c.id)).scalars().all()
    assert "extra" not in ids
    assert len(ids) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"id,name\n1,x\n", "not a SQLite file"),
        (None, "not a dossier snapshot"),  # a plain dossier database is not a snapshot
    ],
)
def test_import_rejects_files_that_are_not_snapshots(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "input.db"
    if content is None:
        open_store(str(path)).engine.dispose()
    else:
        path.write_bytes(content)
    target = open_store(str(tmp_path / "target.db"))
    with pytest.raises(SourceError, match=message) as err:
        import_snapshot(target, path)
    assert str(path) in err.value.detail


def test_cli_export_and_import(run_cli: Any, source: Store, tmp_path: Path) -> None:
    src = source.engine.url.database
    snap = tmp_path / "cli.db"
    out = run_cli("--db", src, "export", "--format", "snapshot", "-o", snap, "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["counts"]["documents"] == 2
    target = tmp_path / "cli-target.db"
    done = run_cli("--db", target, "import", snap, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["counts"]["matches"] == 1
    again = run_cli("--db", target, "import", snap)
    assert again.returncode == 1
    assert "not empty" in again.stderr
    assert "--replace" in again.stderr
    bad = run_cli("--db", target, "import", tmp_path / "missing.db")
    assert bad.returncode == 1
    assert "missing.db" in bad.stderr


def test_datasette_serves_the_views(snapshot: Path) -> None:
    from datasette.app import Datasette

    metadata = json.loads(metadata_path(snapshot).read_text(encoding="utf-8"))

    async def fetch() -> tuple[list[dict[str, Any]], Any]:
        ds = Datasette(files=[str(snapshot)], metadata=metadata)
        await ds.invoke_startup()
        claims = await ds.client.get(f"/{snapshot.stem}/claims_with_sources.json?_shape=array")
        page = await ds.client.get(f"/{snapshot.stem}/entity_mentions")
        return claims.json(), page

    rows, page = run_coroutine(fetch)
    urls = {r["predicate"]: r["source_url"] for r in rows}
    assert urls["supply"] == "https://news.example.org/drones"
    assert {r["evidence_text"] for r in rows} >= {"Qods Aviation Industries built the drones."}
    assert page.status_code == 200
    assert VIEWS["entity_mentions"][0] in page.text
