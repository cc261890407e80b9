"""`dossier report`: the brief on Qods Aviation Industries, in Markdown and HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from dossier.exc import NotFoundError
from dossier.intel.report import build_brief, script_of, write_report
from dossier.store import open_store
from tests.browser import bounded

QODS = "Qods Aviation Industries"


@pytest.fixture(scope="module")
def brief(intel_db: str) -> dict[str, Any]:
    return build_brief(open_store(intel_db), QODS)


def test_brief_lists_eu_designation_with_date_and_programs(brief: dict[str, Any]) -> None:
    eu = [m for m in brief["designations"] if m["dataset"] == "eu_fsf"]
    assert eu
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", m["listed_on"]) for m in eu)
    assert all(m["programs"] for m in eu)


def test_brief_aliases_span_scripts(brief: dict[str, Any]) -> None:
    assert "Latin" in brief["aliases"]
    assert len(brief["aliases"]) >= 2
    for script, names in brief["aliases"].items():
        assert all(script_of(n) == script for n in names)


def test_brief_times_acts_against_the_listing(brief: dict[str, Any]) -> None:
    eu_listed = {m["listed_on"] for m in brief["designations"] if m["dataset"] == "eu_fsf"}
    timings = {
        (c["date"], t["timing"])
        for c in brief["dated_claims"]
        for t in c["timing"]
        if t["dataset"] == "eu_fsf" and t["party"] == c["subject"]
    }
    assert eu_listed
    listed = min(eu_listed)
    assert any(d > listed and timing == "listed_before" for d, timing in timings), timings
    assert any(d < listed[:4] and timing == "listed_after" for d, timing in timings), timings


def test_brief_cites_numbered_sources(brief: dict[str, Any]) -> None:
    numbers = [s["n"] for s in brief["sources"]]
    assert numbers == list(range(1, len(numbers) + 1))
    cited = {c["source"] for c in brief["dated_claims"] + brief["undated_claims"]}
    assert cited <= set(numbers)


def test_report_html_is_self_contained_and_chart_loads(
    intel_db: str, tmp_path: Path, chromium: Any
) -> None:
    out = tmp_path / "qai.html"
    written = write_report(open_store(intel_db), QODS, "html", out)
    html = out.read_text(encoding="utf-8")
    assert written.chart is None
    assert 'src="data:image/png;base64,' in html
    assert '<link rel="stylesheet"' not in html  # style inline: one file to mail
    page = bounded(chromium.new_page())
    try:
        page.goto(out.as_uri())
        assert page.eval_on_selector("#timeline", "img => img.complete && img.naturalWidth") > 0
        assert page.locator("ol li").count() >= 1
        assert "eu_fsf" in page.inner_text("body")
    finally:
        page.close()


def test_cli_report_markdown_writes_chart_next_to_it(
    intel_db: str, tmp_path: Path, run_cli: Any
) -> None:
    out = tmp_path / "qai.md"
    result = run_cli("--db", intel_db, "report", QODS, "-o", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    (link,) = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    chart = out.parent / link
    assert not Path(link).is_absolute()
    assert chart.read_bytes().startswith(b"\x89PNG")
    assert "## Sources" in text
    assert "1. " in text.split("## Sources")[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", QODS, "--format", "pdf"], "use md or html"),
        (["report", "No Such Company Ltd"], "no entity"),
        (["report", QODS, "-o", "missing/dir/brief.md"], "does not exist"),
    ],
)
def test_cli_report_bad_input_is_one_line_error(
    db_path: Path, run_cli: Any, args: list[str], message: str
) -> None:
    result = run_cli("--db", db_path, *args)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_build_brief_unknown_entity_raises(intel_db: str) -> None:
    with pytest.raises(NotFoundError):
        build_brief(open_store(intel_db), "No Such Company Ltd")


def test_brief_is_plain_json_data(brief: dict[str, Any]) -> None:
    again = json.loads(json.dumps(brief))
    assert again["entity"]["name"]
    assert again["groups"] == brief["groups"]
