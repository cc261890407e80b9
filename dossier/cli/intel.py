"""`dossier report`: a time-aware brief on one entity."""

from __future__ import annotations

from pathlib import Path

import typer

from dossier.cli.app import app, state
from dossier.cli.output import print_json_line
from dossier.exc import InvalidInput


@app.command()
def report(
    entity: str = typer.Argument(..., help="Entity id, name or alias."),
    fmt: str = typer.Option("md", "--format", help="md (chart written next to it) or html."),
    out: Path = typer.Option(None, "-o", "--output", help="Write here instead of stdout."),
    as_json: bool = typer.Option(False, "--json", help="Print the brief's data as JSON."),
) -> None:
    """Write a brief on one entity: aliases, designations, a dated timeline chart, whether
    each act came before or after each party's listing, corroboration, contradictions
    and numbered sources. HTML is self-contained (chart embedded), for email.

    Example:
        dossier report "Qods Aviation Industries" --format html -o qai.html
    """
    from dossier.intel.report import FORMATS, build_brief, write_report

    if fmt not in FORMATS:
        raise InvalidInput(f"unknown report format {fmt!r}; use md or html")
    store = state.store()
    if as_json:
        print_json_line(build_brief(store, entity))
        return
    written = write_report(store, entity, fmt, out)
    if out is None:
        typer.echo(written.text, nl=False)
        return
    typer.echo(f"wrote {out}" + (f" and {written.chart}" if written.chart else ""), err=True)
