"""Deadlines and clean-up for the test run, loaded as a plugin (`-p tests.deadlines`).

Three guarantees, so that a run on a busy machine fails with a name instead of stalling:

1. Every test has a deadline: pytest-timeout's `timeout` (pyproject.toml) with the signal
   method, which interrupts a stuck socket, browser or subprocess wait in the main thread,
   fails that test with its name and the stacks of all threads, and lets the run (and the
   fixtures' finalisers that stop servers) go on.
2. A watchdog for what a signal cannot interrupt (a C call holding the main thread with
   SIGALRM blocked or ignored): when a test outlives its deadline by `DOSSIER_TEST_GRACE`
   seconds (60), the watchdog prints the test's name and every thread's stack, stops the
   processes the run started, and ends the run with exit status 3.
3. Nothing outlives the run: the pytest process is a child subreaper (Linux), so servers
   that daemonise (PostgreSQL's postmaster, Ray's raylet and gcs_server, Chromium's
   helpers) stay its descendants; at the end of the run, however it ends (normal finish,
   failure, Ctrl-C, the watchdog, `atexit`), every descendant still alive is sent SIGTERM,
   then SIGKILL, and the terminal summary names what had to be stopped.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import faulthandler
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PR_SET_CHILD_SUBREAPER = 36
GRACE_ENV = "DOSSIER_TEST_GRACE"
DEFAULT_GRACE = 60.0


# --- processes ----------------------------------------------------------------------------


def become_subreaper() -> bool:
    """Make orphaned descendants of this process its children, not init's (Linux only)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _parents() -> dict[int, int]:
    """pid -> parent pid of every live, non-zombie process."""
    found: dict[int, int] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line
            )
        except OSError:
            continue
        if fields.get("State", "").startswith(("Z", "X")):
            continue
        found[int(status.parent.name)] = int(fields.get("PPid", "0").strip())
    return found


def descendants(root: int | None = None) -> list[int]:
    """Live descendants of `root` (this process by default), nearest first."""
    root = os.getpid() if root is None else root
    parents = _parents()
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    order: list[int] = []
    frontier = list(children.get(root, []))
    while frontier:
        pid = frontier.pop(0)
        order.append(pid)
        frontier.extend(children.get(pid, []))
    return order


def command_of(pid: int) -> str:
    """The process's command line, or its name when it has rewritten its arguments."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").strip()
        return argv.decode(errors="replace")[:120] or Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def stop_descendants(wait: float = 5.0) -> list[str]:
    """SIGTERM every live descendant, SIGKILL what is left after `wait` s; reap zombies.

    Returns the command lines of the processes that were still running.
    """
    pids = descendants()
    stopped = [f"{pid} {command_of(pid)}" for pid in pids]
    _signal_all(pids, signal.SIGTERM)
    deadline = time.monotonic() + wait
    while pids and time.monotonic() < deadline:
        time.sleep(0.1)
        pids = [pid for pid in pids if pid in set(descendants())]
    _signal_all(pids, signal.SIGKILL)
    _reap_zombies()
    return stopped


def _signal_all(pids: list[int], sig: signal.Signals) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, sig)


def _reap_zombies() -> None:
    # Only at the very end of the run: earlier, waitpid(-1) could take an exit status
    # that a test's subprocess.Popen is waiting for.
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


# --- the watchdog ---------------------------------------------------------------------


@dataclass
class Watch:
    """The test now running and the moment after which the watchdog stops the run."""

    config: pytest.Config | None = None
    nodeid: str = ""
    deadline: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopped: list[str] = field(default_factory=list)
    finished: bool = False


WATCH = Watch()


def item_timeout(item: pytest.Item) -> float:
    """The test's deadline in seconds: its `timeout` marker, else `--timeout`/the ini."""
    marker = item.get_closest_marker("timeout")
    if marker is not None:
        value = marker.kwargs.get("timeout", marker.args[0] if marker.args else 0)
        return float(value or 0)
    option = item.config.getoption("timeout", None)
    if option is None:
        option = item.config.getini("timeout")
    return float(option or 0)


def grace() -> float:
    """Seconds past a test's deadline before the watchdog ends the run."""
    return float(os.environ.get(GRACE_ENV, DEFAULT_GRACE))


def _watchdog() -> None:
    while True:
        time.sleep(0.5)
        with WATCH.lock:
            overdue = WATCH.deadline and time.monotonic() > WATCH.deadline
            nodeid = WATCH.nodeid
        if overdue:
            _end_run(nodeid)


def _end_run(nodeid: str) -> None:
    # Output capture holds file descriptor 2 during a test: give the terminal back first,
    # or what follows would go to a capture file that os._exit never reads.
    capture = WATCH.config.pluginmanager.getplugin("capturemanager") if WATCH.config else None
    if capture is not None:
        capture.suspend_global_capture(in_=True)
    err = sys.__stderr__ or sys.stderr
    err.write(
        f"\n\nDEADLINE: {nodeid} is still running {grace():.0f} s after its timeout and "
        "cannot be interrupted; stacks of all threads follow, then the run stops.\n"
    )
    err.flush()
    faulthandler.dump_traceback(file=err, all_threads=True)
    for line in stop_descendants():
        err.write(f"stopped leftover process: {line}\n")
    err.write(f"FAILED {nodeid} - deadline exceeded (watchdog)\n")
    err.flush()
    os._exit(3)


# --- hooks ----------------------------------------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    WATCH.config = config
    become_subreaper()
    threading.Thread(target=_watchdog, name="test-watchdog", daemon=True).start()
    atexit.register(_finish)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    timeout = item_timeout(item)
    with WATCH.lock:
        WATCH.nodeid = item.nodeid
        WATCH.deadline = time.monotonic() + timeout + grace() if timeout > 0 else 0.0
    try:
        yield
    finally:
        with WATCH.lock:
            WATCH.nodeid, WATCH.deadline = "", 0.0


def pytest_unconfigure(config: pytest.Config) -> None:
    _finish()


def _finish() -> None:
    if WATCH.finished:
        return
    WATCH.finished = True
    WATCH.stopped = stop_descendants()
    if WATCH.stopped:
        err = sys.__stderr__ or sys.stderr
        err.write(f"\nstopped {len(WATCH.stopped)} process(es) the run left behind:\n")
        for line in WATCH.stopped:
            err.write(f"  {line}\n")
        err.flush()
