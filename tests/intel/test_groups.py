"""Claim groups, source counting and contradictions over the real corpus (seeds + dev)."""

from __future__ import annotations

import json
from itertools import combinations
from typing import Any

import pytest
from sqlalchemy import select

from dossier.intel.compare import dates_compatible
from dossier.intel.groups import build_groups
from dossier.store import open_store
from dossier.store import schema as t

PLANT = ("yelabuga", "alabuga")


@pytest.fixture(scope="module")
def groups(intel_db: str) -> list[dict[str, Any]]:
    return build_groups(open_store(intel_db))


@pytest.fixture(scope="module")
def documents(intel_db: str) -> dict[str, dict[str, Any]]:
    """Stored documents by id: external id, story id and text."""
    d = t.documents.c
    with open_store(intel_db).engine.connect() as conn:
        rows = conn.execute(select(d.id, d.external_id, d.story_id, d.text))
        return {r.id: dict(r._mapping) for r in rows}


def doc_ids(group: dict[str, Any]) -> set[str]:
    return {m["document_id"] for m in group["members"]}


def seed_ids(documents: dict[str, dict[str, Any]], external: str) -> set[str]:
    return {k for k, d in documents.items() if d["external_id"].startswith(external)}


def test_groups_members_share_subject_predicate_and_compatible_dates(
    groups: list[dict[str, Any]],
) -> None:
    assert groups
    for group in groups:
        dates = [m["date"] for m in group["members"] if m["date"]]
        assert all(dates_compatible(a, b) for a, b in combinations(dates, 2)), group["id"]
        assert group["documents"] == len(doc_ids(group))
        assert 1 <= group["independent_sources"] <= group["documents"]
        assert group["echoes"] == group["documents"] - group["independent_sources"]


def test_groups_span_articles_about_the_yelabuga_plant(
    groups: list[dict[str, Any]], documents: dict[str, dict[str, Any]]
) -> None:
    plant_docs = {k for k, d in documents.items() if any(w in d["text"].lower() for w in PLANT)}
    spanning = [
        g
        for g in groups
        if g["predicate"] in ("production", "agreement", "supply", "admission")
        and doc_ids(g) & plant_docs
        and len({documents[i]["story_id"] for i in doc_ids(g)}) >= 2
    ]
    assert spanning, "no group joins a Yelabuga article to another story"


@pytest.mark.xfail(
    strict=False,
    reason="the plant articles' production candidates score at the claim model's threshold "
    "(0.19-0.22): retraining the claim model on unchanged dc9ea78 code moves the threshold "
    "0.20 -> 0.25 and drops them",
)
def test_a_yelabuga_article_makes_a_production_claim(
    groups: list[dict[str, Any]], documents: dict[str, dict[str, Any]]
) -> None:
    plant_docs = {k for k, d in documents.items() if any(w in d["text"].lower() for w in PLANT)}
    # the plant's production is itself a claim of a plant article (whether it also groups
    # across stories depends on both reports' production claims being extracted: seed
    # 000's, where the plant's country is named only as "the territory of the Russian
    # Federation", is missed by the claim model of 2 December)
    production = [g for g in groups if g["predicate"] == "production" and doc_ids(g) & plant_docs]
    assert production, "no production claim of the plant"


def test_syndicated_copy_is_an_echo_not_a_second_source(
    groups: list[dict[str, Any]], documents: dict[str, dict[str, Any]]
) -> None:
    (original,) = seed_ids(documents, "004_")
    (copy,) = seed_ids(documents, "copy_004")
    assert documents[copy]["story_id"] == documents[original]["story_id"]
    both = [g for g in groups if {original, copy} <= doc_ids(g)]
    assert len(both) >= 3
    for group in both:
        assert group["echoes"] >= 1
        others = doc_ids(group) - {copy}
        stories = {documents[i]["story_id"] for i in others}
        assert group["independent_sources"] <= len(stories)


def test_seed_004_russian_denial_contradicts_iranian_admission(
    groups: list[dict[str, Any]], documents: dict[str, dict[str, Any]]
) -> None:
    seed = seed_ids(documents, "004_")
    denials = [
        g
        for g in groups
        if g["predicate"] == "denial"
        and any(m["document_id"] in seed and "Russia" in g["subject"] for m in g["members"])
    ]
    assert denials
    assert all(g["contradiction"] for g in denials)
    sides = [
        (c["sides"][0], c["sides"][1])
        for g in denials
        for c in g["contradictions"]
        if c["kind"] == "denial"
    ]
    assert any(
        d["subject"] == "Russia"
        and d["document"].startswith("004_")
        and a["predicate"] == "admission"
        and a["subject"] == "Iran"
        for d, a in sides
    ), sides


def test_cli_claims_grouped_json(intel_db: str, run_cli: Any) -> None:
    result = run_cli("--db", intel_db, "claims", "--grouped", "--json", check=True)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines
    required = {"subject", "predicate", "object", "independent_sources", "echoes"}
    for group in lines:
        assert required | {"contradiction", "members"} <= group.keys()
        for member in group["members"]:
            assert {"document", "evidence", "attribution"} <= member.keys()
            assert member["evidence"]["text"]
    assert any(g["contradiction"] for g in lines)
    assert any(g["documents"] >= 2 for g in lines)


def test_cli_claims_grouped_filters_by_entity(intel_db: str, run_cli: Any) -> None:
    result = run_cli("--db", intel_db, "claims", "--grouped", "--entity", "Iran", "--json")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines
    assert all("Iran" in (g["subject"], g["object"]) for g in lines)
