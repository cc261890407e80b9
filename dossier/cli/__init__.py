"""The `dossier` command: a thin Typer layer over `dossier.pipeline` and `dossier.store`."""

from __future__ import annotations

import importlib
import logging
import os
import sys
from pathlib import Path

import typer

from dossier.cli.quick import QuickScreen, read_screen_line
from dossier.exc import DossierError

# Each module registers its commands on `app` when imported.
MODULES = (
    *("alerts", "commands", "exports", "intel", "lists", "query", "resolving", "screening"),
    *("batch", "watch"),
)
# Commands the `dossier` script runs with their own module only: importing every
# command's module (spaCy, SQLAlchemy, FastAPI, ...) takes over a second, and
# `dossier screen NAME` answers in less than that in all (docs/scaling.md); `extract`
# needs no exporter (FollowTheMoney, NetworkX), web or query module (0.45 CPU-s a run).
LIGHT_COMMANDS = {"screen": "screening", "compare": "screening", "extract": "commands"}


def command_name(args: list[str]) -> str | None:
    """The command a command line runs: its first word after the global options."""
    words = iter(args)
    for word in words:
        if word == "--db":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def _is_script(argv: list[str]) -> bool:
    """Whether this process is the `dossier` script (or `python -m dossier`)."""
    return bool(argv) and Path(argv[0]).name in ("dossier", "__main__.py")


def _modules(argv: list[str]) -> tuple[str, ...]:
    """The command modules to import: only a light command's own when this process is
    the `dossier` script (or `python -m dossier`) running one; every one otherwise
    (tests, `dossier --help`, other commands), so `app` has every command."""
    if _is_script(argv):
        command = command_name(argv[1:])
        if command in LIGHT_COMMANDS:
            return (LIGHT_COMMANDS[command],)
    return MODULES


for _module in _modules(sys.argv):
    importlib.import_module(f"dossier.cli.{_module}")

from dossier.cli.app import app  # noqa: E402  (after the modules that register on it)

__all__ = ["MODULES", "app", "command_name", "main", "script"]


def main() -> None:
    """Run the CLI; our own errors become one line on stderr and exit code 1."""
    quick = read_screen_line(sys.argv[1:]) if _is_script(sys.argv) else None
    try:
        code = app(standalone_mode=False) if quick is None else _screen(quick)
    except DossierError as err:
        if "--debug" in sys.argv:
            raise
        typer.echo(f"Error: {err.detail}", err=True)
        raise SystemExit(1) from None
    except typer.Abort:
        typer.echo("Aborted.", err=True)
        raise SystemExit(1) from None
    except SystemExit:
        raise
    except Exception as err:  # click usage errors arrive here in non-standalone mode
        import click
        from typer._click.exceptions import ClickException as VendoredClickException

        # Typer vendors its own click: its BadParameter (option callbacks) is not click's.
        if isinstance(err, click.ClickException | VendoredClickException):
            err.show()
            raise SystemExit(err.exit_code) from None
        raise
    # In non-standalone mode click returns the code of `typer.Exit` instead of exiting.
    raise SystemExit(code if isinstance(code, int) else 0)


def script() -> None:
    """The `dossier` script: `main`, then, after a screen that succeeded, exit without
    Python's teardown, which frees the index's objects one by one (0.10-0.12 s of CPU
    after a 2,000-name `screen --file`, docs/scaling.md). The streams are flushed first;
    nothing else runs at exit in a screen. Callers of `main` in process keep its
    `SystemExit`."""
    try:
        main()
    except SystemExit as done:
        if done.code or read_screen_line(sys.argv[1:]) is None:
            raise
        sys.stdout.flush()
        sys.stderr.flush()
        logging.shutdown()
        os._exit(0)


def _screen(quick: QuickScreen) -> int:
    """Run `dossier screen` as Typer would after reading its line: the global options
    (`root`), then the command."""
    from dossier.cli.app import root
    from dossier.cli.screening import screen

    root(db=quick.db or "", debug=quick.debug)  # "": DOSSIER_DB, as Typer's None
    screen(**quick.arguments)
    return 0
