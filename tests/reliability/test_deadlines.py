"""The suite cannot hang: a stuck test fails by name within its deadline, and nothing the
run started outlives it (tests/deadlines.py, pytest-timeout's settings in pyproject.toml).

Each test runs a real pytest in a subprocess, with this project's configuration, on a tiny
test file written here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _pytest(tests: Path, *options: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run pytest as CI does (the project's ini) on `tests`; return (exit code, output)."""
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-c",
        str(ROOT / "pyproject.toml"),
        "--rootdir",
        str(ROOT),
        "-p",
        "no:cacheprovider",
        *options,
        str(tests),
    ]
    done = subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=90,
        env={**os.environ, **(env or {})},
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "test_tiny.py"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def _running(token: str) -> list[int]:
    """Pids of live processes whose command line holds `token`."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if token in cmdline.read_bytes().decode(errors="replace"):
                state = (cmdline.parent / "stat").read_text().split(") ", 1)[1][0]
                if state not in "ZX":
                    found.append(int(cmdline.parent.name))
        except (OSError, IndexError):
            continue
    return found


def test_project_gives_every_test_a_deadline(pytestconfig: pytest.Config) -> None:
    assert float(pytestconfig.getini("timeout")) == 120
    assert pytestconfig.getini("timeout_method") == "signal"
    assert "tests.deadlines" in pytestconfig.getini("addopts")


def test_a_test_blocked_forever_fails_as_a_timeout_with_its_name(tmp_path: Path) -> None:
    tests = _write(
        tmp_path,
        """
        import socket

        def test_blocks_on_a_socket_forever():
            left, right = socket.socketpair()
            left.recv(1)  # nobody ever writes

        def test_the_run_goes_on():
            assert True
        """,
    )
    started = time.monotonic()
    code, output = _pytest(tests, "-o", "timeout=3")
    elapsed = time.monotonic() - started
    assert code == 1, output
    assert "FAILED" in output, output
    assert "test_blocks_on_a_socket_forever" in output, output
    assert "Timeout (>3.0s)" in output, output
    assert "1 passed" in output, output  # the run went on after the stuck test
    assert elapsed < 45, elapsed


def test_an_uninterruptible_test_is_stopped_by_the_watchdog(tmp_path: Path) -> None:
    token = f"{3000 + uuid.uuid4().int % 600}.{uuid.uuid4().int % 10**6:06d}"
    tests = _write(
        tmp_path,
        f"""
        import signal
        import subprocess
        import time

        def test_ignores_its_alarm():
            subprocess.Popen(["sleep", "{token}"])
            signal.pthread_sigmask(signal.SIG_BLOCK, {{signal.SIGALRM}})
            time.sleep(600)
        """,
    )
    started = time.monotonic()
    code, output = _pytest(tests, "-o", "timeout=2", env={"DOSSIER_TEST_GRACE": "2"})
    elapsed = time.monotonic() - started
    assert code == 3, output
    assert "DEADLINE: " in output, output
    assert "test_ignores_its_alarm" in output, output
    assert "stopped leftover process" in output, output
    assert token in output, output
    assert "in test_ignores_its_alarm" in output, output  # the stack of the stuck test
    assert elapsed < 45, elapsed
    assert _running(token) == []


def test_processes_a_run_leaves_behind_are_stopped(tmp_path: Path) -> None:
    token = f"{3000 + uuid.uuid4().int % 600}.{uuid.uuid4().int % 10**6:07d}"
    tests = _write(
        tmp_path,
        f"""
        import subprocess

        import pytest

        @pytest.fixture(scope="session")
        def daemon():
            # Double fork: the sleep is nobody's child once the shell exits.
            subprocess.run(["sh", "-c", "sleep {token} >/dev/null 2>&1 &"], check=True)
            yield  # and no finaliser stops it

        def test_fails_with_a_daemon_running(daemon):
            assert False
        """,
    )
    code, output = _pytest(tests)
    assert code == 1, output
    assert "process(es) the run left behind" in output, output
    assert token in output, output
    assert _running(token) == []


def test_postgres_started_by_a_fixture_does_not_outlive_a_killed_run(tmp_path: Path) -> None:
    if not sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl")):
        pytest.skip("PostgreSQL is not installed (`make system` installs it)")
    before = set(_running("postgres"))
    tests = _write(
        tmp_path,
        """
        import signal
        import time

        def test_stalls_with_a_server(postgres_url):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(600)
        """,
    )
    code, output = _pytest(
        tests, "-p", "tests.conftest", "-o", "timeout=5", env={"DOSSIER_TEST_GRACE": "1"}
    )
    assert code == 3, output
    assert "stopped leftover process" in output, output
    deadline = time.monotonic() + 10
    while set(_running("postgres")) - before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert set(_running("postgres")) - before == set(), output
