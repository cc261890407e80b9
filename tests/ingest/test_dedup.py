"""Near duplicates: a syndicated copy joins the original's story, in memory and in SQLite."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from dossier.ingest.dedup import StoryIndex, signature, signature_bytes, signature_from_bytes
from dossier.model import Document, Extraction
from dossier.store import open_store

PARAGRAPHS = [
    f"Paragraph {i}: officials in {city} said the shipment of {n} drones left the port of "
    f"{port} on a chartered vessel, according to customs records reviewed by reporters."
    for i, (city, n, port) in enumerate(
        [
            ("Kyiv", 40, "Bandar Abbas"),
            ("Washington", 120, "Astrakhan"),
            ("Brussels", 300, "Makhachkala"),
            ("London", 18, "Novorossiysk"),
            ("Tehran", 75, "Anzali"),
            ("Berlin", 9, "Amirabad"),
            ("Paris", 210, "Olya"),
            ("Warsaw", 64, "Kaliningrad"),
        ]
    )
]


def _story(headline: str, paragraphs: list[str]) -> str:
    return "\n\n".join([headline, *paragraphs]) + "\n"


def _extraction(doc_id: str, text: str) -> Extraction:
    document = Document(id=doc_id, text=text, body_start=0, body_end=len(text))
    return Extraction(document=document, entities=[], claims=[])


ORIGINAL = _story("Iran ships drones to Russia", PARAGRAPHS)
SYNDICATED = _story("Drone shipments continue, officials say", PARAGRAPHS[:5] + PARAGRAPHS[6:])
INDEPENDENT = (
    "A separate report: the European Union adopted its ninth sanctions package on Friday, "
    "listing manufacturers of unmanned aerial vehicles and the ministers who approved exports. "
    "The measures freeze assets and ban travel for the people named in the annex."
)


def test_signature_roundtrip_keeps_estimate() -> None:
    minhash = signature(ORIGINAL)
    restored = signature_from_bytes(signature_bytes(minhash))
    assert restored.jaccard(minhash) == 1.0


def test_story_index_links_copy_not_independent_report() -> None:
    index = StoryIndex()
    index.add("a", signature(ORIGINAL), "a")
    assert index.find_story(signature(SYNDICATED)) == "a"
    assert index.find_story(signature(INDEPENDENT)) is None


def test_store_links_near_duplicate_across_runs(db_path: Path) -> None:
    store = open_store(str(db_path))
    assert store.add_extraction(_extraction("orig", ORIGINAL))
    assert store.add_extraction(_extraction("other", INDEPENDENT))
    # A fresh store on the same file must see the stored signatures.
    reopened = open_store(str(db_path))
    assert reopened.add_extraction(_extraction("copy", SYNDICATED))
    assert not reopened.add_extraction(_extraction("copy-again", SYNDICATED))
    with sqlite3.connect(db_path) as conn:
        rows = dict(conn.execute("SELECT external_id, story_id FROM documents").fetchall())
        ids = dict(conn.execute("SELECT external_id, id FROM documents").fetchall())
    assert rows["copy"] == ids["orig"]
    assert rows["orig"] == ids["orig"]
    assert rows["other"] == ids["other"]
    assert len(rows) == 3
