"""Oversized request bodies are refused with 413 in the one error shape, on every write
route, whether the size is declared up front or a chunked body grows past the limit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dossier.api.app import MAX_BODY_BYTES, create_app
from dossier.api.routers.match import MATCH_MAX_BODY
from dossier.settings import Settings
from tests.security.routes import write_route_types

TOKEN = "body-limit-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("limit") / "dossier.db"
    with TestClient(create_app(str(db), Settings(api_token=TOKEN))) as c:
        yield c


def _chunks(total: int, size: int = 2**20) -> Iterator[bytes]:
    for start in range(0, total, size):
        yield b"a" * min(size, total - start)


def _assert_413(response: object, limit: int = MAX_BODY_BYTES) -> None:
    assert getattr(response, "status_code", None) == 413
    body = response.json()  # type: ignore[attr-defined]
    assert body["ok"] is False
    assert body["status"] == 413
    assert str(limit) in body["detail"]


@pytest.mark.parametrize(("path", "kind"), write_route_types(create_app(":memory:", Settings())))
@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_oversized_body_is_refused(
    client: TestClient, path: str, kind: str, declared: bool
) -> None:
    limit = MATCH_MAX_BODY if path.startswith("/match/") else MAX_BODY_BYTES  # tighter there
    total = limit + 1
    body: bytes | Iterator[bytes] = b"a" * total if declared else _chunks(total)
    response = client.post(path, content=body, headers={**AUTH, "content-type": kind})
    _assert_413(response, limit)
    assert response.headers["x-content-type-options"] == "nosniff"


def test_body_at_the_limit_is_read(client: TestClient) -> None:
    # Exactly the limit passes the size check; the route then judges the content.
    padding = MAX_BODY_BYTES - len(b'{"text": "Iran shipped drones."}')
    body = b'{"text": "Iran shipped drones."}' + b" " * padding
    response = client.post(
        "/ingest", content=body, headers={**AUTH, "content-type": "application/json"}
    )
    assert response.status_code == 201, response.text


def test_small_body_still_works(client: TestClient) -> None:
    response = client.post("/ingest", json={"text": "Russia bought drones."}, headers=AUTH)
    assert response.status_code == 201
    assert response.json()["stored"] is True


def test_limit_is_generous_for_the_largest_ingest(tmp_path: Path) -> None:
    # The largest text `POST /ingest` accepts, in a multi-byte script, fits the limit.
    assert len(("ж" * 2_000_000).encode("utf-8")) + 1000 < MAX_BODY_BYTES
