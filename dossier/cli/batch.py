"""`dossier batch`: ingest a large corpus, in-process or on a Ray actor pool."""

from __future__ import annotations

from pathlib import Path

import typer

from dossier.batch import BatchConfig, run_batch
from dossier.cli.app import app, state
from dossier.cli.output import finish_ingest_report
from dossier.settings import get_settings


@app.command()
def batch(
    paths: list[Path] = typer.Argument(..., help="Files or directories (.txt, .html, .jsonl)."),
    use_ray: bool = typer.Option(False, "--ray", help="Extract on a Ray Data actor pool."),
    address: str = typer.Option(None, "--address", help="Ray cluster to join (default: local)."),
    workers: int = typer.Option(2, "--workers", min=1, help="Actors, one spaCy pipeline each."),
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Documents per actor call."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Ingest a corpus like `dossier ingest`, extracting on a pool of workers with --ray.

    Without --address a local Ray starts on 127.0.0.1 with the dashboard off. The store
    is written from this process only. Failed documents are reported one per line and
    the exit code is 1; re-running skips what was stored.

    Example:
        dossier batch corpus.jsonl --ray --workers 4 --json
    """
    if address and not use_ray:
        raise typer.BadParameter("--address needs --ray")
    settings = get_settings()
    cfg = BatchConfig(
        model=settings.spacy_model,
        threshold=settings.match_threshold,
        use_ray=use_ray,
        address=address,
        workers=workers,
        batch_size=batch_size,
    )
    report = run_batch(state.store(), paths, cfg)
    finish_ingest_report(report, as_json)
