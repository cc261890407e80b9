"""Every read route, as JSON and as HTML, over the database built from the corpus."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.built import HTML, QODS


def test_index_and_health(client: TestClient) -> None:
    index = client.get("/").json()
    health = client.get("/health").json()
    assert index["counts"] == health["counts"]
    assert index["counts"]["documents"] >= 2
    assert index["writable"] is True
    assert client.get("/index.json").json() == index


def test_entity_search_finds_qods_by_name_or_alias(client: TestClient, qods_id: str) -> None:
    rows = client.get("/entities", params={"q": "Qods"}).json()
    assert qods_id in {r["id"] for r in rows}
    assert all(r["mentions"] >= 1 for r in rows)
    aliases = client.get(f"/entities/{qods_id}").json()["aliases"]
    assert QODS in aliases


def test_qods_dossier_has_ofac_match_with_explanation(client: TestClient, qods_id: str) -> None:
    detail = client.get(f"/entities/{qods_id}").json()
    ofac = [m for m in detail["matches"] if m["dataset"] == "us_ofac_sdn"]
    assert "16418" in {m["list_id"] for m in ofac}
    match = next(m for m in ofac if m["list_id"] == "16418")
    assert match["explanation"], "a match carries its explanation"
    assert match["review"] == "pending"
    assert QODS in detail["aliases"]
    assert detail["mentions"]
    assert detail["documents"]


def test_entity_json_twin_equals_api(client: TestClient, qods_id: str) -> None:
    assert (
        client.get(f"/entities/{qods_id}.json").json() == client.get(f"/entities/{qods_id}").json()
    )


def test_entity_neighbours_come_from_claims(client: TestClient) -> None:
    graph = client.get("/graph").json()
    edge = graph["edges"][0]
    detail = client.get(f"/entities/{edge['source']}").json()
    assert edge["target"] in {n["id"] for n in detail["neighbours"]}
    claims = {(c["subject_entity_id"], c["object_entity_id"]) for c in detail["claims"]}
    assert (edge["source"], edge["target"]) in claims


def test_documents_list_and_detail(client: TestClient) -> None:
    docs = client.get("/documents").json()
    assert len(docs) >= 2
    doc = client.get(f"/documents/{docs[0]['id']}").json()
    assert len(doc["text"]) == docs[0]["length"]
    assert 0 <= doc["body_start"] < doc["body_end"] <= len(doc["text"])
    for m in doc["mentions"]:
        assert doc["text"][m["start"] : m["end"]] == m["text"]
    for c in doc["claims"]:
        assert doc["text"][c["evidence_start"] : c["evidence_end"]] == c["evidence_text"]


def test_sources_cover_every_document(client: TestClient) -> None:
    sources = client.get("/sources").json()
    docs = client.get("/documents", params={"limit": 1000}).json()
    assert {s["document_id"] for s in sources} == {d["id"] for d in docs}
    assert sum(s["claims"] for s in sources) == len(client.get("/claims?limit=1000").json())


def test_claims_filter_by_predicate_and_hedging(client: TestClient) -> None:
    all_claims = client.get("/claims", params={"limit": 1000}).json()
    predicate = all_claims[0]["predicate"]
    some = client.get("/claims", params={"predicate": predicate}).json()
    assert some
    assert all(c["predicate"] == predicate for c in some)
    hedged = client.get("/claims", params={"hedged": True, "limit": 1000}).json()
    plain = client.get("/claims", params={"hedged": False, "limit": 1000}).json()
    assert all(c["hedged"] for c in hedged)
    assert not any(c["hedged"] for c in plain)
    assert len(hedged) + len(plain) == len(all_claims)


def test_claims_filter_by_date_range_and_entity(client: TestClient, qods_id: str) -> None:
    dated = client.get("/claims", params={"date_from": "2022-10", "date_to": "2022-10"}).json()
    assert dated
    assert all(c["date"][:7] == "2022-10" for c in dated)
    for c in client.get("/claims", params={"entity": qods_id}).json():
        assert qods_id in (c["subject_entity_id"], c["object_entity_id"])


@pytest.mark.parametrize("bad", ["2022-13-99x", "yesterday"])
def test_claims_reject_bad_dates(client: TestClient, bad: str) -> None:
    response = client.get("/claims", params={"date_from": bad})
    assert response.status_code == 400


def test_timeline_has_precision(client: TestClient) -> None:
    items = client.get("/timeline").json()["items"]
    assert items
    assert all(c["date"] for c in items)
    precisions = {c["date"]: c["date_precision"] for c in items}
    for date, precision in precisions.items():
        assert precision == {4: "year", 7: "month", 10: "day"}[len(date)]
    assert [c["date"] for c in items] == sorted(c["date"] for c in items)


def test_graph_edges_join_nodes_and_count_claims(client: TestClient) -> None:
    graph = client.get("/graph").json()
    nodes = {n["id"] for n in graph["nodes"]}
    assert graph["edges"]
    for edge in graph["edges"]:
        assert edge["source"] in nodes
        assert edge["target"] in nodes
        assert edge["documents"]
    linked = [
        c
        for c in client.get("/claims", params={"limit": 1000}).json()
        if c["subject_entity_id"]
        and c["object_entity_id"]
        and c["subject_entity_id"] != c["object_entity_id"]
    ]
    assert sum(e["count"] for e in graph["edges"]) == len(linked)


def test_receipt_chains_sentence_to_list_entry(client: TestClient, qods_id: str) -> None:
    claims = client.get("/claims", params={"entity": qods_id}).json()
    claims = claims or client.get("/claims").json()
    receipt = client.get(f"/claims/{claims[0]['id']}").json()
    doc = client.get(f"/documents/{receipt['claim']['document_id']}").json()
    span = receipt["span"]
    assert (
        doc["text"][span["start"] : span["end"]]
        == span["text"]
        == receipt["claim"]["evidence_text"]
    )
    roles = {e["role"]: e for e in receipt["entities"]}
    if receipt["claim"]["subject_entity_id"]:
        assert roles["subject"]["id"] == receipt["claim"]["subject_entity_id"]


def test_receipt_shows_list_entry_for_matched_entity(client: TestClient) -> None:
    review = client.get("/review").json()
    matched = {m["entity_id"] for m in review}
    claim = next(
        c
        for c in client.get("/claims", params={"limit": 1000}).json()
        if c["subject_entity_id"] in matched
    )
    receipt = client.get(f"/claims/{claim['id']}").json()
    subject = next(e for e in receipt["entities"] if e["role"] == "subject")
    assert subject["matches"]
    assert all(m["source_row"] for m in subject["matches"])


def test_search_and_its_twin(client: TestClient, qods_id: str) -> None:
    result = client.get("/search", params={"q": "Qods"}).json()
    assert qods_id in {e["id"] for e in result["entities"]}
    assert client.get("/search.json", params={"q": "Qods"}).json() == result
    assert client.get("/search", params={"q": ""}).json()["entities"] == []


def test_review_queue_lists_matches(client: TestClient) -> None:
    queue = client.get("/review").json()
    assert queue
    assert all(m["review"] in ("pending", "accept", "reject") for m in queue)
    assert {"16418"} <= {m["list_id"] for m in queue}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/entities",
        "/documents",
        "/sources",
        "/claims",
        "/timeline",
        "/graph",
        "/review",
        "/search?q=Qods",
        "/login",
    ],
)
def test_pages_render_html_with_json_twin_link(client: TestClient, path: str) -> None:
    response = client.get(path, headers=HTML)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<nav>" in response.text
    if path != "/login":
        bare, _, query = path.partition("?")
        twin = (bare.rstrip("/") or "/index") + ".json" + (f"?{query}" if query else "")
        assert f'href="{twin}"' in response.text
        assert client.get(twin).headers["content-type"] == "application/json"


def test_entity_page_shows_match_and_claims(client: TestClient, qods_id: str) -> None:
    page = client.get(f"/entities/{qods_id}", headers=HTML).text
    assert "us_ofac_sdn" in page
    assert "16418" in page
    assert 'class="why"' in page  # the match in words, never a raw dict
    assert "{&#39;" not in page


def test_document_page_highlights_mentions_and_claims(client: TestClient) -> None:
    doc = client.get("/documents").json()[0]
    detail = client.get(f"/documents/{doc['id']}").json()
    page = client.get(f"/documents/{doc['id']}", headers=HTML).text
    assert page.count('class="mention') >= len({(m["start"], m["end"]) for m in detail["mentions"]})
    for c in detail["claims"]:
        assert f'id="claim-{c["id"]}"' in page
