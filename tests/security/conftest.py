"""Security fixtures: a payload-filled database (`hostile.py`) behind the real app.

- `hostile_db`: a SQLite database built once per session by the real pipeline.
- `hostile_client`: the app over it (a token configured) via TestClient.
- `hostile_live`: the same app served by uvicorn on 127.0.0.1 (for the browser).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dossier.api.app import create_app
from dossier.settings import Settings
from tests.live import served
from tests.security.hostile import build_hostile

TOKEN = "hostile-token-3"


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> str:
    folder = tmp_path_factory.mktemp("hostile")
    return build_hostile(str(folder / "dossier.db"), nlp, folder / "docs")


@pytest.fixture(scope="session")
def hostile_client(hostile_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(hostile_db, Settings(api_token=TOKEN))) as client:
        yield client


@pytest.fixture(scope="session")
def hostile_live(hostile_db: str) -> Iterator[str]:
    with served(create_app(hostile_db, Settings(api_token=TOKEN))) as url:
        yield url


def ids(client: TestClient, path: str) -> list[str]:
    """The ids listed by a JSON collection route."""
    return [str(row["id"]) for row in client.get(path).json()]


@pytest.fixture(scope="session")
def hostile_pages(hostile_client: TestClient) -> list[str]:
    """Every page of the UI over the hostile database (paths with filled-in ids)."""
    return page_paths(hostile_client)


def page_paths(client: TestClient) -> list[str]:
    from tests.security.routes import read_routes

    fill = {
        "entity_id": ids(client, "/entities"),
        "document_id": ids(client, "/documents"),
        "claim_id": ids(client, "/claims"),
        "dataset": ["us_ofac_sdn"],
    }
    paths: list[str] = []
    for route in read_routes(client.app):  # type: ignore[arg-type]
        names = [p.name for p in route.dependant.path_params]
        if not names:
            paths.append(route.path)
        for name in names:
            assert fill.get(name), f"no ids to fill {{{name}}} of {route.path}: add them here"
            paths += [route.path.replace(f"{{{name}}}", value) for value in fill[name]]
    return sorted(set(paths) - {"/openapi.json", "/docs", "/redoc", "/docs/oauth2-redirect"})
