"""PDF reports: text layer, document info, page numbers on receipts, scans refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dossier import pipeline
from dossier.exc import SourceError
from dossier.ingest import FetchOptions, read_paths
from dossier.ingest.pdf import join_lines, pdf_to_document
from dossier.model import Document
from dossier.store import open_store
from dossier.store.queries import claim_receipt, list_claims
from tests.ingest.conftest import Web
from tests.ingest.pdfs import REPORT_PAGES, build_pdf, build_scan

LISTS = Path(__file__).parents[2] / "dossier" / "data" / "lists"


def _report() -> bytes:
    return build_pdf(
        REPORT_PAGES, "Interim report on UAV transfers", "Panel of Experts", "2023-03-02"
    )


def test_pdf_text_info_and_page_starts() -> None:
    doc = pdf_to_document(_report(), "r", "report.pdf")
    assert (doc.title, doc.author, doc.published) == (
        "Interim report on UAV transfers",
        "Panel of Experts",
        "2023-03-02",
    )
    assert len(doc.page_starts) == 3
    for number, text in enumerate(REPORT_PAGES, start=1):
        sentence = text.rsplit("\n\n", 1)[-1]
        offset = doc.text.index(sentence[:40])
        assert doc.page_of(offset) == number
    # Wrapped lines are joined: each sentence is whole in the text.
    assert "accusing it of supplying engines for drones sent to Russia." in doc.body


def test_join_lines_keeps_headings_joins_wrapped_text() -> None:
    wrapped = "The Panel examined the supply of unmanned aerial vehicles and their\nengines."
    assert join_lines(f"Summary\n{wrapped}") == (
        "Summary\nThe Panel examined the supply of unmanned aerial vehicles and their engines."
    )


def test_pdf_without_text_layer_says_so(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(build_scan())
    (tmp_path / "report.pdf").write_bytes(_report())
    items = list(read_paths([tmp_path]))
    assert [i.title for i in items if isinstance(i, Document)] == [
        "Interim report on UAV transfers"
    ]
    assert [i.detail for i in items if isinstance(i, SourceError)] == [
        f"{tmp_path}/scan.pdf: PDF has no text layer (2 page(s) of images, a scan?); "
        "OCR is not supported: run it through OCR first (e.g. ocrmypdf)"
    ]


def test_pdf_report_claims_carry_page_numbers(nlp: Any, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(_report())
    store = open_store(str(tmp_path / "d.db"))
    pipeline.load_lists(store, [LISTS])
    analyzer = pipeline.Analyzer(nlp, pipeline.build_store_index(store))
    report = pipeline.ingest_paths(store, analyzer, [path])
    assert (report.added, report.failed) == (1, 0)
    claims = list_claims(store)
    pages = {c["page"] for c in claims}
    assert pages <= {1, 2, 3}
    assert {2, 3} <= pages
    sanction = next(c for c in claims if c["predicate"] == "sanction")
    assert sanction["page"] == 2
    receipt = claim_receipt(store, sanction["id"])
    assert receipt["claim"]["page"] == 2
    with store.engine.connect() as conn:
        names = set(conn.exec_driver_sql("SELECT name FROM entities").scalars())
    assert {"Paravar Pars Company", "Iran", "Russia"} <= names


@pytest.mark.slow
def test_cli_ingest_pdf_batch_and_show_page(run_cli: Any, tmp_path: Path) -> None:
    (tmp_path / "report.pdf").write_bytes(_report())
    (tmp_path / "scan.pdf").write_bytes(build_scan(1))
    db = tmp_path / "cli.db"
    done = run_cli("--db", db, "ingest", tmp_path / "scan.pdf", tmp_path / "report.pdf", "--json")
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert errors == [
        f"error: {tmp_path}/scan.pdf: PDF has no text layer (1 page(s) of images, a scan?); "
        "OCR is not supported: run it through OCR first (e.g. ocrmypdf)"
    ]
    assert json.loads(done.stdout)["added"] == 1
    shown = run_cli("--db", db, "show", "Paravar Pars Company", check=True)
    assert "p. 2: The US Treasury imposed sanctions" in " ".join(shown.stdout.split())


def test_pdf_fetched_from_a_url(web: Web, fetch_options: FetchOptions) -> None:
    url = web.route("/report.pdf", _report(), content_type="application/pdf")
    (doc,) = list(read_paths([url], fetch=fetch_options))
    assert isinstance(doc, Document)
    assert (doc.title, doc.url, len(doc.page_starts)) == (
        "Interim report on UAV transfers",
        url,
        3,
    )
