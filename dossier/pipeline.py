"""The stages in order, and the library functions the CLI and API call.

    ingest (files → Document) → extract (Document → entities, claims)
      → screen (entities × lists → matches) → store

`STAGES` lists each stage with what it needs and what it sets; `check_stages` verifies
the order once, when the pipeline is built, not in the middle of a run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DataError

from dossier.exc import ConfigError, SourceError
from dossier.extract.claim_model import ClaimModel, load_model, shipped_model
from dossier.extract.languages import LanguageModels, claims_note
from dossier.extract.pipeline import extract_other, extract_parsed, with_language
from dossier.ingest import FetchOptions, InputError, read_paths
from dossier.ingest.dispatch import Seen
from dossier.ingest.text import Metadata, with_defaults
from dossier.lists.alerts import reload_lists
from dossier.lists.loaders import find_list_files
from dossier.model import Document, Extraction, ListRecord, MatchResult
from dossier.screen.index import NameIndex
from dossier.screen.screener import ScreenConfig, screen_name
from dossier.store import Store
from dossier.store.db import Stored, stored_id
from dossier.store.screen_index import store_index
from dossier.store.watch import stored_entry, write_watch_alerts


@dataclass(frozen=True, slots=True)
class Stage:
    """A pipeline stage: its name, what it needs and what it sets."""

    name: str
    requires: tuple[str, ...]
    produces: tuple[str, ...]


STAGES: list[Stage] = [
    Stage("ingest", (), ("document.text", "document.body")),
    Stage("extract", ("document.body",), ("entities", "claims")),
    Stage("screen", ("entities",), ("matches",)),
    Stage("store", ("document.text", "entities", "claims", "matches"), ()),
]


def check_stages(stages: list[Stage]) -> None:
    """Raise `ConfigError` when a stage needs something no earlier stage sets."""
    available: set[str] = set()
    for stage in stages:
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise ConfigError(f"stage {stage.name!r} needs {missing} before it runs")
        available.update(stage.produces)


check_stages(STAGES)


@dataclass(slots=True)
class Analyzer:
    """Holds the loaded models: the spaCy pipeline and, optionally, a list index."""

    nlp: Any
    index: NameIndex | None = None
    screen_cfg: ScreenConfig = field(default_factory=ScreenConfig)
    languages: LanguageModels = field(default_factory=LanguageModels)
    """The other languages' components (natasha for Russian), loaded when first needed."""
    claim_model: ClaimModel | None = field(default_factory=shipped_model)
    """Scores candidate claims (`load_claim_model`); None: the hand rules alone decide."""

    def analyse(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        """Extract (and screen, when lists are loaded) documents, batched through spaCy."""
        docs = [with_language(d) for d in documents]
        english = iter(self.nlp.pipe((d.body for d in docs if d.language == "en"), batch_size=16))
        for document in docs:
            if document.language == "en":
                extraction = extract_parsed(document, next(english), self.claim_model)
            else:
                extraction = extract_other(document, self.languages)
            if self.index is not None and len(self.index.records):
                extraction.matches = screen_entities(self.index, extraction, self.screen_cfg)
            yield extraction

    def analyse_one(self, document: Document, check: Callable[[], None]) -> Extraction:
        """One document, calling `check` before each spaCy component and each stage; it
        raises to stop the work (`POST /ingest`: a deadline, a client gone, a shutdown)."""
        document = with_language(document)
        check()
        if document.language == "en":
            doc = self.nlp.make_doc(document.body)
            for _, component in self.nlp.pipeline:
                check()
                doc = component(doc)
            check()
            extraction = extract_parsed(document, doc, self.claim_model)
        else:
            extraction = extract_other(document, self.languages)
        check()
        if self.index is not None and len(self.index.records):
            extraction.matches = screen_entities(self.index, extraction, self.screen_cfg)
        return extraction


MODELS_DIR = Path(__file__).resolve().parent / "data" / "models"
"""The trained extraction models shipped with the package (`make train` rebuilds them)."""


def models_dir(models: str | Path = "") -> Path:
    """The models folder: `models` when given (DOSSIER_MODELS), else the shipped one."""
    return Path(models) if str(models) else MODELS_DIR


def load_claim_model(models: str | Path = "") -> ClaimModel | None:
    """The claim model of the models folder (`models`, DOSSIER_MODELS), else the shipped one."""
    return load_model(models_dir(models))


def load_nlp(model: str, models: str | Path = "") -> Any:
    """Load a spaCy pipeline, with a clear error when it is not installed.

    When the models folder holds a trained entity recogniser (`ner/`, written by
    `make train`), it replaces the pipeline's own `ner`: the base pipeline keeps its
    tagger and parser (claims read the parse), and entities come from the model trained
    on the annotated reports. The recogniser carries its own token vectors, so it does
    not depend on the base pipeline's `tok2vec`.
    """
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ConfigError(
            f"spaCy model {model!r} is not installed; run `make install` or set DOSSIER_SPACY_MODEL"
        ) from err
    learned = models_dir(models) / "ner"
    if (learned / "config.cfg").is_file():
        try:
            source = spacy.load(learned)
        except (OSError, ValueError) as err:
            raise ConfigError(f"trained entity model {learned} cannot be loaded: {err}") from err
        if "ner" in nlp.pipe_names:
            # One recogniser only: it is the costliest component (its own token vectors),
            # and running the stock one beside it for its people gained 0.005 typed F1
            # over three folds for half again the parsing time.
            nlp.remove_pipe("ner")
        nlp.add_pipe("ner", source=source)
    elif str(models):
        raise ConfigError(f"no trained entity model in {learned.parent} (DOSSIER_MODELS)")
    return nlp


def screen_entities(
    index: NameIndex, extraction: Extraction, cfg: ScreenConfig
) -> dict[str, list[MatchResult]]:
    """Screen the people and organisations of one extraction."""
    results: dict[str, list[MatchResult]] = {}
    for entity in extraction.entities:
        if not entity.type.screenable:
            continue
        schema_cfg = ScreenConfig(cfg.threshold, cfg.limit, entity.type.list_schema)
        hits = [r for r in screen_name(index, entity.name, schema_cfg) if r.match]
        if hits:
            results[entity.name] = hits
    return results


def extract_paths(
    analyzer: Analyzer,
    paths: Iterable[str | Path],
    published: str | None = None,
    batch: int = 32,
    fetch: FetchOptions | None = None,
    defaults: Metadata | None = None,
    seen: Seen | None = None,
) -> Iterator[Extraction | SourceError]:
    """Read and extract every input, in order; unreadable inputs yield their error.
    `defaults` fill in the title, date, outlet and byline documents do not give."""
    pending: list[Document] = []
    for item in read_paths(paths, published, fetch, seen):
        if isinstance(item, SourceError):
            yield from analyse_guarded(analyzer, pending)
            pending = []
            yield item
            continue
        pending.append(with_defaults(item, defaults) if defaults else item)
        if len(pending) >= batch:
            yield from analyse_guarded(analyzer, pending)
            pending = []
    yield from analyse_guarded(analyzer, pending)


def analyse_guarded(
    analyzer: Analyzer, documents: list[Document]
) -> Iterator[Extraction | SourceError]:
    """`analyzer.analyse(documents)`, where a document the model cannot take (longer than
    spaCy's `max_length`) or whose analysis raises is that document's error: one such
    document once ended the whole run with a traceback (issue 20, like a bad redirect)."""
    limit = getattr(analyzer.nlp, "max_length", None)
    fit: list[Document] = []
    for document in documents:
        if isinstance(limit, int) and len(document.body) > limit:
            detail = f"text of {len(document.body)} characters; the model reads at most {limit}"
            yield SourceError(f"{detail}: split it", document.source or document.id)
        else:
            fit.append(document)
    done = 0
    try:
        for extraction in analyzer.analyse(fit):
            done += 1
            yield extraction
    except Exception:  # one document failed the batch: the rest, one at a time
        for document in fit[done:]:
            try:
                yield next(iter(analyzer.analyse([document])))
            except Exception as err:  # that document's error; the run goes on
                reason = f"cannot be analysed ({type(err).__name__}: {err})"
                yield SourceError(reason, document.source or document.id)


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did. Every input lands in exactly one count: `added` (a new
    story), `near_duplicates` (stored, linked to an earlier copy's story), `duplicates`
    (same body already stored; not stored again) or `failed` (one message in `errors`).
    """

    added: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Stored documents whose text is not their page's (a feed item's own text), and
    stored documents whose language dossier extracts no claims from."""
    languages: dict[str, int] = field(default_factory=dict)
    """Stored documents per detected language."""

    @property
    def failed(self) -> int:
        """Inputs that could not be read or analysed."""
        return len(self.errors)

    @property
    def stored(self) -> int:
        """Documents written by this run (new stories and near-duplicates)."""
        return self.added + self.near_duplicates

    @property
    def skipped(self) -> int:
        """Documents already stored (exact duplicates)."""
        return self.duplicates

    def record(self, store: Store, outcome: Extraction | SourceError) -> None:
        """Store one extraction, or store its error in `ingest_errors`; count either."""
        if isinstance(outcome, SourceError):
            failure = InputError.of(outcome, outcome.where)
            store.add_ingest_error(failure.source, failure.where, failure.reason)
            self.errors.append(outcome.detail)
            return
        try:
            stored = store.add_document(outcome)
        except DataError as err:  # a value this database refuses; the batch goes on
            where = outcome.document.source or outcome.document.id
            reason = str(err.orig).splitlines()[0] if err.orig else type(err).__name__
            self.record(store, SourceError(f"cannot be stored ({reason})", where))
            return
        if stored is not Stored.DUPLICATE:
            write_watch_alerts(store, stored_id(outcome.document))
            if outcome.document.text_source:
                self.notes.append(
                    f"{outcome.document.source}: from its {outcome.document.text_source}"
                )
            self._count_language(outcome)
        if stored is Stored.ADDED:
            self.added += 1
        elif stored is Stored.NEAR_DUPLICATE:
            self.near_duplicates += 1
        else:
            self.duplicates += 1

    def _count_language(self, outcome: Extraction) -> None:
        language = outcome.document.language
        self.languages[language] = self.languages.get(language, 0) + 1
        if not outcome.claims_extracted:
            where = outcome.document.source or outcome.document.id
            self.notes.append(f"{where}: {claims_note(language)}")

    def as_json(self) -> dict[str, Any]:
        """The report as `dossier ingest --json` prints it."""
        return {
            "added": self.added,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "failed": self.failed,
            "errors": list(self.errors),
            "notes": list(self.notes),
            "languages": dict(sorted(self.languages.items())),
        }


Progress = Callable[[IngestReport], None]
"""Called after each input is counted, with the report so far."""


def _no_progress(_: IngestReport) -> None:
    return None


def ingest_paths(
    store: Store,
    analyzer: Analyzer,
    paths: Iterable[str | Path],
    progress: Progress = _no_progress,
    fetch: FetchOptions | None = None,
    defaults: Metadata | None = None,
) -> IngestReport:
    """Read, extract, screen and store every input; each document in its own transaction,
    each failure as a row of `ingest_errors`. `defaults`: see `extract_paths`. Feed
    entries already stored (by guid or link) are skipped (`store.watch.stored_entry`)."""
    report = IngestReport()
    seen = partial(stored_entry, store)
    for item in extract_paths(analyzer, paths, fetch=fetch, defaults=defaults, seen=seen):
        report.record(store, item)
        progress(report)
    return report


@dataclass(slots=True)
class ListLoadReport:
    """What a list load did, per dataset, and the alerts it raised."""

    records: dict[str, int] = field(default_factory=dict)
    added: int = 0
    updated: int = 0
    removed: int = 0
    alerts: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The report as `dossier lists load --json` prints it."""
        return {
            "datasets": self.records,
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "alerts": self.alerts,
            "errors": self.errors,
        }


def load_lists(
    store: Store,
    paths: Iterable[str | Path],
    cfg: ScreenConfig | None = None,
    partial: bool | set[str] = False,
    replace: bool = False,
) -> ListLoadReport:
    """Load list files; each dataset read replaces its stored version, and stored
    entities are screened again, with an alert for every match that changed.

    A bad file or row is reported and the rest kept; a dataset with read errors, or named in
    `partial` (every dataset, when True), keeps the stored records its files did not have.
    A load that would remove most of a dataset raises `ShrinkRefused` unless `replace`.
    """
    report = ListLoadReport()
    records: dict[str, list[ListRecord]] = {}
    unsure: set[str] = set()
    for found in find_list_files(paths):
        if isinstance(found, SourceError):
            report.errors.append(found.detail)
            continue
        for item in found.load():
            if isinstance(item, SourceError):
                report.errors.append(item.detail)
                unsure.add(found.dataset or "*")
            else:
                records.setdefault(item.dataset, []).append(item)
    keep = set(records) if partial is True or "*" in unsure else unsure | (partial or set())
    result = reload_lists(store, records, keep, cfg or ScreenConfig(), replace)
    if not any(sync.changed for sync in result.syncs):
        store_index(store, compiled=False)  # (`reload_lists` rewrote it after a change)
    for sync in result.syncs:
        report.added += len(sync.added)
        report.updated += len(sync.updated)
        report.removed += len(sync.removed)
    report.records = {dataset: len(items) for dataset, items in records.items()}
    report.alerts = result.alerts
    return report


def build_store_index(store: Store) -> NameIndex:
    """The screening index of every list record in the store: the one `lists load`
    persisted when it is current, else built (and persisted)."""
    return store_index(store)
