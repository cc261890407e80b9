"""Fuzz name normalisation and matching: any script, any punctuation.

Properties: tokens are non-empty casefolded words; scores are in [0, 1]; token
similarity is symmetric; a name matches itself fully.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dossier.screen.algorithms import compare_names
from dossier.screen.features import token_similarity
from dossier.screen.names import name_tokens, normalise_name, reorder_person
from tests.fuzz import BUDGET

FAST = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
PIECES = st.sampled_from(
    [
        "Qods",
        "Ghods",
        "Aviation",
        "Industries",
        "LLC",
        "OOO",
        "Limited Liability Company",
        "first",
        "1st",
        "3",
        "Al-",
        "Muhammad",
        "محمد",
        "Леонид",
        "金正恩",
        "김정은",
        "ヤマダ",
        "ß",
        "İ",
        "ﬁ",
        ",",
        ".",
        "'",
        "_",
        "\u200b",
        "\u0301",
        " ",
    ]
)
NAMES = st.one_of(st.text(max_size=30), st.lists(PIECES, max_size=8).map(" ".join))
SCHEMAS = st.sampled_from(["Any", "Person", "Organization", "Vessel"])


@settings(max_examples=BUDGET["name_tokens"], **FAST)
@given(NAMES)
def test_name_tokens_are_casefolded_words(name: str) -> None:
    tokens = name_tokens(name)
    assert all(t and t == t.casefold() and " " not in t for t in tokens)
    assert normalise_name(name) == " ".join(tokens)
    assert isinstance(reorder_person(name), str)


@settings(max_examples=BUDGET["name_scores"], **FAST)
@given(NAMES, NAMES, SCHEMAS, st.booleans())
def test_name_scores_are_in_unit_interval(a: str, b: str, schema: str, explain: bool) -> None:
    score = compare_names(a, b, schema=schema, explain=explain).score
    assert 0.0 <= score <= 1.0
    if name_tokens(a):
        assert compare_names(a, a, schema=schema).score == 1.0


TOKENS = st.one_of(
    st.text(min_size=1, max_size=12).map(lambda t: t.casefold()),
    st.sampled_from(["qods", "ghods", "industries", "industry", "1", "a", "yuriy", "yuri"]),
)


@settings(max_examples=BUDGET["token_similarity"], **FAST)
@given(TOKENS, TOKENS, st.booleans())
@example("abc", "xyz", False)  # once scored -0.1
def test_token_similarity_is_symmetric_and_bounded(a: str, b: str, skeletal: bool) -> None:
    forward = token_similarity(a, b, skeletal)
    assert 0.0 <= forward <= 1.0
    assert forward == token_similarity(b, a, skeletal)
