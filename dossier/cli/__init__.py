"""The `dossier` command: a thin Typer layer over `dossier.pipeline` and `dossier.store`."""

from __future__ import annotations

import sys

import typer

from dossier.cli import alerts, commands, exports, intel, lists, query, resolving, screening
from dossier.cli import batch as batch  # registers `dossier batch`
from dossier.cli import watch as watch  # registers `dossier watch`, `dossier watchlist`
from dossier.cli.app import app
from dossier.exc import DossierError

__all__ = [
    "alerts",
    "app",
    "commands",
    "exports",
    "intel",
    "lists",
    "main",
    "query",
    "resolving",
    "screening",
]


def main() -> None:
    """Run the CLI; our own errors become one line on stderr and exit code 1."""
    try:
        code = app(standalone_mode=False)
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
