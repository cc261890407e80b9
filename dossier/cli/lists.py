"""`dossier lists`: download and load sanctions and export-control list files."""

from __future__ import annotations

from pathlib import Path

import typer

from dossier import pipeline
from dossier.cli.app import app, state
from dossier.cli.commands import ALLOW_HELP
from dossier.cli.output import print_json_line, print_table, report_error
from dossier.ingest import FetchOptions
from dossier.lists.fetch import FetchedFile, fetch_lists, list_fetch_options
from dossier.lists.sources import SOURCES, select_sources
from dossier.screen.screener import ScreenConfig
from dossier.settings import get_settings

lists_app = typer.Typer(
    help="Download, load and inspect sanctions and export-control lists.", no_args_is_help=True
)
app.add_typer(lists_app, name="lists")

PARTIAL_HELP = "The files are only part of their datasets: add and update, remove nothing."
REPLACE_HELP = "Replace a dataset even if that removes more than half of its stored records."


def print_load_report(report: pipeline.ListLoadReport, as_json: bool) -> None:
    """Print what a list load did; errors go to stderr, one line each."""
    for error in report.errors:
        report_error(error)
    if as_json:
        print_json_line(report.as_json())
        return
    print_table("list records loaded", ["dataset", "records"], sorted(report.records.items()))
    typer.echo(
        f"{report.added} new, {report.updated} changed, {report.removed} removed records; "
        f"{len(report.alerts)} alerts (`dossier alerts`), {len(report.errors)} errors"
    )


def load_paths(
    paths: list[Path], partial: bool | set[str], replace: bool = False
) -> pipeline.ListLoadReport:
    """Load list files into the store named by `--db`, screening stored entities again."""
    cfg = ScreenConfig(threshold=get_settings().match_threshold)
    return pipeline.load_lists(state.store(), paths, cfg, partial=partial, replace=replace)


@lists_app.command("load")
def load(
    paths: list[Path] = typer.Argument(..., help="List files or folders (e.g. us_ofac/)."),
    partial: bool = typer.Option(False, "--partial", help=PARTIAL_HELP),
    replace: bool = typer.Option(False, "--replace", help=REPLACE_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print counts and alerts as JSON."),
) -> None:
    """Load list files; each dataset read replaces its stored version.

    Records missing from the new version are removed, and stored entities are screened
    again: every match that appeared, vanished or changed programs or dates becomes an
    alert (`dossier alerts`). Load all files of a dataset together (its folder), or pass
    --partial. Re-loading the same files changes nothing. A malformed file or row is
    reported on one line; everything readable is kept, and a dataset with read errors
    loses no records. A load that would remove more than half of a dataset's records is
    refused (nothing written) unless --replace says so.

    Example:
        dossier lists load ../shared/data/sanctions/us_ofac ../shared/data/sanctions/un
    """
    report = load_paths(paths, partial, replace)
    print_load_report(report, as_json)
    if report.errors:
        raise typer.Exit(1)


MIRROR_HELP = (
    "Download from this mirror (laid out like shared/data/sanctions) [env: DOSSIER_LISTS_MIRROR]."
)


def print_fetch_report(files: list[FetchedFile], as_json: bool) -> None:
    """One line per file: status, bytes, sha256 (JSON Lines with --json)."""
    for item in files:
        if item.status == "failed":
            report_error(item.error)
        if as_json:
            print_json_line(item.as_json())
    if not as_json:
        print_table(
            "list files",
            ["dataset", "file", "status", "bytes", "sha256"],
            [(f.dataset, f.path, f.status, f.bytes, f.sha256[:16]) for f in files],
        )


@lists_app.command("fetch")
def fetch(
    datasets: list[str] = typer.Argument(
        None, help=f"Datasets to fetch (default all): {', '.join(SOURCES)}."
    ),
    out: Path = typer.Option(..., "--out", "-o", help="Folder to write the files into."),
    load_after: bool = typer.Option(False, "--load", help="Load the fetched files (`lists load`)."),
    mirror: str = typer.Option(None, "--mirror", help=MIRROR_HELP),
    allow_host: list[str] = typer.Option(None, "--allow-host", help=ALLOW_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON line per file."),
) -> None:
    """Download list files from their official publishers into a folder.

    Each file is checked (its loader must read it) and written atomically, so a failed
    download keeps the previous copy; failures are reported and the rest fetched, and the
    exit code is 1. Prints bytes, SHA-256 and status (downloaded, unchanged, failed); with
    --json one line per file, then with --load the load report (as `lists load --json`).
    A dataset whose download failed is loaded from its previous copy, removing nothing.

    Example:
        dossier lists fetch us_ofac_sdn un_sc -o lists/ --load
    """
    settings = get_settings()
    hosts = FetchOptions.with_hosts(settings.fetch_allow, *(allow_host or [])).allow_hosts
    sources = select_sources(datasets or [])
    options = list_fetch_options(hosts)
    files = list(fetch_lists(sources, out, options, mirror or settings.lists_mirror or None))
    print_fetch_report(files, as_json)
    failed = {f.dataset for f in files if f.status == "failed"}
    if load_after:
        paths = [Path(f.path) for f in files if Path(f.path).is_file()]
        report = load_paths(paths, failed)
        print_load_report(report, as_json)
        failed |= {"load"} if report.errors else set()
    if failed:
        raise typer.Exit(1)
