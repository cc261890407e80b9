"""The workbench's API (issue 17): every list answers its total and next page, CSV of a
view, LIKE wildcards taken literally, search totals, bulk decisions, undo and the audit
trail, merge by name."""

from __future__ import annotations

import csv
import io
import re

import pytest
from fastapi.testclient import TestClient

from tests.api.built import AUTH, HTML, TOKEN

LISTS = ["/documents", "/sources", "/entities", "/claims", "/groups", "/review"]


@pytest.mark.parametrize("path", LISTS)
def test_every_list_says_its_total_and_links_the_next_page(client: TestClient, path: str) -> None:
    everything = client.get(path, params={"limit": 1000})
    total = int(everything.headers["x-total-count"])
    assert len(everything.json()) == total > 2
    assert "link" not in everything.headers  # the last page links nowhere
    first = client.get(path, params={"limit": 2})
    assert int(first.headers["x-total-count"]) == total
    assert len(first.json()) == 2
    next_url = first.headers["link"].split(">")[0].lstrip("<")
    second = client.get(next_url)
    assert second.json() == everything.json()[2:4]


def test_a_view_exports_as_csv(client: TestClient) -> None:
    shown = client.get("/claims", params={"predicate": "supply", "sort": "-date"}).json()
    answer = client.get("/claims", params={"predicate": "supply", "sort": "-date", "format": "csv"})
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [r["id"] for r in rows] == [c["id"] for c in shown]


@pytest.mark.parametrize("wildcard", ["%", "_", "%%", "_%_"])
def test_like_wildcards_match_nothing_by_themselves(client: TestClient, wildcard: str) -> None:
    # Issue 20, item 12a: '%' and '_' matched every entity (and every sentence on /search).
    assert client.get("/entities", params={"q": wildcard}).json() == []
    found = client.get("/search", params={"q": wildcard}).json()
    assert found["entities"] == []
    assert found["totals"]["claims"] < int(client.get("/claims").headers["x-total-count"])


def test_search_pages_each_kind(client: TestClient) -> None:
    found = client.get("/search", params={"q": "drones", "limit": 1}).json()
    assert found["totals"]["claims"] > 1
    assert len(found["claims"]) == 1
    more = client.get(found["next"]["claims"]).json()
    assert more["kind"] == "claims"
    assert more["claims"][0]["id"] != found["claims"][0]["id"]


def test_bulk_reject_undo_and_who_decided(rw_client: TestClient, qods_id: str) -> None:
    pending = [m for m in rw_client.get(f"/entities/{qods_id}").json()["matches"]]
    assert pending
    body = {"entity_id": qods_id, "decision": "reject", "note": "namesake", "reviewer": "ana"}
    decided = rw_client.post("/review/bulk", json=body, headers=AUTH)
    assert decided.status_code == 201
    assert {d["target_id"] for d in decided.json()} == {m["id"] for m in pending}
    page = rw_client.get(f"/entities/{qods_id}").json()
    assert page["matches"] == []
    assert {(r["decided_by"], r["note"]) for r in page["rejected"]} == {("ana", "namesake")}
    again = rw_client.post("/review/bulk", json=body, headers=AUTH).json()
    assert again == []  # decided matches keep their decision
    undone = rw_client.post(
        "/review/undo", json={"decision_id": decided.json()[0]["id"]}, headers=AUTH
    )
    assert undone.json()["undone_by"] == "bearer"
    assert len(rw_client.get(f"/entities/{qods_id}").json()["matches"]) == 1


def _csrf(client: TestClient, path: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path, headers=HTML).text)
    assert found
    return found.group(1)


def test_merge_by_name_in_the_form(rw_client: TestClient, qods_id: str) -> None:
    login = {"token": TOKEN, "csrf_token": _csrf(rw_client, "/login"), "next": "/"}
    assert rw_client.post("/login", data=login, follow_redirects=False).status_code == 303
    form = {
        "csrf_token": _csrf(rw_client, f"/entities/{qods_id}"),
        "target_type": "entity_pair",
        "target_id": qods_id,
        "other": "Shahed Aviation Industries",  # a name, as the autocomplete fills it
        "decision": "merge",
        "next": f"/entities/{qods_id}",
    }
    assert rw_client.post("/review/form", data=form, follow_redirects=False).status_code == 303
    merged = rw_client.get(f"/entities/{qods_id}").json()["merged_with"]
    assert "Shahed Aviation Industries" in {m["name"] for m in merged}
