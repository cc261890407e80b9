"""Watch fixtures.

- `feed_server`: a real HTTP server on 127.0.0.1 serving one feed whose items the test
  changes between polls (`feed_server.publish(items)`), that can fail its next answers
  (`feed_server.fail(n)`: HTTP 500), answers a conditional GET with 304 when the ETag
  matches, and serves article pages (`feed_server.page(path, html, status)`). Every feed
  request is logged with its `If-None-Match` header and the status sent.
- `watch_db`: a SQLite file with the bundled OFAC extract loaded.
- `ARTICLES`: news pages written for these tests (no shared text is committed).
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from dossier import pipeline
from dossier.store import open_store

LISTS = Path(__file__).parents[2] / "dossier" / "data" / "lists"

PAGE = """<!DOCTYPE html><html lang="en"><head><title>{title}</title>
<meta property="og:site_name" content="Test Wire"></head><body><article><h1>{title}</h1>
{paragraphs}</article></body></html>"""


def news_page(title: str, *paragraphs: str) -> str:
    """A small news page; each test article has its own wording (near-duplicate detection
    would link pages sharing a template's sentences)."""
    return PAGE.format(title=title, paragraphs="".join(f"<p>{p}</p>" for p in paragraphs))


ARTICLES = {
    "/treasury.html": news_page(
        "Treasury targets drone engine makers",
        "The US Treasury imposed sanctions on Paravar Pars Company on Tuesday, accusing "
        "it of supplying engines for drones sent to Russia.",
        "The department said the company had shipped engine parts through intermediaries "
        "for more than a year, and that banks dealing with it risk penalties of their own.",
    ),
    "/transfers.html": news_page(
        "Drone deliveries continue",
        "Iran supplied Shahed-136 drones to Russia in October 2022, officials said.",
        "Satellite images of an airfield near the border showed cargo aircraft parked "
        "beside hangars that had been empty in the summer, analysts at a research group said.",
    ),
}


@dataclass(frozen=True)
class Item:
    guid: str
    title: str
    link: str
    text: str = ""


@dataclass
class FeedLog:
    path: str
    if_none_match: str | None
    status: int


@dataclass
class FeedServer:
    server: ThreadingHTTPServer
    items: list[Item] = field(default_factory=list)
    failures: int = 0
    pages: dict[str, tuple[int, bytes]] = field(default_factory=dict)
    log: list[FeedLog] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    hooks: dict[str, Callable[[], None]] = field(default_factory=dict)
    times: list[float] = field(default_factory=list)
    """`time.monotonic()` of every request, pages and robots.txt included."""
    """Called when a page is served (before its body is sent)."""

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def feed_url(self) -> str:
        return self.base + "/feed.xml"

    def publish(self, items: list[Item]) -> None:
        with self.lock:
            self.items = list(items)

    def fail(self, times: int) -> None:
        with self.lock:
            self.failures = times

    def page(self, path: str, html: str, status: int = 200) -> str:
        self.pages[path] = (status, html.encode("utf-8"))
        return self.base + path

    def feed(self) -> tuple[bytes, str]:
        entries = "".join(
            f"<item><title>{escape(i.title)}</title><link>{escape(self.base + i.link)}</link>"
            f'<guid isPermaLink="false">{escape(i.guid)}</guid>'
            "<pubDate>Wed, 09 Nov 2022 10:00:00 GMT</pubDate>"
            f"<description>{escape(i.text)}</description></item>"
            for i in self.items
        )
        body = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title>'
            f"{entries}</channel></rss>"
        ).encode()
        return body, '"' + hashlib.sha1(body).hexdigest()[:12] + '"'

    def statuses(self) -> list[int]:
        with self.lock:
            return [entry.status for entry in self.log]


class _Handler(BaseHTTPRequestHandler):
    server: ThreadingHTTPServer

    def do_GET(self) -> None:
        state: FeedServer = self.server.state  # type: ignore[attr-defined]
        state.times.append(time.monotonic())
        if self.path == "/feed.xml":
            self._feed(state)
        elif self.path in state.pages:
            if self.path in state.hooks:
                state.hooks[self.path]()
            status, body = state.pages[self.path]
            self._send(status, body, "text/html; charset=utf-8")
        else:
            self._send(404, b"not found", "text/plain")

    def _feed(self, state: FeedServer) -> None:
        with state.lock:
            sent = self.headers.get("If-None-Match")
            body, etag = state.feed()
            if state.failures:
                state.failures -= 1
                status = 500
            else:
                status = 304 if sent == etag else 200
            state.log.append(FeedLog(self.path, sent, status))
        if status == 200:
            self._send(200, body, "application/rss+xml", {"ETag": etag})
        else:
            self._send(status, b"", "text/plain", {"ETag": etag} if status == 304 else {})

    def _send(
        self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    state = FeedServer(server)
    server.state = state  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def watch_db(tmp_path: Path) -> Path:
    db = tmp_path / "watch.db"
    store = open_store(str(db))
    assert pipeline.load_lists(store, [LISTS]).records
    store.engine.dispose()
    return db
