"""Pipeline commands: ingest, extract, screen, compare, serve, demo."""

from __future__ import annotations

import os
import re
from pathlib import Path

import typer

from dossier import pipeline
from dossier.cli.app import app, state
from dossier.cli.output import (
    finish_ingest_report,
    ingest_counts,
    print_json_line,
    print_rows,
    print_table,
    progress_bar,
    report_error,
)
from dossier.contract import extraction_json
from dossier.exc import SourceError
from dossier.ingest import FetchOptions
from dossier.ingest.text import Metadata
from dossier.screen.screener import ScreenConfig
from dossier.settings import get_settings


def _analyzer(with_lists: bool) -> pipeline.Analyzer:
    settings = get_settings()
    nlp = pipeline.load_nlp(settings.spacy_model, settings.models)
    index = pipeline.build_store_index(state.store()) if with_lists else None
    return pipeline.Analyzer(
        nlp,
        index,
        ScreenConfig(threshold=settings.match_threshold),
        claim_model=pipeline.load_claim_model(settings.models),
    )


def _count_inputs(paths: list[str]) -> int:
    return sum(
        sum(1 for p in Path(raw).rglob("*") if p.is_file()) if Path(raw).is_dir() else 1
        for raw in paths
    )


def _fetch_options(allow_hosts: list[str] | None) -> FetchOptions:
    """Fetch options: hosts from `DOSSIER_FETCH_ALLOW` plus every `--allow-host`."""
    return FetchOptions.with_hosts(get_settings().fetch_allow, *(allow_hosts or []))


INPUTS_HELP = "Files, directories, http(s) URLs of pages or RSS/Atom feeds, or - for stdin."
ALLOW_HELP = "Fetch from this host even if it is private or loopback (repeatable)."


PUBLISHED_HELP = "Publication date YYYY[-MM[-DD]] for documents that give none."
_ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _check_date(value: str | None) -> str | None:
    """A date option must be an ISO date prefix: said on one line, before any work."""
    if value is not None and not _ISO_PREFIX.match(value):
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    return value


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help=INPUTS_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    allow_host: list[str] = typer.Option(None, "--allow-host", help=ALLOW_HELP),
    published: str = typer.Option(None, help=PUBLISHED_HELP, callback=_check_date),
    title: str = typer.Option(None, help="Headline for documents that give none."),
    site: str = typer.Option(None, help="Outlet for documents that name none."),
) -> None:
    """Read reports, extract entities and claims, screen them, and store everything.

    Every input is counted once: added (a new story), near-duplicate (stored and linked
    to an earlier copy's story), duplicate (same body already stored, not stored again)
    or failed. Re-running on the same input adds nothing. A bad input is reported on one
    line, recorded in the database (see `dossier ingest-errors`), and the rest of the
    batch is still stored; the exit code is 1 if anything failed. --json prints
    {"added", "duplicates", "near_duplicates", "failed", "errors"}.

    A plain text's headline (line one), date line, byline and outlet line are read as
    its metadata; --published, --title and --site fill in what a document does not say
    (JSON Lines records may carry `published`, `title`, `site`, `author`, `url`).

    Example:
        dossier ingest reports/ --json
        dossier ingest report.txt --published 2023-02-10 --site "Example Wire"
    """
    store = state.store()
    analyzer = _analyzer(with_lists=True)
    total = _count_inputs(paths)
    with progress_bar("ingesting", total, "counts") as bar:
        task = bar.add_task("ingest", total=total, counts="")

        def advance(report: pipeline.IngestReport) -> None:
            bar.update(task, advance=1, counts=ingest_counts(report))

        defaults = Metadata(published=published, title=title, site=site)
        fetch = _fetch_options(allow_host)
        report = pipeline.ingest_paths(store, analyzer, paths, advance, fetch, defaults)
    finish_ingest_report(report, as_json)


@app.command("ingest-errors")
def ingest_errors(
    limit: int = typer.Option(100, min=1, help="How many to show, newest first."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON Lines."),
) -> None:
    """List inputs that ingest runs could not store: source, location, reason, when.

    Example:
        dossier ingest-errors --json
    """
    from dossier.store.queries import list_ingest_errors

    print_rows(
        "ingest errors",
        ["when", "location", "reason"],
        list_ingest_errors(state.store(), limit),
        lambda r: (r["occurred_at"], r["location"], r["reason"]),
        as_json,
    )


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help=INPUTS_HELP),
    published: str = typer.Option(None, help=PUBLISHED_HELP, callback=_check_date),
    title: str = typer.Option(None, help="Headline for documents that give none."),
    site: str = typer.Option(None, help="Outlet for documents that name none."),
    as_json: bool = typer.Option(False, "--json", help="Print contract JSON Lines."),
    allow_host: list[str] = typer.Option(None, "--allow-host", help=ALLOW_HELP),
) -> None:
    """Extract entities and claims without a database (one JSON object per document).

    Example:
        dossier extract report.txt --published 2022-11-09 --json
    """
    analyzer = _analyzer(with_lists=False)
    failed = False
    fetch = _fetch_options(allow_host)
    defaults = Metadata(title=title, site=site)
    for item in pipeline.extract_paths(analyzer, paths, published, fetch=fetch, defaults=defaults):
        if isinstance(item, SourceError):
            report_error(item.detail)
            failed = True
        elif as_json:
            print_json_line(extraction_json(item))
        else:
            print_table(
                f"{item.document.id}: entities",
                ["type", "name", "mentions"],
                [(e.type.value, e.name, len(e.mentions)) for e in item.entities],
            )
            print_table(
                f"{item.document.id}: claims",
                ["subject", "predicate", "object", "date", "according to"],
                [
                    (c.subject, c.predicate.value, c.object, c.date, c.attributed_to)
                    for c in item.claims
                ],
            )
    if failed:
        raise typer.Exit(1)


@app.command()
def serve(
    host: str = typer.Option(None, help="Address to bind [env: DOSSIER_HOST]."),
    port: int = typer.Option(None, help="Port [env: DOSSIER_PORT]."),
    workers: int = typer.Option(
        None,
        min=1,
        max=64,
        help="Server processes, each with its own caches; default: half the CPU cores, "
        "1 to 4 (1 for an in-memory database).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the URL as JSON, then serve."),
) -> None:
    """Serve the REST API and web UI (binds 127.0.0.1 unless told otherwise).

    Connections must send each request's headers within DOSSIER_HEADER_TIMEOUT seconds;
    idle keep-alive connections close after 5 s; SIGTERM stops within ~10 s.

    Example:
        dossier --db dossier.db serve --port 8000 --workers 2
    """
    import uvicorn

    from dossier.api.app import create_app
    from dossier.api.server import uvicorn_options

    settings = get_settings()
    bind, listen = host or settings.host, port or settings.port
    count = workers or default_workers(state.db)
    state.store()  # migrate once, before any worker starts
    if as_json:
        print_json_line({"url": f"http://{bind}:{listen}/", "workers": count})
    if count == 1:
        app = create_app(state.db, warm=True)
        uvicorn.run(app, host=bind, port=listen, log_level="warning", **uvicorn_options())
        return
    os.environ["DOSSIER_DB"] = state.db  # what each worker's `serve_app` opens
    uvicorn.run(
        "dossier.api.app:serve_app",
        factory=True,
        host=bind,
        port=listen,
        workers=count,
        log_level="warning",
        **uvicorn_options(),
    )


def default_workers(db: str) -> int:
    """Half the cores, at most 4, at least 1: a cached answer costs ~0.3 ms of one core,
    so one process serves hundreds of requests a second, and each worker fills caches
    of its own (on 2 cores shared with the load generator, 1 worker kept p99 at 34 ms at
    780 requests/s where 2 reached 223 ms; docs/reliability.md). An in-memory SQLite
    database cannot be shared, so it gets one."""
    if db in ("", ":memory:") or db.endswith(":///:memory:"):
        return 1
    return max(1, min(4, len(os.sched_getaffinity(0)) // 2))


@app.command()
def demo(as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON.")) -> None:
    """Run the pipeline on the bundled example reports and OFAC extract, then show results.

    Example:
        dossier --db build/demo.db demo
    """
    from dossier.demo import run_demo
    from dossier.store.queries import list_claims, list_entities, list_matches

    settings = get_settings()
    store = state.store()
    lists, ingested = run_demo(store, settings.spacy_model, settings.match_threshold)
    counts = store.counts()
    if as_json:
        print_json_line(
            {"counts": counts, "lists": lists.records, "errors": lists.errors + ingested.errors}
        )
        return
    print_table(
        "entities",
        ["type", "name", "mentions", "documents"],
        [
            (r["type"], r["name"], r["mentions"], r["documents"])
            for r in list_entities(store, limit=40)
        ],
    )
    print_table(
        "claims",
        ["date", "subject", "predicate", "object", "according to", "hedged"],
        [
            (
                c["date"],
                c["subject"],
                c["predicate"],
                c["object"],
                c["attributed_to"],
                "yes" if c["hedged"] else "",
            )
            for c in list_claims(store)
        ],
    )
    print_table(
        "list matches",
        ["entity", "score", "dataset", "list id", "list name", "listed", "programs"],
        [
            (
                m["entity"],
                f"{m['score']:.2f}",
                m["dataset"],
                m["list_id"],
                m["list_name"],
                m["listed_on"] or "",
                ", ".join(m["programs"]),
            )
            for m in list_matches(store)
        ],
    )
    typer.echo(
        f"\n{counts}\n\nOpen the web UI:\n  .venv/bin/dossier --db {state.db} serve\n"
        f"  then browse http://127.0.0.1:{settings.port}/entities"
    )
