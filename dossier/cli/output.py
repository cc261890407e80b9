"""Printing helpers: JSON Lines to stdout, tables and messages via rich."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from rich.progress import Progress

    from dossier.pipeline import IngestReport

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


def print_rows(
    title: str,
    columns: Sequence[str],
    rows: Iterable[dict[str, Any]],
    cells: Callable[[dict[str, Any]], Sequence[Any]],
    as_json: bool,
) -> None:
    """Rows as JSON Lines with `--json`, else a table of each row's `cells`."""
    if as_json:
        for row in rows:
            print_json_line(row)
        return
    print_table(title, columns, [cells(row) for row in rows])


def report_error(message: str) -> None:
    """One line on stderr saying what failed and where."""
    err_console.print(f"[red]error[/red]: {message}", highlight=False, soft_wrap=True)


def progress_bar(description: str, total: int | None, *fields: str) -> Progress:
    """A progress bar on stderr for long work; each of `fields` is shown after the bar,
    taken from the task's fields (`bar.update(task, name=...)`)."""
    # Imported here: 20 ms that `dossier screen NAME`, which shows no bar, need not pay.
    from rich import progress

    extra = [progress.TextColumn(f"{{task.fields[{name}]}}") for name in fields]
    return progress.Progress(
        progress.TextColumn(description),
        progress.BarColumn(),
        progress.MofNCompleteColumn(),
        *extra,
        progress.TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )


def ingest_counts(report: IngestReport) -> str:
    """The running counts of an ingest, as the progress bar and the summary show them."""
    return (
        f"{report.added} added, {report.near_duplicates} near-duplicate, "
        f"{report.duplicates} duplicate, {report.failed} failed"
    )


def finish_ingest_report(report: IngestReport, as_json: bool) -> None:
    """Print what an ingest or batch run did; exit 1 when any input failed."""
    import typer

    for error in report.errors:
        report_error(error)
    for note in report.notes:
        err_console.print(f"[yellow]note[/yellow]: {note}", highlight=False, soft_wrap=True)
    if as_json:
        print_json_line(report.as_json())
    else:
        typer.echo(ingest_counts(report))
    if report.errors:
        raise typer.Exit(1)
