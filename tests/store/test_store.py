"""The store on SQLite and PostgreSQL: idempotent writes, counts, list records, stable ids."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from dossier import pipeline
from dossier.model import Extraction
from dossier.store import Store, open_store
from dossier.store import schema as t

OFAC = Path(__file__).resolve().parents[2] / "dossier" / "data" / "lists" / "us_ofac"


@pytest.fixture(scope="module")
def extractions(nlp: Any, shared: Path) -> list[Extraction]:
    """The seed reports, extracted once for the module."""
    analyzer = pipeline.Analyzer(nlp)
    found = list(pipeline.extract_paths(analyzer, [shared / "corpus"]))
    assert all(isinstance(e, Extraction) for e in found)
    return [e for e in found if isinstance(e, Extraction)]


@pytest.fixture
def store(store_url: str) -> Store:
    return open_store(store_url)


def _ids(store: Store) -> dict[str, set[str]]:
    with store.engine.connect() as conn:
        return {
            name: set(conn.execute(select(table.c.id)).scalars())
            for name, table in pipeline_tables().items()
        }


def pipeline_tables() -> dict[str, Any]:
    return {"documents": t.documents, "entities": t.entities, "claims": t.claims}


def test_same_extraction_twice_adds_no_rows(store: Store, extractions: list[Extraction]) -> None:
    assert all(store.add_extraction(e) for e in extractions)
    first = store.counts()
    assert not any(store.add_extraction(e) for e in extractions)
    assert store.counts() == first


def test_counts_follow_what_was_written(store: Store, extractions: list[Extraction]) -> None:
    assert set(store.counts().values()) == {0}
    for extraction in extractions:
        store.add_extraction(extraction)
    counts = store.counts()
    assert counts["documents"] == len(extractions)
    assert counts["claims"] == sum(len(e.claims) for e in extractions)
    names = {(e.type, e.name) for x in extractions for e in x.entities}
    assert 0 < counts["entities"] <= len(names)
    assert counts["mentions"] == sum(len(e.mentions) for x in extractions for e in x.entities)


def test_entities_shared_by_documents_are_stored_once(
    store: Store, extractions: list[Extraction]
) -> None:
    for extraction in extractions:
        store.add_extraction(extraction)
    with store.engine.connect() as conn:
        keys = conn.execute(select(t.entities.c.type, t.entities.c.key)).all()
    assert len(keys) == len(set(keys))


def test_ids_do_not_depend_on_the_backend_or_the_run(
    store: Store, extractions: list[Extraction], tmp_path: Path
) -> None:
    reference = open_store(str(tmp_path / "reference.db"))
    for extraction in extractions:
        store.add_extraction(extraction)
    for extraction in reversed(extractions):
        reference.add_extraction(extraction)
    assert _ids(store) == _ids(reference)
    assert all(_ids(store).values())


def test_list_records_load_once(store: Store) -> None:
    report = pipeline.load_lists(store, [OFAC])
    assert report.errors == []
    assert report.added > 0
    assert store.counts()["list_records"] == report.added
    again = pipeline.load_lists(store, [OFAC])
    assert again.added == 0
    assert store.counts()["list_records"] == report.added


def test_list_records_round_trip(store: Store) -> None:
    pipeline.load_lists(store, [OFAC])
    records = list(store.iter_list_records())
    assert len({r.id for r in records}) == len(records)
    assert any(r.aliases for r in records)
    index = pipeline.build_store_index(store)
    assert len(index.records) == len(records)
