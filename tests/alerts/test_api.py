"""Alerts and designation timing through the CLI, the API and the web pages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dossier.api.app import create_app
from dossier.settings import Settings
from dossier.store import open_store
from dossier.store.queries import find_entity_id
from tests.alerts.conftest import Versions

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client(alerts_db: Path) -> TestClient:
    return TestClient(create_app(str(alerts_db), Settings()))


def test_api_alerts_list_and_filter(client: TestClient, versions: Versions) -> None:
    alerts = client.get("/alerts").json()
    picks = versions.picks
    assert {(a["entity"], a["change"]) for a in alerts} >= {
        (picks.dropped[1], "newly_designated"),
        (picks.trimmed[1], "programs_added"),
        (picks.mieu_redated[0], "listing_date_changed"),
    }
    today = alerts[0]["created_at"][:10]
    assert client.get(f"/alerts?since={today}").json() == alerts
    assert client.get("/alerts?since=2999-01-01").json() == []
    assert client.get("/alerts.json").json() == alerts
    assert client.get("/alerts?since=").json() == alerts  # the page's blank date field
    one = alerts[0]["entity_id"]
    assert {a["entity_id"] for a in client.get(f"/alerts?entity={one}").json()} == {one}
    bad = client.get("/alerts?since=yesterday")
    assert bad.status_code == 400
    assert bad.json()["ok"] is False


def test_alerts_page_and_entity_page_show_changes(client: TestClient, versions: Versions) -> None:
    picks = versions.picks
    page = client.get("/alerts", headers=HTML)
    assert page.status_code == 200
    assert 'href="/alerts"' in page.text  # in the nav
    assert "programs added" in page.text
    assert picks.trimmed[2] in page.text  # the program that was added
    entity = client.get("/alerts").json()[0]["entity_id"]
    detail = client.get(f"/entities/{entity}").json()
    assert detail["alerts"]
    assert {a["entity_id"] for a in detail["alerts"]} == {entity}
    html = client.get(f"/entities/{entity}", headers=HTML).text
    assert 'id="alerts"' in html
    assert detail["alerts"][0]["change"].replace("_", " ") in html


def test_entity_claims_say_listed_before_or_after_the_act(
    client: TestClient, alerts_db: Path, versions: Versions
) -> None:
    picks = versions.picks
    entity = find_entity_id(open_store(str(alerts_db)), picks.mieu_redated[0])
    claims = client.get(f"/entities/{entity}").json()["claims"]
    by_date = {c["date"]: c for c in claims}
    assert by_date[None]["parties"] == []
    for date, expected in (("2020-05", "listed_after"), ("2023-01-15", "listed_before")):
        parties = {p["role"]: p for p in by_date[date]["parties"]}
        subject = parties["subject"]["matches"]
        mieu = [m for m in subject if m["dataset"] == "us_bis_mieu"]
        assert mieu, subject
        assert mieu[0]["listed_on"] == picks.mieu_redated[1]
        assert mieu[0]["timing"] == expected
        assert mieu[0]["programs"]
    receipt = client.get(f"/claims/{by_date['2020-05']['id']}").json()
    assert receipt["claim"]["parties"] == by_date["2020-05"]["parties"]
    html = client.get(f"/entities/{entity}", headers=HTML).text
    assert 'data-timing="listed_after"' in html
    assert 'data-timing="listed_before"' in html
    receipt_html = client.get(f"/claims/{by_date['2020-05']['id']}", headers=HTML).text
    assert "listed after" in receipt_html


def test_cli_alerts_and_show_json(run_cli: Any, alerts_db: Path, versions: Versions) -> None:
    result = run_cli("--db", alerts_db, "alerts", "--json")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["change"] for r in rows} >= {"newly_designated", "programs_added"}
    named = run_cli("--db", alerts_db, "alerts", "--entity", versions.picks.trimmed[1], "--json")
    assert [json.loads(line)["change"] for line in named.stdout.splitlines()] == ["programs_added"]
    none = run_cli("--db", alerts_db, "alerts", "--since", "2999-01-01", "--json")
    assert none.stdout == ""
    bad = run_cli("--db", alerts_db, "alerts", "--since", "soon")
    assert bad.returncode == 1
    assert "--since 'soon' is not an ISO date" in bad.stderr
    show = run_cli("--db", alerts_db, "show", versions.picks.mieu_redated[0], "--json")
    detail = json.loads(show.stdout)
    timings = {m["timing"] for c in detail["claims"] for p in c["parties"] for m in p["matches"]}
    assert {"listed_before", "listed_after"} <= timings
    assert detail["alerts"]
    text = run_cli("--db", alerts_db, "show", versions.picks.mieu_redated[0]).stdout
    assert "listed then?" in text
    assert "listing_date_changed" in text
