"""Fuzz the document readers: text, JSON Lines, HTML and the byte dispatcher.

Properties: the only exception that escapes is `SourceError` (with a message), and a
document's body offsets always index its own text.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.exc import SourceError
from dossier.ingest.dispatch import Kind, Source, documents_from_bytes
from dossier.ingest.html import html_to_document
from dossier.ingest.text import read_jsonl, record_to_document, text_to_document
from dossier.model import Document
from tests.fuzz import BUDGET

FAST = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}

# Pieces that steer the readers into their interesting branches.
HEADER_LINES = st.sampled_from(
    [
        "URL: http://example.org/a\n",
        "TITLE: Drones <b>delivered</b>\n",
        "PUBLISHED: 2022-11-09\n",
        "PUBLISHED: 2022-13-45\n",
        "AUTHOR: \n",
        "---\n",
        "-----   \n",
        "Leave a Reply\n",
        "Read more: elsewhere\n",
        "12 Comments\n",
        "  1. a reader comment\n",
        "Share this:\n",
        "Twitter\n",
        "\n",
        "\r\n",
        "\u2028",
    ]
)
TEXTS = st.one_of(
    st.text(),
    st.lists(st.one_of(HEADER_LINES, st.text(max_size=40)), max_size=20).map("".join),
)


def check_document(document: Document) -> None:
    """Offsets index the text; the body is a slice of it."""
    assert 0 <= document.body_start <= document.body_end <= len(document.text)
    assert document.body == document.text[document.body_start : document.body_end]
    assert document.id


def check_error(error: SourceError) -> None:
    assert isinstance(error, SourceError)
    assert str(error).strip()


@settings(max_examples=BUDGET["text_reader"], **FAST)
@given(TEXTS)
def test_text_reader(text: str) -> None:
    try:
        document = text_to_document(text, "doc", "fuzz.txt")
    except SourceError as err:
        check_error(err)
        return
    assert document.text == text
    check_document(document)
    if document.published is not None:
        assert len(document.published) == 10


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        "id": JSON_VALUES,
        "text": st.one_of(TEXTS, JSON_VALUES),
        "title": JSON_VALUES,
        "url": JSON_VALUES,
        "published": st.one_of(st.just("2022-11-09"), JSON_VALUES),
    },
)


@settings(max_examples=BUDGET["jsonl_records"], **FAST)
@given(st.one_of(RECORDS, JSON_VALUES))
def test_jsonl_record(record: object) -> None:
    try:
        document = record_to_document(record, "fuzz.jsonl:1", None)
    except SourceError as err:
        check_error(err)
        return
    check_document(document)
    assert isinstance(record, dict)
    assert document.text == record["text"]


LINES = st.one_of(
    RECORDS.map(json.dumps),
    st.text(max_size=60),
    st.just('{"text": "unterminated'),
    st.just(""),
)


@settings(max_examples=BUDGET["jsonl_reader"], **FAST)
@given(st.lists(LINES, max_size=8), st.sampled_from(["\n", "\r\n", "\x0b", "\u2029"]))
def test_jsonl_reader_yields_one_item_per_nonblank_line(lines: list[str], sep: str) -> None:
    text = sep.join(lines)
    items = list(read_jsonl(text, "fuzz.jsonl"))  # errors are yielded, never raised
    expected = [line for line in text.splitlines() if line.strip()]
    assert len(items) == len(expected)
    for item in items:
        if isinstance(item, SourceError):
            check_error(item)
            assert item.where.startswith("fuzz.jsonl:")
        else:
            check_document(item)


TAGS = st.sampled_from(
    [
        "<html lang='fr'>",
        '<html lang="xx-YY">',
        "<head><title>T</title></head>",
        "<body>",
        "<article>",
        "</article>",
        "<p>",
        "</p>",
        "<div class='comments'>",
        "<script>alert(1)</script>",
        "<!--",
        "-->",
        "<![CDATA[",
        "<meta property='article:published_time' content='2022-11-09'>",
        "&amp;",
        "&#0;",
        "&#xD800;",
        "<<<",
        "\x00",
    ]
)
WORDS = st.sampled_from(["Iran", "shipped", "drones", "to", "Russia.", "Леонид", "محمد", " "])
HTML = st.lists(st.one_of(TAGS, WORDS, st.text(max_size=12)), max_size=60).map("".join)


@settings(max_examples=BUDGET["html_reader"], **FAST)
@given(HTML)
def test_html_reader(html: str) -> None:
    try:
        document = html_to_document(html, "page", "fuzz.html")
    except SourceError as err:
        check_error(err)
        return
    check_document(document)
    assert document.language == document.language.lower()
    assert len(document.language) <= 8


PREFIXES = st.sampled_from(
    [
        b"",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\xfe\xff",
        b"\xff\xfe\x00\x00",
        b"WARC/1.0\r\n",
        b"<?xml version='1.0'?><rss><channel>",
        b"<html><body>",
        b'{"text": "',
        b"\x1f\x8b",
    ]
)


@settings(max_examples=BUDGET["bytes_dispatch"], **FAST)
@given(PREFIXES, st.binary(max_size=300), st.sampled_from([None, *Kind]))
def test_bytes_dispatch_yields_documents_or_errors(
    prefix: bytes, data: bytes, kind: Kind | None
) -> None:
    source = Source(where="fuzz.bin", doc_id="fuzz", charset="no-such-charset")
    for item in documents_from_bytes(prefix + data, kind, source):
        if isinstance(item, SourceError):
            check_error(item)
        else:
            check_document(item)
