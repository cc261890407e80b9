"""The test database, built once per session by the real pipeline (shared by tests/web).

OFAC and UN lists, then the two seed reports in /work/shared/corpus and the dev
articles (written by the eval script), ingested, extracted and screened for real.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dossier import pipeline
from dossier.screen.screener import ScreenConfig
from dossier.store import open_store

TOKEN = "test-token-7"
QODS = "Qods Aviation Industries"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HTML = {"Accept": "text/html"}


def build_db(factory: pytest.TempPathFactory, shared: Path, nlp: object) -> Path:
    """Build (once per session: the path is shared) and return the base test database."""
    base = factory.getbasetemp() / "api-db"
    db = base / "dossier.db"
    if (base / "done").exists():
        return db
    base.mkdir(exist_ok=True)
    docs = base / "dev_docs.jsonl"
    subprocess.run(
        [
            sys.executable,
            str(shared / "eval" / "score_extract.py"),
            "--gold",
            str(shared / "eval" / "dev" / "gold"),
            "--write-docs",
            str(docs),
        ],
        check=True,
        capture_output=True,
        cwd=base,
    )
    store = open_store(str(db))
    sanctions = shared / "data" / "sanctions"
    pipeline.load_lists(store, [sanctions / "us_ofac", sanctions / "un"])
    analyzer = pipeline.Analyzer(nlp, pipeline.build_store_index(store), ScreenConfig())
    report = pipeline.ingest_paths(store, analyzer, [shared / "corpus", docs])
    assert report.stored >= 2, report
    store.engine.dispose()
    (base / "done").touch()
    return db


def copy_db(db: Path, dest: Path) -> Path:
    """A private copy of the base database, for tests that write."""
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / "dossier.db"
    shutil.copy(db, target)
    return target
