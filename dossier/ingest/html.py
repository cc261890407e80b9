"""HTML pages → documents, main text and metadata by trafilatura.

One `bare_extraction` call gives the main text and the metadata (title, date, language,
URL, author, site name); parsing the page twice, as `extract` plus `extract_metadata`
would, doubles the cost.
"""

from __future__ import annotations

import re

import trafilatura

from dossier.exc import SourceError
from dossier.ingest.boilerplate import find_body_end, find_body_start
from dossier.model import Document

_WORDS = re.compile(r"\w{2,}")
_LANG = re.compile(r"<html[^>]*\slang=[\"']?([a-zA-Z]{2,3})\b", re.IGNORECASE)


def html_to_document(html: str, doc_id: str, source: str, published: str | None = None) -> Document:
    """Extract the main text and metadata of an HTML page.

    The document text is the extracted main text; offsets index into it.
    """
    result = trafilatura.bare_extraction(
        html, include_comments=False, favor_precision=True, with_metadata=True
    )
    text = getattr(result, "text", None) if result is not None else None
    if not isinstance(text, str) or not _WORDS.search(text):
        # Malformed or empty pages can leave only markup debris ("<<<"): no article.
        raise SourceError("no article text found in HTML", source)
    return Document(
        id=doc_id,
        text=text,
        title=_meta(result, "title"),
        url=_meta(result, "url"),
        published=_meta(result, "date") or published,
        language=_language(result, html),
        body_start=find_body_start(text),
        body_end=find_body_end(text),
        source=source,
        author=_meta(result, "author"),
        site=_meta(result, "sitename"),
    )


def _meta(result: object, name: str) -> str | None:
    value = getattr(result, name, None)
    return value if isinstance(value, str) and value.strip() else None


def _language(result: object, html: str) -> str:
    """trafilatura's language, else the page's `<html lang>`, else English."""
    found = _meta(result, "language")
    if not found:
        match = _LANG.search(html[:4096])
        found = match.group(1) if match else None
    return (found or "en").lower()[:8]
