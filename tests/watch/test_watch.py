"""Watching in-process: a stop between items and the resume, backoff, the watch-list and
its alerts (including list reload alerts on watched parties), its API and web forms."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dossier import pipeline
from dossier.api.app import create_app
from dossier.cli.watch import parse_duration
from dossier.exc import InvalidInput, NotFoundError
from dossier.ingest.fetch import Fetcher, FetchOptions
from dossier.lists.alert_rows import count_alerts, list_alerts
from dossier.settings import Settings
from dossier.store import Store, open_store
from dossier.store.watch import (
    add_watch,
    list_watch,
    load_feed_state,
    remove_watch,
    watched_entity_ids,
    write_watch_alerts,
)
from dossier.watch import Stopper, Watcher, backoff
from tests.alerts.conftest import seed_entities
from tests.live import served
from tests.watch.conftest import ARTICLES, LISTS, FeedServer, Item

TOKEN = "watch-token"


@pytest.mark.parametrize(
    ("text", "seconds"), [("15m", 900), ("30s", 30), ("2h", 7200), ("1d", 86400), ("90", 90)]
)
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "-5m", "soon", "15 minutes"])
def test_parse_duration_refuses(text: str) -> None:
    with pytest.raises(InvalidInput, match="not a duration"):
        parse_duration(text)


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff(60, n) for n in (1, 2, 3)] == [120, 240, 480]
    assert backoff(60, 30) == 6 * 3600
    assert backoff(86400, 3) == 86400  # never shorter than the interval itself


def test_watchlist_add_list_remove(store_url: str) -> None:
    store = open_store(store_url)
    first = add_watch(store, "  Paravar  Pars Company ")
    assert first["name"] == "Paravar Pars Company"
    assert add_watch(store, "paravar pars company")["id"] == first["id"]  # once per name
    assert [w["name"] for w in list_watch(store)] == ["Paravar Pars Company"]
    with pytest.raises(InvalidInput):
        add_watch(store, "   ")
    assert remove_watch(store, "PARAVAR PARS COMPANY")["id"] == first["id"]
    with pytest.raises(NotFoundError, match="not on the watch-list"):
        remove_watch(store, "Paravar Pars Company")


def _older_lists(folder: Path) -> Path:
    """The bundled OFAC extract with one program cut from Paravar Pars Company's row."""
    shutil.copytree(LISTS, folder)
    sdn = folder / "us_ofac" / "sdn.csv"
    with sdn.open(encoding="latin-1", newline="") as handle:
        rows = list(csv.reader(handle))
    for row in rows:
        if len(row) > 3 and row[1] == "PARAVAR PARS COMPANY":
            row[3] = row[3].split("] [")[0]
    with sdn.open("w", encoding="latin-1", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return folder


def test_reload_and_match_alerts_on_watched_parties(store_url: str, tmp_path: Path) -> None:
    store = open_store(store_url)
    seed_entities(store, ["Paravar Pars Company", "Baharestan Kish Company"])
    pipeline.load_lists(store, [_older_lists(tmp_path / "v1")])
    add_watch(store, "Paravar Pars Company")
    report = pipeline.load_lists(store, [LISTS])
    assert {a["change"] for a in report.alerts} == {"programs_added"}
    watched = sorted(watched_entity_ids(store))
    assert len(watched) == 1
    rows = list_alerts(store, entity_ids=watched)
    assert [(r["entity"], r["change"]) for r in rows] == [
        ("Paravar Pars Company", "programs_added")
    ]
    # The seeded document mentions the watched party: its list match becomes news once.
    with store.engine.connect() as conn:
        (doc_id,) = conn.exec_driver_sql("SELECT id FROM documents").scalars()
    assert write_watch_alerts(store, doc_id) == 1
    assert write_watch_alerts(store, doc_id) == 0
    assert count_alerts(store, entity_ids=watched) == 2
    new_match = next(
        r for r in list_alerts(store, entity_ids=watched) if r["change"] == "new_match"
    )
    assert (new_match["dataset"], new_match["detail"]["name"]) == (
        "us_ofac_sdn",
        "PARAVAR PARS COMPANY",
    )


@pytest.fixture
def watcher(nlp: Any, store_url: str) -> Iterator[Watcher]:
    store = open_store(store_url)
    fetcher = Fetcher(FetchOptions(allow_hosts=frozenset({"127.0.0.1"}), min_interval=0.0))
    try:
        yield Watcher(store, pipeline.Analyzer(nlp), fetcher, Stopper(), every=60.0)
    finally:
        fetcher.close()


def test_stop_between_items_then_resume(feed_server: FeedServer, watcher: Watcher) -> None:
    for path, html in ARTICLES.items():
        feed_server.page(path, html)
    feed_server.publish([Item("a", "One", "/treasury.html"), Item("b", "Two", "/transfers.html")])
    # A stop request arrives while the first item's page is being fetched.
    feed_server.hooks["/treasury.html"] = lambda: watcher.stop.request("SIGTERM")
    state = load_feed_state(watcher.store, feed_server.feed_url)
    stopped = watcher.poll(state)
    assert (stopped.status, stopped.new_entries, stopped.report.added) == ("stopped", 2, 1)
    saved = load_feed_state(watcher.store, feed_server.feed_url)
    assert saved.etag is None  # not every entry was handled: the next poll reads it all

    watcher.stop = Stopper()
    resumed = watcher.poll(saved)
    assert (resumed.status, resumed.entries, resumed.new_entries) == ("new", 2, 1)
    assert [i["link"] for i in resumed.items] == [f"{feed_server.base}/transfers.html"]
    assert load_feed_state(watcher.store, feed_server.feed_url).etag is not None
    unchanged = watcher.poll(load_feed_state(watcher.store, feed_server.feed_url))
    assert unchanged.status == "not_modified"
    assert [e.status for e in feed_server.log] == [200, 200, 304]


def test_one_host_is_asked_at_most_once_per_interval(
    feed_server: FeedServer, watcher: Watcher
) -> None:
    for path, html in ARTICLES.items():
        feed_server.page(path, html)
    feed_server.publish([Item("a", "One", "/treasury.html"), Item("b", "Two", "/transfers.html")])
    watcher.fetcher = Fetcher(FetchOptions(allow_hosts=frozenset({"127.0.0.1"}), min_interval=0.3))
    try:
        result = watcher.poll(load_feed_state(watcher.store, feed_server.feed_url))
    finally:
        watcher.fetcher.close()
    assert result.report.added == 2
    times = feed_server.times  # robots.txt, the feed, two pages: one fetcher for all
    assert len(times) == 4
    # Requests start 0.3 s apart; arrival times jitter with connection set-up, so the
    # span is checked: four requests take at least three intervals.
    assert times[-1] - times[0] >= 3 * 0.3 - 0.1


def test_failed_poll_backs_off_and_is_recorded(feed_server: FeedServer, watcher: Watcher) -> None:
    feed_server.fail(2)
    state = load_feed_state(watcher.store, feed_server.feed_url)
    first = watcher.poll(state)
    second = watcher.poll(state)
    assert (first.status, first.retry_in, second.retry_in) == ("error", 120.0, 240.0)
    saved = load_feed_state(watcher.store, feed_server.feed_url)
    assert (saved.failures, saved.last_error) == (2, f"{feed_server.feed_url}: HTTP 500")
    with watcher.store.engine.connect() as conn:
        reasons = list(conn.exec_driver_sql("SELECT reason FROM ingest_errors").scalars())
    assert reasons == ["HTTP 500", "HTTP 500"]
    feed_server.publish([])
    assert watcher.poll(saved).status == "new"
    assert load_feed_state(watcher.store, feed_server.feed_url).failures == 0


def _store_with_claim(tmp_path: Path) -> tuple[Store, Path]:
    db = tmp_path / "w.db"
    store = open_store(str(db))
    seed_entities(store, ["Paravar Pars Company", "Baharestan Kish Company"], [("2022-11", 0, 1)])
    add_watch(store, "Paravar Pars Company")
    with store.engine.connect() as conn:
        (doc_id,) = conn.exec_driver_sql("SELECT id FROM documents").scalars()
    assert write_watch_alerts(store, doc_id) == 1  # its supply claim (no list loaded)
    return store, db


def test_watchlist_api_writes_need_the_token(tmp_path: Path) -> None:
    _, db = _store_with_claim(tmp_path)
    client = TestClient(create_app(str(db), Settings(api_token=TOKEN)))
    assert client.post("/watchlist", json={"name": "Alabuga"}).status_code == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    added = client.post("/watchlist", json={"name": "Alabuga"}, headers=auth)
    assert added.status_code == 201
    assert [w["name"] for w in client.get("/watchlist").json()] == [
        "Alabuga",
        "Paravar Pars Company",
    ]
    remove = {"name": added.json()["id"]}
    assert client.post("/watchlist/remove", json=remove).status_code == 401
    assert client.post("/watchlist/remove", json=remove, headers=auth).status_code == 200
    gone = client.post("/watchlist/remove", json={"name": "Alabuga"}, headers=auth)
    assert gone.status_code == 404
    news = client.get("/whats-new.json").json()
    assert (news["total"], news["alerts"][0]["change"]) == (1, "new_claim")
    assert news["alerts"][0]["detail"]["subject"] == "Paravar Pars Company"


def test_watchlist_managed_in_the_web_ui(tmp_path: Path, page: Any) -> None:
    store, db = _store_with_claim(tmp_path)
    with served(create_app(str(db), Settings(api_token=TOKEN))) as url:
        page.goto(f"{url}/whats-new")
        page.locator("#watchlist a", has_text="Log in").click()
        page.fill("input[name=token]", TOKEN)
        page.click("form[action='/login'] button[type=submit]")
        page.wait_for_url(f"{url}/whats-new", timeout=10_000)
        page.fill("form.watch-add input[name=name]", "Baharestan Kish Company")
        page.click("form.watch-add button[type=submit]")
        page.wait_for_url(f"{url}/whats-new", timeout=10_000)
        watched = page.locator("#watchlist li.watched")
        assert watched.count() == 2
        assert page.locator("table.whats-new tr.alert").count() == 1
        paravar = watched.filter(has_text="Paravar Pars Company")
        paravar.locator("button", has_text="stop following").click()
        page.wait_for_url(f"{url}/whats-new", timeout=10_000)
        assert page.locator("#watchlist li.watched .name").all_inner_texts() == [
            "Baharestan Kish Company"
        ]
    assert [w["name"] for w in list_watch(store)] == ["Baharestan Kish Company"]


def test_cli_watch_refuses_private_feed_unless_allowed(
    run_cli: Any, feed_server: FeedServer, tmp_path: Path
) -> None:
    db = tmp_path / "cli.db"
    bad = run_cli("--db", db, "watch", feed_server.feed_url, "--every", "soon")
    assert bad.returncode == 1
    assert bad.stderr.strip() == "Error: --every 'soon' is not a duration such as 15m, 30s or 1h"
    refused = run_cli("--db", db, "watch", feed_server.feed_url, "--once", "--json")
    assert refused.returncode == 1
    (poll,) = [json.loads(line) for line in refused.stdout.splitlines()]
    assert poll["status"] == "error"
    assert poll["error"].startswith(f"{feed_server.feed_url}: refused to fetch from 127.0.0.1")
    assert feed_server.log == []  # the SSRF guard refused before connecting
