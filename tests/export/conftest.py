"""A small store with a row in every table, built through the library (no spaCy).

Two short reports are stored with `Store.add_extraction`; list records with
`Store.add_list_records`; a match review with `record_decision`, a merge with
`merge_entities`, an alert with `write_alerts`, an ingest error with `add_ingest_error`,
feed state, watch-list and a login session with `dossier.store.watch` and `sessions`.
A claim review (no library writer takes claims yet) goes through `Store.insert_ignore`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dossier.lists.alert_rows import alert_row, write_alerts
from dossier.model import (
    Claim,
    Document,
    Entity,
    EntityType,
    Evidence,
    Extraction,
    ListRecord,
    MatchResult,
    Mention,
    Predicate,
    make_id,
)
from dossier.resolve.keys import entity_key
from dossier.store import Store
from dossier.store import schema as t
from dossier.store.merges import merge_entities
from dossier.store.queries import record_decision
from dossier.store.sessions import open_session
from dossier.store.watch import FeedState, add_watch, mark_item, save_feed_state

WHEN = "2026-11-26T10:00:00+00:00"

QODS = ListRecord(
    dataset="us_ofac_sdn",
    list_id="16418",
    schema="Organization",
    name="QODS AVIATION INDUSTRIES",
    aliases=("GHODS AVIATION INDUSTRIES",),
    programs=("NPWMD", "IFSR"),
    listed_on="2008-03-01",
    source_row="16418,QODS AVIATION INDUSTRIES,-0-",
)
OTHER = ListRecord("un_sc", "IRe.055", "Organization", "SHAHID BAKERI INDUSTRIAL GROUP")

TEXT_1 = (
    "Iran supplied Shahed-136 drones to Russia in 2022, officials said. "
    "Qods Aviation Industries built the drones."
)
TEXT_2 = "On 9 November 2022 the United States sanctioned QAI, the drone maker."


def _entity(name: str, etype: EntityType, text: str) -> Entity:
    start = text.index(name)
    return Entity(name, etype, [Mention(start, start + len(name), name, etype)])


def _claim(text: str, sentence: str, **fields: Any) -> Claim:
    start = text.index(sentence)
    return Claim(evidence=Evidence(sentence, start, start + len(sentence)), **fields)


def extractions() -> list[Extraction]:
    """Two documents with entities, claims and one list match."""
    doc1 = Document(
        "report-1",
        TEXT_1,
        title="Drones for Russia",
        url="https://news.example.org/drones",
        published="2022-11-01",
        body_end=len(TEXT_1),
        source="report-1.txt",
    )
    first = TEXT_1.split(", officials")[0] + ", officials said."
    one = Extraction(
        doc1,
        [
            _entity("Iran", EntityType.COUNTRY, TEXT_1),
            _entity("Russia", EntityType.COUNTRY, TEXT_1),
            _entity("Shahed-136", EntityType.WEAPON, TEXT_1),
            _entity("Qods Aviation Industries", EntityType.ORGANIZATION, TEXT_1),
        ],
        [
            _claim(
                TEXT_1, first, subject="Iran", predicate=Predicate.SUPPLY, object="Russia",
                item="Shahed-136", date="2022", attributed_to="officials",
            ),
            _claim(
                TEXT_1, "Qods Aviation Industries built the drones.",
                subject="Qods Aviation Industries", predicate=Predicate.PRODUCTION, object=None,
                item="drones",
            ),
        ],
    )  # fmt: skip
    explanation: dict[str, object] = {"matched_name": QODS.name, "features": {"joined": 1.0}}
    one.matches = {"Qods Aviation Industries": [MatchResult(QODS, 1.0, True, explanation)]}
    doc2 = Document("report-2", TEXT_2, published="2022-11-09", body_end=len(TEXT_2))
    two = Extraction(
        doc2,
        [
            _entity("United States", EntityType.COUNTRY, TEXT_2),
            _entity("QAI", EntityType.ORGANIZATION, TEXT_2),
        ],
        [
            _claim(
                TEXT_2, TEXT_2, subject="United States", predicate=Predicate.SANCTION,
                object="QAI", date="2022-11-09",
            ),
        ],
    )  # fmt: skip
    return [one, two]


def entity_id(name: str, etype: EntityType) -> str:
    return make_id("entity", etype.value, entity_key(name, etype))


def fill_store(store: Store) -> dict[str, str]:
    """Write a row into every table; returns a few ids the tests look for."""
    for extraction in extractions():
        assert store.add_extraction(extraction)
    store.add_list_records([QODS, OTHER])
    qods = entity_id("Qods Aviation Industries", EntityType.ORGANIZATION)
    qai = entity_id("QAI", EntityType.ORGANIZATION)
    assert qods != qai
    match_id = make_id(qods, QODS.id)
    record_decision(store, "match", match_id, "accept", note="same ent_num")
    with store.engine.begin() as conn:
        merge_entities(conn, qods, qai, note="OFAC lists QAI as an alias")
    write_alerts(store, [alert_row(qods, "us_ofac_sdn", "16418", "listed", {"score": 1.0}, WHEN)])
    store.add_ingest_error("broken.pdf", "broken.pdf", "not a text file")
    _watching(store)
    with store.engine.begin() as conn:
        _claim_review(store, conn)
    return {"qods": qods, "qai": qai, "match": match_id}


def _watching(store: Store) -> None:
    """A watched feed with one handled item, a watch-list entry and a login session."""
    feed = "https://example.org/feed.xml"
    save_feed_state(store, FeedState(feed, etag='"v1"', last_polled_at=WHEN))
    mark_item(store, feed, "item-1", None)
    add_watch(store, "Qods Aviation Industries")
    open_session(store, "mac-of-the-token", dt.timedelta(hours=1))


def _claim_review(store: Store, conn: Any) -> None:
    """A reviewer's decision on a claim (no library writer takes claims yet)."""
    claim = conn.execute(t.claims.select().where(t.claims.c.predicate == "sanction")).first()
    store.insert_ignore(conn, t.review_decisions, [{
        "id": make_id("review", "claim", claim.id), "target_type": "claim",
        "target_id": claim.id, "decision": "accept", "note": "checked the Treasury release",
        "decided_at": "2026-11-26T10:05:00.000001+00:00",
    }])  # fmt: skip
