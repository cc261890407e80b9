"""Fixtures for cross-document intelligence.

- `intel_db`: a database URL (once on SQLite, once on PostgreSQL) built once per session
  by the real pipeline and only read by the tests: an EU list file, the two seed reports,
  the dev articles, a syndicated copy of seed 004 (new headline, one paragraph dropped)
  and a short report dating acts of Qods Aviation Industries around its EU listing.
- `chromium`: a headless Debian chromium via Playwright (skips, saying why, if absent).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from dossier import pipeline
from dossier.screen.screener import ScreenConfig
from dossier.store import open_store
from tests.conftest import _create_database

SEED_004 = "004_01886958b8a9cf9b.txt"
EU_FILE = Path("data/sanctions/eu_oj/consolidated/32014R0269.csv")
DATED_REPORT = (
    "Qods Aviation Industries delivered drones to Russia on March 3, 2023, "
    "Ukrainian officials said.\n\n"
    "In June 2021, Qods Aviation Industries sold drones to Venezuela, officials said.\n"
)


def syndicate(original: Path, dest: Path) -> Path:
    """A syndicated copy: a new headline, and the original's fifth paragraph dropped."""
    paragraphs = original.read_text(encoding="utf-8").split("\n")
    kept = [p for n, p in enumerate(paragraphs) if n != 4]
    dest.write_text("Drone plant planned in Tatarstan\n" + "\n".join(kept), encoding="utf-8")
    return dest


def dev_docs(shared: Path, dest: Path) -> Path:
    """The dev articles as JSON Lines, written by the eval script."""
    script = shared / "eval" / "score_extract.py"
    gold = shared / "eval" / "dev" / "gold"
    subprocess.run(
        [sys.executable, str(script), "--gold", str(gold), "--write-docs", str(dest)],
        check=True,
        capture_output=True,
    )
    return dest


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def intel_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, shared: Path, nlp: Any
) -> str:
    base = tmp_path_factory.mktemp("intel")
    if request.param == "sqlite":
        url = str(base / "dossier.db")
    else:
        url = _create_database(request.getfixturevalue("postgres_url"))
    store = open_store(url)
    pipeline.load_lists(store, [shared / EU_FILE])
    analyzer = pipeline.Analyzer(nlp, pipeline.build_store_index(store), ScreenConfig())
    dated = base / "qai_dated.txt"
    dated.write_text(DATED_REPORT, encoding="utf-8")
    inputs = [
        shared / "corpus",
        dev_docs(shared, base / "dev.jsonl"),
        syndicate(shared / "corpus" / SEED_004, base / "copy_004.txt"),
        dated,
    ]
    report = pipeline.ingest_paths(store, analyzer, inputs)
    assert report.stored >= 14, report
    store.engine.dispose()
    return url


@pytest.fixture
def chromium(browser: Any) -> Any:
    """The session's headless chromium (`tests/conftest.py`)."""
    return browser
