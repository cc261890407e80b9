"""Crash safety: `kill -9` in the middle of `dossier ingest`, then run it again."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import DOSSIER

WORDS = [
    "Iran",
    "Russia",
    "drones",
    "shipped",
    "sanctions",
    "Treasury",
    "ministry",
    "factory",
    "missiles",
    "components",
    "Ukraine",
    "port",
    "vessel",
    "customs",
    "officials",
    "reported",
    "parts",
    "engines",
    "Alabuga",
    "Shahed",
]


def _write_docs(folder: Path, count: int) -> None:
    rng = random.Random(4)
    folder.mkdir()
    for i in range(count):
        words = " ".join(rng.choice(WORDS) for _ in range(80))
        (folder / f"{i:04d}.txt").write_text(f"Report {i}.\n\n{words}.\n", encoding="utf-8")


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # tables not migrated yet


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_ingest_killed_then_rerun_stores_each_document_once(tmp_path: Path) -> None:
    docs, db = tmp_path / "docs", tmp_path / "crash.db"
    _write_docs(docs, 300)
    command = [str(DOSSIER), "--db", str(db), "ingest", str(docs), "--json"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while _stored(db) < 20 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    killed_midway = process.poll() is None
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert killed_midway, "ingest finished before it could be killed; add documents"
    before = _stored(db)
    assert 0 < before < 300

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    # What the killed run stored is skipped, not stored again; the rest is added once.
    report = json.loads(rerun.stdout.strip().splitlines()[-1])
    stored = report["added"] + report["near_duplicates"]
    assert (stored, report["duplicates"], report["failed"]) == (300 - before, before, 0)

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT external_id, count(*) FROM documents GROUP BY 1").fetchall()
    assert sorted(external for external, _ in rows) == [f"{i:04d}" for i in range(300)]
    assert {count for _, count in rows} == {1}
