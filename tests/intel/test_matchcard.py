"""Match cards (issue 17): a record's particulars read back from real list rows, the
score in words, bars for either kind of explanation, and the facts against a match."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dossier.intel.cards import read_mention
from dossier.intel.matchcard import EntityContext, build_card, feature_bars, name_phrases
from dossier.intel.recordfacts import record_facts
from dossier.lists.loaders.ofac import load_ofac
from dossier.lists.loaders.un import load_un

ALIGNED = {
    "features": {"similarity": 0.9, "query_coverage": 0.61, "penalty": 0.86},
    "aligned": [
        {"query": "mohammad", "name": "muhammad", "similarity": 0.9, "weight": 0.58},
        {"query": "hossein", "name": "hussein", "similarity": 0.9, "weight": 0.71},
    ],
    "unmatched_query": ["bagheri"],
    "unmatched_name": [],
}


def row(**fields: Any) -> dict[str, Any]:
    base = {
        "dataset": "test",
        "list_id": "1",
        "schema": "Person",
        "programs": [],
        "listed_on": None,
        "ended_on": None,
        "explanation": ALIGNED,
        "source_row": "",
    }
    return {**base, **fields}


@pytest.fixture(scope="module")
def un_records(shared: Path) -> dict[str, Any]:
    xml = next((shared / "data" / "sanctions" / "un").glob("*.xml"))
    return {r.list_id: r for r in load_un(xml) if not isinstance(r, Exception)}


def test_record_facts_from_un_xml(un_records: dict[str, Any]) -> None:
    person = next(
        r
        for r in un_records.values()
        if r.schema == "Person"
        and "<NATIONALITY>" in r.source_row
        and "DATE_OF_BIRTH" in r.source_row
    )
    facts = record_facts(person.dataset, person.list_id, person.source_row)
    assert facts.nationalities
    assert facts.birth_dates
    assert all(d[:4].isdigit() for d in facts.birth_dates)
    assert (facts.source_url or "").startswith("https://")


def test_record_facts_from_ofac_remarks(shared: Path) -> None:
    folder = shared / "data" / "sanctions" / "us_ofac"
    primary = next(folder.glob("sdn_2*.csv"))  # not sdn_comments
    people = (
        r
        for r in load_ofac(primary, "us_ofac_sdn", None, None)
        if not isinstance(r, Exception)
        and "DOB " in r.source_row
        and "nationality " in r.source_row
    )
    person = next(people)
    facts = record_facts(person.dataset, person.list_id, person.source_row)
    assert facts.birth_dates
    assert facts.nationalities
    assert all("DOB" not in n and ";" not in n for n in facts.nationalities)
    assert facts.source_url == (
        f"https://sanctionssearch.ofac.treas.gov/Details.aspx?id={person.list_id}"
    )


@pytest.mark.parametrize(
    ("text", "country", "word"),
    [
        ("Iranian Foreign Minister Hossein Amir spoke.", "Iran", "Iranian"),
        ("Iran's foreign minister Hossein Amir spoke.", "Iran", "Iran's"),
        ("The Kremlin said Hossein Amir spoke.", None, None),  # a party acting, not his country
    ],
)
def test_read_mention_ties_countries_to_the_name(
    text: str, country: str | None, word: str | None
) -> None:
    context = EntityContext("person")
    start = text.index("Hossein")
    read_mention(context, text, start, start + len("Hossein Amir"), "2023-02-10")
    assert context.countries == ({country: word} if country else {})


def test_read_mention_reads_an_age_into_birth_years() -> None:
    context = EntityContext("person")
    text = "Hossein Amir, 58, spoke."
    read_mention(context, text, 0, len("Hossein Amir"), "2023-02-10")
    assert context.birth_years == [(1964, 1965)]


def test_name_phrases_say_alignment_respelling_and_common_words() -> None:
    phrases = name_phrases(ALIGNED)
    assert phrases[0] == "2 of 3 words of the name align ('Bagheri' not)"
    assert "'Mohammad' read as 'Muhammad'" in phrases[1]
    assert phrases[-1] == "'Mohammad' is a common word"


def test_card_marks_nationality_programme_and_age_against() -> None:
    source = (
        "1,DOE, John,individual,DRCONGO,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
        "DOB 01 Jan 1950; nationality Uganda."
    )
    context = EntityContext("person", {"Iran": "Iranian"}, [(1964, 1965)])
    card = build_card(row(dataset="us_ofac_sdn", source_row=source, programs=["DRCONGO"]), context)
    against = {f.label: f for f in card.facts if f.against}
    assert set(against) == {"born", "nationality", "programmes"}
    assert "nationality Uganda vs the text's Iranian" in card.sentence
    assert "DR Congo" in card.sentence


def test_card_supports_a_matching_nationality_and_type_clash_counts() -> None:
    source = "2,ACME,-0- ,IRAN-EO13876,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,nationality Iran."
    context = EntityContext("organization", {"Iran": "Iranian"})
    card = build_card(row(dataset="us_ofac_sdn", source_row=source), context)
    nationality = next(f for f in card.facts if f.label == "nationality")
    assert not nationality.against
    assert nationality.note == "as the text's Iranian"
    assert card.against == ["a listed person, but the text names an organization"]


def test_feature_bars_render_values_or_contributions() -> None:
    values = feature_bars({**ALIGNED, "features": {**ALIGNED["features"], "query_words": 3}})
    assert "query_words" not in [f.feature for f in values]  # a count is not a share
    assert [(f.feature, f.width, f.against) for f in values][:2] == [
        ("similarity", 90.0, False),
        ("query_coverage", 61.0, True),
    ]
    learned = {
        "contributions": [
            {"feature": "base", "says": "alignment score", "value": 0.9, "log_odds": 4.0},
            {"feature": "query_unaligned", "says": "words left", "value": 1, "log_odds": -2.0},
            {"feature": "joined", "says": "no spaces", "value": 0, "log_odds": 0.0},
        ]
    }
    bars = feature_bars(learned)
    assert [(b.feature, b.width, b.against, b.detail) for b in bars] == [
        ("base", 100.0, False, "alignment score"),
        ("query_unaligned", 50.0, True, "words left"),
    ]


def test_ofac_addresses_from_add_csv_reach_the_card(shared: Path) -> None:
    from dossier.lists.loaders.registry import _load_sdn

    primary = next((shared / "data" / "sanctions" / "us_ofac").glob("sdn_2*.csv"))
    record = next(
        r for r in _load_sdn(primary) if not isinstance(r, Exception) and r.list_id == "16418"
    )
    facts = record_facts(record.dataset, record.list_id, record.source_row)
    assert facts.addresses
    assert all(a.endswith("Iran") for a in facts.addresses), facts.addresses
    assert "[address]" not in " ".join(facts.identifiers + facts.linked_to)
    card = build_card(
        row(
            dataset=record.dataset,
            list_id="16418",
            schema="Organization",
            source_row=record.source_row,
        ),
        EntityContext("organization", {"Iran": "Iranian"}),
    )
    country = next(f for f in card.facts if f.label == "country")
    assert not country.against


def test_card_without_alignment_says_what_its_bars_say() -> None:
    explanation = {
        "contributions": [
            {"feature": "similarity", "says": "spelling similarity", "log_odds": 2.0},
            {"feature": "name_coverage", "says": "share of the listed name", "log_odds": -3.0},
        ]
    }
    card = build_card(row(explanation=explanation), EntityContext("person"))
    assert card.sentence == (
        "for the match: spelling similarity; against it: share of the listed name"
    )
