"""`dossier watch` as a real process against a feed on 127.0.0.1 whose items change
between polls (issue 19): only new items are ingested, a failing poll (HTTP 500) is
survived with backoff, an unchanged feed is a 304, SIGTERM stops it cleanly, a restart
resumes from the stored state; the watch-list's alerts are on the What's new page (in
chromium), in `GET /alerts` and in the Atom feed. The watch's output is saved to
`build/watch-test.log`.
"""

from __future__ import annotations

import json
import queue
import signal
import subprocess
import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import IO, Any

import httpx
import pytest

from dossier.api.app import create_app
from dossier.settings import Settings
from tests.conftest import DOSSIER
from tests.live import served
from tests.watch.conftest import ARTICLES, FeedServer, Item

LOG = Path(__file__).resolve().parents[2] / "build" / "watch-test.log"
ATOM = "{http://www.w3.org/2005/Atom}"
FIRST_POLL_S = 120  # the process loads spaCy and the list index before its first poll
NEXT_POLL_S = 30
OWN_TEXT = (
    "Iran sent another batch of Shahed-136 drones to Russia in November 2022, "
    "according to Ukrainian intelligence."
)
TREASURY = Item("a", "Treasury targets drone engine makers", "/treasury.html")
PAYWALLED = Item("b", "Subscribers only: the drone route", "/paywalled.html", OWN_TEXT)
TRANSFERS = Item("c", "Drone deliveries continue", "/transfers.html")


class Lines:
    """A process's output, line by line, read on threads so no wait blocks forever."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.stdout: queue.Queue[str] = queue.Queue()
        self.all: list[str] = []
        assert proc.stdout is not None
        assert proc.stderr is not None
        self.threads = [
            threading.Thread(target=self._pump, args=(proc.stdout, self.stdout), daemon=True),
            threading.Thread(target=self._pump, args=(proc.stderr, None), daemon=True),
        ]
        for thread in self.threads:
            thread.start()

    def _pump(self, stream: IO[str], into: queue.Queue[str] | None) -> None:
        for line in stream:
            self.all.append(line.rstrip("\n"))
            if into is not None:
                into.put(line)

    def poll(self, timeout: float) -> dict[str, Any]:
        """The next JSON line of stdout (one poll), within `timeout` seconds."""
        try:
            return dict(json.loads(self.stdout.get(timeout=timeout)))
        except queue.Empty:
            raise AssertionError(f"no poll within {timeout:g}s; output: {self.all}") from None


def _watch(db: Path, feed: str, *extra: str) -> list[str]:
    return [
        str(DOSSIER),
        "--db",
        str(db),
        "watch",
        feed,
        "--allow-host",
        "127.0.0.1",
        "--min-interval",
        "0",
        "--json",
        *extra,
    ]


def _save_log(runs: list[tuple[str, list[str]]]) -> None:
    LOG.parent.mkdir(parents=True, exist_ok=True)
    with LOG.open("w", encoding="utf-8") as out:
        for title, lines in runs:
            out.write(f"$ {title}\n" + "\n".join(lines) + "\n\n")


def _run_until_stopped(db: Path, server: FeedServer) -> tuple[list[dict[str, Any]], Lines, int]:
    """Four polls: new items, a 500, one more item, a 304; then SIGTERM."""
    proc = subprocess.Popen(
        _watch(db, server.feed_url, "--every", "1s"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines = Lines(proc)
    polls: list[dict[str, Any]] = []
    try:
        polls.append(lines.poll(FIRST_POLL_S))
        server.publish([TREASURY, PAYWALLED, TRANSFERS])
        server.fail(1)
        for _ in range(3):
            polls.append(lines.poll(NEXT_POLL_S))
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    for thread in lines.threads:
        thread.join(timeout=5)
    return polls, lines, code


@pytest.mark.slow
@pytest.mark.timeout(200)
def test_watch_polls_new_items_survives_errors_stops_and_resumes(
    feed_server: FeedServer, watch_db: Path, run_cli: Any, page: Any, screenshots: Path
) -> None:
    for path, html in ARTICLES.items():
        feed_server.page(path, html)
    feed_server.page("/paywalled.html", "<h1>Subscribe to read</h1>", status=403)
    feed_server.publish([TREASURY, PAYWALLED])
    added = run_cli("--db", watch_db, "watchlist", "add", "Paravar Pars Company", "Russia")
    assert added.returncode == 0, added.stderr

    polls, lines, code = _run_until_stopped(watch_db, feed_server)
    resumed = subprocess.run(
        _watch(watch_db, feed_server.feed_url, "--once"),
        capture_output=True,
        text=True,
        timeout=180,
    )
    _save_log(
        [
            ("dossier watch FEED --every 1s --json   (SIGTERM after 4 polls)", lines.all),
            (
                "dossier watch FEED --once --json   (restart)",
                resumed.stdout.splitlines() + resumed.stderr.splitlines(),
            ),
        ]
    )

    first, failed, more, unchanged = polls
    assert (first["status"], first["new"], first["added"], first["failed"]) == ("new", 2, 2, 0)
    sources = {item["link"].rsplit("/", 1)[-1]: item["text_source"] for item in first["items"]}
    assert sources == {
        "treasury.html": "page",
        "paywalled.html": "feed item (page: HTTP 403)",
    }
    assert first["notes"] == [
        f"{feed_server.base}/paywalled.html: from its feed item (page: HTTP 403)"
    ]
    assert failed["status"] == "error"
    assert failed["error"] == f"{feed_server.feed_url}: HTTP 500"
    assert failed["retry_in"] == 2.0  # backoff: twice the interval after one failure
    assert (more["status"], more["entries"], more["new"], more["added"]) == ("new", 3, 1, 1)
    assert [i["link"] for i in more["items"]] == [f"{feed_server.base}/transfers.html"]
    assert unchanged["status"] == "not_modified"
    assert code == 0
    assert "stopped (SIGTERM) after 4 poll(s)" in lines.all[-1]

    log = feed_server.log
    assert [e.status for e in log[:4]] == [200, 500, 200, 304]
    assert log[0].if_none_match is None
    etag_v1 = log[1].if_none_match
    assert etag_v1 is not None
    assert log[2].if_none_match == etag_v1  # the failure kept the old validators
    assert log[3].if_none_match not in (None, etag_v1)  # the new version's ETag

    assert resumed.returncode == 0, resumed.stderr
    (again,) = [json.loads(line) for line in resumed.stdout.splitlines()]
    assert again["status"] == "not_modified"  # the restart sent the stored ETag
    assert log[-1].status == 304

    _check_alerts(watch_db, page, screenshots)


def _check_alerts(db: Path, page: Any, screenshots: Path) -> None:
    with served(create_app(str(db), Settings())) as url:
        api = httpx.get(f"{url}/alerts", params={"watched": "true"}, timeout=30)
        assert api.status_code == 200
        alerts = api.json()
        total = int(api.headers["x-total-count"])
        assert total == len(alerts) > 0
        assert {a["change"] for a in alerts} >= {"new_claim"}
        parties = {a["entity"] for a in alerts}
        assert {"Paravar Pars Company", "Russia"} <= parties
        evidence = {a["detail"].get("evidence") for a in alerts}
        assert any(e and "Paravar Pars Company" in e for e in evidence)
        assert any(e and "another batch of Shahed-136" in e for e in evidence)  # own text
        second = httpx.get(
            f"{url}/alerts", params={"watched": "true", "limit": 1, "offset": 1}, timeout=30
        )
        assert second.json() == alerts[1:2]
        assert second.headers["x-total-count"] == str(total)
        following = second.headers["link"]  # total > 2: a watched claim and a match at least
        assert following.endswith('>; rel="next"')
        assert httpx.get(url + following[1:].split(">")[0], timeout=30).json() == alerts[2:3]

        atom = httpx.get(f"{url}/alerts.atom", timeout=30)
        assert atom.headers["content-type"].startswith("application/atom+xml")
        root = ET.fromstring(atom.content)
        ids = [e.findtext(f"{ATOM}id") for e in root.iter(f"{ATOM}entry")]
        assert ids == [f"urn:dossier:alert:{a['id']}" for a in alerts]
        titles = [e.findtext(f"{ATOM}title") or "" for e in root.iter(f"{ATOM}entry")]
        assert any(t.startswith("Paravar Pars Company: new claim") for t in titles)

        page.goto(f"{url}/")
        page.locator("nav a", has_text="What's new").click()
        page.wait_for_url(f"{url}/whats-new", timeout=10_000)
        rows = page.locator("table.whats-new tr.alert")
        assert rows.count() == total
        assert rows.filter(has_text="another batch of Shahed-136").count() >= 1
        assert page.locator("#watchlist li.watched").count() == 2
        assert page.locator("h2 .total").inner_text() == f"{total} alert{'s' if total != 1 else ''}"
        page.screenshot(path=str(screenshots / "whats-new.png"), full_page=True)
        rows.filter(has_text="Paravar Pars Company").locator("a.claim").first.click()
        page.wait_for_url(f"{url}/claims/*", timeout=10_000)
        assert "Paravar Pars Company" in page.locator("mark").inner_text()
