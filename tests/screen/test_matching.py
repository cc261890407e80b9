"""Name comparison tables, properties, and screening against the real lists."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.screen.algorithms import MATCH_CUT, compare_names
from dossier.screen.index import NameIndex
from dossier.screen.screener import ScreenConfig, screen_name


@pytest.mark.parametrize(
    ("a", "b", "schema"),
    [
        ("Quds Aviation Industry", "Qods Aviation Industries", "Organization"),
        ("Ghods Aviation Industries", "QODS AVIATION INDUSTRIES", "Organization"),
        ("Damavandian Ghassem", "DAMAVANDIAN, Ghassem", "Person"),
        ("Владимир Путин", "Vladimir Putin", "Person"),
        ("محمد علي", "Mohamed Ali", "Person"),
        ("Open Joint Stock Company Gazprom", "OAO Gazprom", "Organization"),
        ("PolPot", "Pol Pot", "Person"),
        ("习近平", "Xi Jinping", "Person"),
        ("Paravar Pars Company", "Paravar Pars", "Organization"),
        ("2nd National Rifle Works", "Second National Rifle Works", "Organization"),
        ("Kestrel Natl Shipyards", "Kestrel National Shipyard", "Organization"),
        ("UK Office of Export Control", "United Kingdom Office of Export Control", "Organization"),
        ("박봉주", "Pak Pong Ju", "Person"),  # Hangul, one word per syllable
        ("יצחק רבין", "Yitzhak Rabin", "Person"),  # Hebrew, consonants only
        ("عبد الرحمن", "Abdulrahman", "Person"),  # Arabic, written as one word in Latin
        ("Abd al-Rahman Yasin", "Abdul Rahman Yasin", "Person"),
        ("Brigade Thirty-Two", "Brigade 32", "Organization"),
        ("Aleksandr Lukashenka", "AleksandrLukashenko", "Person"),  # joined, one typo
        ("Rostec Aktiengesellschaft", "Rostec AG", "Organization"),  # legal forms (rigour)
        ("Ali Khamenei", "Ali Khamenei/Supreme Leader", "Person"),  # alternatives
        ("Kim Jong Un", "Kim Jong-on", "Person"),  # one typo in a syllable
        ("President Vladimir Putin", "Vladimir Putin", "Person"),  # titles do not count
        ("崔龍海", "Choe Ryong Hae", "Person"),  # Han characters read in Korean
        ("李英浩", "Ri Yong Ho", "Person"),  # a surname read the North Korean way
        ("鈴木一朗", "Ichiro Suzuki", "Person"),  # Han characters read in Japanese
        ("佐藤健", "SATO, Takeshi", "Person"),  # long vowel folded as passports write it
        ("井上陽子", "Yoko Inoue", "Person"),  # "ou" that is not a long vowel
        ("최룡해", "Choe Ryong Hae", "Person"),  # Hangul, initial r as the lists write it
        ("이민호", "Lee Min Ho", "Person"),  # a surname's customary spelling
        ("朴槿惠", "Park Geun-hye", "Person"),  # Korean in the Revised Romanisation
        ("田中角栄", "Kakuei Tanaka", "Person"),  # one word in pykakasi's dictionary
    ],
)
def test_matches(a: str, b: str, schema: str) -> None:
    assert compare_names(a, b, schema=schema).score >= MATCH_CUT


@pytest.mark.parametrize(
    ("a", "b", "schema"),
    [
        ("George Bush", "George Habbash", "Person"),
        ("George", "George Habbash", "Person"),
        ("Acme Corp", "Zenith Corp", "Organization"),
        ("Shahed-129", "Shahed-136", "Organization"),
        ("Dmitry Mendeleev", "Dmitry Medvedev", "Person"),
        ("ZAURBEK MAGOMEDOVICH GUCHAEV", "ZAURBEK SALIMOVICH GUCHAEV", "Person"),
        ("Expert Board under the State Space Agency", "State Space Agency", "Organization"),
        (
            "Veterans Union of the Northern Shipping Fleet",
            "Northern Shipping Fleet",
            "Organization",
        ),
        ("周恩来", "周恩莱", "Person"),  # same sound, another character: another name
        ("김대중", "김대종", "Person"),
        ("Omar bin Laden", "Laden bin Omar", "Person"),  # son and father swapped
        ("Arctic Fund 3", "Arctic Fund", "Organization"),  # a number on one side only
        ("Northwind Partners VII", "Northwind Partners", "Organization"),
        ("N.K.", "Nikolai Kuznetsov", "Person"),  # initials alone are no name
        ("AB Holdings", "AD Holdings", "Organization"),  # acronyms, not syllables
        ("王毅", "OKI", "Organization"),  # a one-word guess at a language is no match
        ("崔龍海", "Sai", "Organization"),  # nor is an alternative reading's first word
        ("周恩来", "周恩來", "Person"),  # Han against Han stays character by character
    ],
)
def test_non_matches(a: str, b: str, schema: str) -> None:
    assert compare_names(a, b, schema=schema).score < MATCH_CUT


names = st.text(alphabet=st.characters(categories=("L", "Zs", "Nd", "Pd")), max_size=30)


@settings(max_examples=200, deadline=None)
@given(names, names)
def test_score_in_unit_interval_and_symmetric(a: str, b: str) -> None:
    forward = compare_names(a, b).score
    assert 0.0 <= forward <= 1.0
    assert forward == pytest.approx(compare_names(b, a).score, abs=1e-3)


@settings(max_examples=100, deadline=None)
@given(names)
def test_a_name_matches_itself(a: str) -> None:
    score = compare_names(a, a).score
    assert score == 1.0 or score == 0.0  # 0 only for names with no word at all


han = st.text(alphabet=st.sampled_from("金正恩崔龍海山田太郎李朴佐藤 kimjongupar"), max_size=8)


@settings(max_examples=100, deadline=None)
@given(han, han)
def test_readings_keep_score_symmetric(a: str, b: str) -> None:
    forward = compare_names(a, b, schema="Person").score
    assert 0.0 <= forward <= 1.0
    assert forward == pytest.approx(compare_names(b, a, schema="Person").score, abs=1e-3)


@pytest.mark.parametrize(
    ("query", "name", "language"),
    [("崔龍海", "Choe Ryong Hae", "korean"), ("鈴木一朗", "Suzuki Ichiro", "japanese")],
)
def test_explanation_says_which_reading_matched(query: str, name: str, language: str) -> None:
    explanation = compare_names(name, query, schema="Person").explanation
    reading = explanation["reading"]
    assert isinstance(reading, dict)
    assert reading["name"]["language"] == language
    assert "query" not in reading  # the Latin side was read as written


def test_explained_token_by_token_only_from_the_line() -> None:
    below = compare_names("George Bush", "George Habbash", schema="Person", explain_from=0.8)
    assert "aligned" not in below.explanation
    assert below.explanation["features"]
    above = compare_names("Vladimir Putin", "Vladimir Poutin", schema="Person", explain_from=0.8)
    assert above.score >= 0.8
    assert above.explanation["aligned"]


def test_explanation_names_alias_and_features(index: NameIndex) -> None:
    top = screen_name(index, "Quds Aviation Industry", ScreenConfig(limit=1))[0]
    assert top.record.list_id in {"16418", "IRe.055"} or top.record.dataset == "eu_fsf"
    assert top.explanation["matched_name"]
    features = top.explanation["features"]
    assert isinstance(features, dict)
    assert features


ALABUGA = {"us_ofac_sdn:45708", "eu_fsf:EU-UKR:I.ENTITIES:333", "eu_fsf:EU-RUS:IV:594"}


@pytest.mark.parametrize(
    ("query", "schema", "expected"),
    [
        ("Quds Aviation Industry", "Organization", {"us_ofac_sdn:16418", "eu_fsf:EU-RUS:IV:413"}),
        ("김여정", "Person", {"us_ofac_sdn:21444"}),  # Hangul query, listed in Latin letters
        ("金與正", "Person", {"us_ofac_sdn:21444"}),  # the same name in Han characters
        ("崔龍海", "Any", {"us_ofac_sdn:23213"}),
        # one word of a company's name with its legal form ("JSC Alabuga"): found first,
        # but the model leaves a one-word query under the match line
        pytest.param("Алабуга", "Any", ALABUGA | {"eu_fsf:EU-RUS:LII.A:1"}, id="alabuga"),
        ("Mohammad Hossein Bagheri", "Person", {"us_ofac_sdn:27850"}),
    ],
)
def test_screen_finds(index: NameIndex, query: str, schema: str, expected: set[str]) -> None:
    top = screen_name(index, query, ScreenConfig(schema=schema, limit=10))[0]
    assert top.match or query == "Алабуга"
    assert f"{top.record.dataset}:{top.record.list_id}" in expected


@pytest.mark.parametrize("query", ["Corp", "Mohammed", "Joe Biden", "Treasury"])
def test_screen_rejects_common_words(index: NameIndex, query: str) -> None:
    results = screen_name(index, query, ScreenConfig(schema="Any"))
    assert not [r for r in results if r.match]
