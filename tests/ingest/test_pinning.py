"""DNS rebinding: the connection goes to the address the SSRF guard checked.

DNS is outside this machine, so its answers are faked (`socket.getaddrinfo` for one test
host name); the server is real and listens on 127.0.0.1. A name that answers with a
public address when checked and with 127.0.0.1 afterwards must never reach the server.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from dossier.exc import SourceError
from dossier.ingest import FetchOptions, read_paths
from dossier.model import Document
from tests.ingest.conftest import Web, article

HOST = "rebind.test"
PUBLIC = "93.184.216.34"


class FakeDNS:
    """Answers for `HOST`, one per lookup (the last repeats); other names resolve normally."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: str) -> None:
        self.answers = list(answers)
        self.lookups = 0
        real: Callable[..., Any] = socket.getaddrinfo

        def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
            if host != HOST:
                return real(host, port, *args, **kwargs)
            answer = self.answers[min(self.lookups, len(self.answers) - 1)]
            self.lookups += 1
            return real(answer, port, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def _fetch(urls: list[str], options: FetchOptions) -> tuple[list[Document], list[str]]:
    items = list(read_paths(urls, fetch=options))
    docs = [i for i in items if isinstance(i, Document)]
    return docs, [i.detail for i in items if isinstance(i, SourceError)]


@pytest.fixture
def quick(fetch_options: FetchOptions) -> FetchOptions:
    """No host allowed, and a short timeout: connecting to `PUBLIC` cannot succeed here."""
    return replace(fetch_options, allow_hosts=frozenset(), timeout=1.0)


def test_rebinding_to_loopback_never_reaches_server(
    web: Web, quick: FetchOptions, monkeypatch: pytest.MonkeyPatch
) -> None:
    web.route("/a.html", article("Rebound", "Iran shipped drones."))
    dns = FakeDNS(monkeypatch, PUBLIC, "127.0.0.1")
    url = f"http://{HOST}:{web.port}/a.html"
    docs, errors = _fetch([url], quick)
    assert docs == []
    assert len(errors) == 1
    assert errors[0].startswith(f"{url}: cannot fetch (Connect")
    assert web.requests == []
    assert dns.lookups == 1  # checked once; the connection never asked DNS again


def test_allowed_host_connects_to_checked_address_with_its_host_header(
    web: Web, quick: FetchOptions, monkeypatch: pytest.MonkeyPatch
) -> None:
    web.route("/a.html", article("Pinned", "Iran shipped drones."))
    # The second answer would lead nowhere; only the checked 127.0.0.1 reaches the server.
    dns = FakeDNS(monkeypatch, "127.0.0.1", "10.255.255.1")
    url = f"http://{HOST}:{web.port}/a.html"
    docs, errors = _fetch([url], replace(quick, allow_hosts=frozenset({HOST})))
    assert errors == []
    assert [d.title for d in docs] == ["Pinned"]
    assert web.requests == ["/robots.txt", "/a.html"]
    assert web.hosts == [f"{HOST}:{web.port}"] * 2
    assert dns.lookups == 1


def test_redirect_hop_is_pinned_too(
    web: Web, fetch_options: FetchOptions, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = f"http://{HOST}:{web.port}/b.html"
    web.route("/b.html", article("Behind a redirect", "Iran shipped drones."))
    jump = web.route("/jump", "", status=302, headers={"Location": target})
    dns = FakeDNS(monkeypatch, PUBLIC, "127.0.0.1")
    docs, errors = _fetch([jump], replace(fetch_options, timeout=1.0))
    assert docs == []
    assert len(errors) == 1
    assert errors[0].startswith(f"{target}: cannot fetch (Connect")
    assert web.requests == ["/robots.txt", "/jump"]
    assert dns.lookups == 1


def test_unchecked_host_is_never_connected_to() -> None:
    import httpcore

    from dossier.ingest.pinning import PinnedBackend

    with pytest.raises(httpcore.ConnectError, match="was not checked"):
        PinnedBackend().connect_tcp("127.0.0.1", 9)
