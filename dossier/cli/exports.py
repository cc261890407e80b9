"""`dossier export` and `dossier import`: FtM, CSV, GEXF, ClaimReview and SQLite snapshots."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from dossier.cli.app import app, state
from dossier.cli.output import print_json_line, print_table
from dossier.export import EXPORTERS, export, import_snapshot

ExportFormat = StrEnum("ExportFormat", {name: name for name in EXPORTERS})  # type: ignore[misc]


@app.command("export")
def export_command(
    fmt: ExportFormat = typer.Option(..., "--format", "-f", help="Output format."),
    output: Path = typer.Option(..., "--output", "-o", help="File (or folder, for csv)."),
    as_json: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
) -> None:
    """Export the database: `ftm` (FollowTheMoney JSON Lines), `csv` (a folder, or a
    `.zip`, of entities/claims/documents/matches), `gexf` (claim graph for Gephi),
    `claimreview` (schema.org JSON-LD) or `snapshot` (a self-contained SQLite copy of
    every table, with views for Datasette; restore it with `dossier import`).

    Examples:
        dossier export --format ftm -o graph.ftm.json
        dossier export --format snapshot -o dossier-snapshot.db && datasette dossier-snapshot.db
    """
    report = export(state.store(), str(fmt.value), output)
    if as_json:
        print_json_line({"format": report.format, "path": report.path, "counts": report.counts})
        return
    print_table(f"{report.format} → {report.path}", ["records", "count"], report.counts.items())


@app.command("import")
def import_command(
    path: Path = typer.Argument(..., help="A snapshot from `dossier export --format snapshot`."),
    replace: bool = typer.Option(
        False, "--replace", help="Delete everything in the target database first."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print rows per table as JSON."),
) -> None:
    """Restore a snapshot into the database given by `--db` (SQLite or PostgreSQL).

    Refuses a database that already holds data unless `--replace` is given; the whole
    import is one transaction.

    Example:
        dossier --db postgresql://localhost/dossier import dossier-snapshot.db
    """
    counts = import_snapshot(state.store(), path, replace=replace)
    if as_json:
        print_json_line({"path": str(path), "counts": counts})
        return
    print_table(f"imported {path}", ["table", "rows"], counts.items())
