"""Resolution in the store, on SQLite and PostgreSQL: names of one party in different
documents become one canonical entity, merges keep their reason, undo separates them.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from dossier import pipeline
from dossier.exc import InvalidInput, NotFoundError
from dossier.model import Document, Extraction
from dossier.store import Store, open_store
from dossier.store import schema as t
from dossier.store.merges import list_merges, merge_entities, undo_merge
from dossier.store.queries import (
    claim_graph,
    entity_detail,
    find_entity_id,
    list_claims,
    list_entities,
)

# Reports written for these tests: each names one party in a spelling the others do not.
REPORTS = {
    "qods": "Qods Aviation Industry supplied drones to Russia in 2022, officials said.",
    "ghods": "The United States sanctioned Ghods Aviation Industries on Tuesday.",
    "quds": "Quds Aviation Industries makes the Mohajer-6, according to the Treasury.",
    "alabuga": "Drones are assembled in Alabuga, in Tatarstan, the report said.",
    "yelabuga": "Workers in Yelabuga assemble drones for the army, the report said.",
    "cyrillic": "The plant in Елабуга assembles drones for Russia, Reuters reported.",
    "shahed": "Russia launched dozens of Shahed-136 drones at Kyiv overnight, officials said.",
    "geran": "The Russian army calls its drone the Geran-2, officials said on Friday.",
    "bagheri": "Mohammad Bagheri visited Moscow in March, the ministry said.",
    "baqeri": "Muhammad Baqeri met defence officials in Tehran, the agency said.",
    "john": "John Smith, a Treasury official, said the sanctions would continue.",
    "jane": "Jane Smith, a lawyer in London, said the case was closed.",
}


@pytest.fixture(scope="module")
def extractions(nlp: Any) -> list[Extraction]:
    analyzer = pipeline.Analyzer(nlp)
    docs = [Document(id=key, text=text, body_end=len(text)) for key, text in REPORTS.items()]
    return list(analyzer.analyse(docs))


@pytest.fixture
def store(store_url: str, extractions: list[Extraction]) -> Store:
    store = open_store(store_url)
    for extraction in extractions:
        assert store.add_extraction(extraction)
    return store


def _group(store: Store, name: str) -> dict[str, Any]:
    """The canonical entity (as `list_entities` shows it) that `name` belongs to."""
    return entity_detail(store, find_entity_id(store, name))


@pytest.mark.parametrize(
    "names",
    [
        ["Qods Aviation Industry", "Ghods Aviation Industries", "Quds Aviation Industries"],
        ["Alabuga", "Yelabuga", "Елабуга"],
        ["Shahed-136", "Geran-2"],
        ["Mohammad Bagheri", "Muhammad Baqeri"],
    ],
)
def test_names_in_different_documents_are_one_entity(store: Store, names: list[str]) -> None:
    ids = {_group(store, name)["id"] for name in names}
    assert len(ids) == 1
    listed = [e for e in list_entities(store, limit=1000) if e["id"] in ids]
    assert len(listed) == 1
    assert set(names) <= set(listed[0]["aliases"])
    assert listed[0]["documents"] == len(names)
    assert set(names) <= set(_group(store, names[0])["aliases"])


def test_similar_people_stay_apart(store: Store) -> None:
    assert _group(store, "John Smith")["id"] != _group(store, "Jane Smith")["id"]
    listed = {e["name"] for e in list_entities(store, etype="person", limit=1000)}
    assert {"John Smith", "Jane Smith"} <= listed


def test_merges_keep_their_reason(store: Store) -> None:
    with store.engine.connect() as conn:
        merges = list_merges(conn)
    reasons = {(m["loser"], m["reason"]["method"]) for m in merges}
    assert ("Ghods Aviation Industries", "alias table") in reasons
    assert ("Muhammad Baqeri", "name match") in reasons
    by_name = next(m for m in merges if m["reason"]["method"] == "name match")
    assert by_name["score"] >= 0.8
    assert "features" in by_name["reason"]["explanation"]
    detail = _group(store, "Muhammad Baqeri")
    assert by_name["id"] in {m["id"] for m in detail["merges"]}


def test_undo_separates_and_sticks(store: Store, nlp: Any) -> None:
    with store.engine.connect() as conn:
        merge = next(m for m in list_merges(conn) if m["loser"] == "Yelabuga")
    with store.engine.begin() as conn:
        undone = undo_merge(conn, merge["id"])
    assert undone["undone_at"]
    assert _group(store, "Yelabuga")["id"] != _group(store, "Alabuga")["id"]
    assert "Yelabuga" not in _group(store, "Alabuga")["aliases"]
    with store.engine.begin() as conn, pytest.raises(InvalidInput, match="already undone"):
        undo_merge(conn, merge["id"])
    with store.engine.begin() as conn, pytest.raises(NotFoundError):
        undo_merge(conn, "no-such-merge")
    text = "Another plant in Yelabuga builds drones, the report said."
    more = Document(id="again", text=text, body_end=len(text))
    store.add_extraction(next(pipeline.Analyzer(nlp).analyse([more])))
    assert _group(store, "Yelabuga")["id"] != _group(store, "Alabuga")["id"]


def test_manual_merge_folds_groups_and_undo_restores_them(store: Store) -> None:
    qods = _group(store, "Qods Aviation Industry")["id"]
    ghods = find_entity_id(store, "Ghods Aviation Industries")
    shahed = _group(store, "Shahed-136")["id"]
    with store.engine.begin() as conn:
        merge_id = merge_entities(conn, shahed, qods, "test: one group into another")
    assert _group(store, "Ghods Aviation Industries")["id"] == shahed
    with store.engine.begin() as conn, pytest.raises(InvalidInput, match="already one entity"):
        merge_entities(conn, shahed, ghods, "again")
    with store.engine.begin() as conn:
        undo_merge(conn, merge_id)
    assert _group(store, "Ghods Aviation Industries")["id"] == qods
    assert _group(store, "Shahed-136")["id"] == shahed


def test_claims_and_graph_name_canonical_entities(store: Store) -> None:
    root = _group(store, "Qods Aviation Industry")["id"]
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.claims.c.subject_entity_id, t.claims.c.object_entity_id))
        raw = {entity_id for row in rows for entity_id in row}
    claims = list_claims(store, entity_id=root)
    assert {c["subject"] for c in claims} >= {"Qods Aviation Industry"}
    assert {c["object"] for c in claims} >= {"Ghods Aviation Industries"}
    assert {c["subject_entity_id"] for c in claims} >= {root}
    assert {c["object_entity_id"] for c in claims} >= {root}
    ends = {c[k] for c in list_claims(store) for k in ("subject_entity_id", "object_entity_id")}
    merged = {r for r in raw if r and _group_id(store, r) != r}
    assert not ends & merged
    nodes = {n["id"] for n in claim_graph(store)["nodes"]}
    assert not nodes & merged


def _group_id(store: Store, entity_id: str) -> str:
    with store.engine.connect() as conn:
        row = conn.execute(select(t.entities.c.merged_into).where(t.entities.c.id == entity_id))
        return row.scalar_one() or entity_id


def test_reingest_adds_nothing(store: Store, extractions: list[Extraction]) -> None:
    before = store.counts()
    with store.engine.connect() as conn:
        merges = conn.execute(select(func.count()).select_from(t.entity_merges)).scalar_one()
    assert not any(store.add_extraction(e) for e in extractions)
    assert store.counts() == before
    with store.engine.connect() as conn:
        after = conn.execute(select(func.count()).select_from(t.entity_merges)).scalar_one()
    assert after == merges > 0


def test_resolution_does_not_depend_on_document_order(
    store: Store, extractions: list[Extraction], tmp_path: Any
) -> None:
    reverse = open_store(str(tmp_path / "reverse.db"))
    for extraction in reversed(extractions):
        reverse.add_extraction(extraction)
    for s in (store, reverse):
        groups = {frozenset(e["aliases"]) for e in list_entities(s, limit=1000)}
        assert frozenset({"Shahed-136", "Geran-2"}) in groups
        assert any({"Alabuga", "Yelabuga", "Елабуга"} <= g for g in groups)
