"""The screening model's record-level and casing features (issue 16), pure, no lists."""

from __future__ import annotations

import pytest

from dossier.model import ListRecord
from dossier.screen.algorithms import compare_names
from dossier.screen.features import country_of
from dossier.screen.index import build_index
from dossier.screen.model import KnownBy, is_nickname, pair_features, rivals_of
from dossier.screen.names import name_tokens
from dossier.screen.screener import in_every_name


@pytest.mark.parametrize(
    ("schema", "alias", "primary", "expected"),
    [
        ("Person", "SANA", "ABD EL-RAHMAN, Suhayl Salim", True),  # a kunya's part
        ("Person", "LAVROV, Sergey", "Sergey Viktorovich LAVROV", False),  # a full alias
        ("Person", "Madonna", "Madonna", False),  # listed under one word
        ("Organization", "IRGC", "Islamic Revolutionary Guard Corps", False),  # an acronym
    ],
)
def test_is_nickname_person_one_word_alias(
    schema: str, alias: str, primary: str, expected: bool
) -> None:
    assert is_nickname(schema, name_tokens(alias), name_tokens(primary)) is expected


@pytest.mark.parametrize(
    ("query", "short"),
    [
        ("IRGC", 0.0),  # written in capitals: an acronym, its exact match is the name
        ("Irgc", 1.0),  # the same letters in a word's case: a short word, not the name
        ("IRG", 1.0),  # capitals, but not the same letters
    ],
)
def test_short_name_spares_exact_acronyms(query: str, short: float) -> None:
    scored = compare_names(query, "IRGC", schema="Organization")
    assert pair_features(scored, "Organization", listed=False)["short_name"] == short


def test_nickname_is_a_feature() -> None:
    scored = compare_names("Sana", "SANA", schema="Person")
    assert pair_features(scored, "Person", False, nickname=True)["person_nickname"] == 1.0
    assert pair_features(scored, "Person", False)["person_nickname"] == 0.0


@pytest.mark.parametrize(
    ("query", "name", "agrees"),
    [
        ("Russian Ministry of Defence", "Ministry of Defence of the Russian Federation", 1.0),
        ("Ministry of Defence", "Ministry of Defence of the Russian Federation", 0.0),
        ("Ukrainian Ministry of Defence", "Ministry of Defence of the Russian Federation", 0.0),
    ],
)
def test_country_agrees_when_both_names_name_it(query: str, name: str, agrees: float) -> None:
    scored = compare_names(query, name, schema="Organization")
    assert pair_features(scored, "Organization", listed=False)["country_agrees"] == agrees


@pytest.mark.parametrize(
    ("query", "name", "schema", "part"),
    [
        ("Turkik Union", "Turkik Union Dig Tech Transformation JSC", "Organization", "head"),
        ("Kupol", "JSC IEMZ Kupol", "Organization", "tail"),
        ("State Department", "State Security Department", "Organization", "inserted"),
        ("Dmitry Peskov", "Dmitry Sergeevich Peskov", "Person", None),  # a middle name
        ("Unimatik", "LLC Unimatik", "Organization", None),  # only a legal form left over
        ("Mahan Air", "Mahan Air", "Organization", None),
    ],
)
def test_part_of_a_longer_name(query: str, name: str, schema: str, part: str | None) -> None:
    """All of one name's words aligned with the other's leading words, its last words or,
    for organisations, its first and last with words between: each is a feature."""
    scored = compare_names(query, name, schema=schema)
    values = pair_features(scored, schema, listed=False)
    flags = {"head": "head_of_name", "tail": "tail_of_name", "inserted": "words_inserted"}
    assert {k for k, f in flags.items() if values[f]} == ({part} if part else set())


def test_one_word_near_spelling_is_its_own_feature_when_listed() -> None:
    scored = compare_names("Haftar", "Yaftar", schema="Organization")
    assert pair_features(scored, "Organization", listed=True)["listed_one_word_inexact"] == 1.0
    assert pair_features(scored, "Organization", listed=False)["listed_one_word_inexact"] == 0.0


def test_one_name_twice_in_one_list_is_no_rival() -> None:
    """One party under two programmes of one list (the same name) is not its own rival;
    another name of that list is; other lists never are."""
    found = [(0.92, "eu_fsf", "llc unimatik"), (0.92, "eu_fsf", "llc unimatik")]
    assert [r.rivals for r in rivals_of(found)] == [0, 0]
    found = [(0.92, "eu_fsf", "zvezda"), (0.91, "eu_fsf", "pjsc zvezda"), (0.92, "us", "x")]
    assert [r.rivals for r in rivals_of(found)] == [1, 1, 0]


@pytest.mark.parametrize(
    ("query", "name", "repeat"),
    [
        ("Abdul Karim Abdul Nasir", "Abdul Karim Yusuf Nasir", 1.0),  # the repeat faces Yusuf
        ("Omar Hadi Jamal", "Omar Omar Hadi Jamal", 0.0),  # nothing left for it to face
        ("Omar Hadi Jamal", "Omar Hadi Jamal", 0.0),
    ],
)
def test_a_repeated_word_against_another_word(query: str, name: str, repeat: float) -> None:
    """Words align once each: a repeat left over against a word of the other name says
    that word is a different name."""
    scored = compare_names(query, name, schema="Person")
    assert pair_features(scored, "Person", listed=False)["repeat_left_over"] == repeat


def test_weakest_aligned_word_counts_under_one_typo() -> None:
    """A word two or more edits from its partner counts against a match; one typo in a
    long word does not."""
    typo = compare_names("Pedro Gomes", "Pedro Gomez", schema="Person")
    changed = compare_names("Pedro Castelo", "Pedro Castellano", schema="Person")
    assert pair_features(typo, "Person", listed=False)["weakest_aligned"] == 0.0
    assert pair_features(changed, "Person", listed=False)["weakest_aligned"] < 0.0


@pytest.mark.parametrize(
    ("query", "name", "substituted"),
    [
        ("Volga Aviation Corporation", "Volga Aviation JSC", 1.0),  # one form for another
        ("Volga Aviation Corporation", "Volga Marine JSC", 0.0),  # a word substituted too
        ("Volga Aviation Corporation", "Volga Aviation", 0.0),  # one side keeps nothing
    ],
)
def test_legal_forms_substituted(query: str, name: str, substituted: float) -> None:
    """Names that differ only by their legal forms are one body's form written another
    way: flagged, and scored as an extra word, not as a substituted name."""
    scored = compare_names(query, name, schema="Organization")
    values = pair_features(scored, "Organization", listed=False)
    assert values["forms_substituted"] == substituted
    assert values["both_unaligned"] == float(name == "Volga Marine JSC")


def test_words_in_every_name_are_what_a_body_is_known_by() -> None:
    """A query whose words every name of an organisation's record carries names the
    body by its own words: it is no mere part of the matched name. One name of several
    carrying them, or a person's record, is still a part."""
    records = [
        ListRecord("eu", "1", "Organization", "JSC Volgoprom Plant Orlan", ("AO Orlan",)),
        ListRecord("eu", "2", "Organization", "Orlan Trading Ltd", ("Seabird Trading",)),
        ListRecord("eu", "3", "Person", "Orlan Petrov", ("Petrov Orlan Ivanovich",)),
        ListRecord("eu", "4", "Organization", "Orlan Press Union", ("Union of Orlan Press",)),
    ]
    index = build_index(records)
    first = {index.names[n][0]: n for n in range(len(index.names) - 1, -1, -1)}
    found = [in_every_name(index, first[r], "Orlan") for r in range(4)]
    # the plant's names share only "Orlan" but forms; the union's share "Press Union" too
    assert found == [KnownBy.SHARED_WORDS, KnownBy.PART, KnownBy.PART, KnownBy.EVERY_NAME]
    assert not in_every_name(index, first[0], "JSC Volgoprom Plant Orlan")  # the whole name
    scored = compare_names("Orlan", "JSC Volgoprom Plant Orlan", schema="Organization")
    part = pair_features(scored, "Organization", listed=False)
    known = pair_features(scored, "Organization", listed=False, in_every_name=KnownBy.EVERY_NAME)
    own = pair_features(scored, "Organization", listed=False, in_every_name=KnownBy.SHARED_WORDS)
    assert part["tail_of_name"] == 1.0
    assert known["tail_of_name"] == 0.0
    # a one-word query is the record's own name only where it is all its names share
    assert (part["one_word_query"], known["one_word_query"], own["one_word_query"]) == (
        1.0,
        1.0,
        0.0,
    )


@pytest.mark.parametrize(
    ("query", "name", "kinds"),
    [
        ("Volga Airlines", "Volga Air", 1.0),  # one kind written as another of its class
        ("Orlan Movement", "Orlan Group", 1.0),
        ("Volga Airlines", "Volga Group", 0.0),  # kinds of different classes
        ("Volga Airlines", "Volga Shipping", 0.0),  # a word of no class
    ],
)
def test_body_kinds_substituted(query: str, name: str, kinds: float) -> None:
    """A body's kind word written as another of its class is scored like a legal form:
    flagged, neither word left as one the other name lacks."""
    scored = compare_names(query, name, schema="Organization")
    values = pair_features(scored, "Organization", listed=False)
    assert values["kinds_substituted"] == kinds
    if kinds:
        assert values["query_unaligned"] + values["name_unaligned"] == 0.0
        assert scored.score > compare_names(query, "Volga Shipping", schema="Organization").score


def test_body_kinds_stay_words_for_people() -> None:
    """A person's name keeps every word: "Air" in it is no airline."""
    assert name_tokens("Volga Air") == ("volga", "air")
    scored = compare_names("Ivan Front", "Ivan Party", schema="Person")
    assert "kinds_substituted" not in scored.explanation["features"]  # type: ignore[operator]


@pytest.mark.parametrize(
    ("word", "country"),
    [("ukrainian", "ua"), ("russia", "ru"), ("global", None), ("de", None)],
)
def test_country_of_names_only_countries(word: str, country: str | None) -> None:
    """'Global' is rigour's pseudo-territory 'zz', a word of many bodies' names."""
    assert country_of(word) == country
