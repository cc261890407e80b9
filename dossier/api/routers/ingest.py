"""`POST /ingest`: extract, screen and store a text through the real pipeline.

The spaCy pipeline and the list index are loaded lazily, once per app, on the first
ingest; later ingests reuse them.

Bounds (issue 20: 1.98 M characters failed with an unrecorded 500; 300,000 ran for 8+
minutes and went on after the client left): a text over the model's `max_length` is 413;
the work runs in a worker thread that checks, before each spaCy component and pipeline
stage, a deadline (`DEADLINE_S`) and a flag the request sets when its client disconnects
or the server stops; a stopped ingest stores nothing and is recorded in `ingest_errors`.
A stage already running finishes first: the checks bound the work to the deadline plus
one stage (spaCy parses ~1,000 characters in tens of milliseconds per component).
"""

from __future__ import annotations

import asyncio
import dataclasses
import threading
import time
from dataclasses import dataclass
from functools import partial

import anyio.to_thread
from fastapi import APIRouter, Request
from starlette.datastructures import State

from dossier import pipeline
from dossier.api.deps import SettingsDep, StoreDep, WriterDep
from dossier.api.errors import WRITE_ERRORS
from dossier.api.models import IngestIn, IngestOut
from dossier.exc import DossierError, SourceError
from dossier.ingest.decode import no_nul
from dossier.ingest.files import text_to_document
from dossier.model import make_id
from dossier.screen.screener import ScreenConfig
from dossier.settings import Settings
from dossier.store import Store

router = APIRouter(tags=["ingest"])
_lock = threading.Lock()
DEADLINE_S = 120.0
"""Seconds an ingest may take before it is stopped (503): a long report of ~50,000
characters takes well under a minute on one core."""
POLL_S = 0.25
"""How often the request looks whether its client is still connected."""


class TextTooLong(SourceError):
    """A text longer than the spaCy model reads in one document."""

    status = 413


class IngestStopped(DossierError):
    """An ingest stopped by its deadline, its client leaving, or the server stopping."""

    status = 503


@dataclass(slots=True)
class Checkpoint:
    """Called between stages by the worker: raises `IngestStopped` once it should stop."""

    deadline: float
    reason: str | None = None

    def stop(self, reason: str) -> None:
        """Ask the worker to stop at its next check."""
        self.reason = self.reason or reason

    def __call__(self) -> None:
        if self.reason is not None:
            raise IngestStopped(self.reason)
        if time.monotonic() > self.deadline:
            raise IngestStopped(f"stopped past its deadline of {DEADLINE_S:g} s; split the text")


def get_analyzer(state: State, store: Store, settings: Settings) -> pipeline.Analyzer:
    """The app's analyzer, loading spaCy and the list index on first use."""
    with _lock:
        analyzer: pipeline.Analyzer | None = getattr(state, "analyzer", None)
        if analyzer is None:
            nlp = pipeline.load_nlp(settings.spacy_model, settings.models)
            index = pipeline.build_store_index(store)
            analyzer = pipeline.Analyzer(
                nlp,
                index,
                ScreenConfig(settings.match_threshold),
                claim_model=pipeline.load_claim_model(settings.models),
            )
            state.analyzer = analyzer
        return analyzer


@router.post(
    "/ingest",
    response_model=IngestOut,
    status_code=201,
    responses=WRITE_ERRORS,
)
async def ingest(
    request: Request, store: StoreDep, settings: SettingsDep, _writer: WriterDep, body: IngestIn
) -> IngestOut:
    """Ingest one plain-text document: extract entities and claims, screen, store.

    A text that cannot be stored (a NUL character, a value the database refuses) is
    answered 400 and recorded in `ingest_errors`, as `dossier ingest` does; a text over
    the model's length limit is 413; one that takes longer than the deadline is 503. A
    client that disconnects stops the work (recorded too).
    """
    check = Checkpoint(time.monotonic() + DEADLINE_S)
    work = partial(ingest_text, request.app.state, store, settings, body, check)
    task = asyncio.ensure_future(anyio.to_thread.run_sync(work))
    task.add_done_callback(_consume)
    try:
        while not task.done():
            await asyncio.wait({task}, timeout=POLL_S)
            if not task.done() and await request.is_disconnected():
                check.stop("stopped: the client disconnected")
                await asyncio.wait({task})
    except asyncio.CancelledError:
        check.stop("stopped: the server is shutting down")
        raise
    return task.result()


def _consume(task: asyncio.Future[IngestOut]) -> None:
    """Retrieve a finished task's exception, so that an unanswered one is not logged."""
    if not task.cancelled():
        task.exception()


def ingest_text(
    state: State, store: Store, settings: Settings, body: IngestIn, check: Checkpoint
) -> IngestOut:
    """The work of `POST /ingest`, in a worker thread; `check` stops it between stages."""
    doc_id = body.id or make_id("api", body.text)
    where = f"POST /ingest {doc_id}"
    report = pipeline.IngestReport()
    try:
        text = no_nul(body.text, where)
        analyzer = get_analyzer(state, store, settings)
        if len(text) > analyzer.nlp.max_length:
            raise TextTooLong(
                f"text of {len(text)} characters; the model reads at most "
                f"{analyzer.nlp.max_length} per document: split it",
                where,
            )
        document = text_to_document(text, doc_id, "api", body.published, body.title)
        if body.url:
            document = dataclasses.replace(document, url=body.url)
        extraction = analyzer.analyse_one(document, check)
        check()
    except IngestStopped as err:
        report.record(store, SourceError(err.detail, where))
        raise
    except SourceError as err:
        report.record(store, err)
        raise
    report.record(store, extraction)
    if report.errors:
        raise SourceError(report.errors[0])
    return IngestOut(
        document_id=make_id("document", document.content_hash),
        stored=report.stored > 0,
        entities=len(extraction.entities),
        claims=len(extraction.claims),
        matches=sum(len(v) for v in extraction.matches.values()),
    )
