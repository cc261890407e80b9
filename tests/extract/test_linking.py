"""Mentions and in-document linking on small texts written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from dossier.extract.pipeline import extract_document
from dossier.model import Document, EntityType


def _entities(nlp: Any, text: str) -> dict[str, tuple[EntityType, set[str]]]:
    doc = Document(id="t", text=text, body_end=len(text))
    result = extract_document(doc, nlp)
    return {e.name: (e.type, {m.text for m in e.mentions}) for e in result.entities}


@pytest.mark.parametrize(
    ("text", "name", "surfaces"),
    [
        ("Russia bought drones. Moscow denied it.", "Russia", {"Russia", "Moscow"}),
        (
            "The Pentagon said so. A DOD official agreed.",
            "US Department of Defense",
            {"Pentagon", "DOD"},
        ),
        (
            "The European Council met on Monday. The Council agreed new measures.",
            "European Council",
            {"European Council", "Council"},
        ),
        (
            "John Kirby spoke to reporters. Kirby said Iran had sent drones.",
            "John Kirby",
            {"John Kirby", "Kirby"},
        ),
    ],
)
def test_linking_groups_aliases(nlp: Any, text: str, name: str, surfaces: set[str]) -> None:
    entities = _entities(nlp, text)
    assert entities[name][1] == surfaces


def test_demonyms_are_not_mentions(nlp: Any) -> None:
    entities = _entities(nlp, "Ukrainian forces downed an Iranian drone over Kharkiv.")
    surfaces = {s for _, found in entities.values() for s in found}
    assert "Ukrainian" not in surfaces
    assert "Iranian" not in surfaces


def test_news_outlet_is_an_organisation(nlp: Any) -> None:
    entities = _entities(nlp, "A Pentagon spokesperson told Politico that drones had arrived.")
    assert entities["Politico"][0] is EntityType.ORGANIZATION


def test_capital_under_attack_is_a_place(nlp: Any) -> None:
    entities = _entities(
        nlp, "Russia launched a drone attack on Kyiv. Ukraine said it shot them down."
    )
    assert entities["Kyiv"][0] is EntityType.LOCATION
    assert entities["Ukraine"][1] == {"Ukraine"}


def _raw(
    text: str, surface: str, etype: EntityType, canonical: str | None = None, last: bool = False
) -> Any:
    from dossier.extract.ner import RawMention
    from dossier.model import Mention

    start = text.rindex(surface) if last else text.index(surface)
    return RawMention(Mention(start, start + len(surface), surface, etype), canonical)


def test_linking_one_entity_per_name() -> None:
    from dossier.extract.linking import link_mentions

    text = "REUTERS - Reuters reported. NATO met; NATO agreed."
    raw = [
        _raw(text, "REUTERS", EntityType.ORGANIZATION),
        _raw(text, "Reuters", EntityType.ORGANIZATION, "Reuters"),
        _raw(text, "NATO", EntityType.ORGANIZATION),
    ]
    names = [e.name for e in link_mentions(raw, text, len(text))]
    assert names == ["Reuters", "NATO"]


@pytest.mark.parametrize(
    ("acronym", "name", "expected"),
    [
        ("centcom", "us central command", True),
        ("uscentcom", "us central command", True),
        ("bis", "bureau of industry and security", True),
        ("nato", "north atlantic treaty organization", True),
        ("isis", "islamic state", False),
        ("sams", "us central command", False),
    ],
)
def test_linking_abbreviations(acronym: str, name: str, expected: bool) -> None:
    from dossier.extract.linking import _abbreviates

    assert _abbreviates(acronym, name.split()) is expected


def test_linking_keeps_the_capital_as_a_place_apart() -> None:
    from dossier.extract.linking import link_mentions
    from dossier.extract.ner import RawMention
    from dossier.model import Mention

    text = "Pyongyang denied it. A blast hit Pyongyang."
    raw = [
        RawMention(Mention(0, 9, "Pyongyang", EntityType.COUNTRY), "North Korea"),
        RawMention(Mention(33, 42, "Pyongyang", EntityType.LOCATION)),
    ]
    types = {e.name: e.type for e in link_mentions(raw, text, len(text))}
    assert types == {"North Korea": EntityType.COUNTRY, "Pyongyang": EntityType.LOCATION}


@pytest.mark.parametrize(
    ("text", "first", "second", "etype"),
    [
        (
            "The Russian Defense Ministry said so; the Russian Ministry of Defence agreed.",
            "Russian Defense Ministry",
            "Russian Ministry of Defence",
            EntityType.ORGANIZATION,
        ),
        (
            "Alexander Vasilyevich Fomin arrived. Alexander Fomin spoke.",
            "Alexander Vasilyevich Fomin",
            "Alexander Fomin",
            EntityType.PERSON,
        ),
        (
            "Wagner PMC fighters left. The Wagner Group denied it.",
            "Wagner PMC",
            "Wagner Group",
            EntityType.ORGANIZATION,
        ),
        (
            "Halvard Defence will deliver it; a Halvard Defense spokesman agreed.",
            "Halvard Defence",
            "Halvard Defense",
            EntityType.ORGANIZATION,
        ),
        (
            "The Lundia Treasury Department acted. Treasury said more would follow.",
            "Lundia Treasury Department",
            "Treasury",
            EntityType.ORGANIZATION,
        ),
        (
            "The Ministry of the Interior spoke. Interior said the border was shut.",
            "Ministry of the Interior",
            "Interior",
            EntityType.ORGANIZATION,
        ),
    ],
)
def test_linking_other_forms_of_one_name(
    text: str, first: str, second: str, etype: EntityType
) -> None:
    from dossier.extract.linking import link_mentions

    raw = [_raw(text, first, etype), _raw(text, second, etype, last=True)]
    assert len(link_mentions(raw, text, len(text))) == 1


def test_linking_keeps_a_weapon_apart_from_a_body_named_after_it() -> None:
    from dossier.extract.linking import link_mentions

    text = "Kalashnikov rifles were seized. Kalashnikov Group denied it."
    raw = [
        _raw(text, "Kalashnikov", EntityType.WEAPON, "Kalashnikov"),
        _raw(text, "Kalashnikov Group", EntityType.ORGANIZATION),
    ]
    assert len(link_mentions(raw, text, len(text))) == 2


def test_linking_a_full_name_outweighs_bare_surnames_read_otherwise() -> None:
    from dossier.extract.linking import vote_type
    from dossier.model import Mention

    mentions = [
        Mention(0, 13, "Arthur Petrov", EntityType.PERSON),
        Mention(24, 30, "Petrov", EntityType.ORGANIZATION),
        Mention(43, 49, "Petrov", EntityType.ORGANIZATION),
    ]
    assert vote_type(mentions) is EntityType.PERSON
    assert vote_type([*mentions, Mention(60, 66, "Petrov", EntityType.ORGANIZATION)]) is (
        EntityType.ORGANIZATION
    )


def test_linking_a_blocs_short_form() -> None:
    from dossier.extract.linking import link_mentions

    text = "The European Commission proposed it. The EU Commission's draft leaked."
    raw = [
        _raw(text, "European Commission", EntityType.ORGANIZATION),
        _raw(text, "EU Commission", EntityType.ORGANIZATION),
    ]
    assert [e.name for e in link_mentions(raw, text, len(text))] == ["European Commission"]


def test_model_code_links_to_the_weapons_full_name() -> None:
    from dossier.extract.linking import link_mentions
    from dossier.extract.ner import RawMention
    from dossier.model import Mention

    text = "It bought Hermes 450 drones. The 450 was later lost."
    full = RawMention(Mention(10, 20, "Hermes 450", EntityType.WEAPON), "Hermes-450")
    code = RawMention(Mention(33, 36, "450", EntityType.WEAPON))
    entities = link_mentions([full, code], text, len(text))
    assert [(e.name, len(e.mentions)) for e in entities] == [("Hermes-450", 2)]


def test_linking_keeps_a_countrys_or_states_word_apart_from_its_department() -> None:
    from dossier.extract.linking import link_mentions

    text = "The State Department spoke. State officials denied it."
    raw = [
        _raw(text, "State Department", EntityType.ORGANIZATION),
        _raw(text, "State", EntityType.ORGANIZATION, last=True),
    ]
    assert len(link_mentions(raw, text, len(text))) == 2
