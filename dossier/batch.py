"""Batch runs over large corpora: extraction in-process or on a Ray Data actor pool.

    driver: read_paths → chunks of documents ─┐
    workers (ExtractWorker, one spaCy load each): extract + screen ─┐
    driver: store writes, batch by batch, each document in its own transaction

The driver owns the store, so a worker needs no database access and a crashed worker
loses no rows; re-running a batch is safe because every write is an insert-or-ignore.
Both modes run the same `ExtractWorker`, so `--ray` changes where the work runs, not
what it produces.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from dossier.exc import ConfigError, DossierError, SourceError
from dossier.ingest import read_paths
from dossier.model import Document, Extraction
from dossier.pipeline import (
    Analyzer,
    IngestReport,
    Progress,
    build_store_index,
    load_nlp,
)
from dossier.screen.index import NameIndex
from dossier.screen.screener import ScreenConfig
from dossier.store import Store

OBJECT_STORE_BYTES = 200 * 1024 * 1024
"""Object store of a local Ray: documents and extractions pass through it one chunk at a time."""

Outcome = Extraction | SourceError
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class BatchConfig:
    """How to run a batch: the models, and where the extraction runs."""

    model: str
    threshold: float = ScreenConfig().threshold
    """The screening model's match threshold, as in-process screening uses it."""
    use_ray: bool = False
    address: str | None = None
    """A running Ray cluster (`ray://...` or `host:port`); None starts a local one."""
    workers: int = 2
    """Actors in the pool, each holding one spaCy pipeline."""
    batch_size: int = 16
    """Documents per `map_batches` call (and per `nlp.pipe` batch)."""
    chunk: int = 20_000
    """Documents read into memory and sent to the pool at a time."""


class ExtractWorker:
    """Extracts and screens batches of documents; loads the spaCy pipeline once."""

    def __init__(self, model: str, index: Any, threshold: float) -> None:
        self.analyzer = Analyzer(load_nlp(model), _resolve(index), ScreenConfig(threshold))

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        """Ray Data entry point: a column of pickled documents → a column of outcomes."""
        documents = [pickle.loads(raw) for raw in batch["document"]]
        return {"outcome": [pickle.dumps(o) for o in self.run(documents)]}

    def run(self, documents: list[Document]) -> list[Outcome]:
        """Extract a batch; if it fails, retry one by one so only the bad document fails."""
        try:
            return list(self.analyzer.analyse(documents))
        except Exception:  # isolate the document that broke the batch
            return [self._one(document) for document in documents]

    def _one(self, document: Document) -> Outcome:
        try:
            return next(iter(self.analyzer.analyse([document])))
        except Exception as err:  # reported as that document's error
            where = document.source or document.id
            return SourceError(f"extraction failed ({type(err).__name__}: {err})", where)


def _resolve(index: Any) -> NameIndex | None:
    """The list index itself, fetching it from the Ray object store when given a reference."""
    if index is None or isinstance(index, NameIndex):
        return index
    import ray

    resolved = ray.get(index)
    assert isinstance(resolved, NameIndex)
    return resolved


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most `size` items."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_batch(
    store: Store,
    paths: Iterable[str | Path],
    cfg: BatchConfig,
    progress: Progress = lambda _: None,
) -> IngestReport:
    """Read, extract, screen and store a corpus; unreadable or failed documents are reported
    and stored in `ingest_errors`, as `dossier ingest` does."""
    index = build_store_index(store)
    extract = _ray_extractor(cfg, index) if cfg.use_ray else _local_extractor(cfg, index)
    report = IngestReport()
    for chunk in chunked(read_paths(paths), cfg.chunk):
        documents = [item for item in chunk if isinstance(item, Document)]
        for error in (item for item in chunk if isinstance(item, SourceError)):
            report.record(store, error)
            progress(report)
        for outcome in extract(documents):
            report.record(store, outcome)
            progress(report)
    return report


Extractor = Callable[[list[Document]], Iterator[Outcome]]


def _local_extractor(cfg: BatchConfig, index: NameIndex) -> Extractor:
    worker = ExtractWorker(cfg.model, index, cfg.threshold)

    def extract(documents: list[Document]) -> Iterator[Outcome]:
        for batch in chunked(documents, cfg.batch_size):
            yield from worker.run(batch)

    return extract


def _ray_extractor(cfg: BatchConfig, index: NameIndex) -> Extractor:
    ray = connect_ray(cfg.address, cfg.workers)
    # Built once on the driver and shared read-only by every actor.
    index_ref = ray.put(index)

    def extract(documents: list[Document]) -> Iterator[Outcome]:
        if not documents:
            return
        # Documents and extractions are nested dataclasses that Arrow cannot type, so
        # they cross the process boundary pickled.
        dataset = ray.data.from_items([{"document": pickle.dumps(d)} for d in documents])
        extracted = dataset.map_batches(
            ExtractWorker,
            batch_size=cfg.batch_size,
            compute=ray.data.ActorPoolStrategy(size=cfg.workers),
            num_cpus=1,
            fn_constructor_kwargs={
                "model": cfg.model,
                "index": index_ref,
                "threshold": cfg.threshold,
            },
        )
        try:
            for batch in extracted.iter_batches(batch_size=64, batch_format="numpy"):
                yield from (pickle.loads(raw) for raw in batch["outcome"])
        except ray.exceptions.RayError as err:
            raise DossierError(
                f"the Ray actor pool failed ({type(err).__name__}); documents stored so far "
                "are kept and re-running the batch skips them"
            ) from err

    return extract


def connect_ray(address: str | None, workers: int) -> Any:
    """Join the Ray cluster at `address`, or start a local one on 127.0.0.1 (no dashboard)."""
    try:
        import ray
        import ray.data
    except ImportError as err:
        raise ConfigError("Ray is not installed; run `pip install 'dossier[ray]'`") from err
    if not ray.is_initialized():
        quiet: dict[str, Any] = {"logging_level": logging.WARNING, "log_to_driver": False}
        if address:
            ray.init(address=address, **quiet)
        else:
            ray.init(
                num_cpus=max(workers, 1),
                include_dashboard=False,
                object_store_memory=OBJECT_STORE_BYTES,
                _node_ip_address="127.0.0.1",
                **quiet,
            )
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    # Stored order then follows input order, so near-duplicate links match `dossier ingest`.
    context.execution_options.preserve_order = True
    return ray
