"""WARC archives → the HTML and text responses they hold (via warcio)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dossier.exc import SourceError

WARC_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
"""Response payloads worth reading; CSS, scripts and images in a crawl are skipped."""


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One archived response."""

    url: str
    content_type: str
    charset: str | None
    body: bytes
    where: str


def is_warc(data: bytes) -> bool:
    """Whether `data` is a WARC file (plain, or gzip-compressed per record)."""
    return data.startswith(b"WARC/") or (data.startswith(b"\x1f\x8b") and b"WARC/" in _peek(data))


def _peek(data: bytes) -> bytes:
    import zlib

    try:
        return zlib.decompressobj(47).decompress(data[:4096], 64)
    except zlib.error:
        return b""


def read_warc(data: bytes, source: str, max_bytes: int) -> Iterator[WarcPage | SourceError]:
    """Yield every HTML or text response record; a broken archive yields one error."""
    found = 0
    try:
        for number, record in enumerate(ArchiveIterator(io.BytesIO(data)), start=1):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            header = record.http_headers.get_header("Content-Type") or ""
            content_type = header.split(";", 1)[0].strip().lower()
            if content_type not in WARC_TYPES:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or f"{source}#{number}"
            body = record.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                yield SourceError(f"record larger than {max_bytes} bytes", f"{source}#{url}")
                continue
            found += 1
            yield WarcPage(url, content_type, _charset(header), body, f"{source}#{url}")
    except (ArchiveLoadFailed, ValueError, OSError) as err:
        yield SourceError(f"broken WARC archive ({err})", source)
        return
    if not found:
        yield SourceError("no HTML or text response records in the WARC archive", source)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
