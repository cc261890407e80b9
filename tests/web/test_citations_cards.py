"""Issue 17, as a user sees it in headless Chromium: sources cited (outlet · headline ·
byline · date, URL, stored copy) on entity, document, claim, group and receipt pages;
match cards in words with the facts against a match marked; a styled, printable brief.

The database: the real OFAC and UN list files, the bundled example reports, and one
report written here (a headline, a date line, a byline and a dateline naming its
outlet; an Iranian general whose name is near those of listed people of other
countries, stored as matches: each entity's nearest records, whatever they score).
Full-page screenshots go to build/screenshots/.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dossier import pipeline
from dossier.api.app import create_app
from dossier.demo import data_path
from dossier.screen.screener import ScreenConfig
from dossier.settings import Settings
from dossier.store import open_store
from tests.browser import bounded
from tests.live import served

HEADLINE = "Iranian general meets Russian officers over drone deliveries"
OUTLET = "Example Wire"
BYLINE = "Jane Roe"
REPORT = f"""{HEADLINE}
February 10, 2023
By {BYLINE}

TEHRAN, Feb 10 ({OUTLET}) - Iranian Major General Mohammad Hossein Bagheri met Russian \
officers in Tehran on Thursday, officials said.

Qods Aviation Industries supplied drones to Russia, according to two officials.
"""
GENERAL = "Mohammad Hossein Bagheri"
QODS = "Qods Aviation Industries"


@pytest.fixture(scope="module")
def cited_url(tmp_path_factory: pytest.TempPathFactory, shared: Path, nlp: Any) -> Iterator[str]:
    base = tmp_path_factory.mktemp("cited")
    (base / "wire.txt").write_text(REPORT, encoding="utf-8")
    store = open_store(str(base / "dossier.db"))
    sanctions = shared / "data" / "sanctions"
    pipeline.load_lists(store, [sanctions / "us_ofac", sanctions / "un"])
    # Every entity's 5 nearest records are stored as matches, whatever the scorer makes
    # of them: the cards must say why a listed person of another country is not the
    # general (the nearest non-Iranian people named Mohammad or Hossein).
    screen = ScreenConfig(threshold=0.0, limit=5, cutoff=0.0)
    analyzer = pipeline.Analyzer(nlp, pipeline.build_store_index(store), screen)
    report = pipeline.ingest_paths(store, analyzer, [data_path("examples"), base / "wire.txt"])
    assert report.failed == 0, report.errors
    store.engine.dispose()
    with served(create_app(str(base / "dossier.db"), Settings(api_token="t"))) as url:
        yield url


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def entity_id(url: str, name: str) -> str:
    found = get_json(f"{url}/entities.json?q={urllib.parse.quote(name)}")
    items = found["items"] if isinstance(found, dict) else found
    exact = [e for e in items if e["name"] == name] or items
    assert exact, f"{name} not extracted"
    return str(exact[0]["id"])


def wire_document(url: str) -> dict[str, Any]:
    found = get_json(f"{url}/documents.json?limit=100")
    items = found["items"] if isinstance(found, dict) else found
    (doc,) = [d for d in items if d["external_id"] == "wire"]
    return get_json(f"{url}/documents/{doc['id']}.json")  # type: ignore[no-any-return]


def test_match_cards_say_why_and_mark_facts_against(
    page: Any, cited_url: str, screenshots: Path
) -> None:
    bounded(page)
    general = entity_id(cited_url, GENERAL)
    detail = get_json(f"{cited_url}/entities/{general}.json")
    foreign = [m for m in detail["matches"] if m["card"]["against"]]
    assert foreign, [m["card"]["sentence"] for m in detail["matches"]]
    page.goto(f"{cited_url}/entities/{general}")
    cards = page.locator("#matches .match")
    assert cards.count() == len(detail["matches"])
    text = page.locator("#matches").inner_text()
    assert "{'" not in text  # never a raw dict again
    assert "'features'" not in text
    for match in detail["matches"]:
        card = page.locator(f"#matches .match[data-match='{match['id']}']")
        assert card.locator(".why").inner_text().rstrip(".") == match["card"]["sentence"]
        assert match["card"]["sentence"]
        bars = card.locator(".features tr.feature .bar")
        assert bars.count() == len(match["card"]["features"]) > 0
    # A listed person of another country: the nationality line is marked and says why.
    worst = foreign[0]
    card = page.locator(f"#matches .match[data-match='{worst['id']}']")
    assert card.locator(".badge.against").count() == 1
    against = card.locator(".record-facts dd.against")
    assert against.count() >= 1
    assert "Iranian" in against.first.inner_text()
    assert "vs the text's Iranian" in worst["card"]["sentence"]
    assert card.locator(".record-facts dd.fact-born").count() == 1  # birth date shown
    assert card.locator("a.record-source").get_attribute("href").startswith("https://")
    page.screenshot(path=str(screenshots / "entity-match-cards.png"), full_page=True)


def test_document_and_claims_cite_outlet_headline_byline_date(
    page: Any, cited_url: str, screenshots: Path
) -> None:
    bounded(page)
    doc = wire_document(cited_url)
    assert doc["citation"] == {
        "document_id": doc["id"],
        "outlet": OUTLET,
        "headline": HEADLINE,
        "byline": BYLINE,
        "published": "2023-02-10",
        "url": None,
        "stored": f"/documents/{doc['id']}",
        "label": "wire",
    }
    page.goto(f"{cited_url}/documents/{doc['id']}")
    cite = page.locator(".cite-as .citation")
    assert cite.inner_text().startswith(f"{OUTLET} · {HEADLINE} · {BYLINE} · 2023-02-10")
    assert cite.locator("a.stored").get_attribute("href") == f"/documents/{doc['id']}"
    undated = [c for c in doc["claims"] if not c["date"]]
    assert undated, "the written report has undated claims"
    row = page.locator(f"tr.claim[data-claim='{undated[0]['id']}']")
    assert "undated · reported 2023-02-10" in row.locator("td").first.inner_text()
    assert row.locator(".source .citation .outlet").inner_text() == OUTLET
    page.screenshot(path=str(screenshots / "document-citation.png"), full_page=True)
    page.goto(f"{cited_url}/claims/{undated[0]['id']}")
    assert page.locator("ol.receipt .citation .headline").first.inner_text() == HEADLINE
    assert "undated · reported 2023-02-10" in page.locator("ol.receipt").inner_text()
    page.screenshot(path=str(screenshots / "receipt-citation.png"), full_page=True)


def test_entity_page_cites_every_source(page: Any, cited_url: str, screenshots: Path) -> None:
    bounded(page)
    qods = entity_id(cited_url, QODS)
    detail = get_json(f"{cited_url}/entities/{qods}.json")
    assert {s["document_id"] for s in detail["sources"]} == set(detail["documents"])
    page.goto(f"{cited_url}/entities/{qods}")
    sources = page.locator("#sources li .citation")
    assert sources.count() == len(detail["documents"]) >= 2
    wire = page.locator("#sources li .citation", has_text=HEADLINE)
    assert wire.locator(".outlet").inner_text() == OUTLET
    assert wire.locator(".byline").inner_text() == BYLINE
    # Bundled reports give a headline on line one: cited by it, not by file stem.
    headlines = [sources.nth(i).locator(".headline").inner_text() for i in range(sources.count())]
    assert all(h and not h.startswith("00") for h in headlines), headlines
    assert page.locator("#claims tr.claim .source .citation").count() >= 1
    page.screenshot(path=str(screenshots / "entity-sources.png"), full_page=True)


def test_groups_page_cites_members(page: Any, cited_url: str, screenshots: Path) -> None:
    bounded(page)
    page.goto(f"{cited_url}/groups")
    members = page.locator("section.group li")
    assert members.count() >= 1
    for i in range(members.count()):
        assert members.nth(i).locator(".citation .headline").count() == 1
    page.screenshot(path=str(screenshots / "groups-citations.png"), full_page=True)


def test_brief_is_styled_printable_and_cites(page: Any, cited_url: str, screenshots: Path) -> None:
    bounded(page)
    general = entity_id(cited_url, GENERAL)
    response = page.goto(f"{cited_url}/entities/{general}/report")
    assert response.status == 200
    assert "'sha256-" in response.headers["content-security-policy"]
    card = page.locator(".card").first
    # The inline style sheet applies (the CSP lets its hash through): a card is a box.
    assert card.evaluate("el => getComputedStyle(el).borderLeftWidth") == "5px"
    assert page.locator(".card .why").count() >= 1
    assert page.locator(".card dd.against").count() >= 1
    source = page.locator("ol.sources li", has_text=HEADLINE)
    assert source.locator(".outlet").inner_text() == OUTLET
    stored = source.locator(".stored a").get_attribute("href")
    assert stored == f"{cited_url}/documents/{wire_document(cited_url)['id']}"
    # A record the text contradicts lends the entity none of its names.
    cards = get_json(f"{cited_url}/entities/{general}.json")["matches"]
    trusted = {n for m in cards if not m["card"]["against"] for n in (m["name"], *m["aliases"])}
    aliases = page.locator("table").first.inner_text()
    for match in cards:
        if match["card"]["against"] and match["name"] not in trusted:
            assert match["name"] not in aliases
    page.screenshot(path=str(screenshots / "brief.png"), full_page=True)
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.body).maxWidth") == "none"
    page.screenshot(path=str(screenshots / "brief-print.png"), full_page=True)


def test_graph_table_and_sources_page_cite(page: Any, cited_url: str, screenshots: Path) -> None:
    bounded(page)
    page.goto(f"{cited_url}/graph")
    edges = page.locator("#edge-list tr.edge")
    assert edges.count() >= 1
    for i in range(edges.count()):
        cells = edges.nth(i).locator(".edge-sources li")
        assert cells.count() == cells.locator(".citation .headline").count() >= 1
    assert page.locator("#edge-list .citation", has_text=HEADLINE).count() >= 1
    page.screenshot(path=str(screenshots / "graph-citations.png"), full_page=True)
    page.goto(f"{cited_url}/sources")
    wire = page.locator("table.sources .citation", has_text=HEADLINE)
    assert wire.locator(".outlet").inner_text() == OUTLET
    assert wire.locator(".byline").inner_text() == BYLINE
    page.screenshot(path=str(screenshots / "sources-citations.png"), full_page=True)
