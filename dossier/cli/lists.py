"""`dossier lists`: load sanctions and export-control list files."""

from __future__ import annotations

from pathlib import Path

import typer

from dossier import pipeline
from dossier.cli.app import app, state
from dossier.cli.output import print_json_line, print_table, report_error

lists_app = typer.Typer(
    help="Load and inspect sanctions and export-control lists.", no_args_is_help=True
)
app.add_typer(lists_app, name="lists")


@lists_app.command("load")
def load(
    paths: list[Path] = typer.Argument(..., help="List files or folders (e.g. us_ofac/)."),
    as_json: bool = typer.Option(False, "--json", help="Print counts as JSON."),
) -> None:
    """Load list files; prints the records per dataset. Re-loading adds nothing.

    A malformed file or row is reported on one line; everything readable is kept.

    Example:
        dossier lists load ../shared/data/sanctions/us_ofac ../shared/data/sanctions/un
    """
    report = pipeline.load_lists(state.store(), paths)
    for error in report.errors:
        report_error(error)
    if as_json:
        print_json_line(
            {"datasets": report.records, "added": report.added, "errors": report.errors}
        )
    else:
        print_table("list records loaded", ["dataset", "records"], sorted(report.records.items()))
        typer.echo(f"{report.added} new records, {len(report.errors)} errors")
    if report.errors:
        raise typer.Exit(1)
