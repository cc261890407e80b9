"""Groups follow cross-document merges: canonical entity = coalesce(merged_into, id)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from dossier import pipeline
from dossier.intel.groups import build_groups
from dossier.store import open_store
from dossier.store import schema as t

REPORTS = {
    "a.txt": "Paravar Pars supplied drones to Russia, officials said.\n",
    "b.txt": "Shahed Aviation Industries supplied drones to Russia, a report said.\n",
}


def test_groups_join_claims_of_merged_entities(store_url: str, tmp_path: Path, nlp: Any) -> None:
    for name, text in REPORTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    store = open_store(store_url)
    pipeline.ingest_paths(store, pipeline.Analyzer(nlp), [tmp_path / n for n in REPORTS])
    supply = [g for g in build_groups(store) if g["predicate"] == "supply"]
    assert len(supply) == 2, supply
    subjects = [g["subject_id"] for g in supply]
    with store.engine.begin() as conn:
        conn.execute(
            update(t.entities).where(t.entities.c.id == subjects[1]).values(merged_into=subjects[0])
        )
        assert conn.execute(select(t.entities.c.merged_into)).scalars().all()
    (merged,) = [g for g in build_groups(store) if g["predicate"] == "supply"]
    assert merged["documents"] == 2
    assert merged["independent_sources"] == 2
    (by_loser,) = build_groups(store, [subjects[1]])
    assert by_loser["id"] == merged["id"]
