"""Source counting and grouping on hand-made claim records (no store)."""

from __future__ import annotations

from typing import Any

import pytest

from dossier.intel.groups import cluster_claims, group_dict
from dossier.intel.records import ClaimRecord, attribution_key

MENTIONS = [
    ("The Wall Street Journal", "e-wsj"),
    ("WSJ", "e-wsj"),
    ("US", "e-us"),
    ("John Kirby", "e-kirby"),
    ("Kirby", "e-kirby"),
]


def claim(doc: str, **fields: Any) -> ClaimRecord:
    """A supply claim Iran → Russia in document `doc`, with fields overridden."""
    base: dict[str, Any] = {
        "id": f"c-{doc}-{fields.get('start', 0)}",
        "document_id": doc,
        "document": doc,
        "title": None,
        "url": None,
        "published": None,
        "story_id": doc,
        "subject": "Iran",
        "subject_id": "e-iran",
        "predicate": "supply",
        "object": "Russia",
        "object_id": "e-russia",
        "item": "drones",
        "date": None,
        "quantity": None,
        "attributed_to": None,
        "source_key": None,
        "hedged": False,
        "evidence": "Iran supplied drones to Russia.",
        "start": 0,
        "end": 31,
    }
    return ClaimRecord(**{**base, **fields})


@pytest.mark.parametrize(
    ("attribution", "key"),
    [
        ("the WSJ", "e-wsj"),
        ("The Wall Street Journal.", "e-wsj"),
        ("National Security Council spokesperson John Kirby", "e-kirby"),
        ("US officials", None),
        ("officials", None),
        (None, None),
    ],
)
def test_attribution_key_names_only_named_sources(attribution: str | None, key: str | None) -> None:
    assert attribution_key(attribution, MENTIONS) == key


def test_copies_of_one_story_are_echoes() -> None:
    (group,) = cluster_claims(
        [claim("a"), claim("b", story_id="a"), claim("c", story_id="a"), claim("d")]
    )
    assert (group.independent_sources, group.echoes) == (2, 2)


def test_same_original_source_counts_once() -> None:
    records = [
        claim("a", source_key="e-wsj"),
        claim("b", source_key="e-wsj"),
        claim("c", source_key="e-kirby"),
        claim("d"),
    ]
    (group,) = cluster_claims(records)
    assert (group.independent_sources, group.echoes) == (3, 1)


def test_incompatible_dates_and_items_split_groups() -> None:
    records = [
        claim("a", date="2022-08"),
        claim("b", date="2022-08-19"),
        claim("c", date="2022-10"),
        claim("d", item="Fateh-110 missiles"),
    ]
    groups = cluster_claims(records)
    assert sorted(len(g.members) for g in groups) == [1, 1, 2]


def test_claim_without_object_joins_the_widest_group() -> None:
    records = [
        claim("a"),
        claim("b"),
        claim("c", object="Belarus", object_id="e-belarus"),
        claim("d", object=None, object_id=None),
    ]
    groups = {g.object_key: g for g in cluster_claims(records)}
    assert set(groups) == {"e-russia", "e-belarus"}
    assert [m.document_id for m in groups["e-russia"].members] == ["a", "b", "d"]


def test_symmetric_claims_group_either_way_round() -> None:
    records = [
        claim("a", predicate="agreement"),
        claim(
            "b",
            predicate="agreement",
            subject="Russia",
            subject_id="e-russia",
            object="Iran",
            object_id="e-iran",
        ),
        claim("c", predicate="supply", subject_id="e-russia", object_id="e-iran"),
    ]
    groups = cluster_claims(records)
    (agreement,) = [g for g in groups if g.predicate == "agreement"]
    assert len(agreement.documents) == 2
    assert len(groups) == 3 - 1
    as_json = group_dict(agreement)
    assert {as_json["subject"], as_json["object"]} == {"Iran", "Russia"}
    assert {as_json["subject_id"], as_json["object_id"]} == {"e-iran", "e-russia"}
