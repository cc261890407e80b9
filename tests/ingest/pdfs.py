"""PDF reports built for tests with fpdf2: no shared text is ever committed."""

from __future__ import annotations

import datetime as dt

from fpdf import FPDF

REPORT_PAGES = [
    "Panel of Experts: interim report\n\nSummary\n\nThe Panel examined the supply of "
    "unmanned aerial vehicles and their engines during the period under review, and the "
    "companies that took part in it.",
    "Findings on suppliers\n\nThe US Treasury imposed sanctions on Paravar Pars Company in "
    "November 2022, accusing it of supplying engines for drones sent to Russia.",
    "Findings on transfers\n\nIran supplied Shahed-136 drones to Russia in October 2022, "
    "according to the Panel.",
]


def build_pdf(pages: list[str], title: str = "", author: str = "", created: str = "") -> bytes:
    """A PDF with one page per text (Helvetica, a text layer) and the given document info."""
    pdf = FPDF()
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    if created:
        pdf.set_creation_date(dt.datetime.fromisoformat(created).replace(tzinfo=dt.UTC))
    pdf.set_font("helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def build_scan(pages: int = 2) -> bytes:
    """A PDF of pages with only drawings on them: no text layer, like a scan."""
    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.rect(20, 20, 120, 160, style="F")
    return bytes(pdf.output())
