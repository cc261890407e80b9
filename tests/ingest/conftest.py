"""Ingest fixtures.

- `web`: a real HTTP server on 127.0.0.1 in a thread; tests register routes on it
  (`web.route("/a", body, content_type=..., status=..., headers=..., delay=...)`) and
  build URLs with `web.url("/a")`.
- `fetch_options`: fetch options that allow 127.0.0.1 (the test server) and do not pause
  between requests.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dossier.ingest.fetch import FetchOptions


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        self.server.agents.append(self.headers.get("User-Agent", ""))
        self.server.hosts.append(self.headers.get("Host", ""))
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        if route.delay:
            time.sleep(route.delay)
        self.send_response(route.status)
        self.send_header("Content-Type", route.content_type)
        self.send_header("Content-Length", str(len(route.body)))
        for key, value in route.headers.items():
            self.send_header(key, value)
        self.end_headers()
        # The client may give up on purpose (size cap, timeout).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(route.body)

    def log_message(self, format: str, *args: object) -> None:
        return None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Route]
    requests: list[str]
    agents: list[str]
    hosts: list[str]


@dataclass
class Web:
    server: _Server

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, body: bytes | str, **kwargs: object) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.server.routes[path] = Route(data, **kwargs)  # type: ignore[arg-type]
        return self.url(path)

    @property
    def requests(self) -> list[str]:
        return self.server.requests

    @property
    def agents(self) -> list[str]:
        return self.server.agents

    @property
    def hosts(self) -> list[str]:
        """The Host header of every request."""
        return self.server.hosts

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])


@pytest.fixture
def web() -> Iterator[Web]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.routes = {}
    server.requests = []
    server.agents = []
    server.hosts = []
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield Web(server)
    server.shutdown()
    server.server_close()


@pytest.fixture
def fetch_options() -> FetchOptions:
    return replace(FetchOptions.with_hosts("127.0.0.1"), min_interval=0.0)


ARTICLE = """<!DOCTYPE html><html lang="en"><head><title>{title}</title>
<meta name="author" content="Jane Reporter"><meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2022-11-09"></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>{title}</h1>
<p>{sentence} Officials said the transfer included spare parts and training for crews.</p>
<p>The agreement was reported by several outlets citing intelligence assessments shared by
Western governments, and both governments denied that any deliveries had taken place.</p>
<p>Analysts said the deliveries would extend the range of strikes on infrastructure.</p>
</article><footer>Copyright Example News</footer></body></html>"""


def article(title: str, sentence: str) -> str:
    """A small news page for trafilatura."""
    return ARTICLE.format(title=title, sentence=sentence)
