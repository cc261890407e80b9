"""Plain text and JSON Lines records → documents.

A text file may open with a header block of `KEY: value` lines closed by a `---` line
(URL, TITLE, PUBLISHED, OUTLET, AUTHOR, as in the evaluation articles). The text stays
as given; the header only sets metadata and moves `body_start` past it. Without such
fields, the lead lines (a headline on line one, a date line, a byline, an outlet line,
a dateline; `heading.py`) give them. What a caller states wins over what is read:
a header field or a JSON Lines field, then the lead lines, then the caller's defaults
(`dossier ingest --published/--title/--site`, applied with `with_defaults`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from dossier.exc import SourceError
from dossier.ingest.boilerplate import find_body_end, find_body_start
from dossier.ingest.heading import read_heading
from dossier.model import Document

Item = Document | SourceError

_HEADER = re.compile(r"\A(?:[A-Z][A-Z_ ]{1,20}:[^\n]*\n){1,12}-{3,}[ \t]*\n")
_HEADER_LINE = re.compile(r"^([A-Z][A-Z_ ]{1,20}):[ \t]*(.*?)\s*$", re.MULTILINE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_header(text: str) -> tuple[dict[str, str], int]:
    """The header fields (lower-case keys) and the offset just after the `---` line."""
    match = _HEADER.match(text)
    if not match:
        return {}, 0
    fields = {k.strip().lower(): v for k, v in _HEADER_LINE.findall(match.group(0)) if v}
    return fields, match.end()


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a caller says of documents: defaults for what a document does not say."""

    published: str | None = None
    title: str | None = None
    site: str | None = None
    author: str | None = None


def with_defaults(document: Document, defaults: Metadata) -> Document:
    """The document with `defaults` where it has no title, date, outlet or byline."""
    return replace(
        document,
        published=document.published or defaults.published,
        title=document.title or defaults.title,
        site=document.site or defaults.site,
        author=document.author or defaults.author,
    )


def text_to_document(
    text: str,
    doc_id: str,
    source: str,
    published: str | None = None,
    title: str | None = None,
    given: Metadata | None = None,
) -> Document:
    """Wrap plain text as a document, bounding the body after any header, before comments.

    Args:
        published: the date when neither the text nor `given` has one.
        title: the title, whatever the text says (the API's `title` field).
        given: what the record carrying the text says (JSON Lines fields); a header
            block wins over it, and it wins over the lead lines.
    """
    if not text.strip():
        raise SourceError("empty document", source)
    header, offset = parse_header(text)
    date = _DATE.search(header.get("published", ""))
    body_start = offset + find_body_start(text[offset:])
    if body_start >= len(text):
        raise SourceError("document has a header but no text", source)
    lead = read_heading(text[offset:])
    given = given or Metadata()
    return Document(
        id=doc_id,
        text=text,
        title=title or header.get("title") or given.title or lead.title,
        url=header.get("url"),
        published=(date.group(0) if date else None)
        or given.published
        or lead.published
        or published,
        body_start=body_start,
        body_end=max(body_start, find_body_end(text, body_start)),
        source=source,
        author=header.get("author") or given.author or lead.author,
        site=header.get("outlet") or header.get("site") or given.site or lead.site,
    )


def read_jsonl(text: str, source: str, published: str | None = None) -> Iterator[Item]:
    """Yield one document per JSON Lines record.

    Fields: `text` (required), `id`, `published`, `title`, `url`, `author`, `site`.
    """
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            yield record_to_document(json.loads(line), where, published)
        except json.JSONDecodeError as err:
            yield SourceError(f"invalid JSON ({err.msg})", where)
        except SourceError as err:
            yield err


def record_to_document(record: object, where: str, published: str | None) -> Document:
    """One JSON Lines record as a document; its own `published` wins over the default."""
    if not isinstance(record, dict):
        raise SourceError("a JSON Lines record must be an object", where)
    text = record.get("text")
    if not isinstance(text, str):
        raise SourceError("record has no string field 'text'", where)
    bad = next((k for k, v in record.items() if isinstance(v, str) and "\x00" in v), None)
    if bad is not None:
        raise SourceError(f"field {bad!r} holds a NUL character; binary data, not text", where)
    doc_id = str(record.get("id") or where)
    given = Metadata(
        published=_str_or_none(record.get("published")),
        title=_str_or_none(record.get("title")),
        site=_str_or_none(record.get("site")),
        author=_str_or_none(record.get("author")),
    )
    document = text_to_document(text, doc_id, where, published, given=given)
    return replace(document, url=_str_or_none(record.get("url")) or document.url)


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
