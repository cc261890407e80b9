"""Every error, whatever raised it, has the one JSON shape of `error_body`."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.built import HTML

CASES: list[tuple[str, str, dict[str, Any], int]] = [
    ("GET", "/entities/does-not-exist", {}, 404),
    ("GET", "/entities/does-not-exist.json", {}, 404),
    ("GET", "/documents/nope", {}, 404),
    ("GET", "/claims/nope", {}, 404),
    ("GET", "/no/such/route", {}, 404),
    ("GET", "/entities?limit=0", {}, 400),
    ("GET", "/entities?type=spaceship", {}, 400),
    ("GET", "/claims?hedged=perhaps", {}, 400),
    ("GET", "/review?status=maybe", {}, 400),
    ("DELETE", "/entities", {}, 405),
    ("POST", "/review", {"json": {"decision": "reject"}}, 401),
    ("POST", "/ingest", {"json": {"text": "x"}}, 401),
    (
        "POST",
        "/ingest",
        {"content": b"{not json", "headers": {"content-type": "application/json"}},
        400,
    ),
]


@pytest.mark.parametrize(("method", "path", "kwargs", "status"), CASES)
@pytest.mark.parametrize("accept", [{}, HTML])
def test_error_shape(
    client: TestClient,
    method: str,
    path: str,
    kwargs: dict[str, Any],
    status: int,
    accept: dict[str, str],
) -> None:
    kwargs = dict(kwargs)
    headers = {**kwargs.pop("headers", {}), **accept}
    response = client.request(method, path, headers=headers, **kwargs)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"ok", "status", "detail", "errors"}
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["detail"], str)
    assert body["detail"]
    assert isinstance(body["errors"], list)
    if status == 400:
        assert body["errors"]
        assert all({"loc", "msg"} <= set(e) for e in body["errors"])
