"""The screening model's record-level and casing features (issue 16), pure, no lists."""

from __future__ import annotations

import pytest

from dossier.screen.algorithms import compare_names
from dossier.screen.model import is_nickname, pair_features
from dossier.screen.names import name_tokens


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
