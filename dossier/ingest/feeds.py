"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds → the links of their entries.

Parsed with the standard library. Feeds with a DOCTYPE are refused outright: news feeds
never need one, and refusing it closes the door on entity-expansion tricks.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from dossier.exc import SourceError

_FEED_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S
)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One feed item: where the article is, and what the feed says about it."""

    link: str
    title: str | None = None
    published: str | None = None


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
    published = _child_text(item, "pubDate", "published", "updated", "date")
    return FeedEntry(link=link, title=_child_text(item, "title"), published=published)


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
