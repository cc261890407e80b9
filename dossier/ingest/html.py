"""HTML pages → documents, main text and metadata by trafilatura."""

from __future__ import annotations

import trafilatura

from dossier.exc import SourceError
from dossier.ingest.boilerplate import find_body_end, find_body_start
from dossier.model import Document


def html_to_document(html: str, doc_id: str, source: str, published: str | None = None) -> Document:
    """Extract the main text and metadata of an HTML page.

    The document text is the extracted main text; offsets index into it.
    """
    text = trafilatura.extract(html, include_comments=False, favor_precision=True)
    if not text or not text.strip():
        raise SourceError("no article text found in HTML", source)
    metadata = trafilatura.extract_metadata(html)
    title = metadata.title if metadata else None
    date = metadata.date if metadata and metadata.date else None
    return Document(
        id=doc_id,
        text=text,
        title=title,
        url=metadata.url if metadata else None,
        published=date or published,
        body_start=find_body_start(text),
        body_end=find_body_end(text),
        source=source,
    )
