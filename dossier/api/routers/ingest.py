"""`POST /ingest`: extract, screen and store a text through the real pipeline.

The spaCy pipeline and the list index are loaded lazily, once per app, on the first
ingest; later ingests reuse them.
"""

from __future__ import annotations

import dataclasses
import threading

from fastapi import APIRouter, Request

from dossier import pipeline
from dossier.api.deps import SettingsDep, StoreDep, WriterDep
from dossier.api.errors import WRITE_ERRORS
from dossier.api.models import IngestIn, IngestOut
from dossier.exc import SourceError
from dossier.ingest.decode import no_nul
from dossier.ingest.files import text_to_document
from dossier.model import make_id
from dossier.screen.screener import ScreenConfig
from dossier.settings import Settings
from dossier.store import Store

router = APIRouter(tags=["ingest"])
_lock = threading.Lock()


def get_analyzer(request: Request, store: Store, settings: Settings) -> pipeline.Analyzer:
    """The app's analyzer, loading spaCy and the list index on first use."""
    with _lock:
        analyzer: pipeline.Analyzer | None = getattr(request.app.state, "analyzer", None)
        if analyzer is None:
            nlp = pipeline.load_nlp(settings.spacy_model, settings.models)
            index = pipeline.build_store_index(store)
            analyzer = pipeline.Analyzer(nlp, index, ScreenConfig(settings.match_threshold))
            request.app.state.analyzer = analyzer
        return analyzer


@router.post(
    "/ingest",
    response_model=IngestOut,
    status_code=201,
    responses=WRITE_ERRORS,
)
def ingest(
    request: Request, store: StoreDep, settings: SettingsDep, _writer: WriterDep, body: IngestIn
) -> IngestOut:
    """Ingest one plain-text document: extract entities and claims, screen, store.

    A text that cannot be stored (a NUL character, a value the database refuses) is
    answered 400 and recorded in `ingest_errors`, as `dossier ingest` does.
    """
    doc_id = body.id or make_id("api", body.text)
    report = pipeline.IngestReport()
    try:
        text = no_nul(body.text, f"POST /ingest {doc_id}")
    except SourceError as err:
        report.record(store, err)
        raise
    document = text_to_document(text, doc_id, "api", body.published, body.title)
    if body.url:
        document = dataclasses.replace(document, url=body.url)
    analyzer = get_analyzer(request, store, settings)
    extraction = next(iter(analyzer.analyse([document])))
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
