"""Printing helpers: JSON Lines to stdout, tables and messages via rich."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from dossier.pipeline import IngestReport

# `console` (stdout) and `err_console` (stderr) are made on first use: importing rich
# is about 35 ms that `dossier screen --json`, which prints no table, need not pay.
_CONSOLES = {"console": False, "err_console": True}


def _console(name: str) -> Console:
    """This module's console `name` (one of `_CONSOLES`), made when first asked for."""
    made: Console | None = globals().get(name)
    if made is None:
        from rich.console import Console

        made = globals()[name] = Console(stderr=_CONSOLES[name])
    return made


def __getattr__(name: str) -> Console:
    if name in _CONSOLES:
        return _console(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def print_json_line(obj: Any) -> None:
    """Write one JSON object as one line of stdout."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Print a readable table."""
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    _console("console").print(table)


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
    _console("err_console").print(f"[red]error[/red]: {message}", highlight=False, soft_wrap=True)


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
        console=_console("err_console"),
        transient=True,
        disable=not _console("err_console").is_terminal,
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
        note_line = f"[yellow]note[/yellow]: {note}"
        _console("err_console").print(note_line, highlight=False, soft_wrap=True)
    if as_json:
        print_json_line(report.as_json())
    else:
        typer.echo(ingest_counts(report))
    if report.errors:
        raise typer.Exit(1)
