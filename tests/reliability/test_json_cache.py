"""The GET answer cache (`dossier/api/cache.py`): repeated reads skip the database, and
any commit, through the API or by another process, is seen on the next read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from dossier.api.app import create_app
from dossier.api.cache import sqlite_files
from dossier.settings import Settings
from dossier.store import open_store

TOKEN = "cache-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


class Queries:
    """Counts the SQL statements an engine runs."""

    def __init__(self, engine: sa.Engine) -> None:
        self.count = 0
        sa.event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_: Any) -> None:
        self.count += 1


@pytest.fixture
def app_db(tmp_path: Path) -> Iterator[tuple[TestClient, Queries, Path]]:
    db = tmp_path / "cache.db"
    app = create_app(str(db), Settings(api_token=TOKEN))
    queries = Queries(app.state.store.engine)
    with TestClient(app) as client:
        client.post("/ingest", json={"text": "Iran supplied drones to Russia."}, headers=AUTH)
        yield client, queries, db


def test_repeated_json_read_skips_the_database(app_db: tuple[TestClient, Queries, Path]) -> None:
    client, queries, _ = app_db
    first = client.get("/entities").json()
    before = queries.count
    assert client.get("/entities").json() == first
    assert queries.count == before
    assert client.get("/entities").headers["content-security-policy"]  # headers still added


def test_html_and_cookie_requests_are_never_cached(
    app_db: tuple[TestClient, Queries, Path],
) -> None:
    client, queries, _ = app_db
    for headers in ({"Accept": "text/html"}, {"Cookie": "dossier_csrf=abc"}):
        client.get("/entities", headers=headers)
        before = queries.count
        client.get("/entities", headers=headers)
        assert queries.count > before, headers


def test_write_through_the_api_is_seen(app_db: tuple[TestClient, Queries, Path]) -> None:
    client, _, _ = app_db
    before = client.get("/documents").json()
    client.post("/ingest", json={"text": "Belarus sold trucks to Wagner."}, headers=AUTH)
    assert len(client.get("/documents").json()) == len(before) + 1


def test_write_by_another_process_is_seen(
    app_db: tuple[TestClient, Queries, Path], run_cli: Any, tmp_path: Path
) -> None:
    client, _, db = app_db
    before = client.get("/documents").json()
    report = tmp_path / "other.txt"
    report.write_text("North Korea shipped shells to Russia in 2023.\n", encoding="utf-8")
    assert run_cli("--db", db, "ingest", report).returncode == 0
    assert len(client.get("/documents").json()) == len(before) + 1


def test_only_sqlite_files_are_watched(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "x.db"))
    files = sqlite_files(store.engine)
    assert files is not None
    assert files[0].name == "x.db"
    assert files[1].name == "x.db-wal"
    postgres = sa.create_engine("postgresql+psycopg://u@127.0.0.1:1/db")  # never connects
    assert sqlite_files(postgres) is None
