"""Unit tests for the rule-based parts of extraction: dates, quantities, weapons."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import dossier
from dossier.extract.claim_model import ClaimModel, dependency_path, load_model
from dossier.extract.dates import find_date
from dossier.extract.quantities import find_quantity
from dossier.extract.weapons import find_weapons

PUBLISHED = dt.date(2022, 11, 10)  # a Thursday


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The delegation arrived on January 5.", "2022-01-05"),
        ("The delegation arrived on December 5.", "2021-12-05"),
        ("Shipments began last month.", "2022-10"),
        ("Kyiv was hit on Thursday.", "2022-11-10"),
        ("Kyiv was hit on Tuesday.", "2022-11-08"),
        ("The warning came in December 2022.", "2022-12"),
        ("The deal was signed on 17 October 2022.", "2022-10-17"),
        ("Drones were seen yesterday.", "2022-11-09"),
        ("Talks have gone on since 2019.", "2019"),
        ("No date is given here.", None),
    ],
)
def test_find_date_resolves_against_published(sentence: str, expected: str | None) -> None:
    assert find_date(sentence, PUBLISHED) == expected


def test_find_date_relative_needs_published() -> None:
    assert find_date("Kyiv was hit on Thursday.", None) is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Russia has received more than 400 drones.", "400+"),
        ("The plant will make at least 6,000 drones.", "6,000+"),
        ("The plant will make 6,000 drones.", "6,000"),
        ("Iran sent hundreds of drones.", "hundreds"),
        ("Iran sent up to 200 missiles.", "up to 200"),
        ("The meeting lasted 3 hours.", None),
        # numbers inside designations are no count
        ("Russia is producing Shahed-136 attack drones.", None),
        ("The company designs the Mohajer-6 drone.", None),
        ("Iran sent Su-35 jets and 24 aircraft.", "24"),
    ],
)
def test_find_quantity(sentence: str, expected: str | None) -> None:
    assert find_quantity(sentence) == expected


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        ("Russia used Shahed-136 drones.", "Shahed-136", "Shahed-136"),
        ("Russia used Shahed 136 drones.", "Shahed 136", "Shahed-136"),
        ("Russia calls them Geran-2.", "Geran-2", "Shahed-136"),
        ("Россия использует Шахед-136.", "Шахед-136", "Shahed-136"),
        ("Iran also sent Mohajer-6 drones.", "Mohajer-6", "Mohajer-6"),
        ("Iran makes Shahed drones.", "Shahed", "Shahed (series)"),
    ],
)
def test_find_weapons_designations(text: str, surface: str, name: str) -> None:
    found = find_weapons(text, offset=7)
    assert [(w.text, w.name) for w in found] == [(surface, name)]
    assert text[found[0].start - 7 : found[0].end - 7] == surface


@pytest.mark.parametrize(
    "text",
    [
        "Shahed Aviation Industries was sanctioned.",  # a company named after the family
        "The shahed of the story.",  # lower case: not a name
        "A Kh missile was fired.",  # short families need a model number
    ],
)
def test_find_weapons_ignores_non_weapons(text: str) -> None:
    assert find_weapons(text) == []


def test_dependency_path_names_voice_and_preposition(nlp: Any) -> None:
    doc = nlp("Drones were sent to Russia by Iran.")
    sent, russia, iran = doc[2], doc[4], doc[6]
    assert dependency_path(iran, sent) == "pobj(by)^agent^"
    assert dependency_path(russia, sent).startswith("pobj(to)^")
    assert dependency_path(sent, sent) == "self"


def test_claim_model_round_trips_and_scores() -> None:
    model = ClaimModel({"a": 2.0, "b": -1.0}, bias=-0.5, threshold=0.4, second=0.7)
    again = ClaimModel.from_json(json.loads(json.dumps(model.to_json())))
    assert (again.weights, again.bias, again.threshold, again.second) == (
        model.weights,
        model.bias,
        0.4,
        0.7,
    )
    assert again.probability({"a": 1.0}) > 0.8 > 0.2 > again.probability({"b": 1.0})


def test_shipped_claim_model_records_its_data_and_command() -> None:
    model = load_model(Path(dossier.__file__).parent / "data" / "models")
    assert model is not None, "dossier/data/models/claims/model.json is missing"
    assert model.meta["data_hash"]
    assert "train" in model.meta["command"]
    assert 0 < model.threshold <= model.second < 1
