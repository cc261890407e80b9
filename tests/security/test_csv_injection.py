"""`dossier export --format csv` writes no cell a spreadsheet would run (issue 20, item 5).

Found: a title `=1+1` and evidence `=cmd|' /C calc'!A0` were written verbatim, so opening
the export in a spreadsheet evaluated them. Cells starting with `=`, `+`, `-`, `@`, tab
or carriage return are now prefixed with `'` (OWASP's advice); the text is otherwise kept.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dossier import pipeline
from dossier.api.app import create_app
from dossier.cli import app
from dossier.export.tables import neutralise_cell
from dossier.screen.screener import ScreenConfig
from dossier.settings import Settings
from dossier.store import open_store
from dossier.store import schema as t

FORMULAS = ("=cmd|' /C calc'!A0", "=1+1", "+SUM(A1)", "-2+3", "@SUM(A1)", "\t=1", "\r=1")
DOC = """TITLE: =1+1
URL: https://example.test/=HYPERLINK("http://evil.test")
---
Iran supplied Shahed-136 drones to Russia in October, the Ukrainian ministry said.
"""


def _poisoned_db(tmp_path: Path, nlp: Any) -> str:
    db = str(tmp_path / "csv.db")
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    store = open_store(db)
    analyzer = pipeline.Analyzer(nlp, None, ScreenConfig())
    report = pipeline.ingest_paths(store, analyzer, [tmp_path / "doc.txt"])
    assert report.stored == 1, report
    with store.engine.begin() as conn:
        conn.execute(sa.update(t.entities).values(name=FORMULAS[0]))
        conn.execute(sa.update(t.claims).values(evidence_text=FORMULAS[0], attributed_to="@x"))
        conn.execute(sa.update(t.documents).values(author="-2+3", site="+SUM(A1)"))
    store.engine.dispose()
    return db


def test_csv_export_cells_never_start_a_formula(tmp_path: Path, nlp: Any) -> None:
    db = _poisoned_db(tmp_path, nlp)
    out = tmp_path / "tables.zip"
    result = CliRunner().invoke(app, ["--db", db, "export", "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    cells: list[str] = []
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            rows = csv.reader(io.StringIO(archive.read(name).decode("utf-8")))
            cells += [cell for row in rows for cell in row]
    assert "'=1+1" in cells  # the title, kept and neutralised
    assert "'=cmd|' /C calc'!A0" in cells
    assert "'-2+3" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_csv_of_the_web_views_never_starts_a_formula(tmp_path: Path, nlp: Any) -> None:
    # The other CSV the app writes: any list view with `?format=csv` (`api/paging.py`).
    db = _poisoned_db(tmp_path, nlp)
    with TestClient(create_app(db, Settings())) as client:
        cells: list[str] = []
        for path in ("/entities", "/claims", "/documents"):
            response = client.get(path, params={"format": "csv"})
            assert response.status_code == 200, (path, response.text[:200])
            assert response.headers["content-type"].startswith("text/csv")
            cells += [c for row in csv.reader(io.StringIO(response.text)) for c in row]
    assert "'=cmd|' /C calc'!A0" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_neutralise_cell_follows_owasp() -> None:
    assert [neutralise_cell(f) for f in FORMULAS] == ["'" + f for f in FORMULAS]
    assert neutralise_cell("Iran") == "Iran"
    assert neutralise_cell(0.93) == 0.93  # numbers are numbers, not text to neutralise
    assert neutralise_cell(None) is None
