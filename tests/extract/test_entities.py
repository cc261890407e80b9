"""Entities from the trained recogniser and the rules around it (real shipped model)."""

from __future__ import annotations

from typing import Any

import pytest

from dossier.extract.cues import cued_type, find_listed_names
from dossier.extract.gazetteer import country_name, demonym_country
from dossier.extract.linking import link_mentions
from dossier.extract.ner import find_mentions
from dossier.extract.weapons import find_weapons
from dossier.model import EntityType
from dossier.pipeline import MODELS_DIR


def _entities(nlp: Any, text: str) -> dict[str, EntityType]:
    doc = nlp(text)
    return {e.name: e.type for e in link_mentions(find_mentions(doc, text, 0), text, len(text))}


def test_shipped_recogniser_replaces_the_stock_one(nlp: Any) -> None:
    assert (MODELS_DIR / "ner" / "config.cfg").is_file()
    labels = set(nlp.get_pipe("ner").labels)
    assert {"COUNTRY", "LOCATION", "WEAPON"} <= labels
    assert nlp.pipe_names.count("ner") == 1


def test_metonym_and_country_names(nlp: Any) -> None:
    found = _entities(nlp, "Moscow denied the report, and Cyprus said it would investigate.")
    assert found.get("Russia") is EntityType.COUNTRY
    assert found.get("Cyprus") is EntityType.COUNTRY


def test_armed_forces_convention(nlp: Any) -> None:
    found = _entities(nlp, "The Russian military fired the drones at Kharkiv.")
    assert found.get("Armed Forces of Russia") is EntityType.ORGANIZATION
    assert not any("equipment" in n for n in _entities(nlp, "Russian military equipment."))
    found = _entities(nlp, "Russia arms Malian military forces in the Sahel.")
    assert found.get("Armed Forces of Mali") is EntityType.ORGANIZATION


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ursula von der Leyen said the package was ready.", "Ursula von der Leyen"),
        ("General Abdel Fattah al-Burhan met the envoy on Monday.", "Abdel Fattah al-Burhan"),
    ],
)
def test_names_keep_their_particles_and_lose_titles(nlp: Any, text: str, name: str) -> None:
    assert _entities(nlp, text).get(name) is EntityType.PERSON


def test_surname_links_to_the_full_name(nlp: Any) -> None:
    text = "John Kirby told reporters on Tuesday. Kirby added that more aid would follow."
    people = [n for n, t in _entities(nlp, text).items() if t is EntityType.PERSON]
    assert people == ["John Kirby"]


def test_widget_lines_yield_no_mentions(nlp: Any) -> None:
    text = (
        "Iran has supplied drones to Russia, officials in Kyiv said on Monday.\n\n"
        "ALSO READ: Germany and France agree on a new tank programme\n\n"
        "The drones were used against power stations."
    )
    mentions = find_mentions(nlp(text), text, 0)
    assert mentions
    assert all(
        m.mention.start < text.index("ALSO") or m.mention.start > text.index("programme")
        for m in mentions
    )


def test_designations_are_weapons_not_numbers() -> None:
    spans = {w.text: w.name for w in find_weapons("It sent Fath-360 missiles and Yak-130 jets.")}
    assert spans == {"Fath-360": "Fath-360", "Yak-130": "Yak-130"}
    assert find_weapons("a COVID-19 outbreak") == []


def test_country_names_are_broad_but_not_capitals() -> None:
    assert country_name("Bosnia and Herzegovina") == "Bosnia and Herzegovina"
    assert country_name("Myanmar") == "Myanmar"
    assert country_name("Moscow") is None
    assert country_name("European Union") is None


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        (
            "Assistant Secretary of Commerce for Export Administration Thea D. Rozman Kendler said",
            "Commerce for Export Administration Thea D. Rozman Kendler",
            [("PERSON", "Thea D. Rozman Kendler")],
        ),
        (
            "Deputy Commander of the Central Headquarters Fazlollah Nozari said",
            "Central Headquarters Fazlollah Nozari",
            [("ORG", "Central Headquarters"), ("PERSON", "Fazlollah Nozari")],
        ),
        (
            "the State Security Service said",
            "State Security Service",
            [("ORG", "State Security Service")],
        ),
        (
            "Finnish Presidential Spokeswoman Anna Virtanen said",
            "Finnish Presidential Spokeswoman Anna Virtanen",
            [("PERSON", "Anna Virtanen")],
        ),
        ("Chief Economic Adviser Tom Reed said", "Chief Economic Adviser", []),
        (
            "a report by the Office of the President",
            "Office of the President",
            [("ORG", "Office of the President")],
        ),
    ],
)
def test_title_holder_split_from_portfolio(text: str, span: str, expected: list[Any]) -> None:
    from dossier.extract.ner import _split_title

    start = text.index(span)
    parts = _split_title("ORG", text, start, start + len(span))
    assert [(label, text[s:e]) for label, s, e in parts] == expected


@pytest.mark.parametrize(
    ("text", "place", "surface"),
    [
        ("drones hit the Rostov region overnight.", "Rostov", "Rostov region"),
        ("in Tula Oblast, officials said", "Tula", "Tula Oblast"),
        ("El-Fasher fell; the El-Fasher region is cut off.", "El-Fasher region", "El-Fasher"),
    ],
)
def test_region_kind_word_joins_the_name(text: str, place: str, surface: str) -> None:
    from dossier.extract.ner import _place

    start = text.index(place.split()[0], 1 if place.endswith("region") else 0)
    name_end = start + len(place.split()[0])
    assert _place(text, start, name_end).mention.text == surface


def test_name_bounds_repairs_edges() -> None:
    from dossier.extract.ner import _name_bounds

    text = "Putin and Kim Jong Un sign; the Foreign Ministry on Wednesday said"
    start = text.index("Kim")
    assert text[slice(*_name_bounds("PERSON", text, start, start + 8))] == "Kim Jong Un"
    start = text.index("Foreign")
    end = text.index(" said")
    assert text[slice(*_name_bounds("ORG", text, start, end))] == "Foreign Ministry"


def test_time_zone_cities_are_places() -> None:
    from dossier.extract.ner import _from_span

    raw = _from_span("PERSON", "in Khartoum, troops", 3, 11)
    assert raw is not None
    assert raw.mention.type is EntityType.LOCATION


@pytest.mark.parametrize(
    ("label", "text", "surface", "etype"),
    [
        ("LOCATION", "fighters of the local ISIS branch", "ISIS", EntityType.ORGANIZATION),
        ("GPE", "a summit of the OPEC members", "OPEC", EntityType.ORGANIZATION),
        ("COUNTRY", "leaders met at the ASEAN meeting", "ASEAN", EntityType.ORGANIZATION),
        ("COUNTRY", "the DPRK said on Monday", "DPRK", EntityType.COUNTRY),
        ("LOCATION", "ANKARA (AP) - Turkey said", "ANKARA", EntityType.LOCATION),
        ("LOCATION", "Bases\nTROOPS NEAR MERSIN\nThe army", "MERSIN", EntityType.LOCATION),
        ("LOCATION", "troops near Mersin on Monday", "Mersin", EntityType.LOCATION),
    ],
)
def test_an_acronym_read_as_a_place_is_a_body(
    label: str, text: str, surface: str, etype: EntityType
) -> None:
    from dossier.extract.ner import _from_learned, _from_span

    start = text.index(surface)
    read = _from_learned if label in ("LOCATION", "COUNTRY") else _from_span
    raw = read(label, text, start, start + len(surface))
    assert raw is not None
    assert (raw.mention.text, raw.mention.type) == (surface, etype)


def test_district_joins_the_city() -> None:
    from dossier.extract.ner import _from_span

    raw = _from_span("GPE", "WASHINGTON, D.C. - The", 0, 10)
    assert raw is not None
    assert (raw.mention.text, raw.mention.type) == ("WASHINGTON, D.C.", EntityType.LOCATION)


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        ("Foreign Ministry spokesperson Lim Soo-suk spoke.", "Lim Soo-suk", EntityType.PERSON),
        ("It was reported by news channel Astra on Monday.", "Astra", EntityType.ORGANIZATION),
        ("Two vessels docked in the port of Tartus.", "Tartus", EntityType.LOCATION),
        ("They delivered Spartak armoured vehicles.", "Spartak", EntityType.WEAPON),
        ("The Maharashtra-based firm denied it.", "Maharashtra", EntityType.LOCATION),
        ("A Russia-based Unimatik bought them.", "Unimatik", EntityType.ORGANIZATION),
        ("Headline\nBy Kateryna Denisova and staff", "Kateryna Denisova", EntityType.PERSON),
        ("It bought Patriot air defense systems.", "Patriot", EntityType.WEAPON),
        (
            "Arthur Petrov, a man with dual citizenship, was held.",
            "Arthur Petrov",
            EntityType.PERSON,
        ),
        ("It names Ashut Makrtichev, who was sanctioned.", "Ashut Makrtichev", EntityType.PERSON),
        ("A Pentagon spokesperson declined to comment.", "Pentagon", EntityType.ORGANIZATION),
        ("People at the Tsim Sha Tsui pier.", "Tsim Sha Tsui", EntityType.LOCATION),
        (
            "four companies: RM Design, Progress Leader and Cargoline.",
            "Progress Leader",
            EntityType.ORGANIZATION,
        ),
    ],
)
def test_cue_types_a_name_by_the_kind_word_beside_it(
    text: str, name: str, etype: EntityType
) -> None:
    start = text.index(name)
    assert cued_type(text, start, start + len(name)) is etype


def test_cue_leaves_a_name_without_kind_word() -> None:
    text = "Astra reported the strike."
    assert cued_type(text, 0, len("Astra")) is None


def test_cue_retypes_what_the_recogniser_guessed(nlp: Any) -> None:
    text = "The report was published by the daily newspaper Etemad."
    assert _entities(nlp, text).get("Etemad") is EntityType.ORGANIZATION
    text = "The ships left the port of Tartus on Tuesday."
    assert _entities(nlp, text).get("Tartus") is EntityType.LOCATION


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "The sanctioned entities include Versor, Virus, and Defense Engineering, all linked.",
            ["Versor", "Virus", "Defense Engineering"],
        ),
        (
            "against four companies: RM Design and Development, GTME Technologii, Progress "
            "Leader and Cargoline. According to them",
            ["RM Design and Development", "GTME Technologii", "Progress Leader", "Cargoline"],
        ),
        (
            "firms such as Xiamen Limbach Co., Ltd. and Alpha LLC. The",
            ["Xiamen Limbach Co., Ltd.", "Alpha LLC"],
        ),
        ("The targeted entities included suppliers across China.", []),
    ],
)
def test_listed_names_are_split_from_their_list(text: str, names: list[str]) -> None:
    assert [text[s:e] for s, e in find_listed_names(text, 0, len(text))] == names


@pytest.mark.parametrize(
    ("word", "country"),
    [
        ("Kyrgyz", "Kyrgyzstan"),
        ("Kyrgyzstani", "Kyrgyzstan"),
        ("Eritreans", "Eritrea"),
        ("N. Korean", "North Korea"),
        ("Russian", "Russia"),
        ("Middle Eastern", ""),
        ("Moscow", None),
        ("Georgia", None),
    ],
)
def test_demonyms_of_every_country(word: str, country: str | None) -> None:
    assert demonym_country(word) == country


@pytest.mark.parametrize(
    ("form", "country"),
    [
        ("Republic of Cyprus", "Cyprus"),
        ("Democratic People's Republic of Korea", "North Korea"),
        ("Kyrgyz Republic", "Kyrgyzstan"),
    ],
)
def test_formal_state_names_are_the_country(form: str, country: str) -> None:
    assert country_name(form) == country


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        (
            "The facility was hit, Ukrainian official Andrii Kovalenko said.",
            "Andrii Kovalenko",
            EntityType.PERSON,
        ),
        ("He warned that the US-led alliance was growing.", "United States", EntityType.COUNTRY),
    ],
)
def test_name_edges_repaired(nlp: Any, text: str, name: str, etype: EntityType) -> None:
    assert _entities(nlp, text).get(name) is etype


def test_names_in_other_scripts_are_no_mentions(nlp: Any) -> None:
    text = "Українська\n\nRussia and Iran signed the deal, RosZmі reported."
    assert not any(not n.isascii() for n in _entities(nlp, text))


@pytest.mark.parametrize(
    ("text", "cut", "name"),
    [
        ("TIMOTHY A. CLARY/AFP via Getty Images", "TIMOTHY A.", "TIMOTHY A. CLARY"),
        ('US commander Michael "Erik" Kurilla visited.', 'Michael "Erik', 'Michael "Erik" Kurilla'),
    ],
)
def test_person_cut_before_the_surname_runs_on(text: str, cut: str, name: str) -> None:
    from dossier.extract.ner import _name_bounds

    start = text.index(cut)
    s, e = _name_bounds("PERSON", text, start, start + len(cut))
    assert text[s:e] == name


@pytest.mark.parametrize(
    ("text", "cut", "name"),
    [
        ("Oleh Pavliuk, Roman PetrenkoSaturday, 21 September 2024", "Roman", "Roman Petrenko"),
    ],
)
def test_byline_run_into_its_date(text: str, cut: str, name: str) -> None:
    from dossier.extract.ner import _name_bounds

    start = text.index(cut)
    s, e = _name_bounds("PERSON", text, start, start + len(cut))
    assert text[s:e] == name


@pytest.mark.parametrize(
    ("text", "cut", "name"),
    [
        (
            "a complaint in the Eastern District of New York was unsealed",
            "Eastern District",
            "Eastern District of New York",
        ),
        (
            "all countries of Alliance of Sahel States agree",
            "Sahel States",
            "Alliance of Sahel States",
        ),
        (
            "a drone bought by the Directorate of Naval Aviation Programmes",
            "Naval Aviation Programmes",
            "Directorate of Naval Aviation Programmes",
        ),
    ],
)
def test_body_cut_at_its_of(text: str, cut: str, name: str) -> None:
    from dossier.extract.ner import _of_phrase

    start = text.index(cut)
    s, e, body = _of_phrase(text, start, start + len(cut))
    assert (text[s:e], body) == (name, True)


def test_common_word_capitalised_by_a_heading_is_no_name() -> None:
    from dossier.extract.ner import RawMention, _common_word_capitalised
    from dossier.model import Mention

    body = "Support to Russia's Military\n\nThe military said it had no comment."
    at = body.index("Military")
    raw = RawMention(Mention(at, at + 8, "Military", EntityType.LOCATION))
    assert _common_word_capitalised(raw, body)
    raw = RawMention(Mention(0, 7, "Support", EntityType.WEAPON))
    assert not _common_word_capitalised(raw, body)


def test_korean_name_read_as_a_thing_is_a_person() -> None:
    from dossier.extract.ner import _from_span

    text = "the economist Chon In-li said"
    start = text.index("Chon")
    raw = _from_span("OTHER", text, start, start + len("Chon In-li"))
    assert raw is not None
    assert raw.mention.type is EntityType.PERSON


def test_lower_case_department_is_the_body(nlp: Any) -> None:
    text = "The US treasury department imposed sanctions on the firm."
    assert _entities(nlp, text).get("US treasury department") is EntityType.ORGANIZATION


def test_ship_class_is_a_weapon(nlp: Any) -> None:
    text = "Russia moved a Ropucha class landing ship to Tartus."
    assert _entities(nlp, text).get("Ropucha class") is EntityType.WEAPON


def test_un_with_periods_is_the_united_nations(nlp: Any) -> None:
    text = "The United Nations set up a panel. Moscow vetoed the U.N. sanctions monitors."
    names = _entities(nlp, text)
    assert "U.N." not in names
    assert names.get("United Nations") is EntityType.ORGANIZATION


def test_platform_word_before_channel_is_no_part_of_the_outlet() -> None:
    from dossier.extract.ner import _trim

    text = "Astra and Baza Telegram channels wrote."
    start = text.index("Baza")
    s, e = _trim(text, start, start + len("Baza Telegram"))
    assert text[s:e] == "Baza"


def test_thing_that_is_told_is_an_outlet() -> None:
    from dossier.extract.ner import _from_span

    text = "An Israeli analyst told The Telegraph last March that freighters rotated."
    start = text.index("Telegraph")
    raw = _from_span("OTHER", text, start, start + len("Telegraph"))
    assert raw is not None
    assert raw.mention.type is EntityType.ORGANIZATION


@pytest.mark.parametrize(
    ("text", "capital", "place"),
    [
        ("The minister signed the accord in Minsk on Friday.", "Minsk", True),
        ("The premier visited Ankara last week.", "Ankara", True),
        ("It was his first visit to Baghdad in ten years.", "Baghdad", True),
        ("Protesters gathered in central Beirut.", "Beirut", True),
        ("BERLIN (Reuters) - The cabinet agreed on Monday.", "BERLIN", True),
        ("Officials in Warsaw said the shipment had left.", "Warsaw", False),
        ("Minsk denied that it had sent the shells.", "Minsk", False),
        ("The deal deepened ties between Ankara and Cairo.", "Cairo", False),
    ],
)
def test_capital_is_the_place_where_things_happen_in_it(
    text: str, capital: str, place: bool
) -> None:
    from dossier.extract.ner import _is_place

    assert _is_place(text, text.index(capital), capital) is place


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Berlin pledged Marder armoured vehicles and more.", ["Marder"]),
        ("They flew Iranian-made Karrar drones over the city.", ["Karrar"]),
        ("The North Korean Hwasong missiles were shown.", ["Hwasong"]),
        ("Many tanks and These drones were lost.", []),
        ("Soviet-era tanks and Ukrainian drones.", []),
    ],
)
def test_kind_word_names_the_weapon_before_it(text: str, names: list[str]) -> None:
    from dossier.extract.cues import kind_named_weapons

    def adjective(words: str) -> bool:
        return demonym_country(words) is not None

    assert [text[s:e] for s, e in kind_named_weapons(text, adjective)] == names


def test_index_designations_keep_the_system_name() -> None:
    spans = [w.text for w in find_weapons("It fielded 2S19 Msta guns and 9K720 launchers.")]
    assert spans == ["2S19 Msta", "9K720"]
    assert find_weapons("a 4K screen and a 5G mast") == []


def test_family_word_in_a_persons_name_is_the_person(nlp: Any) -> None:
    text = "Selcuk Bayraktar, who leads the company, said the Bayraktar drones were sold."
    found = _entities(nlp, text)
    assert found.get("Selcuk Bayraktar") is EntityType.PERSON


def test_letter_model_designations_keep_their_system_code() -> None:
    spans = [w.text for w in find_weapons("It sent Crotale-N and Aspide-X SAM units.")]
    assert spans == ["Crotale-N", "Aspide-X SAM"]
    assert find_weapons("Jean-Claude and Al-Qaeda") == []


@pytest.mark.parametrize(
    ("label", "text", "surface", "etype"),
    [
        ("COUNTRY", "talks with Prime Minister Anna Berg", "Anna Berg", EntityType.PERSON),
        ("LOCATION", "a call with President Ivo Marek Kral", "Ivo Marek Kral", EntityType.PERSON),
        ("LOCATION", "troops near Anna Berg on Monday", "Anna Berg", EntityType.LOCATION),
        ("COUNTRY", "the Foreign Minister of Norway", "Norway", EntityType.COUNTRY),
    ],
)
def test_a_name_after_a_title_is_a_person(
    label: str, text: str, surface: str, etype: EntityType
) -> None:
    from dossier.extract.ner import _from_learned

    start = text.index(surface)
    raw = _from_learned(label, text, start, start + len(surface))
    assert raw is not None
    assert (raw.mention.text, raw.mention.type) == (surface, etype)


@pytest.mark.parametrize(
    ("label", "text", "span", "expected"),
    [
        (
            "PERSON",
            "Army Sends HIMARS Launchers To Poland",
            "HIMARS Launchers",
            ("HIMARS", "weapon"),
        ),
        ("PERSON", "However HIMARS were sent in May.", "However HIMARS", ("HIMARS", None)),
        ("LOCATION", "Meanwhile, the talks went on.", "Meanwhile", None),
        ("OTHER", "More than 40 states signed.", "More than 40 states", None),
    ],
)
def test_sentence_openers_and_kind_words_leave_the_name(
    label: str, text: str, span: str, expected: tuple[str, str | None] | None
) -> None:
    from dossier.extract.ner import _from_span

    start = text.index(span)
    raw = _from_span(label, text, start, start + len(span))
    if expected is None:
        assert raw is None
        return
    assert raw is not None
    assert raw.mention.text == expected[0]
    if expected[1] is not None:
        assert raw.mention.type.value == expected[1]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Troops crossed the river at dawn, Kavkazinform reported on Monday.", "Kavkazinform"),
        ("As Plamya notes, the factory doubled its output.", "Plamya"),
        ("Headline here\n\nSource: Vestnik\n\nNext paragraph.", "Vestnik"),
        (
            "Published May 2, 2024 by The Harbour Chronicle\n\nThe ship left port.",
            "The Harbour Chronicle",
        ),
    ],
)
def test_a_name_that_reports_or_is_credited_is_an_outlet(nlp: Any, text: str, name: str) -> None:
    assert _entities(nlp, text).get(name) is EntityType.ORGANIZATION


def test_a_surname_that_notes_stays_the_person(nlp: Any) -> None:
    text = "Foreign Minister Jan Novotny visited Kyiv. As Novotny noted, the shells were sent."
    assert _entities(nlp, text).get("Jan Novotny") is EntityType.PERSON
    assert "Novotny" not in {
        n for n, t in _entities(nlp, text).items() if t is EntityType.ORGANIZATION
    }


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("It was shot down by the Zorya anti-aircraft missile system.", "Zorya"),
        ("The convoy held Kestrel tactical vehicles and trucks.", "Kestrel"),
        ("Parliament voted against sending Falcata cruise missiles.", "Falcata"),
    ],
)
def test_a_missile_or_vehicle_kind_word_makes_the_name_before_it_a_weapon(
    text: str, name: str
) -> None:
    start = text.index(name)
    assert cued_type(text, start, start + len(name)) is EntityType.WEAPON


def test_a_bodys_head_word_with_its_rank_word_ends_the_name() -> None:
    from dossier.extract.ner import _from_span

    text = "A deputy commander of the Tamir Gol Central Headquarters said so."
    start = text.index("Tamir")
    raw = _from_span("PERSON", text, start, start + len("Tamir Gol"))
    assert raw is not None
    assert raw.mention.text == "Tamir Gol Central Headquarters"
    assert raw.mention.type is EntityType.ORGANIZATION
