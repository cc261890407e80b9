"""SQL in every query and path parameter, on SQLite and PostgreSQL.

Routes and their parameters are enumerated from the app, so a new filter is covered as
soon as it exists. Every answer must be a deliberate one (< 500), a tautology must not
widen a search, and the database must come out unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from dossier.api.app import create_app
from dossier.settings import Settings
from tests.security.hostile import build_hostile
from tests.security.routes import read_routes

INJECTIONS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "1; DROP TABLE documents; --",
    "x') UNION SELECT name, sql, 1, 1 FROM sqlite_master --",
    "%' UNION SELECT version(), 1, 1 --",
    "'; SELECT pg_sleep(0); --",
    "\\'; DELETE FROM entities; --",
    "%",
    "_",
    "\x00",
    "-1",
    "99999999999999999999999",
    "1e309",
    "ö' ||(SELECT 1)|| '",
]
SKIP_ROUTES = {"/openapi.json", "/docs", "/redoc", "/docs/oauth2-redirect"}


@pytest.fixture
def client(store_url: str, nlp: Any, tmp_path: Any) -> Iterator[TestClient]:
    build_hostile(store_url, nlp, tmp_path / "docs")
    app = create_app(store_url, Settings(api_token="sql-token"))
    with TestClient(app) as c:
        yield c
    app.state.store.engine.dispose()


def _requests(client: TestClient) -> list[str]:
    urls: list[str] = []
    for route in read_routes(client.app):  # type: ignore[arg-type]
        if route.path in SKIP_ROUTES:
            continue
        path_names = [p.name for p in route.dependant.path_params]
        query_names = [p.name for p in route.dependant.query_params]
        for payload in INJECTIONS:
            encoded = quote(payload, safe="")
            path = route.path
            for name in path_names:
                path = path.replace(f"{{{name}}}", encoded)
            if path_names:
                urls.append(path)
            urls += [f"{path}?{name}={encoded}" for name in query_names]
    return urls


TAUTOLOGIES = ["' OR '1'='1", "' OR 1=1 --", '" OR ""="']


def test_injected_parameters_change_nothing(client: TestClient) -> None:
    before = client.get("/health").json()["counts"]
    entities = client.get("/entities").json()
    urls = _requests(client)
    assert len(urls) > 100
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, (url, response.text[:300])
    for url in urls[:: max(1, len(urls) // 40)]:  # the HTML pages run the same queries
        assert client.get(url, headers={"Accept": "text/html"}).status_code < 500, url
    assert client.get("/health").json()["counts"] == before
    assert client.get("/entities").json() == entities
    for tautology in TAUTOLOGIES:  # a tautology must not widen a search
        assert client.get("/entities", params={"q": tautology}).json() == []
        assert client.get("/claims", params={"entity": tautology}).json() == []
        assert _rows(client.get("/search", params={"q": tautology}).json()) == []


def _rows(body: Any) -> Any:
    if isinstance(body, list):
        return body
    return [row for key, rows in body.items() if isinstance(rows, list) for row in rows]
