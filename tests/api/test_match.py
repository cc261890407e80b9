"""yente-compatible `POST /match/{dataset}` and `GET /search/{dataset}` over real lists.

The UN consolidated list (one file, 1,003 records) is loaded into a module store;
a second store update (the BIS MIEU list) checks that the cached index is rebuilt.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dossier import pipeline
from dossier.api.app import create_app
from dossier.api.yente import IndexCache
from dossier.settings import Settings
from dossier.store import open_store
from dossier.store import schema as t

SHIG = "Shahid Hemmat Industrial Group"


@pytest.fixture(scope="module")
def lists_db(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("match") / "lists.db"
    report = pipeline.load_lists(open_store(str(db)), [shared / "data/sanctions/un"])
    assert report.records == {"un_sc": 1003}
    return db


@pytest.fixture(scope="module")
def api(lists_db: Path) -> Iterator[TestClient]:
    # A token is configured: /match must still need none (it only reads).
    with TestClient(create_app(str(lists_db), Settings(api_token="secret"))) as client:
        yield client


def _query(name: str, schema: str = "Organization", **props: list[str]) -> dict[str, Any]:
    return {"schema": schema, "properties": {"name": [name], **props}}


def test_listed_name_matches_with_score_and_features(api: TestClient) -> None:
    body = {"queries": {"q1": _query(SHIG), "q2": _query("Xyzzy Plonk Quux Holdings")}}
    response = api.post("/match/default", json=body)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["limit"] == 5
    assert "similarity" in data["matcher"]
    hit = data["responses"]["q1"]["results"][0]
    assert hit["caption"] == "SHAHID HEMMAT INDUSTRIAL GROUP (SHIG)"
    assert hit["schema"] == "Organization"
    assert hit["datasets"] == ["un_sc"]
    assert hit["referents"] == ["un_sc:IRe.067"]
    assert hit["match"] is True
    assert hit["score"] >= 0.8
    assert hit["features"]["similarity"] == 1.0
    assert hit["explanations"]["similarity"]["score"] == 1.0
    sanction = hit["properties"]["sanctions"][0]
    assert sanction["schema"] == "Sanction"
    assert sanction["properties"]["startDate"] == ["2006-12-23"]
    assert data["responses"]["q1"]["query"]["properties"]["name"] == [SHIG]
    assert data["responses"]["q1"]["total"] == {"value": 1, "relation": "eq"}
    nonsense = data["responses"]["q2"]
    assert nonsense["status"] == 200
    assert nonsense["results"] == []


def test_cutoff_returns_near_misses_flagged_as_non_matches(api: TestClient) -> None:
    body = {"queries": {"q": _query("Shahid Industrial Group")}}
    results = api.post("/match/un_sc", params={"cutoff": 0.1}, json=body).json()
    scored = results["responses"]["q"]["results"]
    assert len(scored) > 1
    assert [r["score"] for r in scored] == sorted((r["score"] for r in scored), reverse=True)
    assert all(r["match"] == (r["score"] >= Settings().match_threshold) for r in scored)
    assert any(not r["match"] for r in scored)


def test_schema_narrows_candidates(api: TestClient) -> None:
    # A UN-listed person; asked for as a company the same name finds no person.
    person = api.get("/search/un_sc", params={"q": "Mohsen Fakhrizadeh", "schema": "Person"})
    top = person.json()["results"][0]
    assert top["schema"] == "Person"
    name = top["caption"]
    as_person = api.post("/match/default", json={"queries": {"p": _query(name, "Person")}})
    assert as_person.json()["responses"]["p"]["results"][0]["caption"] == name
    as_company = api.post("/match/default", json={"queries": {"c": _query(name, "Company")}})
    assert all(r["schema"] != "Person" for r in as_company.json()["responses"]["c"]["results"])


def test_unknown_dataset_is_404(api: TestClient) -> None:
    response = api.post("/match/nope", json={"queries": {"q": _query(SHIG)}})
    assert response.status_code == 404
    assert "dataset 'nope' not found" in response.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"queries": "Shahid"},
        {"queries": {}},  # nothing to match
        {"queries": {"q": {"properties": {"name": ["x"]}}}},  # no schema
        {"queries": {"q": {"schema": "Person"}}},  # no properties
        {"queries": {"q": {"schema": "Person", "properties": {"birthDate": ["1970"]}}}},  # no name
        {"queries": {"q": {"schema": "Spaceship", "properties": {"name": ["x"]}}}},
        {"queries": {"q": {"schema": "Event", "properties": {"name": ["Summit"]}}}},  # unmatchable
        {"queries": {"q": {"schema": "Person", "properties": {"name": [{"x": 1}]}}}},
        {"queries": {f"q{i}": _query(SHIG) for i in range(101)}},  # over the batch limit
    ],
)
def test_malformed_body_is_422(api: TestClient, body: dict[str, Any]) -> None:
    response = api.post("/match/default", json=body)
    assert response.status_code == 422
    assert response.json()["detail"] == "invalid request"
    assert response.json()["errors"]


def test_single_values_are_accepted_as_in_yente(api: TestClient) -> None:
    body = {"queries": {"q": {"schema": "Company", "properties": {"name": SHIG, "country": "ir"}}}}
    answer = api.post("/match/default", json=body).json()["responses"]["q"]
    assert answer["query"]["properties"] == {"name": [SHIG], "country": ["ir"]}
    assert answer["results"][0]["match"] is True


def test_unknown_algorithm_is_422(api: TestClient) -> None:
    body = {"queries": {"q": _query(SHIG)}}
    response = api.post("/match/default", params={"algorithm": "logic-v9"}, json=body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == "query.algorithm"
    best = api.post("/match/default", params={"algorithm": "best"}, json=body)
    assert best.status_code == 200


def test_match_is_a_read_even_on_a_read_only_server(lists_db: Path) -> None:
    with TestClient(create_app(str(lists_db), Settings(api_token=None))) as client:
        cookies = {"dossier_session": "forged"}  # an ambient cookie changes nothing
        response = client.post(
            "/match/sanctions", json={"queries": {"q": _query(SHIG)}}, cookies=cookies
        )
    assert response.status_code == 200
    assert response.json()["responses"]["q"]["results"][0]["match"] is True


def test_index_is_rebuilt_when_lists_change(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "grow.db"
    store = open_store(str(db))
    pipeline.load_lists(store, [shared / "data/sanctions/un"])
    with TestClient(create_app(str(db), Settings())) as client:
        body = {"queries": {"q": _query(SHIG)}}
        assert (
            client.post("/match/us_bis_mieu", json=body).json()["responses"]["q"]["results"] == []
        )
        pipeline.load_lists(store, [shared / "data/sanctions/us_bis/mieu.csv"])
        first = next(r for r in store.iter_list_records() if r.dataset == "us_bis_mieu")
        found = client.post("/match/us_bis_mieu", json={"queries": {"q": _query(first.name)}})
    results = found.json()["responses"]["q"]["results"]
    assert results[0]["caption"] == first.name
    assert results[0]["datasets"] == ["us_bis_mieu"]


def test_record_replaced_in_place_is_seen(shared: Path, tmp_path: Path) -> None:
    db = tmp_path / "replace.db"
    store = open_store(str(db))
    pipeline.load_lists(store, [shared / "data/sanctions/us_bis/mieu.csv"])
    record = next(store.iter_list_records())
    app = create_app(str(db), Settings())
    app.state.match_cache = IndexCache(recheck_s=0.0)
    renamed = "Plonkovia Avionics Bureau"
    with TestClient(app) as client:
        body = {"queries": {"q": _query(renamed)}}
        assert client.post("/match/default", json=body).json()["responses"]["q"]["results"] == []
        with store.engine.begin() as conn:  # what an updated list does: same id, new content
            c = t.list_records.c
            conn.execute(
                t.list_records.update()
                .where(c.id == record.id)
                .values(name=renamed, source_row=record.source_row + " (renamed)")
            )
        results = client.post("/match/default", json=body).json()["responses"]["q"]["results"]
    assert [r["id"] for r in results] == [record.id]


def test_yente_routes_conform_to_their_openapi(lists_db: Path) -> None:
    """Schemathesis: generated requests to /match and /search/ never get a 5xx or an
    answer that contradicts the schema (schema-valid requests are never refused)."""
    schemathesis = pytest.importorskip("schemathesis")
    hypothesis = pytest.importorskip("hypothesis")
    app = create_app(str(lists_db), Settings(api_token=None))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [r.ok() for r in schema.get_all_operations()]
    ours = [op for op in operations if op.path.startswith(("/match/", "/search/"))]
    assert len(ours) == 2
    for operation in ours:

        @hypothesis.given(case=operation.as_strategy())
        @hypothesis.settings(
            max_examples=25,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(hypothesis.HealthCheck),
        )
        def check(case: Any) -> None:
            case.call_and_validate()

        check()
