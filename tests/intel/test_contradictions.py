"""Contradictions on hand-made claim records (no store): counts, dates and denials."""

from __future__ import annotations

from dossier.intel.contradictions import mark_contradictions
from dossier.intel.groups import ClaimGroup, cluster_claims
from dossier.intel.records import ClaimRecord
from tests.intel.test_sources import claim


def flagged(records: list[ClaimRecord]) -> list[ClaimGroup]:
    groups = cluster_claims(records)
    mark_contradictions(groups)
    return groups


def kinds(groups: list[ClaimGroup]) -> set[str]:
    return {c["kind"] for g in groups for c in g.contradictions}


def test_counts_that_cannot_both_hold_conflict_across_stories() -> None:
    groups = flagged([claim("a", quantity="400+"), claim("b", quantity="6")])
    assert kinds(groups) == {"quantity"}
    (entry,) = groups[0].contradictions
    assert {s["document"] for s in entry["sides"]} == {"a", "b"}


def test_counts_in_one_story_or_model_numbers_do_not_conflict() -> None:
    same_story = [claim("a", quantity="400+"), claim("b", quantity="6", story_id="a")]
    model = [claim("a", quantity="400+"), claim("b", quantity="136", item="Shahed-136")]
    assert kinds(flagged(same_story)) == set()
    assert kinds(flagged(model)) == set()


def test_dates_that_differ_conflict_between_groups() -> None:
    groups = flagged([claim("a", date="2022-08"), claim("b", date="2022-10-02")])
    assert len(groups) == 2
    assert all(g.contradictions[0]["kind"] == "date" for g in groups)


def test_bare_denial_answers_the_accusation_before_it() -> None:
    accusation = claim(
        "seed",
        subject="Russia",
        subject_id="e-russia",
        predicate="use_in_attack",
        object=None,
        object_id=None,
        item="Shahed-136",
        start=0,
        end=80,
    )
    denial = claim(
        "seed",
        subject="Russia",
        subject_id="e-russia",
        predicate="denial",
        object=None,
        object_id=None,
        item=None,
        evidence="The Russian side officially denies these accusations.",
        start=81,
        end=134,
    )
    admission = claim("seed", predicate="admission", start=200, end=250)
    groups = flagged([accusation, denial, admission])
    (denials,) = [g for g in groups if g.predicate == "denial"]
    sides = {(c["sides"][1]["subject"], c["sides"][1]["predicate"]) for c in denials.contradictions}
    assert sides == {("Russia", "use_in_attack"), ("Iran", "admission")}


def test_denial_of_one_item_does_not_contradict_another() -> None:
    denial = claim(
        "a",
        predicate="denial",
        item="missiles",
        evidence="Iran denies supplying missiles to Russia.",
    )
    groups = flagged([denial, claim("b", predicate="admission", item="drones")])
    assert kinds(groups) == set()
    assert kinds(flagged([denial, claim("b", predicate="supply", item="Fateh-110")])) == {"denial"}
