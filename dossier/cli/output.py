"""Printing helpers: JSON Lines to stdout, tables and messages via rich."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

console = Console()
err_console = Console(stderr=True)


def print_json_line(obj: Any) -> None:
    """Write one JSON object as one line of stdout."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Print a readable table."""
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)


def report_error(message: str) -> None:
    """One line on stderr saying what failed and where."""
    err_console.print(f"[red]error[/red]: {message}", highlight=False, soft_wrap=True)


def progress_bar(description: str, total: int | None) -> Progress:
    """A progress bar on stderr for long work."""
    return Progress(
        TextColumn(description),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )


def finish_store_report(stored: int, skipped: int, errors: list[str], as_json: bool) -> None:
    """Print what an ingest or batch run stored; exit 1 when any input failed."""
    import typer

    for error in errors:
        report_error(error)
    if as_json:
        print_json_line({"stored": stored, "skipped": skipped, "errors": errors})
    else:
        typer.echo(f"stored {stored} documents, {skipped} already present, {len(errors)} errors")
    if errors:
        raise typer.Exit(1)
