"""`POST /match` cannot be made to eat memory or CPU (issue 20, items 1 and 3).

Found by the red-team pass: the answer cache keyed on the whole body, ignored fields
(`config`, `weights`) included, and bounded only each answer's size (40 requests with a
9 MB ignored field took a worker from 466 to 832 MB); one 5 MB request (100 queries x 50
names x 1,000 characters) cost ~30 s of CPU, with no limit on how many ran at once.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from dossier import pipeline
from dossier.api.app import create_app
from dossier.api.cache import AnswerCache
from dossier.api.routers.match import (
    MATCH_MAX_BODY,
    MAX_NAME_CHARS,
    MAX_NAMES,
    MAX_REQUEST_NAME_CHARS,
)
from dossier.settings import Settings
from dossier.store import open_store
from tests.live import run_coroutine, served


def _query(names: list[str], **extra: Any) -> dict[str, Any]:
    example = {"schema": "Organization", "properties": {"name": names}}
    return {"queries": {"q": example}, **extra}


@pytest.fixture(scope="module")
def lists_db(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("match-limits") / "lists.db"
    pipeline.load_lists(open_store(str(db)), [shared / "data/sanctions/us_bis/mieu.csv"])
    return db


@pytest.fixture
def client(lists_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(lists_db), Settings())) as c:
        yield c


def test_match_ignored_fields_are_not_part_of_the_cache_key(client: TestClient) -> None:
    names = ["Aviation Industry Corporation"]
    for n in range(8):
        filler = {"pad": f"{n}" * 100_000}  # what the attack sent, 9 MB then, 100 kB here
        response = client.post("/match/default", json=_query(names, config=filler, weights={}))
        assert response.status_code == 200, response.text
    answers: AnswerCache = client.app.state.match_answers  # type: ignore[attr-defined]
    assert len(answers) == 1
    assert answers.size_bytes < 200_000  # the answer, not the padding


def test_answer_cache_is_bounded_in_bytes() -> None:
    answers = AnswerCache(max_entries=1000, max_bytes=10_000)
    for n in range(50):
        answers.put(("key", n), b"x" * 1_000)
    assert answers.size_bytes <= 10_000
    assert len(answers) == 10_000 // (1_000 + AnswerCache.KEY_BYTES)
    assert answers.get(("key", 49)) is not None
    assert answers.get(("key", 0)) is None


def test_match_body_over_its_limit_is_413(client: TestClient) -> None:
    body = _query(["Aviation"], config={"pad": "x" * (MATCH_MAX_BODY + 1)})
    response = client.post("/match/default", json=body)
    assert response.status_code == 413, response.text[:300]
    assert response.json()["ok"] is False


@pytest.mark.parametrize(
    ("names", "why"),
    [
        (["Aviation Industry"] * (MAX_NAMES + 1), "names per query"),
        (["A" * (MAX_NAME_CHARS + 1)], "characters per name"),
    ],
)
def test_match_query_bounds_are_422(client: TestClient, names: list[str], why: str) -> None:
    response = client.post("/match/default", json=_query(names))
    assert response.status_code == 422, f"{why}: {response.status_code}"


def test_match_request_over_the_name_budget_is_refused_fast(client: TestClient) -> None:
    # Each query within its bounds, the batch far over the request's character budget:
    # what the attack sent (5,000 names of 1,000 characters) now fits no single bound.
    name = "Aviation Industry Corporation Number " * 13
    per_query = [f"{name}{i}"[:MAX_NAME_CHARS] for i in range(MAX_NAMES)]
    queries = {f"q{n}": {"schema": "Thing", "properties": {"name": per_query}} for n in range(100)}
    assert 100 * MAX_NAMES * 450 > MAX_REQUEST_NAME_CHARS
    started = time.process_time()
    response = client.post("/match/default", json={"queries": queries})
    assert response.status_code == 413, response.text[:300]
    assert str(MAX_REQUEST_NAME_CHARS) in response.json()["detail"]
    assert time.process_time() - started < 2.0


def test_match_beyond_its_concurrency_is_429_and_other_routes_answer(lists_db: Path) -> None:
    app = create_app(str(lists_db), Settings())
    app.state.match_slots = threading.BoundedSemaphore(1)  # one /match at a time here
    heavy = [f"Aviation Industry Corporation of Plonk {i} " * 10 for i in range(MAX_NAMES)]

    async def burst(url: str) -> tuple[list[int], float]:
        async with httpx.AsyncClient(base_url=url, timeout=60) as http:
            posts = [
                http.post("/match/default", json=_query([f"{n} {x}" for x in heavy]))
                for n in range(8)
            ]
            tasks = [asyncio.ensure_future(p) for p in posts]
            await asyncio.sleep(0.05)
            started = time.monotonic()
            health = await http.get("/health")
            took = time.monotonic() - started
            assert health.status_code == 200
            return [r.status_code for r in await asyncio.gather(*tasks)], took

    with served(app) as url:
        statuses, health_s = run_coroutine(lambda: burst(url))
    assert 200 in statuses
    assert 429 in statuses, statuses
    assert set(statuses) <= {200, 429}
    assert health_s < 5.0
