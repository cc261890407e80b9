"""`dossier demo`: the whole pipeline on the example reports and the bundled OFAC extract."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from dossier import pipeline
from dossier.screen.screener import ScreenConfig
from dossier.store import Store


def data_path(*parts: str) -> Path:
    """Path of a file shipped in `dossier/data`."""
    return Path(str(files("dossier").joinpath("data", *parts)))


def run_demo(
    store: Store, spacy_model: str, threshold: float
) -> tuple[pipeline.ListLoadReport, pipeline.IngestReport]:
    """Load the bundled lists, then ingest the bundled example reports."""
    lists = pipeline.load_lists(store, [data_path("lists")])
    analyzer = pipeline.Analyzer(
        pipeline.load_nlp(spacy_model),
        pipeline.build_store_index(store),
        ScreenConfig(threshold=threshold),
    )
    ingested = pipeline.ingest_paths(store, analyzer, [data_path("examples")])
    return lists, ingested
