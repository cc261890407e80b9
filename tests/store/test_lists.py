"""Tables and search in the store, on SQLite and PostgreSQL: full text (FTS5 / tsvector),
LIKE wildcards taken literally, date periods, totals, and the review audit trail."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from dossier.store import open_store
from dossier.store import schema as t
from dossier.store.db import Store
from dossier.store.lists import ClaimFilter, DocumentFilter, EntityFilter
from dossier.store.paging import PageRequest, escape_like
from dossier.store.queries import entity_detail, page_claims, page_documents, page_entities
from dossier.store.review import decide_entity_matches, latest_decisions, undo_decision

SENTENCES = [
    ("c1", "Iran delivered drones to Russia in 2023.", "2023", "supply"),
    ("c2", "The drone was delivered through Елабуга, officials said.", "2023-05", "supply"),
    ("c3", "Prices rose 100% while 50_000 units were sold.", "2023-05-20", "other"),
    ("c4", "Moscow denied the accusations.", "2022-11", "denial"),
]


@pytest.fixture
def store(store_url: str) -> Store:
    store = open_store(store_url)
    with store.engine.begin() as conn:
        conn.execute(insert(t.documents), [_document("d1", "Drones over Kyiv"), _document("d2")])
        conn.execute(insert(t.entities), [_entity("e1", "Qods Aviation"), _entity("e2", "A%B")])
        conn.execute(insert(t.mentions), [_mention("m1", "e1"), _mention("m2", "e2")])
        conn.execute(insert(t.claims), [_claim(*row) for row in SENTENCES])
        conn.execute(insert(t.list_records), [_record("r1"), _record("r2")])
        conn.execute(insert(t.matches), [_match("x1", "r1"), _match("x2", "r2")])
    return store


def _document(doc_id: str, title: str | None = None) -> dict[str, object]:
    text = " ".join(s for _, s, _, _ in SENTENCES) if doc_id == "d1" else "Nothing here."
    return {
        "id": doc_id,
        "external_id": doc_id,
        "content_hash": doc_id * 8,
        "title": title,
        "published": "2023-01-01" if doc_id == "d1" else None,
        "language": "en",
        "text": text,
        "body_start": 0,
        "body_end": len(text),
        "source": "test",
        "ingested_at": f"2024-01-0{len(doc_id)}",
    }


def _entity(eid: str, name: str) -> dict[str, object]:
    return {"id": eid, "name": name, "type": "organization", "key": eid}


def _mention(mid: str, eid: str) -> dict[str, object]:
    m = {"id": mid, "document_id": "d1", "entity_id": eid, "start": 0, "end": 4, "text": "Iran"}
    return {**m, "type": "organization"}


def _claim(cid: str, text: str, date: str, predicate: str) -> dict[str, object]:
    return {
        "id": cid,
        "document_id": "d1",
        "subject": "Iran",
        "predicate": predicate,
        "date": date,
        "hedged": False,
        "evidence_text": text,
        "evidence_start": 0,
        "evidence_end": len(text),
    }


def _record(rid: str) -> dict[str, object]:
    return {
        "id": rid,
        "dataset": "us_ofac_sdn",
        "list_id": rid,
        "schema": "Organization",
        "name": "QODS AVIATION",
        "aliases": [],
        "programs": [],
        "source_row": "",
    }


def _match(mid: str, rid: str) -> dict[str, object]:
    return {
        "id": mid,
        "entity_id": "e1",
        "list_record_id": rid,
        "score": 0.9,
        "matched_name": "QODS AVIATION",
        "explanation": {},
    }


def _claim_ids(store: Store, f: ClaimFilter) -> list[str]:
    return sorted(c["id"] for c in page_claims(store, f, PageRequest(100)).items)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("drones delivered", ["c1", "c2"]),  # stemmed, every word required
        ("елабуга", ["c2"]),  # case folded in Cyrillic
        ("Moscow drones", []),
        ("%", ["c3"]),  # no word: a literal substring, not a wildcard
        ("_", ["c3"]),
    ],
)
def test_claim_text_search_is_full_text(store: Store, q: str, expected: list[str]) -> None:
    assert _claim_ids(store, ClaimFilter(text=q)) == expected


def test_like_wildcards_do_not_match_everything(store: Store) -> None:
    # Before issue 20's item 12a, '%' matched every entity and '_' every sentence.
    names = [e["name"] for e in page_entities(store, EntityFilter(q="%"), PageRequest()).items]
    assert names == ["A%B"]
    assert page_entities(store, EntityFilter(q="_"), PageRequest()).total == 0
    assert escape_like("50%_\\") == "50\\%\\_\\\\"


def test_document_search_reads_title_and_text(store: Store) -> None:
    found = page_documents(store, DocumentFilter(q="kyiv drones"), PageRequest())
    assert [d["id"] for d in found.items] == ["d1"]
    assert page_documents(store, DocumentFilter(q="Елабуга"), PageRequest()).total == 1


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        ("2023", "2023", ["c1", "c2", "c3"]),  # a year keeps the month and the day in it
        ("2023-05-10", None, ["c1", "c2", "c3"]),  # "2023" and "2023-05" overlap it
        ("2023-06", None, ["c1"]),
        (None, "2022-12-31", ["c4"]),
        ("2022-11-15", "2022-11-15", ["c4"]),
    ],
)
def test_date_filter_honours_precision(
    store: Store, date_from: str | None, date_to: str | None, expected: list[str]
) -> None:
    assert _claim_ids(store, ClaimFilter(date_from=date_from, date_to=date_to)) == expected


def test_pages_carry_the_total_and_sort(store: Store) -> None:
    first = page_claims(store, ClaimFilter(), PageRequest(limit=3, sort="-date"))
    rest = page_claims(store, ClaimFilter(), PageRequest(limit=3, offset=3, sort="-date"))
    assert first.total == rest.total == 4
    assert [c["date"] for c in first.items + rest.items] == [
        "2023-05-20",
        "2023-05",
        "2023",
        "2022-11",
    ]


def test_sorting_puts_the_undated_last(store: Store) -> None:
    for sort in ("published", "-published"):
        found = page_documents(store, DocumentFilter(), PageRequest(sort=sort)).items
        assert [d["published"] for d in found] == ["2023-01-01", None]


def test_bulk_reject_undo_and_audit(store: Store) -> None:
    assert page_entities(store, EntityFilter(sanctioned=True), PageRequest()).total == 1
    rows = decide_entity_matches(store, ["e1"], "reject", "a namesake", "ana")
    assert sorted(r["target_id"] for r in rows) == ["x1", "x2"]
    assert page_entities(store, EntityFilter(sanctioned=True), PageRequest()).total == 0
    rejected = entity_detail(store, "e1")["rejected"]
    assert [(r["decided_by"], r["note"]) for r in rejected] == [("ana", "a namesake")] * 2
    undone = undo_decision(store, rows[0]["id"], "ben")
    assert undone["undone_by"] == "ben"
    assert latest_decisions(store, "match", ["x1", "x2"]) == {rows[1]["target_id"]: "reject"}
    assert len(entity_detail(store, "e1")["rejected"]) == 1


def test_timeline_folds_copies_of_one_story() -> None:
    from dossier.store.timelines import fold_copies

    claim = {"subject_entity_id": "e1", "subject": "Iran", "predicate": "supply"}
    claim |= {"object": "Russia", "date": "2022-10"}
    copies = [
        {**claim, "id": "a", "document_id": "d1", "story_id": "d1"},
        {**claim, "id": "b", "document_id": "d2", "story_id": "d1"},  # syndicated copy
        {**claim, "id": "c", "document_id": "d3", "story_id": None},  # another story
    ]
    folded = fold_copies(copies)
    assert [(f["id"], f["copies"], f["documents"]) for f in folded] == [
        ("a", 2, ["d1", "d2"]),
        ("c", 1, ["d3"]),
    ]


def test_review_queue_rows_carry_the_sentence(store: Store) -> None:
    from dossier.store.queries import review_queue

    rows = review_queue(store)
    assert [r["id"] for r in rows] == ["x1", "x2"]
    sentence = rows[0]["sentence"]
    assert sentence["text"].startswith("Iran delivered drones")
    assert sentence["text"][sentence["mention_start"] : sentence["mention_end"]] == "Iran"
