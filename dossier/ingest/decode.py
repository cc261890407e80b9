"""Bytes → text: byte-order marks, UTF-8, a declared charset, then detection.

Detection (charset-normalizer) runs only when UTF-8 and the declared charset fail, so
ordinary input is never second-guessed and stays fast.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from dossier.exc import SourceError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if `data` starts with one."""
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first 8 KiB mean binary, unless a UTF-16/32 BOM explains them."""
    return b"\x00" in data[:8192] and bom_encoding(data) not in ("utf-16", "utf-32")


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode `data`, trying the BOM, UTF-8, the `declared` charset, then detection."""
    return no_nul(_decode(data, source, declared), source)


def _decode(data: bytes, source: str, declared: str | None) -> str:
    for encoding in (bom_encoding(data), "utf-8", declared):
        if encoding:
            try:
                return data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise SourceError("cannot decode text (not UTF-8 and no encoding detected)", source)
    return str(best)


def no_nul(text: str, source: str) -> str:
    """Refuse text with a NUL character: binary data past the sniffed head, and a value
    PostgreSQL cannot store in a text column."""
    offset = text.find("\x00")
    if offset >= 0:
        raise SourceError(f"NUL character at offset {offset}; binary data, not text", source)
    return text
