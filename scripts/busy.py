"""Run a command while another process keeps one CPU core busy; exit with its status.

    python scripts/busy.py [--seconds N] -- COMMAND...

The burner is a bounded loop (it stops by itself after N seconds) and is also stopped as
soon as the command ends, however it ends. Used by `make test-busy`.
"""

from __future__ import annotations

import argparse
import multiprocessing
import subprocess
import sys
import time


def burn(seconds: float) -> None:
    """Spin on one core for `seconds`."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=1800.0, help="burn at most this long")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- then the command to run")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give a command after --")
    burner = multiprocessing.Process(target=burn, args=(args.seconds,), daemon=True)
    burner.start()
    print(  # noqa: T201
        f"busy: one core burning (pid {burner.pid}) while: {' '.join(command)}", flush=True
    )
    started = time.monotonic()
    try:
        code = subprocess.call(command)
    finally:
        burner.terminate()
        burner.join(timeout=5)
    print(f"busy: exit {code} after {time.monotonic() - started:.0f} s wall", flush=True)  # noqa: T201
    return code


if __name__ == "__main__":
    sys.exit(main())
