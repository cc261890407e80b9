"""Bytes of any supported kind → documents: text, HTML, JSON Lines, feeds, WARC, PDF, URLs.

The kind comes from the file suffix or HTTP content type when they say, and from the
first bytes otherwise (stdin, extension-less files, `application/octet-stream`).
"""

from __future__ import annotations

import email.utils
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum

from dossier.exc import SourceError
from dossier.ingest.decode import decode_bytes, looks_binary
from dossier.ingest.feeds import FeedEntry, entry_document, is_feed, parse_feed
from dossier.ingest.fetch import Fetcher
from dossier.ingest.html import html_to_document
from dossier.ingest.pdf import is_pdf, pdf_to_document
from dossier.ingest.text import Item, read_jsonl, text_to_document
from dossier.ingest.warc import is_warc, read_warc
from dossier.model import make_id


class Kind(StrEnum):
    """Input formats we read."""

    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"
    FEED = "feed"
    WARC = "warc"
    PDF = "pdf"


SUFFIXES = {
    ".txt": Kind.TEXT,
    ".text": Kind.TEXT,
    ".md": Kind.TEXT,
    ".html": Kind.HTML,
    ".htm": Kind.HTML,
    ".xhtml": Kind.HTML,
    ".jsonl": Kind.JSONL,
    ".ndjson": Kind.JSONL,
    ".rss": Kind.FEED,
    ".atom": Kind.FEED,
    ".xml": Kind.FEED,
    ".warc": Kind.WARC,
    ".gz": Kind.WARC,
    ".pdf": Kind.PDF,
}
"""Suffixes that decide the kind; `.gz` is read only as a (record-compressed) WARC."""

MEDIA_TYPES = {
    "text/html": Kind.HTML,
    "application/xhtml+xml": Kind.HTML,
    "text/plain": Kind.TEXT,
    "application/rss+xml": Kind.FEED,
    "application/atom+xml": Kind.FEED,
    "application/rdf+xml": Kind.FEED,
    "application/pdf": Kind.PDF,
}


Seen = Callable[[str, str], bool]
"""(entry key, link) → whether that feed entry is already stored."""


@dataclass(frozen=True, slots=True)
class Source:
    """Where some bytes came from and what we already know about them."""

    where: str
    doc_id: str
    published: str | None = None
    url: str | None = None
    charset: str | None = None
    fetcher: Fetcher | None = None
    seen: Seen | None = None
    """Whether a feed entry (its guid or link) is stored already; such entries are skipped."""


def sniff_kind(data: bytes) -> Kind:
    """Guess the kind from the first bytes."""
    if is_warc(data):
        return Kind.WARC
    if is_pdf(data):
        return Kind.PDF
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if is_feed(data):
        return Kind.FEED
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<div")):
        return Kind.HTML
    if head.startswith(b"{"):
        return Kind.JSONL
    return Kind.TEXT


def documents_from_bytes(data: bytes, kind: Kind | None, source: Source) -> Iterator[Item]:
    """Yield the documents in `data`; errors are yielded, never raised."""
    try:
        kind = kind or sniff_kind(data)
        if kind is Kind.WARC:
            yield from _warc_documents(data, source)
            return
        if kind is Kind.PDF:
            document = pdf_to_document(data, source.doc_id, source.where, source.published)
            yield _with_url(document, source)
            return
        if looks_binary(data):
            raise SourceError("binary file, not text", source.where)
        if kind is Kind.FEED:
            yield from _feed_documents(data, source)
            return
        text = decode_bytes(data, source.where, source.charset)
        if kind is Kind.JSONL:
            yield from read_jsonl(text, source.where, source.published)
        elif kind is Kind.HTML:
            yield _with_url(
                html_to_document(text, source.doc_id, source.where, source.published), source
            )
        else:
            yield _with_url(
                text_to_document(text, source.doc_id, source.where, source.published), source
            )
    except SourceError as err:
        yield err


def _with_url(document: Item, source: Source) -> Item:
    if isinstance(document, SourceError) or document.url or not source.url:
        return document
    return replace(document, url=source.url)


def read_url(url: str, source: Source, follow_feeds: bool = True) -> Iterator[Item]:
    """Fetch `url` and yield its documents (a feed yields each entry's article)."""
    if source.fetcher is None:
        yield SourceError("fetching URLs is not enabled here", url)
        return
    try:
        fetched = source.fetcher.fetch(url)
    except SourceError as err:
        yield err
        return
    kind = MEDIA_TYPES.get(fetched.content_type)
    if kind is None or (kind is Kind.TEXT and is_feed(fetched.body)):
        kind = sniff_kind(fetched.body)
    if kind is Kind.FEED and not follow_feeds:
        yield SourceError("a feed entry links to another feed; not followed", url)
        return
    page = replace(source, where=url, url=fetched.url, charset=fetched.charset, doc_id=_url_id(url))
    yield from documents_from_bytes(fetched.body, kind, page)


def _feed_documents(data: bytes, source: Source) -> Iterator[Item]:
    for entry in parse_feed(data, source.where):
        if source.seen is None or not source.seen(entry.key, entry.link):
            yield from read_entry(entry, source)


def read_entry(entry: FeedEntry, source: Source) -> Iterator[Item]:
    """The entry's linked page when it can be fetched, else the entry's own text
    (`text_source` says so and why), else the fetch error."""
    dated = replace(entry, published=_iso_date(entry.published) or source.published)
    items = list(read_url(entry.link, replace(source, published=dated.published), False))
    if any(not isinstance(item, SourceError) for item in items):
        yield from (_with_entry(item, dated) for item in items)
        return
    reason = next((_reason(i) for i in items if isinstance(i, SourceError)), "not fetched")
    fallback = entry_document(dated, _url_id(entry.link), entry.link, f"page: {reason}")
    yield from [fallback] if fallback is not None else items


def _with_entry(item: Item, entry: FeedEntry) -> Item:
    """A fetched page with what the feed said about it where the page said nothing."""
    if isinstance(item, SourceError):
        return item
    return replace(item, title=item.title or entry.title, author=item.author or entry.author)


def _reason(err: SourceError) -> str:
    return err.detail.removeprefix(f"{err.where}: ") if err.where else err.detail


def _warc_documents(data: bytes, source: Source) -> Iterator[Item]:
    cap = source.fetcher.options.max_bytes if source.fetcher else 5_000_000
    for page in read_warc(data, source.where, cap):
        if isinstance(page, SourceError):
            yield page
            continue
        kind = Kind.HTML if "html" in page.content_type else Kind.TEXT
        record = replace(
            source, where=page.where, url=page.url, charset=page.charset, doc_id=_url_id(page.url)
        )
        yield from documents_from_bytes(page.body, kind, record)


def _url_id(url: str) -> str:
    return make_id("url", url)


def _iso_date(value: str | None) -> str | None:
    """`YYYY-MM-DD` from an RFC 822 (RSS) or ISO 8601 (Atom) date."""
    if not value:
        return None
    if len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return value[:10]
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        return None
