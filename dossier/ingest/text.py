"""Plain text and JSON Lines records → documents.

A text file may open with a header block of `KEY: value` lines closed by a `---` line
(URL, TITLE, PUBLISHED, OUTLET, AUTHOR, as in the evaluation articles). The text stays
as given; the header only sets metadata and moves `body_start` past it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace

from dossier.exc import SourceError
from dossier.ingest.boilerplate import find_body_end, find_body_start
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


def text_to_document(
    text: str, doc_id: str, source: str, published: str | None = None, title: str | None = None
) -> Document:
    """Wrap plain text as a document, bounding the body after any header, before comments."""
    if not text.strip():
        raise SourceError("empty document", source)
    header, offset = parse_header(text)
    date = _DATE.search(header.get("published", ""))
    body_start = offset + find_body_start(text[offset:])
    if body_start >= len(text):
        raise SourceError("document has a header but no text", source)
    return Document(
        id=doc_id,
        text=text,
        title=title or header.get("title"),
        url=header.get("url"),
        published=date.group(0) if date else published,
        body_start=body_start,
        body_end=max(body_start, find_body_end(text, body_start)),
        source=source,
        author=header.get("author"),
        site=header.get("outlet") or header.get("site"),
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
    document = text_to_document(text, doc_id, where, _str_or_none(record.get("published")))
    return replace(
        document,
        title=_str_or_none(record.get("title")) or document.title,
        url=_str_or_none(record.get("url")) or document.url,
        published=document.published or published,
        author=_str_or_none(record.get("author")) or document.author,
        site=_str_or_none(record.get("site")) or document.site,
    )


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
