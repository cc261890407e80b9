"""Read documents from files, directories and JSON Lines.

Every input yields either a `Document` or a `SourceError`; a bad input never stops
the batch. `read_paths` keeps input order so output lines follow the command line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from dossier.exc import SourceError
from dossier.ingest.boilerplate import find_body_end, find_body_start
from dossier.ingest.html import html_to_document
from dossier.model import Document

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ENCODINGS = ("utf-8-sig", "cp1252")

Item = Document | SourceError


def read_paths(paths: Iterable[str | Path], published: str | None = None) -> Iterator[Item]:
    """Yield a `Document` or a `SourceError` for every input, in order.

    Args:
        paths: files or directories (recursed in sorted order).
        published: publication date for documents that carry none.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                yield from read_file(child, published)
        else:
            yield from read_file(path, published)


def read_file(path: Path, published: str | None = None) -> Iterator[Item]:
    """Yield the documents of one file, or one error saying why it cannot be read."""
    try:
        data = _read_bytes(path)
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(data, str(path), published)
        elif suffix in HTML_SUFFIXES:
            yield html_to_document(_decode(data, str(path)), path.stem, str(path), published)
        elif suffix in TEXT_SUFFIXES:
            yield text_to_document(_decode(data, str(path)), path.stem, str(path), published)
        else:
            raise SourceError(f"unknown format {suffix!r} (use .txt, .html or .jsonl)", str(path))
    except SourceError as err:
        yield err


def text_to_document(
    text: str, doc_id: str, source: str, published: str | None = None, title: str | None = None
) -> Document:
    """Wrap plain text as a document, bounding the body before trailing comments."""
    if not text.strip():
        raise SourceError("empty document", source)
    return Document(
        id=doc_id,
        text=text,
        title=title,
        published=published,
        body_start=find_body_start(text),
        body_end=find_body_end(text),
        source=source,
    )


def read_jsonl(data: bytes, source: str, published: str | None = None) -> Iterator[Item]:
    """Yield one document per JSON Lines record (`id`, `text`, `published`, `title`, `url`)."""
    text = _decode(data, source)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            yield _record_to_document(json.loads(line), where, published)
        except json.JSONDecodeError as err:
            yield SourceError(f"invalid JSON ({err.msg})", where)
        except SourceError as err:
            yield err


def _record_to_document(record: object, where: str, published: str | None) -> Document:
    if not isinstance(record, dict):
        raise SourceError("a JSON Lines record must be an object", where)
    text = record.get("text")
    if not isinstance(text, str):
        raise SourceError("record has no string field 'text'", where)
    doc_id = str(record.get("id") or where)
    document = text_to_document(text, doc_id, where, _str_or_none(record.get("published")))
    return Document(
        id=document.id,
        text=document.text,
        title=_str_or_none(record.get("title")),
        url=_str_or_none(record.get("url")),
        published=document.published or published,
        body_start=document.body_start,
        body_end=document.body_end,
        source=where,
    )


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise SourceError("no such file", str(path))
    if not path.is_file():
        raise SourceError("not a regular file", str(path))
    try:
        data = path.read_bytes()
    except OSError as err:
        raise SourceError(f"cannot read ({err.strerror})", str(path)) from err
    if not data.strip():
        raise SourceError("empty file", str(path))
    if b"\x00" in data[:8192]:
        raise SourceError("binary file, not text", str(path))
    return data


def _decode(data: bytes, source: str) -> str:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceError("cannot decode text (tried UTF-8 and Windows-1252)", source)
