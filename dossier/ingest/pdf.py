"""PDF reports → documents: the text layer page by page, with where each page starts.

Government releases, UN panel reports and think-tank studies come as PDF. pypdf reads
the text layer; the title, author and creation date come from the document info. The
text is the pages in order, separated by a blank line, and `Document.page_starts` keeps
the offset of each page, so a claim's evidence can be cited as "p. 4". A PDF with no
text layer (a scan) is refused with a message saying so: OCR is out of scope.
"""

from __future__ import annotations

import io
import logging
import re

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from dossier.exc import SourceError
from dossier.ingest.boilerplate import find_body_start
from dossier.model import Document

PDF_MAGIC = b"%PDF-"
_WORDS = re.compile(r"\w{2,}")
_LINE_END = re.compile(r"[.!?:;\"')\]]$")
SHORT_LINE = 50
"""A line shorter than this is a heading or a paragraph's last line: it keeps its break.
Longer lines are wrapped paragraph text, joined with a space so sentences stay whole."""

# pypdf reports recoverable oddities of real-world PDFs on its logger; they are not ours
# to show for every page.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def is_pdf(data: bytes) -> bool:
    """Whether `data` starts like a PDF file (the header may follow a little junk)."""
    return PDF_MAGIC in data[:1024]


def pdf_to_document(
    data: bytes, doc_id: str, source: str, published: str | None = None
) -> Document:
    """Read a PDF's text layer and document info; raise `SourceError` when unreadable."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError("PDF is encrypted with a password; cannot read it", source)
        pages = [join_lines(page.extract_text() or "") for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        raise SourceError(f"unreadable PDF ({type(err).__name__}: {err})", source) from err
    if not any(_WORDS.search(page) for page in pages):
        raise SourceError(
            f"PDF has no text layer ({len(pages)} page(s) of images, a scan?); "
            "OCR is not supported: run it through OCR first (e.g. ocrmypdf)",
            source,
        )
    text, starts = _concatenate(pages)
    title, author, date = _info(reader)
    return Document(
        id=doc_id,
        text=text,
        title=title,
        published=date or published,
        body_start=find_body_start(text),
        body_end=len(text.rstrip()),
        source=source,
        author=author,
        page_starts=starts,
    )


def _concatenate(pages: list[str]) -> tuple[str, tuple[int, ...]]:
    """The pages as one text (a blank line between them) and each page's start offset."""
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for page in pages:
        starts.append(offset)
        chunk = page.strip() + "\n\n"
        parts.append(chunk)
        offset += len(chunk)
    return "".join(parts), tuple(starts)


def join_lines(page: str) -> str:
    """A page's text with wrapped lines joined: a long line not ending a sentence runs on
    into the next one; short lines (headings) and sentence ends keep their line break."""
    out: list[str] = []
    for raw in page.splitlines():
        line = raw.strip()
        if not line:
            out.append("\n\n")
            continue
        if out and out[-1] not in ("\n", "\n\n"):
            previous = out[-1]
            joined = len(previous) >= SHORT_LINE and not _LINE_END.search(previous)
            out.append(" " if joined else "\n")
        out.append(line)
    return re.sub(r"\n{3,}", "\n\n", "".join(out))


def _info(reader: PdfReader) -> tuple[str | None, str | None, str | None]:
    """Title, author and creation date (YYYY-MM-DD) from the document info."""
    try:
        meta = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError):
        return None, None, None
    if meta is None:
        return None, None, None
    try:
        created = meta.creation_date
    except (ValueError, TypeError):  # a date string pypdf cannot parse
        created = None
    return (
        _clean(meta.title),
        _clean(meta.author),
        created.date().isoformat() if created else None,
    )


def _clean(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None
