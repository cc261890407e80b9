"""The workbench in headless Chromium (issue 17): the review queue's focus rule in every
view, search that finds, tables with totals, sort, filters and CSV, the home page, the
graph and the timeline. One server on a private copy of the corpus database for the
module (the review test writes); full-page screenshots in build/screenshots/."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from dossier.api.app import create_app
from dossier.settings import Settings
from tests.api.built import TOKEN, build_db, copy_db
from tests.live import served

TIMEOUT = 10_000


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, shared: Path, nlp: Any) -> Path:
    return copy_db(build_db(tmp_path_factory, shared, nlp), tmp_path_factory.mktemp("workbench"))


@pytest.fixture(scope="module")
def url(db: Path) -> Iterator[str]:
    with served(create_app(str(db), Settings(api_token=TOKEN))) as base:
        yield base


@pytest.fixture
def web(page: Any) -> Any:
    page.set_default_timeout(TIMEOUT)
    page.set_default_navigation_timeout(TIMEOUT)
    return page


def get(url: str) -> tuple[Any, Any]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response), response.headers


def test_review_keys_move_focus_to_the_next_undecided_row_in_every_view(
    web: Any, url: str, screenshots: Path
) -> None:
    web.goto(f"{url}/login?next=/review")
    web.fill("input[name=token]", TOKEN)
    web.click("form[action='/login'] button[type=submit]")
    web.wait_for_url(f"{url}/review")
    web.fill("#reviewer", "test reviewer")
    web.locator("#reviewer").dispatch_event("change")
    # all: reject 2; pending: accept 2; rejected: accept them again; accepted: reject 2.
    views = (("", "r"), ("?status=pending", "a"), ("?status=reject", "a"), ("?status=accept", "r"))
    for view, key in views:
        web.goto(f"{url}/review{view}")
        rows = web.locator(".review-item")
        assert rows.count() >= 2, view
        ids = [rows.nth(i).get_attribute("data-match") for i in range(rows.count())]
        before = [rows.nth(i).get_attribute("data-review") for i in range(rows.count())]
        for press in range(2):  # two presses: the second must never fall on the first row
            decided = web.locator(".review-item.current").get_attribute("data-match")
            index = ids.index(decided)
            expected = _next_undecided(rows, index, before)
            web.keyboard.press(key)
            web.wait_for_function(
                "id => document.querySelector(`.review-item[data-match='${id}']`).dataset.touched",
                arg=decided,
            )
            assert web.locator(".review-item.current").get_attribute("data-match") == expected
            focused = web.evaluate("document.activeElement.dataset.match")
            assert focused == expected, (view, press)
            row = web.locator(f".review-item[data-match='{decided}']")
            assert row.get_attribute("data-review") == ("reject" if key == "r" else "accept")
        assert [rows.nth(i).get_attribute("data-match") for i in range(rows.count())] == ids
    web.keyboard.press("u")  # undo the last decision: that row is as it was
    web.wait_for_function(
        "id => !document.querySelector(`.review-item[data-match='${id}']`).dataset.touched",
        arg=decided,
    )
    restored = web.locator(f".review-item[data-match='{decided}']").get_attribute("data-review")
    assert restored == before[index]
    held, _ = get(f"{url}/review.json?status={before[index]}")
    assert decided in {m["id"] for m in held}  # the undo reached the store
    web.goto(f"{url}/review?status=reject")
    assert "test reviewer" in web.locator(".review-item .decided").first.inner_text()
    assert web.locator(".review-item blockquote.sentence mark").count() > 0
    web.screenshot(path=str(screenshots / "review.png"), full_page=True)


def _next_undecided(rows: Any, index: int, before: list[str | None]) -> str:
    ids = [rows.nth(i).get_attribute("data-match") for i in range(rows.count())]
    touched = [rows.nth(i).get_attribute("data-touched") for i in range(rows.count())]
    touched[index] = "1"
    order = list(range(index + 1, len(ids))) + list(range(index))
    pending = [i for i in order if before[i] == "pending" and not touched[i]]
    if pending:
        return str(ids[pending[0]])
    later = [i for i in range(index + 1, len(ids)) if not touched[i]]
    return str(ids[later[0]] if later else ids[index])


def test_entity_page_counts_rejected_candidates_and_merges_by_name(
    web: Any, url: str, screenshots: Path
) -> None:
    rejected, _ = get(f"{url}/review.json?status=reject")
    assert rejected, "the review test rejected something first"
    entity = rejected[0]["canonical_id"]
    web.goto(f"{url}/login?next=/entities/{entity}")
    web.fill("input[name=token]", TOKEN)
    web.click("form[action='/login'] button[type=submit]")
    web.wait_for_url(f"{url}/entities/{entity}")
    heading = web.locator("#rejected h2").inner_text()
    count = len(get(f"{url}/entities/{entity}.json")[0]["rejected"])
    assert heading.startswith(f"{count} candidate")
    assert count >= 1
    web.fill("#merge-other", "Ira")
    web.locator("#merge-names option").first.wait_for(state="attached")
    assert "Iran" in web.locator("#merge-names").inner_html()
    web.screenshot(path=str(screenshots / "entity-rejected.png"), full_page=True)


@pytest.mark.parametrize(
    ("q", "section", "expected"),
    [
        ("Ghods Aviation", "#found-entities", "Quds Aviation"),
        ("Ghods Aviation", "#found-records", "QODS AVIATION INDUSTRIES"),
        ("Shahed 136", "#found-entities", "Shahed-136"),
        ("Елабуга", "#found-entities", "Yelabuga"),
        ("drones delivered", "#found-claims", "delivered"),
    ],
)
def test_search_finds(
    web: Any, url: str, screenshots: Path, q: str, section: str, expected: str
) -> None:
    web.goto(f"{url}/search?q={urllib.parse.quote(q)}")
    assert expected in web.locator(section).inner_text()
    assert int(web.locator(f"{section} .pager").get_attribute("data-total")) >= 1
    if q == "Ghods Aviation":
        web.screenshot(path=str(screenshots / "search.png"), full_page=True)


def test_search_wildcards_match_nothing_everywhere(url: str) -> None:
    claims = int(get(f"{url}/claims.json?limit=1")[1]["X-Total-Count"])
    for q in ("%", "_"):
        found, _ = get(f"{url}/search.json?q={urllib.parse.quote(q)}")
        assert found["totals"]["entities"] == 0
        assert found["totals"]["claims"] < claims  # only sentences holding the character


def test_tables_page_sort_filter_and_export(web: Any, url: str, screenshots: Path) -> None:
    rows, headers = get(f"{url}/claims.json?limit=5")
    total = int(headers["X-Total-Count"])
    assert len(rows) == 5 < total
    assert 'rel="next"' in headers["Link"]
    web.goto(f"{url}/claims?limit=5")
    assert int(web.locator(".pager").get_attribute("data-total")) == total
    web.locator(".pager a.next").click()
    web.wait_for_url("**offset=5**")
    web.goto(f"{url}/claims")
    web.select_option("select[name=predicate]", "supply")
    web.fill("input[name=date_from]", "2022")
    web.click("#claim-filters button")
    web.wait_for_url("**predicate=supply**")
    shown = web.locator("table.claims tr.claim")
    assert shown.count() == int(web.locator(".pager").get_attribute("data-total")) > 0
    csv_href = web.locator(".pager a.csv").get_attribute("href")
    with urllib.request.urlopen(
        url + csv_href if csv_href.startswith("/") else csv_href, timeout=10
    ) as r:
        lines = list(csv.reader(io.StringIO(r.read().decode())))
    assert len(lines) == shown.count() + 1
    assert "predicate" in lines[0]
    web.screenshot(path=str(screenshots / "claims.png"), full_page=True)
    web.goto(f"{url}/entities?sanctioned=true&sort=-mentions")
    badges = web.locator("table.entities tr.entity .badge.listed")
    assert badges.count() == web.locator("table.entities tr.entity").count() > 0
    mentions = [
        int(t) for t in web.locator("table.entities tr.entity td:nth-child(4)").all_inner_texts()
    ]
    assert mentions == sorted(mentions, reverse=True)
    web.screenshot(path=str(screenshots / "entities.png"), full_page=True)
    web.goto(f"{url}/documents?sort=-published")
    assert web.locator("table.documents tr.document").count() > 0
    web.screenshot(path=str(screenshots / "documents.png"), full_page=True)
    web.goto(f"{url}/groups?contested=true")
    assert web.locator(".pager .total").count() == 1
    web.screenshot(path=str(screenshots / "groups.png"), full_page=True)


def test_home_page_answers_what_matters(web: Any, url: str, screenshots: Path) -> None:
    web.goto(url + "/")
    for section in ("#home-alerts", "#home-newest", "#home-sanctioned", "#home-contested"):
        assert web.locator(section).count() == 1
    assert web.locator("#home-sanctioned li .badge.listed").count() > 0
    assert web.locator("#home-newest li").count() > 0
    assert web.locator("#home-contested li").count() > 0
    web.screenshot(path=str(screenshots / "home.png"), full_page=True)


def test_graph_marks_listed_parties_without_overlapping_labels(
    web: Any, url: str, screenshots: Path
) -> None:
    graph, _ = get(f"{url}/graph.json?predicate=supply")
    web.goto(f"{url}/graph?predicate=supply")
    web.wait_for_selector("#graph.rendered", timeout=30_000)
    box = web.locator("#graph")
    assert int(box.get_attribute("data-edges")) == len(graph["edges"]) > 0
    assert int(box.get_attribute("data-overlaps")) == 0
    listed = web.evaluate("window.dossierGraph.nodes('[listed = \"yes\"]').length")
    assert listed == sum(1 for n in graph["nodes"] if n["lists"]) > 0
    assert web.locator("#graph-legend .node-listed").count() == 1
    label = web.evaluate(
        "(() => { const e = window.dossierGraph.edges()[0]; e.emit('mouseover');"
        " return [e.hasClass('hover'), e.style('label')]; })()"
    )
    assert label[0] is True
    assert " ×" in label[1]  # the predicate and its count, shown on hover
    web.screenshot(path=str(screenshots / "graph.png"), full_page=True)
    hub = get(f"{url}/entities.json?type=country&limit=1")[0][0]  # the most mentioned
    web.goto(f"{url}/graph?entity={hub['id']}")
    web.wait_for_selector("#graph.rendered", timeout=30_000)
    assert hub["name"] in web.locator("h1").inner_text()
    assert int(web.locator("#graph").get_attribute("data-edges")) > 10
    assert int(web.locator("#graph").get_attribute("data-overlaps")) == 0
    web.screenshot(path=str(screenshots / "graph-entity.png"), full_page=True)
    web.goto(f"{url}/graph")
    web.wait_for_selector("#graph.rendered", timeout=30_000)
    assert int(web.locator("#graph").get_attribute("data-overlaps")) == 0
    web.screenshot(path=str(screenshots / "graph-all.png"), full_page=True)


def test_timeline_of_an_entity_has_its_name_listings_and_a_sane_zoom(
    web: Any, url: str, db: Path, screenshots: Path
) -> None:
    entities, _ = get(f"{url}/entities.json?sanctioned=true&limit=50")
    chosen = None
    for e in entities:
        data, _ = get(f"{url}/timeline.json?entity={e['id']}")
        if data["items"] and (chosen is None or data["listings"]):
            chosen = (e, data)
    assert chosen, "no listed entity with dated claims"
    entity, data = chosen
    web.goto(f"{url}/timeline?entity={entity['id']}")
    web.wait_for_selector("#timeline.rendered", timeout=30_000)
    assert entity["name"] in web.locator("h1").inner_text()
    assert int(web.locator("#timeline").get_attribute("data-listings")) == len(data["listings"])
    assert web.locator("#timeline .vis-item.vis-point.listing").count() == len(data["listings"])
    assert int(web.locator("#timeline").get_attribute("data-span")) >= 180  # days, not ms
    web.locator("#timeline .vis-item-content").first.wait_for(state="visible")  # drawn
    web.wait_for_timeout(500)  # vis-timeline lays items out over a few frames
    web.screenshot(path=str(screenshots / "timeline-entity.png"), full_page=True)
    # Few list records carry a listing date (OFAC's mostly do not): give this entity's
    # first match one, in this module's private copy of the database.
    record = get(f"{url}/entities/{entity['id']}.json")[0]["matches"][0]
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(
            "UPDATE list_records SET listed_on = '2022-06-01' WHERE dataset = ? AND list_id = ?",
            (record["dataset"], record["list_id"]),
        )
    data, _ = get(f"{url}/timeline.json?entity={entity['id']}")
    assert "2022-06-01" in [x["listed_on"] for x in data["listings"]]
    web.goto(f"{url}/timeline?entity={entity['id']}")
    web.wait_for_selector("#timeline.rendered", timeout=30_000)
    markers = web.locator("#timeline .vis-item.vis-point.listing")
    assert markers.count() == len(data["listings"])
    assert web.locator("#listing-list li.listing").count() == len(data["listings"])
    markers.first.wait_for(state="visible")
    web.wait_for_timeout(500)
    web.screenshot(path=str(screenshots / "timeline-listings.png"), full_page=True)
    web.goto(f"{url}/timeline")
    web.wait_for_selector("#timeline.rendered", timeout=30_000)
    copies = web.locator("#timeline-list .timeline-item").count()
    assert copies == len(get(f"{url}/timeline.json")[0]["items"])
    web.locator("#timeline .vis-item-content").first.wait_for(state="visible")
    web.wait_for_timeout(500)
    web.screenshot(path=str(screenshots / "timeline.png"), full_page=True)
