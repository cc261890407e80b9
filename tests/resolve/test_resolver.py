"""The pure resolver: alias table, token agreement, merge choice and blocking probes."""

from __future__ import annotations

import pytest

from dossier.exc import InvalidInput
from dossier.model import EntityType
from dossier.resolve.aliases import load_aliases, parse_rows
from dossier.resolve.blocking import alias_keys, probes, token_probes
from dossier.resolve.keys import entity_key, token_key
from dossier.resolve.resolver import Candidate, Resolver, choose_merge, tokens_agree

ORG, PERSON, WEAPON, LOC = (
    EntityType.ORGANIZATION,
    EntityType.PERSON,
    EntityType.WEAPON,
    EntityType.LOCATION,
)


@pytest.mark.parametrize(
    ("name", "etype", "canonical"),
    [
        ("Geran-2", WEAPON, "Shahed-136"),
        ("Герань-2", WEAPON, "Shahed-136"),
        ("Geran 1", WEAPON, "Shahed-131"),
        ("شاهد ۱۳۶", WEAPON, "Shahed-136"),
        ("Елабуга", LOC, "Alabuga Special Economic Zone"),
        ("Yelabuga", ORG, "Alabuga Special Economic Zone"),
        ("Ghods Aviation Industries", ORG, "Qods Aviation Industries"),
        ("صنایع هوایی قدس", ORG, "Qods Aviation Industries"),
        ("Kiev", LOC, "Kyiv"),
    ],
)
def test_alias_table_finds_names_in_any_script(
    name: str, etype: EntityType, canonical: str
) -> None:
    row = load_aliases().lookup(name, etype)
    assert row is not None
    assert row.canonical == canonical


def test_alias_rows_apply_only_to_their_types() -> None:
    assert load_aliases().lookup("Geran-2", ORG) is None
    assert load_aliases().lookup("Yelabuga", PERSON) is None


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["name,alias", "a,b"], "header"),
        (["canonical,type,alias", "Shahed-136,weapon"], "three non-empty cells"),
        (["canonical,type,alias", "Shahed-136,drone,Geran-2"], "unknown entity type"),
    ],
)
def test_a_bad_alias_file_is_our_error(lines: list[str], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_rows(lines, "aliases.csv")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Qods Aviation Industry", "Ghods Aviation Industries"),
        ("Mohammad Bagheri", "Muhammad Baqeri"),
        ("Qasem Soleimani", "Ghassem Suleimani"),
        ("Sergei Ivanov", "Sergey Ivanov"),
        ("Alabuga SEZ", "Alabuga Special Economic Zone"),
        ("قدس", "Qods"),
    ],
)
def test_spelling_variants_agree(a: str, b: str) -> None:
    assert tokens_agree(a, b)
    assert tokens_agree(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("John Smith", "Jane Smith"),
        ("Mark Smith", "Mary Smith"),
        ("Robert Malley", "Robert Mallet"),
        ("Dan Smith", "Don Smith"),
        ("Iran Aircraft Manufacturing Industrial Company", "Iran Aircraft Industries"),
        ("Ali Khamenei", "Ali Akbar Khamenei"),
    ],
)
def test_different_names_do_not_agree(a: str, b: str) -> None:
    assert not tokens_agree(a, b)


def _candidate(entity_id: str, name: str, etype: EntityType, root: str = "") -> Candidate:
    return Candidate(entity_id, root or entity_id, name, etype)


def test_alias_table_merges_into_the_canonical_of_the_group() -> None:
    known = [
        _candidate("e1", "Shahed-136", WEAPON),
        _candidate("e2", "Shahed-129", WEAPON),
        _candidate("e3", "Geran-1", WEAPON),
    ]
    merge = choose_merge("Geran-2", WEAPON, known)
    assert merge is not None
    assert merge.winner_id == "e1"
    assert merge.reason["method"] == "alias table"
    assert merge.reason["row"] == {
        "canonical": "Shahed-136",
        "type": "weapon",
        "alias": "Geran-2",
        "line": 2,
    }


def test_alias_table_crosses_organisation_and_location_where_the_row_says_so() -> None:
    known = [_candidate("loc", "Alabuga", LOC), _candidate("other", "Tatarstan", LOC)]
    merge = choose_merge("Елабуга", ORG, known)
    assert merge is not None
    assert merge.winner_id == "loc"


def test_name_match_merges_into_the_root_of_the_best_candidate() -> None:
    known = [
        _candidate("a", "Mohammad Baqeri", PERSON, root="root"),
        _candidate("b", "Mohammad Hosseini", PERSON),
    ]
    merge = choose_merge("Muhammad Bagheri", PERSON, known)
    assert merge is not None
    assert merge.winner_id == "root"
    assert merge.reason["method"] == "name match"
    assert merge.reason["names"] == ["Muhammad Bagheri", "Mohammad Baqeri"]
    assert merge.score >= 0.8


def test_no_merge_across_types_or_for_similar_people() -> None:
    assert choose_merge("Jane Smith", PERSON, [_candidate("a", "John Smith", PERSON)]) is None
    assert choose_merge("Qods Aviation", PERSON, [_candidate("a", "Qods Aviation", ORG)]) is None
    assert choose_merge("Shahed-129", WEAPON, [_candidate("a", "Shahed-136", WEAPON)]) is None


def test_choice_does_not_depend_on_candidate_order() -> None:
    known = [
        _candidate("z", "Ghods Aviation Industry", ORG),
        _candidate("a", "Quds Aviation Industries", ORG),
    ]
    first = choose_merge("Qods Aviation Industries", ORG, known)
    second = choose_merge("Qods Aviation Industries", ORG, list(reversed(known)))
    assert first is not None
    assert first == second


def test_people_keys_keep_vowels_and_fold_romanisation() -> None:
    assert entity_key("John Smith", PERSON) != entity_key("Jane Smith", PERSON)
    assert entity_key("Ghassem Damavandian", PERSON) == entity_key("Damavandian Qasem", PERSON)


@pytest.mark.parametrize(
    ("new", "stored", "etype"),
    [
        ("Ghods Aviation", "Qods Aviation Industries", ORG),
        ("Muhammad Baqeri", "Bagheri Mohammad", PERSON),
        ("Geran-2", "Shahed-136", WEAPON),
        ("Елабуга", "Alabuga", LOC),
    ],
)
def test_probes_reach_the_stored_key(new: str, stored: str, etype: EntityType) -> None:
    key = entity_key(stored, etype)
    assert any(p.hits(etype.value, key) for p in probes(new, etype, load_aliases()))


def test_probes_reach_person_keys_of_older_stores() -> None:
    legacy = "p:" + " ".join(sorted(token_key(t) for t in ("bagheri", "mohammad")))
    assert any(p.hits("person", legacy) for p in token_probes("Muhammad Bagheri", PERSON))


def test_probes_stay_narrow() -> None:
    found = token_probes("Kara Aviation", ORG)
    assert not any(p.hits("organization", entity_key("Karabakh Aviation", ORG)) for p in found)
    assert not any(p.hits("person", entity_key("Kara Aviation", PERSON)) for p in found)
    assert token_probes("Shahed-136", WEAPON) == []


def test_alias_keys_cover_every_name_of_the_group() -> None:
    keys = alias_keys("Geran-2", WEAPON, load_aliases())
    assert ("weapon", entity_key("Shahed-136", WEAPON)) in keys
    assert ("weapon", entity_key("Герань-2", WEAPON)) in keys
    assert alias_keys("Rheinmetall", ORG, load_aliases()) == []


def test_in_memory_resolver() -> None:
    resolver = Resolver()
    first = resolver.resolve("Qods Aviation Industries", ORG)
    assert resolver.resolve("Ghods Aviation Industries", ORG) == first
    assert resolver.resolve("Shahed Aviation Industries", ORG) != first
    assert resolver.resolve("Jane Smith", PERSON) != resolver.resolve("John Smith", PERSON)
