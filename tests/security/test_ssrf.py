"""SSRF matrix: every way of spelling an internal address, directly or by redirect, is
refused before a connection is made, and DNS answers cannot be swapped after the check.

The target is a real HTTP server on 127.0.0.1 that records every request it gets; a
case passes only if the fetch fails with a `SourceError` *and* the server saw nothing.
DNS is outside this machine, so names under `.test` get faked answers.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest

from dossier.exc import SourceError
from dossier.ingest.fetch import Fetcher, FetchOptions
from tests.ingest.conftest import Web
from tests.ingest.conftest import web as web  # the real server fixture, re-exported

PUBLIC = "93.184.216.34"
FAKE_DNS: dict[str, list[list[str]]] = {
    # name: one answer list per lookup (the last repeats)
    "internal.test": [["10.0.0.5"]],
    "metadata.test": [["169.254.169.254"]],
    "loopback.test": [["127.0.0.1"]],
    "mixed.test": [[PUBLIC, "127.0.0.1"]],
    "v6-mapped.test": [["::ffff:127.0.0.1"]],
    "rebind.test": [[PUBLIC], ["127.0.0.1"]],
}
LOOPBACK_SPELLINGS = [
    "127.0.0.1",
    "localhost",
    "127.1",
    "127.0.1.3",
    "2130706433",  # decimal
    "0x7f000001",  # hexadecimal
    "0177.0.0.1",  # octal
    "0.0.0.0",
    "[::1]",
    "[::ffff:127.0.0.1]",
    "[::ffff:7f00:1]",
    "[0:0:0:0:0:ffff:127.0.0.1]",
    "LOCALHOST.",
    "loopback.test",
    "v6-mapped.test",
    "mixed.test",
]
INTERNAL_HOSTS = [
    "10.0.0.1",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "198.18.0.1",
    "224.0.0.1",
    "255.255.255.255",
    "[fe80::1]",
    "[fc00::1]",
    "[::ffff:169.254.169.254]",
    "[2002:a9fe:a9fe::]",  # 6to4 of 169.254.169.254
    "internal.test",
    "metadata.test",
]


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Fake answers for the `.test` names; returns lookups per name."""
    lookups: dict[str, int] = {}
    real: Callable[..., Any] = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in FAKE_DNS:
            return real(host, port, *args, **kwargs)
        answers = FAKE_DNS[name]
        answer = answers[min(lookups.get(name, 0), len(answers) - 1)]
        lookups[name] = lookups.get(name, 0) + 1
        return [info for address in answer for info in real(address, port, *args, **kwargs)]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return lookups


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    options = FetchOptions(min_interval=0.0, timeout=1.0, respect_robots=False)
    fetcher = Fetcher(options)
    yield fetcher
    fetcher.close()


def _refused(fetcher: Fetcher, url: str) -> str:
    with pytest.raises(SourceError) as caught:
        fetcher.fetch(url)
    return caught.value.detail


@pytest.mark.usefixtures("fake_dns")
@pytest.mark.parametrize("host", LOOPBACK_SPELLINGS)
def test_loopback_spellings_refused(web: Web, fetcher: Fetcher, host: str) -> None:
    web.route("/secret", "internal only")
    detail = _refused(fetcher, f"http://{host}:{web.port}/secret")
    assert "refused" in detail or "cannot resolve" in detail  # "localhost." may not resolve
    assert web.requests == []


@pytest.mark.usefixtures("fake_dns")
@pytest.mark.parametrize("host", INTERNAL_HOSTS)
def test_internal_addresses_refused_before_connecting(fetcher: Fetcher, host: str) -> None:
    detail = _refused(fetcher, f"http://{host}/latest/meta-data/")
    assert "refused to fetch" in detail
    assert "allow it with --allow-host" in detail


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "gopher://127.0.0.1/", "ftp://127.0.0.1/", "http:///x"]
)
def test_other_schemes_refused(fetcher: Fetcher, url: str) -> None:
    assert "only http and https" in _refused(fetcher, url)


@pytest.mark.usefixtures("fake_dns")
@pytest.mark.parametrize(
    "target",
    [
        "http://localhost:{port}/secret",
        "http://[::ffff:127.0.0.1]:{port}/secret",
        "http://2130706433:{port}/secret",
        "http://loopback.test:{port}/secret",
        "http://169.254.169.254/latest/meta-data/",
        "http://internal.test/admin",
        "file:///etc/passwd",
        "//localhost:{port}/secret",
    ],
)
def test_redirect_into_internal_address_refused(web: Web, target: str) -> None:
    # The first hop is allowed by name (an operator's intranet mirror); where it
    # redirects to is checked afresh, and the allowance does not carry over.
    web.route("/secret", "internal only")
    location = target.format(port=web.port)
    web.route("/hop", "", status=302, headers={"Location": location})
    options = FetchOptions.with_hosts("127.0.0.1")
    fetcher = Fetcher(replace(options, min_interval=0.0, timeout=1.0, respect_robots=False))
    try:
        detail = _refused(fetcher, web.url("/hop"))
    finally:
        fetcher.close()
    assert "refused" in detail
    assert web.requests == ["/hop"]


def test_dns_rebinding_connects_to_the_checked_address(
    web: Web, fetcher: Fetcher, fake_dns: dict[str, int]
) -> None:
    # rebind.test answers a public address when checked, then 127.0.0.1: the connection
    # must go to the address that was checked (unreachable here), never to loopback.
    web.route("/secret", "internal only")
    _refused(fetcher, f"http://rebind.test:{web.port}/secret")
    assert fake_dns["rebind.test"] >= 1
    assert web.requests == []


def test_allowed_host_is_fetched(web: Web) -> None:
    # The control case: the same server, allowed by name, is reached.
    web.route("/page", "<html><body><p>ok</p></body></html>")
    options = replace(FetchOptions.with_hosts("127.0.0.1"), min_interval=0.0, respect_robots=False)
    fetcher = Fetcher(options)
    try:
        assert fetcher.fetch(web.url("/page")).body.startswith(b"<html>")
    finally:
        fetcher.close()
    assert web.requests == ["/page"]
