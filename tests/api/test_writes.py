"""Writes: the token rule, review decisions respected by reads, and POST /ingest."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from dossier.store import schema as t
from tests.api.built import AUTH, HTML, QODS, TOKEN

WRITES = [
    ("/review", {"target_type": "match", "target_id": "x", "decision": "reject"}),
    ("/ingest", {"text": "Iran supplied drones to Russia."}),
]


@pytest.mark.parametrize(("path", "body"), WRITES)
def test_readonly_server_refuses_writes(
    readonly_client: TestClient, path: str, body: dict[str, str]
) -> None:
    response = readonly_client.post(path, json=body, headers={"Authorization": "Bearer anything"})
    assert response.status_code == 403
    assert response.json()["ok"] is False
    assert "read-only" in response.json()["detail"]


@pytest.mark.parametrize(("path", "body"), WRITES)
@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}]
)
def test_writes_need_the_bearer_token(
    client: TestClient, path: str, body: dict[str, str], headers: dict[str, str]
) -> None:
    response = client.post(path, json=body, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def _qods_match(client: TestClient, qods_id: str) -> dict[str, str]:
    detail = client.get(f"/entities/{qods_id}").json()
    return next(m for m in detail["matches"] if m["list_id"] == "16418")


def test_rejected_match_is_not_shown_as_a_match(rw_client: TestClient, qods_id: str) -> None:
    match = _qods_match(rw_client, qods_id)
    decision = {"target_type": "match", "target_id": match["id"], "decision": "reject"}
    response = rw_client.post("/review", json=decision, headers=AUTH)
    assert response.status_code == 201
    assert response.json()["decision"] == "reject"
    detail = rw_client.get(f"/entities/{qods_id}").json()
    assert match["id"] not in {m["id"] for m in detail["matches"]}
    queue = {m["id"]: m["review"] for m in rw_client.get("/review").json()}
    assert queue[match["id"]] == "reject"
    rejected = rw_client.get("/review", params={"status": "reject"}).json()
    assert [m["id"] for m in rejected] == [match["id"]]
    # a later accept overrides the reject
    rw_client.post("/review", json={**decision, "decision": "accept"}, headers=AUTH)
    assert _qods_match(rw_client, qods_id)["review"] == "accept"


def test_merge_and_split_entities(rw_client: TestClient, qods_id: str) -> None:
    other = next(
        e
        for e in rw_client.get("/entities", params={"type": "country"}).json()
        if e["id"] != qods_id
    )
    before = rw_client.get(f"/entities/{qods_id}").json()
    pair = f"{other['id']}|{qods_id}"
    merge = {"target_type": "entity_pair", "target_id": pair, "decision": "merge"}
    assert rw_client.post("/review", json=merge, headers=AUTH).status_code == 201
    merged = rw_client.get(f"/entities/{qods_id}").json()
    assert other["id"] in {m["id"] for m in merged["merged_with"]}
    assert len(merged["mentions"]) == len(before["mentions"]) + other["mentions"]
    split = {**merge, "decision": "split"}
    assert rw_client.post("/review", json=split, headers=AUTH).status_code == 201
    assert rw_client.get(f"/entities/{qods_id}").json()["mentions"] == before["mentions"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"target_type": "match", "target_id": "nope", "decision": "reject"}, 404),
        ({"target_type": "match", "target_id": "nope", "decision": "merge"}, 400),
        ({"target_type": "entity_pair", "target_id": "a|a", "decision": "merge"}, 400),
        ({"target_type": "entity_pair", "target_id": "a|b", "decision": "merge"}, 404),
        ({"target_type": "thing", "target_id": "a", "decision": "merge"}, 400),
    ],
)
def test_bad_decisions_are_refused(
    rw_client: TestClient, body: dict[str, str], status: int
) -> None:
    response = rw_client.post("/review", json=body, headers=AUTH)
    assert response.status_code == status
    assert response.json()["ok"] is False


def test_ingest_stores_through_the_pipeline(rw_client: TestClient) -> None:
    text = (
        "Qods Aviation Industries delivered Mohajer-6 drones to Russia in October 2022, "
        "according to Ukrainian officials. The United States sanctioned Qods Aviation "
        "Industries in 2022."
    )
    before = rw_client.get("/health").json()["counts"]
    body = {
        "text": text,
        "title": "API report",
        "published": "2022-11-01",
        "url": "https://x.test/a",
    }
    response = rw_client.post("/ingest", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    out = response.json()
    assert out["stored"] is True
    assert out["entities"] >= 2
    assert rw_client.get("/health").json()["counts"]["documents"] == before["documents"] + 1
    doc = rw_client.get(f"/documents/{out['document_id']}").json()
    assert doc["text"] == text
    assert doc["title"] == "API report"
    assert doc["url"] == "https://x.test/a"
    assert any(m["text"] == QODS for m in doc["mentions"])
    again = rw_client.post("/ingest", json=body, headers=AUTH).json()
    assert again["stored"] is False
    assert again["document_id"] == out["document_id"]


@pytest.mark.parametrize("body", [{"text": ""}, {"text": "x", "published": "soon"}, {}])
def test_ingest_rejects_bad_bodies(rw_client: TestClient, body: dict[str, str]) -> None:
    response = rw_client.post("/ingest", json=body, headers=AUTH)
    assert response.status_code == 400
    assert response.json()["errors"]


def test_ingest_failure_is_answered_and_recorded(rw_client: TestClient) -> None:
    before = rw_client.get("/health").json()["counts"]["documents"]
    response = rw_client.post("/ingest", json={"text": "bin\x00ary", "id": "nul-1"}, headers=AUTH)
    assert response.status_code == 400
    assert "NUL" in response.text
    assert rw_client.get("/health").json()["counts"]["documents"] == before
    store = rw_client.app.state.store  # type: ignore[attr-defined]
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.ingest_errors)).mappings().all()
    assert any("nul-1" in r["location"] and "NUL" in r["reason"] for r in rows)


def _csrf(client: TestClient, path: str = "/login") -> str:
    """The CSRF token in a page's forms: the login form's before login, the session's
    after (a new session gets a new token)."""
    page = client.get(path, headers=HTML).text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, page[:300]
    return found.group(1)


def test_browser_login_then_form_review_with_csrf(rw_client: TestClient, qods_id: str) -> None:
    csrf = _csrf(rw_client)
    bad = rw_client.post("/login", data={"token": "wrong", "csrf_token": csrf}, headers=HTML)
    assert bad.status_code == 401
    assert "dossier_session" not in rw_client.cookies
    ok = rw_client.post(
        "/login",
        data={"token": TOKEN, "csrf_token": csrf, "next": "/review"},
        follow_redirects=False,
    )
    assert ok.status_code == 303
    assert ok.headers["location"] == "/review"
    assert rw_client.cookies["dossier_session"] != TOKEN
    assert _csrf(rw_client, "/review") != csrf  # the session's own token now
    csrf = _csrf(rw_client, "/review")
    match = _qods_match(rw_client, qods_id)
    form = {"target_type": "match", "target_id": match["id"], "decision": "reject"}
    forged = rw_client.post("/review/form", data={**form, "csrf_token": "forged"})
    assert forged.status_code == 403
    missing = rw_client.post("/review", json=form)  # session cookie but no X-CSRF-Token
    assert missing.status_code == 403
    assert _qods_match(rw_client, qods_id)["review"] == "pending"
    done = rw_client.post(
        "/review/form",
        data={**form, "csrf_token": csrf, "next": "//evil.test/"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert done.headers["location"] == "/"
    ids = {m["id"] for m in rw_client.get(f"/entities/{qods_id}").json()["matches"]}
    assert match["id"] not in ids
    via_header = rw_client.post(
        "/review", json={**form, "decision": "accept"}, headers={"X-CSRF-Token": csrf}
    )
    assert via_header.status_code == 201


def test_login_needs_csrf(rw_client: TestClient) -> None:
    _csrf(rw_client)
    response = rw_client.post("/login", data={"token": TOKEN, "csrf_token": "x"})
    assert response.status_code == 403


def test_merge_and_split_from_entity_page_forms(rw_client: TestClient, qods_id: str) -> None:
    rw_client.post("/login", data={"token": TOKEN, "csrf_token": _csrf(rw_client)})
    csrf = _csrf(rw_client, f"/entities/{qods_id}")
    page = rw_client.get(f"/entities/{qods_id}", headers=HTML).text
    assert 'class="merge-form"' in page
    other = next(e for e in rw_client.get("/entities").json() if e["id"] != qods_id)
    form = {
        "target_type": "entity_pair",
        "target_id": qods_id,
        "other": other["id"],
        "decision": "merge",
        "csrf_token": csrf,
        "next": f"/entities/{qods_id}",
    }
    done = rw_client.post("/review/form", data=form, follow_redirects=False)
    assert done.status_code == 303
    assert done.headers["location"] == f"/entities/{qods_id}"
    merged = rw_client.get(f"/entities/{qods_id}").json()["merged_with"]
    assert [m["id"] for m in merged] == [other["id"]]
    assert 'class="inline split-form"' in rw_client.get(f"/entities/{qods_id}", headers=HTML).text
    rw_client.post("/review/form", data={**form, "decision": "split"})
    assert rw_client.get(f"/entities/{qods_id}").json()["merged_with"] == []
