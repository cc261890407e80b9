"""Two `dossier ingest` processes at once, each with one syndicated copy of one story.

Each process first stores an unrelated report (a missing file right after it makes the
batch flush, which loads the near-duplicate index), then waits on a slow URL, then stores
its copy: both indexes are loaded before either copy is stored, so only reading what the
other process stored meanwhile links the copies.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from dossier.store import open_store
from dossier.store import schema as t
from tests.conftest import DOSSIER
from tests.ingest.conftest import Web
from tests.ingest.test_dedup import ORIGINAL, SYNDICATED

OTHER = [
    "The European Union adopted its ninth sanctions package on Friday, listing makers of "
    "unmanned aerial vehicles and the ministers who approved their export to Russia.",
    "Customs records show a cargo of ball bearings and machine tools cleared the port of "
    "Aktau in March, consigned to a trading house in Moscow with no website.",
]


def _start(db: str, inputs: list[str], cwd: Path) -> subprocess.Popen[str]:
    command = [str(DOSSIER), "--db", db, "ingest", *inputs, "--allow-host", "127.0.0.1", "--json"]
    return subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "200"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_concurrent_ingests_link_each_others_copies(
    store_url: str, tmp_path: Path, web: Web
) -> None:
    open_store(store_url)  # migrate once, before the race
    slow = web.route("/slow", "gone", status=404, content_type="text/plain", delay=3.0)
    runs = []
    for n, (copy, other) in enumerate(zip([ORIGINAL, SYNDICATED], OTHER, strict=True)):
        folder = tmp_path / f"run{n}"
        folder.mkdir()
        (folder / "other.txt").write_text(other + "\n", "utf-8")
        (folder / "copy.txt").write_text(copy, "utf-8")
        missing = str(folder / "missing.txt")
        inputs = [str(folder / "other.txt"), missing, slow, str(folder / "copy.txt")]
        runs.append(_start(store_url, inputs, tmp_path))
    outputs = [run.communicate(timeout=300) for run in runs]
    reports = [json.loads(out.strip().splitlines()[-1]) for out, _ in outputs]
    for n, (run, report, (_, err)) in enumerate(zip(runs, reports, outputs, strict=True)):
        assert run.returncode == 1, err  # the missing file and the slow URL fail, on purpose
        missing = tmp_path / f"run{n}" / "missing.txt"
        assert report["errors"] == [f"{missing}: no such file", f"{slow}: HTTP 404"]
    assert sorted(r["near_duplicates"] for r in reports) == [0, 1]
    assert [r["added"] + r["near_duplicates"] for r in reports] == [2, 2]

    store = open_store(store_url)
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.documents.c.source, t.documents.c.story_id)).all()
    stories = {Path(source).parent.name + "/" + Path(source).name: s for source, s in rows}
    assert stories["run0/copy.txt"] == stories["run1/copy.txt"]
    assert len(set(stories.values())) == 3


def test_cli_ingest_report_and_ingest_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    folder = tmp_path / "in"
    (folder / "nested" / "deeper").mkdir(parents=True)
    (folder / "nested" / "deeper" / "a.txt").write_text(ORIGINAL, "utf-8")
    (folder / "b.txt").write_text(SYNDICATED, "utf-8")
    (folder / "nested" / "c.txt").write_text(ORIGINAL, "utf-8")
    (folder / "bad.jsonl").write_text('{"id": "x"}\n', "utf-8")
    env = {**os.environ, "COLUMNS": "200"}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        command = [str(DOSSIER), "--db", db, *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)

    done = cli("ingest", str(folder), "--json")
    assert done.returncode == 1
    error = f"{folder}/bad.jsonl:1: record has no string field 'text'"
    assert [line for line in done.stderr.splitlines() if line.strip()] == [f"error: {error}"]
    # Sorted walk: b.txt (the copy, stored first), bad.jsonl, nested/c.txt (its original,
    # now a near-duplicate of it), nested/deeper/a.txt (same body as c.txt).
    assert json.loads(done.stdout) == {
        "added": 1,
        "duplicates": 1,
        "near_duplicates": 1,
        "failed": 1,
        "errors": [error],
        "notes": [],
        "languages": {"en": 2},
    }
    listed = cli("ingest-errors", "--json")
    assert listed.returncode == 0, listed.stderr
    (row,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert (row["source"], row["location"]) == (str(folder), f"{folder}/bad.jsonl:1")
    assert row["reason"] == "record has no string field 'text'"
    table = cli("ingest-errors")
    assert table.returncode == 0, table.stderr
    assert "bad.jsonl:1" in table.stdout
    assert "record has no string field 'text'" in table.stdout
