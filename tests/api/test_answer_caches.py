"""The answer caches under load's hot paths: `/match` answers (per index build, scope,
parameters and body) and cookie-less JSON GETs (per SQLite `data_version`). Each test
changes the data behind a cached answer and checks that the next request sees it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from dossier import pipeline
from dossier.api.app import create_app
from dossier.api.cache import AnswerCache
from dossier.api.yente import IndexCache
from dossier.settings import Settings
from dossier.store import Store, open_store
from dossier.store import schema as t
from tests.live import run_coroutine

TOKEN = "answer-cache-token"


def _query(name: str) -> dict[str, Any]:
    return {"queries": {"q": {"schema": "Organization", "properties": {"name": [name]}}}}


@pytest.fixture
def lists(shared: Path, tmp_path: Path) -> tuple[Path, Store]:
    db = tmp_path / "lists.db"
    store = open_store(str(db))
    pipeline.load_lists(store, [shared / "data/sanctions/us_bis/mieu.csv"])
    return db, store


@pytest.fixture
def match_client(lists: tuple[Path, Store]) -> Iterator[TestClient]:
    app = create_app(str(lists[0]), Settings())
    # Sees in-place edits at once; skips the checks while the database is unchanged.
    version = app.state.data_version
    app.state.match_cache = IndexCache(recheck_s=0.0, data_version=version)
    with TestClient(app) as client:
        yield client


def _rename(store: Store, record_id: str, name: str) -> None:
    """What an updated list does: same id, new content."""
    with store.engine.begin() as conn:
        c = t.list_records.c
        conn.execute(
            t.list_records.update()
            .where(c.id == record_id)
            .values(name=name, source_row=c.source_row + f" ({name})")
        )


def test_repeated_match_is_answered_from_the_cache(
    match_client: TestClient, lists: tuple[Path, Store]
) -> None:
    record = next(lists[1].iter_list_records())
    first = match_client.post("/match/default", json=_query(record.name))
    assert first.status_code == 200, first.text
    answers: AnswerCache = match_client.app.state.match_answers  # type: ignore[attr-defined]
    stored = next(iter(answers._entries.values()))
    statements: list[str] = []
    engine = match_client.app.state.store.engine  # type: ignore[attr-defined]
    sa.event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    again = match_client.post("/match/default", json=_query(record.name))
    assert statements == []  # the database is unchanged: no freshness check, no screening
    assert again.content == first.content == stored
    assert again.headers["x-batch-size"] == first.headers["x-batch-size"] == "1"
    assert again.headers["content-type"] == "application/json"
    assert again.json()["responses"]["q"]["results"][0]["id"] == record.id


def test_match_parameters_and_scope_are_part_of_the_key(
    match_client: TestClient, lists: tuple[Path, Store]
) -> None:
    record = next(lists[1].iter_list_records())
    body = _query(record.name)
    wide = match_client.post("/match/default", json=body).json()
    narrow = match_client.post("/match/default?limit=1", json=body).json()
    other = match_client.post("/match/un_sc", json=body).json()
    assert wide["limit"] == 5
    assert narrow["limit"] == 1
    assert len(narrow["responses"]["q"]["results"]) == 1
    assert wide["responses"]["q"]["results"][0]["id"] == record.id
    assert other["responses"]["q"]["results"] == []


def test_match_answer_follows_a_list_edited_in_place(
    match_client: TestClient, lists: tuple[Path, Store]
) -> None:
    record = next(lists[1].iter_list_records())
    renamed = "Plonkovia Avionics Bureau"
    body = _query(renamed)
    assert match_client.post("/match/default", json=body).json()["responses"]["q"]["results"] == []
    _rename(lists[1], record.id, renamed)
    results = match_client.post("/match/default", json=body).json()["responses"]["q"]["results"]
    assert [r["id"] for r in results] == [record.id]


def test_answer_cache_is_bounded() -> None:
    answers = AnswerCache(max_entries=2)
    for n in range(3):
        answers.put(n, str(n).encode())
    answers.get(1)
    answers.put(3, b"3")
    assert [answers.get(n) for n in range(4)] == [None, b"1", None, b"3"]


@pytest.fixture
def json_client(tmp_path: Path) -> Iterator[tuple[TestClient, Store]]:
    db = tmp_path / "json.db"
    app = create_app(str(db), Settings(api_token=TOKEN))
    with TestClient(app) as client:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        text = "Iran supplied drones to Russia in 2023."
        assert client.post("/ingest", json={"text": text}, headers=auth).status_code < 300
        yield client, open_store(str(db))  # a second engine: another connection's commits


def test_every_commit_by_another_connection_is_seen_at_once(
    json_client: tuple[TestClient, Store],
) -> None:
    """Same-size edits in quick succession: the write-ahead log keeps its size, and the
    file clock may not tick between them; the cache must still see each one."""
    client, other = json_client
    entity = client.get("/entities").json()[0]
    for name in ("Aaaa", "Bbbb", "Cccc", "Dddd"):
        with other.engine.begin() as conn:
            conn.execute(
                t.entities.update().where(t.entities.c.id == entity["id"]).values(name=name)
            )
        assert client.get(f"/entities/{entity['id']}").json()["name"] == name


def test_a_burst_for_one_uncached_page_computes_it_once(
    json_client: tuple[TestClient, Store],
) -> None:
    client, _ = json_client
    app = client.app
    entity = client.get("/entities").json()[0]
    path = f"/entities/{entity['id']}"
    statements: list[str] = []
    engine = app.state.store.engine  # type: ignore[attr-defined]
    sa.event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    client.get(path, headers={"Cookie": "x=1"})  # uncached: what one computation runs
    once = len(statements)
    statements.clear()

    async def burst() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            return await asyncio.gather(*(http.get(path) for _ in range(10)))

    answers = run_coroutine(burst)
    assert {r.status_code for r in answers} == {200}
    assert len({r.content for r in answers}) == 1
    assert once > 0
    assert len(statements) == once


def test_warm_app_builds_the_list_index_at_start_up(lists: tuple[Path, Store]) -> None:
    app = create_app(str(lists[0]), Settings(), warm=True)
    with TestClient(app) as client:
        cache: IndexCache = app.state.match_cache
        assert cache.builds == 1  # before any request
        record = next(lists[1].iter_list_records())
        found = client.post("/match/default", json=_query(record.name)).json()
        assert found["responses"]["q"]["results"][0]["id"] == record.id
        assert cache.builds == 1  # the first /match used it
