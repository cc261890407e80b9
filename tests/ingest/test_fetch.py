"""Safe fetching against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
import ipaddress
from dataclasses import replace

import pytest

from dossier.exc import SourceError
from dossier.ingest import FetchOptions, read_paths
from dossier.ingest.fetch import USER_AGENT
from dossier.ingest.netguard import refusal
from dossier.model import Document
from tests.ingest.conftest import Web, article

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>
<item><title>One</title><link>{a}</link><pubDate>Wed, 09 Nov 2022 10:00:00 GMT</pubDate></item>
<item><title>Two</title><link>{b}</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom</title><entry><title>One</title><link rel="alternate" href="{a}"/>
<updated>2022-11-10T08:00:00Z</updated></entry></feed>"""


def _errors(items: list[Document | SourceError]) -> list[str]:
    return [i.detail for i in items if isinstance(i, SourceError)]


def _docs(items: list[Document | SourceError]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("0.0.0.0", "unspecified"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:169.254.169.254", "link-local"),
        ("8.8.8.8", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_refusal_classifies_addresses(address: str, reason: str | None) -> None:
    assert refusal(ipaddress.ip_address(address)) == reason


def test_fetch_loopback_refused_unless_allowed(web: Web, fetch_options: FetchOptions) -> None:
    url = web.route("/a.html", article("Drones delivered", "Iran shipped drones to Russia."))
    refused = list(read_paths([url], fetch=replace(fetch_options, allow_hosts=frozenset())))
    assert _errors(refused) == [
        f"{url}: refused to fetch from 127.0.0.1 (127.0.0.1 is loopback); "
        "allow it with --allow-host or DOSSIER_FETCH_ALLOW"
    ]
    assert web.requests == []
    allowed = _docs(list(read_paths([url], fetch=fetch_options)))
    assert [d.title for d in allowed] == ["Drones delivered"]
    assert allowed[0].url == url
    assert "Iran shipped drones" in allowed[0].body


def test_fetch_rss_feed_fetches_each_entry(web: Web, fetch_options: FetchOptions) -> None:
    a = web.route("/a.html", article("First story", "Iran shipped drones to Russia."))
    b = web.route("/b.html", article("Second story", "The EU listed three companies."))
    feed = web.route("/feed.xml", RSS.format(a=a, b=b), content_type="application/rss+xml")
    items = list(read_paths([feed], "2022-01-01", fetch=fetch_options))
    docs = _docs(items)
    assert _errors(items) == []
    assert [d.title for d in docs] == ["First story", "Second story"]
    assert [d.url for d in docs] == [a, b]
    assert docs[0].published == "2022-11-09"


def test_fetch_atom_feed_with_dead_link_reports_it(web: Web, fetch_options: FetchOptions) -> None:
    dead = web.url("/gone.html")
    feed = web.route("/atom.xml", ATOM.format(a=dead), content_type="application/atom+xml")
    items = list(read_paths([feed], fetch=fetch_options))
    assert _errors(items) == [f"{dead}: HTTP 404"]


def test_fetch_follows_redirects_up_to_five(web: Web, fetch_options: FetchOptions) -> None:
    web.route("/end.html", article("Redirected", "Iran shipped drones to Russia."))
    for hop in range(6):
        target = "/end.html" if hop == 0 else f"/r{hop - 1}"
        web.route(f"/r{hop}", "", status=302, headers={"Location": target})
    ok = _docs(list(read_paths([web.url("/r4")], fetch=fetch_options)))
    assert [d.title for d in ok] == ["Redirected"]
    too_many = _errors(list(read_paths([web.url("/r5")], fetch=fetch_options)))
    assert too_many == [f"{web.url('/r5')}: more than 5 redirects"]


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.7/admin",
        "http://[::ffff:127.0.0.1]/",
    ],
)
def test_fetch_redirect_to_private_address_refused(
    web: Web, fetch_options: FetchOptions, target: str
) -> None:
    url = web.route("/jump", "", status=301, headers={"Location": target})
    errors = _errors(list(read_paths([url], fetch=fetch_options)))
    assert len(errors) == 1
    assert errors[0].startswith(f"{url}: refused to fetch from ")


def test_fetch_slow_response_times_out(web: Web, fetch_options: FetchOptions) -> None:
    url = web.route("/slow", article("Slow", "Nothing."), delay=2.0)
    errors = _errors(list(read_paths([url], fetch=replace(fetch_options, timeout=0.3))))
    assert errors == [f"{url}: timed out after 0.3s"]


def test_fetch_huge_response_capped(web: Web, fetch_options: FetchOptions) -> None:
    url = web.route("/huge", b"<p>" + b"a" * 3_000_000 + b"</p>")
    errors = _errors(list(read_paths([url], fetch=replace(fetch_options, max_bytes=1_000_000))))
    assert errors == [f"{url}: response larger than 1000000 bytes (decoded)"]


def test_fetch_gzip_bomb_capped_after_decoding(web: Web, fetch_options: FetchOptions) -> None:
    bomb = gzip.compress(b"<p>" + b"\0" * 200_000_000, compresslevel=9)
    assert len(bomb) < 1_000_000
    url = web.route("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    options = replace(fetch_options, max_bytes=1_000_000)
    assert _errors(list(read_paths([url], fetch=options))) == [
        f"{url}: response larger than 1000000 bytes (decoded)"
    ]


def test_fetch_gzip_page_decoded(web: Web, fetch_options: FetchOptions) -> None:
    page = gzip.compress(article("Compressed", "Iran shipped drones.").encode())
    url = web.route("/gz.html", page, headers={"Content-Encoding": "gzip"})
    assert [d.title for d in _docs(list(read_paths([url], fetch=fetch_options)))] == ["Compressed"]


def test_fetch_refuses_unsupported_content_type(web: Web, fetch_options: FetchOptions) -> None:
    url = web.route("/photo.png", b"\x89PNG....", content_type="image/png")
    assert _errors(list(read_paths([url], fetch=fetch_options))) == [
        f"{url}: unsupported content type 'image/png'"
    ]


def test_fetch_respects_robots_txt(web: Web, fetch_options: FetchOptions) -> None:
    web.route("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    private = web.route("/private/a.html", article("Private", "Nothing."))
    public = web.route("/a.html", article("Public", "Iran shipped drones."))
    items = list(read_paths([private, public], fetch=fetch_options))
    assert _errors(items) == [f"{private}: disallowed by robots.txt"]
    assert [d.title for d in _docs(items)] == ["Public"]
    assert "/private/a.html" not in web.requests
    assert web.requests.count("/robots.txt") == 1


def test_fetch_sends_user_agent(web: Web, fetch_options: FetchOptions) -> None:
    url = web.route("/a.html", article("Polite", "Iran shipped drones."))
    list(read_paths([url], fetch=fetch_options))
    assert web.agents == [USER_AGENT, USER_AGENT]  # robots.txt, then the page


def test_fetch_dead_host_one_error_rest_of_batch_kept(
    web: Web, fetch_options: FetchOptions
) -> None:
    good = web.route("/a.html", article("Alive", "Iran shipped drones."))
    dead = "http://127.0.0.1:9/nothing"
    items = list(read_paths([dead, good], fetch=fetch_options))
    errors = _errors(items)
    assert len(errors) == 1
    assert errors[0].startswith(f"{dead}: cannot fetch (ConnectError")
    assert [d.title for d in _docs(items)] == ["Alive"]
