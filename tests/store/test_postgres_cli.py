"""The CLI against PostgreSQL: a team database shared by processes running at once."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dossier.store import open_store
from dossier.store import schema as t
from tests.conftest import DOSSIER, CliRunner
from tests.store.corpus import write_jsonl

OFAC = Path(__file__).resolve().parents[2] / "dossier" / "data" / "lists" / "us_ofac"


def _duplicates(db: str, *columns: object) -> int:
    """How many rows repeat the given columns (0 when they are unique)."""
    store = open_store(db)
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(select(*columns).subquery()))
        distinct = conn.execute(
            select(func.count()).select_from(select(*columns).distinct().subquery())
        )
        return int(total.scalar_one()) - int(distinct.scalar_one())


# Real `dossier` processes against PostgreSQL: 30-65 s on a loaded machine.
@pytest.mark.timeout(300)
def test_ingest_and_stats_on_postgres(run_cli: CliRunner, postgres_db: str, shared: Path) -> None:
    loaded = run_cli("--db", postgres_db, "lists", "load", OFAC)
    assert loaded.returncode == 0, loaded.stderr
    ingested = run_cli("--db", postgres_db, "ingest", shared / "corpus", "--json")
    assert ingested.returncode == 0, ingested.stderr
    assert json.loads(ingested.stdout.strip().splitlines()[-1])["added"] == 2
    stats = run_cli("--db", postgres_db, "stats", "--json")
    counts = json.loads(stats.stdout)
    assert counts["documents"] == 2
    assert counts["entities"] > 0
    assert counts["claims"] > 0
    assert counts["list_records"] == open_store(postgres_db).counts()["list_records"] > 0
    again = run_cli("--db", postgres_db, "ingest", shared / "corpus", "--json")
    assert json.loads(again.stdout.strip().splitlines()[-1])["duplicates"] == 2
    assert json.loads(run_cli("--db", postgres_db, "stats", "--json").stdout) == counts


@pytest.mark.timeout(300)
def test_two_ingests_at_once_store_each_document_once(postgres_db: str, tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "generated.jsonl", 500)
    env = {**os.environ, "DOSSIER_DB": postgres_db}
    command = [str(DOSSIER), "ingest", str(corpus), "--json"]
    runs = [
        subprocess.Popen(
            command,
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (_, stderr) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, stderr
    reports = [json.loads(stdout.strip().splitlines()[-1]) for stdout, _ in outputs]
    assert sum(r["added"] + r["near_duplicates"] for r in reports) == 500
    assert sum(r["duplicates"] for r in reports) == 500
    counts = open_store(postgres_db).counts()
    assert counts["documents"] == 500
    assert counts["entities"] > 0
    assert _duplicates(postgres_db, t.entities.c.type, t.entities.c.key) == 0
    assert _duplicates(postgres_db, t.documents.c.content_hash) == 0
    claim_key = (
        t.claims.c.document_id,
        t.claims.c.predicate,
        t.claims.c.subject,
        t.claims.c.object,
        t.claims.c.evidence_start,
    )
    assert _duplicates(postgres_db, *claim_key) == 0
    assert counts["claims"] >= 500
