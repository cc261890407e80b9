"""Issue 20, item 11: stored text in a brief stays text. A report whose title, URL and
sentence carry HTML and `javascript:` links is ingested for real; neither the Markdown
nor the HTML brief may emit that HTML or link."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dossier import pipeline
from dossier.intel.escape import md_text, md_url
from dossier.intel.report import write_report
from dossier.screen.screener import ScreenConfig
from dossier.store import open_store

HOSTILE = {
    "id": "hostile",
    "title": "<script>alert(1)</script> Drone deal",
    "url": "javascript:alert(2)",
    "site": "<img src=x onerror=alert(3)>",
    "text": (
        "Qods Aviation Industries supplied <b>drones</b> to Russia in March 2023, "
        "[officials](javascript:alert(4)) said.\n"
    ),
}


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> str:
    base = tmp_path_factory.mktemp("hostile")
    docs = base / "hostile.jsonl"
    docs.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = str(base / "dossier.db")
    store = open_store(db)
    analyzer = pipeline.Analyzer(nlp, None, ScreenConfig())
    assert pipeline.ingest_paths(store, analyzer, [docs]).stored == 1
    store.engine.dispose()
    return db


def test_issue20_markdown_brief_emits_no_html_nor_script_links(
    hostile_db: str, tmp_path: Path
) -> None:
    text = write_report(open_store(hostile_db), "Qods Aviation Industries", "md", None).text
    assert "Qods Aviation Industries" in text
    assert "alert" in text  # the text is kept, as text
    for live in ("<script", "<img", "<b>", "](javascript:", "(javascript:alert"):
        assert live not in text, live


def test_issue20_html_brief_escapes_and_links_only_http(hostile_db: str) -> None:
    html = write_report(open_store(hostile_db), "Qods Aviation Industries", "html", None).text
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert\\(1\\)&gt;"),
        ("[x](javascript:y)", "\\[x\\]\\(javascript:y\\)"),
        ("*bold* and _it_", "\\*bold\\* and \\_it\\_"),
        ("two\nlines", "two lines"),
        (None, ""),
    ],
)
def test_md_text_prints_values_as_typed(raw: str | None, shown: str) -> None:
    assert md_text(raw) == shown


def test_md_url_links_only_http() -> None:
    assert md_url("javascript:alert(1)") is None
    assert md_url("data:text/html,x") is None
    assert md_url("https://example.org/a b(c)") == "https://example.org/a%20b%28c%29"
