"""GET /groups: claim groups over the API (JSON) and as a web page (HTML)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from dossier.api.app import create_app
from dossier.settings import Settings


@pytest.fixture(scope="module")
def client(intel_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(intel_db, Settings(api_token=None))) as c:
        yield c


def test_groups_json_counts_sources_and_flags_contradictions(client: TestClient) -> None:
    groups = client.get("/groups").json()
    assert groups
    assert all(g["echoes"] == g["documents"] - g["independent_sources"] for g in groups)
    contested = client.get("/groups", params={"contested": "true"}).json()
    assert contested
    assert all(g["contradiction"] for g in contested)
    assert len(contested) < len(groups)


def test_groups_filter_by_predicate(client: TestClient) -> None:
    denials = client.get("/groups", params={"predicate": "denial"}).json()
    assert denials
    assert {g["predicate"] for g in denials} == {"denial"}
    assert client.get("/groups", params={"predicate": "nonsense"}).status_code == 400


def test_groups_page_renders_members_and_counts(client: TestClient) -> None:
    page = client.get("/groups", headers={"Accept": "text/html"}, params={"contested": "true"})
    assert page.status_code == 200
    assert "independent source" in page.text
    assert page.text.count('class="group"') == len(
        client.get("/groups.json", params={"contested": "true"}).json()
    )


def test_entity_report_downloads_self_contained_html(client: TestClient) -> None:
    found = client.get("/entities", params={"q": "Qods Aviation", "type": "organization"})
    entity = found.json()[0]["id"]
    html = client.get(f"/entities/{entity}/report")
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert 'src="data:image/png;base64,' in html.text
    md = client.get(f"/entities/{entity}/report", params={"format": "md"})
    assert md.headers["content-type"].startswith("text/markdown")
    assert "## Designations" in md.text
    assert client.get("/entities/nope/report").status_code == 404
    assert client.get(f"/entities/{entity}/report", params={"format": "pdf"}).status_code == 400


def test_entity_page_links_its_brief_and_groups(client: TestClient) -> None:
    found = client.get("/entities", params={"q": "Iran", "type": "country"}).json()
    entity = found[0]["id"]
    page = client.get(f"/entities/{entity}", headers={"Accept": "text/html"})
    assert f'href="/entities/{entity}/report"' in page.text
    groups_page = client.get(f"/groups?entity={entity}", headers={"Accept": "text/html"})
    assert groups_page.status_code == 200
    assert groups_page.text.count('class="group"') >= 1
