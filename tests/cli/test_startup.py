"""What one `dossier screen NAME` loads: the persisted index and the screening code only.

Wall time on a shared machine measures the neighbours; the modules a process imports
do not change with the load, and importing is most of one screen's cost (about 0.45 of
0.8 s of CPU, docs/scaling.md). So the budget is a count of modules and a list of
packages a screen must never load; `bench/screen.py --single` measures the time.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dossier import pipeline
from dossier.cli.app import state
from dossier.cli.screening import SCREENING_GC_THRESHOLDS, screen_each, screening_index
from dossier.screen.screener import ScreenConfig, screen_name
from dossier.store import open_store
from dossier.store.screen_index import quick_index

from .probe import probe

# Heavy packages a single screen does not need: the store's ORM and migrations, the
# compiled ranking's compiler (a single name runs it interpreted), NLP, the web stack,
# data frames, the readers of Han characters and kana (loaded for such names only),
# pydantic (Typer's option coercion and the settings: `dossier/cli/quick.py`), and rich
# (tables and messages only: a screen with `--json` prints neither).
NOT_FOR_ONE_SCREEN = (
    *("sqlalchemy", "alembic", "numba", "llvmlite", "spacy", "thinc", "torch", "sklearn"),
    *("scipy", "pandas", "fastapi", "starlette", "uvicorn", "jinja2", "ray", "hanja"),
    *("pykakasi", "rich", "dossier.store.db", "dossier.pipeline", "dossier.api"),
    *("dossier.extract", "pydantic", "pydantic_settings"),
    # rigour's name package and the encoding guessers it brings (`screen.legal_forms`)
    *("rigour.names", "rigour.text", "normality", "chardet", "charset_normalizer"),
)
# Modules one screen imported when this test was written: 642 (Python's own included).
# The margin leaves room for small imports; a heavy package adds hundreds.
MODULE_BUDGET = 800
PROBE = probe("screen")


@pytest.fixture(scope="module")
def un_db(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database with the UN list loaded (`lists load` persists its index)."""
    db = tmp_path_factory.mktemp("startup") / "un.db"
    pipeline.load_lists(open_store(str(db)), [shared / "data" / "sanctions" / "un"])
    return db


def test_one_screen_loads_only_what_it_needs(un_db: Path) -> None:
    env = {**os.environ, "DOSSIER_DB": str(un_db)}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, "Ri Chol Ho"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    first, last = out.stdout.splitlines()[0], out.stdout.splitlines()[-1]
    assert json.loads(first)["query"] == "Ri Chol Ho"
    modules = json.loads(last)
    loaded = [m for m in NOT_FOR_ONE_SCREEN if m in modules]
    assert not loaded, f"one screen imported {loaded}"
    assert len(modules) < MODULE_BUDGET, len(modules)


def test_a_name_file_screens_a_repeated_name_as_the_first_time(un_db: Path) -> None:
    index = quick_index(str(un_db))
    assert index is not None
    cfg = ScreenConfig(cutoff=0.5)
    names = [name for _, name in index.names[::300]][:6]
    queries = [*names, names[2], "Nobody Atall", names[0], "Nobody Atall"]
    each = list(screen_each(index, queries, cfg))
    assert [q for q, _ in each] == queries
    for query, results in each:
        assert results == screen_name(index, query, cfg), query
    assert each[0][1], "a listed name finds its record"


@pytest.mark.parametrize("many", [False, True])
def test_reading_the_index_sets_off_no_collection(
    un_db: Path, monkeypatch: pytest.MonkeyPatch, many: bool
) -> None:
    """The index read for one name or many is left out of collections before the
    collector resumes: walking its objects cost ~40 ms of one `dossier screen NAME`."""
    monkeypatch.setattr(state, "db", str(un_db))
    started: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.collect()
    gc.callbacks.append(record)
    try:
        index = screening_index(many=many)
    finally:
        gc.callbacks.remove(record)
    assert len(index.names) > 1_000
    assert started == []
    assert gc.isenabled()


def test_screening_tunes_the_collector_and_restores_it(un_db: Path) -> None:
    index = quick_index(str(un_db))
    assert index is not None
    before = gc.get_threshold()
    each = screen_each(index, ["Ri Chol Ho", "Nobody Atall"], ScreenConfig(cutoff=0.5))
    next(each)
    assert gc.get_threshold() == SCREENING_GC_THRESHOLDS
    assert len(list(each)) == 1
    assert gc.get_threshold() == before


SCRIPT = """
import sys
sys.argv = ["dossier", "screen", *sys.argv[1:]]
from dossier.cli import script
script()
"""


def test_the_script_prints_what_main_does_and_keeps_its_exit_code(un_db: Path) -> None:
    env = {**os.environ, "DOSSIER_DB": str(un_db)}
    run = [sys.executable, "-c"]
    fast = subprocess.run(
        [*run, SCRIPT, "Ri Chol Ho", "--json"], capture_output=True, text=True, env=env, timeout=120
    )
    slow = subprocess.run(
        [*run, PROBE, "Ri Chol Ho"], capture_output=True, text=True, env=env, timeout=120
    )
    assert fast.returncode == 0, fast.stderr
    assert fast.stdout.splitlines() == slow.stdout.splitlines()[:-1]  # (the probe adds a line)
    refused = subprocess.run(
        [*run, SCRIPT, "--cutoff", "3", "x"], capture_output=True, text=True, env=env, timeout=120
    )
    assert refused.returncode == 2, refused.stderr
