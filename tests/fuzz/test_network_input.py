"""Fuzz what a remote server controls: compressed bodies and feeds.

Properties: `BodyReader` never holds more than its cap and fails only with
`SourceError`; feeds parse to entries or fail with `SourceError`, and entity
declarations are refused.
"""

from __future__ import annotations

import gzip
import time
import zlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.exc import SourceError
from dossier.ingest.feeds import parse_feed
from dossier.ingest.limits import BodyReader
from tests.fuzz import BUDGET

FAST = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
ENCODINGS = st.sampled_from(["", "identity", "gzip", "x-gzip", "deflate", "br", " GZIP "])


def _check_error(err: SourceError, where: str) -> None:
    assert err.where == where
    assert err.detail.strip()


def _encode(data: bytes, encoding: str, corrupt: int) -> bytes:
    name = encoding.strip().lower()
    if name in ("gzip", "x-gzip"):
        data = gzip.compress(data)
    elif name == "deflate":
        data = zlib.compress(data)
    if corrupt and data:
        index = corrupt % len(data)
        data = data[:index] + bytes([data[index] ^ 0xFF]) + data[index + 1 :]
    return data


@settings(max_examples=BUDGET["body_reader"], **FAST)
@given(
    st.one_of(st.binary(max_size=2000), st.integers(0, 50_000).map(lambda n: b"\x00" * n)),
    ENCODINGS,
    st.integers(0, 3000),
    st.integers(1, 64),
    st.integers(1, 20_000),
)
def test_body_reader_caps_and_fails_cleanly(
    data: bytes, encoding: str, corrupt: int, chunk: int, cap: int
) -> None:
    wire = _encode(data, encoding, corrupt)
    chunks = [wire[i : i + chunk] for i in range(0, len(wire), chunk)]
    try:
        reader = BodyReader(encoding, cap, time.monotonic() + 60, "http://fuzz/")
        body = reader.read_all(chunks)
    except SourceError as err:
        _check_error(err, "http://fuzz/")
        return
    assert len(body) <= cap
    if not corrupt:
        assert body == data


FEED_PARTS = st.sampled_from(
    [
        "<?xml version='1.0'?>",
        "<rss version='2.0'><channel>",
        "</channel></rss>",
        "<feed xmlns='http://www.w3.org/2005/Atom'>",
        "</feed>",
        "<item><title>T</title><link>http://example.org/a</link></item>",
        "<entry><link rel='alternate' href='http://example.org/b'/></entry>",
        "<item><guid isPermaLink='true'>http://example.org/c</guid></item>",
        "<!DOCTYPE lolz [<!ENTITY lol 'lol'>]>",
        "&lol;",
        "<![CDATA[x]]>",
        "<item>",
        "</item>",
    ]
)


@settings(max_examples=BUDGET["feeds"], **FAST)
@given(st.lists(st.one_of(FEED_PARTS, st.text(max_size=10)), max_size=15))
def test_feeds_parse_or_fail_cleanly(parts: list[str]) -> None:
    data = "".join(parts).encode("utf-8")
    try:
        entries = parse_feed(data, "fuzz.xml")
    except SourceError as err:
        _check_error(err, "fuzz.xml")
        return
    assert b"<!ENTITY" not in data.upper()
    for entry in entries:
        assert isinstance(entry.link, str)
        assert entry.link.strip()
