"""The API reads canonical entities: one entity per group, its names, its merges."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dossier.api.app import create_app
from dossier.model import Document
from dossier.pipeline import Analyzer
from dossier.settings import Settings
from dossier.store import open_store
from dossier.store.queries import find_entity_id
from tests.resolve.test_store_merges import REPORTS


@pytest.fixture
def client(tmp_path: Any, nlp: Any) -> Iterator[TestClient]:
    db = str(tmp_path / "api.db")
    store = open_store(db)
    keys = ["qods", "ghods", "quds", "shahed", "geran"]
    docs = [Document(id=k, text=REPORTS[k], body_end=len(REPORTS[k])) for k in keys]
    for extraction in Analyzer(nlp).analyse(docs):
        store.add_extraction(extraction)
    with TestClient(create_app(db, Settings(api_token=None))) as c:
        yield c


def test_entity_list_and_page_show_the_canonical_entity(client: TestClient, tmp_path: Any) -> None:
    listed = client.get("/entities", params={"q": "Ghods"}).json()
    assert len(listed) == 1
    names = {"Qods Aviation Industry", "Ghods Aviation Industries", "Quds Aviation Industries"}
    assert names <= set(listed[0]["aliases"])
    assert listed[0]["mentions"] == 3
    loser = find_entity_id(open_store(str(tmp_path / "api.db")), "Ghods Aviation Industries")
    assert loser != listed[0]["id"]
    page = client.get(f"/entities/{loser}").json()
    assert page["id"] == listed[0]["id"]
    assert names <= set(page["aliases"])
    assert [m["reason"]["method"] for m in page["merges"]] == ["alias table"]
    weapons = client.get("/entities", params={"type": "weapon", "q": "Geran"}).json()
    assert [w["name"] for w in weapons] == ["Shahed-136"]
    assert {"Shahed-136", "Geran-2"} <= set(weapons[0]["aliases"])
    assert weapons[0]["documents"] == 2
