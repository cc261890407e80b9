"""API fixtures: the real app (TestClient) over a real DB built by the real pipeline.

- `base_db`: the session's database (lists + corpus + dev articles); never written.
- `client`: the app over `base_db` with a token configured (reads only, please).
- `readonly_client`: the app over `base_db` with no token: writes must be refused.
- `rw_client` / `rw_db`: the app over a private copy of the database, for writes.
- `qods_id`: the entity id of "Qods Aviation Industries".
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dossier.api.app import create_app
from dossier.settings import Settings
from tests.api.built import QODS, TOKEN, build_db, copy_db


@pytest.fixture(scope="session")
def base_db(tmp_path_factory: pytest.TempPathFactory, shared: Path, nlp: Any) -> Path:
    return build_db(tmp_path_factory, shared, nlp)


@pytest.fixture(scope="session")
def client(base_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(base_db), Settings(api_token=TOKEN))) as c:
        yield c


@pytest.fixture(scope="session")
def readonly_client(base_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(base_db), Settings(api_token=None))) as c:
        yield c


@pytest.fixture
def rw_db(base_db: Path, tmp_path: Path) -> Path:
    return copy_db(base_db, tmp_path / "rw")


@pytest.fixture
def rw_client(rw_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(rw_db), Settings(api_token=TOKEN))) as c:
        yield c


@pytest.fixture(scope="session")
def qods_id(client: TestClient) -> str:
    """The entity named (or aliased, after resolution) "Qods Aviation Industries"."""
    found = client.get("/entities", params={"q": QODS, "type": "organization"}).json()
    assert found, f"{QODS} not extracted"
    return str(found[0]["id"])
