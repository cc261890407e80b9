"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds → their entries, with what each entry says.

Parsed with the standard library. Feeds with a DOCTYPE are refused outright: news feeds
never need one, and refusing it closes the door on entity-expansion tricks.

An entry keeps its own text (`content:encoded`, Atom `content`, else `description` or
`summary`), so that when its linked page cannot be fetched (offline, paywall, 403) the
item is still stored from what the feed carried (`entry_document`).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser

from dossier.exc import SourceError
from dossier.ingest.boilerplate import find_body_end
from dossier.model import Document

_FEED_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S
)
_WORDS = re.compile(r"\w{2,}")
FEED_ITEM = "feed item"
"""`Document.text_source` of a document stored from its feed entry's own text."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One feed item: where the article is, and what the feed says about it."""

    link: str
    title: str | None = None
    published: str | None = None
    guid: str | None = None
    """The item's own id (RSS `guid`, Atom `id`), else None."""
    author: str | None = None
    text: str | None = None
    """The item's content or description as plain text (markup removed)."""

    @property
    def key(self) -> str:
        """What identifies the item across polls: its guid, else its link."""
        return self.guid or self.link


def is_feed(data: bytes) -> bool:
    """Whether `data` starts like an RSS, RDF or Atom document."""
    return bool(_FEED_START.match(data[:4096]))


def parse_feed(data: bytes, source: str) -> list[FeedEntry]:
    """The entries of a feed, in feed order; raises `SourceError` for malformed XML."""
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise SourceError("feed declares a DOCTYPE or entities; refused", source)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        raise SourceError(f"malformed feed XML ({err})", source) from err
    entries = [_entry(item) for item in root.iter() if _local(item.tag) in ("item", "entry")]
    return [e for e in entries if e is not None]


def entry_document(entry: FeedEntry, doc_id: str, where: str, reason: str) -> Document | None:
    """The entry as a document from its own text, or None when it carries no text.

    Args:
        reason: why the linked page was not used; kept in `text_source`.
    """
    if not entry.text or not _WORDS.search(entry.text):
        return None
    head = f"{entry.title}\n\n" if entry.title and entry.title not in entry.text else ""
    text = head + entry.text + "\n"
    return Document(
        id=doc_id,
        text=text,
        title=entry.title,
        url=entry.link,
        published=entry.published,
        body_start=0,
        body_end=find_body_end(text, 0),
        source=where,
        author=entry.author,
        text_source=f"{FEED_ITEM} ({reason})",
    )


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(item: ET.Element, *names: str) -> str | None:
    for child in item:
        if _local(child.tag) in names and child.text and child.text.strip():
            return child.text.strip()
    return None


def _entry(item: ET.Element) -> FeedEntry | None:
    link = _atom_link(item) or _child_text(item, "link") or _permalink(item)
    if not link:
        return None
    return FeedEntry(
        link=link,
        title=_child_text(item, "title"),
        published=_child_text(item, "pubDate", "published", "updated", "date"),
        guid=_child_text(item, "guid", "id"),
        author=_author(item),
        text=_content(item),
    )


def _author(item: ET.Element) -> str | None:
    """RSS `author` / Dublin Core `creator`, or the `name` of an Atom `author`."""
    for child in item:
        if _local(child.tag) == "author":
            name = _child_text(child, "name")
            if name:
                return name
    return _child_text(item, "author", "creator")


def _content(item: ET.Element) -> str | None:
    """The fullest text the entry carries: its content, else its description/summary."""
    for names in (("encoded", "content"), ("description", "summary")):
        for child in item:
            if _local(child.tag) not in names:
                continue
            raw = "".join(child.itertext()) if len(child) else (child.text or "")
            text = markup_to_text(raw)
            if text:
                return text
    return None


def _atom_link(item: ET.Element) -> str | None:
    for child in item:
        rel = child.get("rel", "alternate")
        if _local(child.tag) == "link" and child.get("href") and rel == "alternate":
            return child.get("href")
    return None


def _permalink(item: ET.Element) -> str | None:
    for child in item:
        if _local(child.tag) == "guid" and child.get("isPermaLink", "true") == "true":
            return (child.text or "").strip() or None
    return None


_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}
_SKIP = {"script", "style", "iframe", "noscript"}


class _TextParser(HTMLParser):
    """Text of an HTML fragment: paragraphs on their own lines, scripts dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def markup_to_text(raw: str) -> str:
    """Plain text of a feed field that may hold HTML (escaped or not)."""
    if "<" not in raw and "&lt;" in raw:
        raw = html.unescape(raw)
    parser = _TextParser()
    parser.feed(raw)
    parser.close()
    paragraphs = (" ".join(p.split()) for p in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
