"""The web UI in a real browser (Playwright + Debian chromium) over the real corpus DB."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

from tests.api.built import QODS, TOKEN


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url) as response:
        return json.load(response)


def qods_id(live_url: str) -> str:
    query = urllib.request.quote(QODS)
    found = get_json(f"{live_url}/entities.json?q={query}&type=organization")
    assert found, f"{QODS} not extracted"
    return str(found[0]["id"])


def test_dossier_page_shows_ofac_match(page: Any, live_url: str, screenshots: Path) -> None:
    entity = qods_id(live_url)
    page.goto(f"{live_url}/entities/{entity}")
    matches = page.locator("#matches .match")
    assert matches.count() >= 1
    ofac = page.locator("#matches .match", has_text="us_ofac_sdn").filter(has_text="16418")
    assert ofac.count() == 1
    assert QODS in page.locator("#names .aliases").inner_text()
    assert "words of the name align" in ofac.locator(".why").inner_text()  # in words
    assert ofac.locator(".record-facts dt").count() >= 1
    page.screenshot(path=str(screenshots / "dossier.png"), full_page=True)


def test_graph_has_nodes_and_edges(page: Any, live_url: str, screenshots: Path) -> None:
    graph = get_json(f"{live_url}/graph.json")
    page.goto(f"{live_url}/graph")
    page.wait_for_selector("#graph.rendered", timeout=30_000)
    box = page.locator("#graph")
    assert int(box.get_attribute("data-nodes")) == len(graph["nodes"]) > 0
    assert int(box.get_attribute("data-edges")) == len(graph["edges"]) > 0
    assert page.locator("#graph canvas").count() >= 1
    assert page.locator("#edge-list tr.edge").count() == len(graph["edges"])
    page.screenshot(path=str(screenshots / "graph.png"), full_page=True)


def test_timeline_has_dated_items(page: Any, live_url: str, screenshots: Path) -> None:
    page.goto(f"{live_url}/timeline")
    page.wait_for_selector("#timeline.rendered", timeout=30_000)
    assert int(page.locator("#timeline").get_attribute("data-items")) > 0
    assert page.locator("#timeline .vis-item").count() > 0
    items = page.locator("#timeline-list .timeline-item")
    assert items.count() > 0
    for i in range(items.count()):
        item = items.nth(i)
        date, precision = item.get_attribute("data-date"), item.get_attribute("data-precision")
        assert precision == {4: "year", 7: "month", 10: "day"}[len(date)]
        assert f"({precision})" in item.inner_text()
    page.screenshot(path=str(screenshots / "timeline.png"), full_page=True)


def test_review_with_keyboard_persists_across_reload(page: Any, live_url: str) -> None:
    entity = qods_id(live_url)
    match = next(
        m
        for m in get_json(f"{live_url}/entities/{entity}.json")["matches"]
        if m["list_id"] == "16418"
    )
    page.goto(f"{live_url}/login?next=/review")
    page.fill("input[name=token]", TOKEN)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(f"{live_url}/review")
    item = page.locator(f".review-item[data-match='{match['id']}']")
    assert item.get_attribute("data-review") == "pending"
    item.click(position={"x": 2, "y": 2})
    page.keyboard.press("r")  # sent to the API: the page neither reloads nor reorders
    page.wait_for_function(
        "id => document.querySelector(`.review-item[data-match='${id}']`).dataset.touched",
        arg=match["id"],
        timeout=10_000,
    )
    page.reload()
    item = page.locator(f".review-item[data-match='{match['id']}']")
    assert item.get_attribute("data-review") == "reject"
    assert item.locator(".review-head .review-status").inner_text() == "reject"
    ids = {m["id"] for m in get_json(f"{live_url}/entities/{entity}.json")["matches"]}
    assert match["id"] not in ids
    page.goto(f"{live_url}/entities/{entity}")
    assert page.locator(f"#matches .match[data-match='{match['id']}']").count() == 0


def test_document_page_escapes_and_highlights(page: Any, live_url: str) -> None:
    doc = get_json(f"{live_url}/documents.json")[0]
    page.goto(f"{live_url}/documents/{doc['id']}")
    assert page.locator("#doctext a.mention").count() > 0
    if doc["claims"]:
        assert page.locator("#doctext .claim-sentence").count() > 0


def test_pages_load_without_console_errors(page: Any, live_url: str) -> None:
    for path in ("/", "/search?q=Qods", "/documents", "/sources", "/claims", "/review"):
        response = page.goto(f"{live_url}{path}")
        assert response.status == 200
        assert response.headers["content-security-policy"]
    receipt = get_json(f"{live_url}/claims.json")[0]["id"]
    page.goto(f"{live_url}/claims/{receipt}")
    assert page.locator("ol.receipt blockquote mark").inner_text().strip()
