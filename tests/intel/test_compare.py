"""Field comparisons and denial reading used by grouping and contradiction checks."""

from __future__ import annotations

import pytest

from dossier.intel.compare import (
    dates_compatible,
    item_family,
    items_compatible,
    quantities_conflict,
    quantity_bounds,
)
from dossier.intel.contradictions import denied_act
from dossier.intel.report import script_of


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("2022-11", "2022-11-05", True),
        ("2022", "2022-11-05", True),
        ("2022-11-05", "2022-11-06", False),
        ("2022-10", "2022-11", False),
        (None, "2022-11", True),
    ],
)
def test_dates_compatible_by_prefix(a: str | None, b: str | None, same: bool) -> None:
    assert dates_compatible(a, b) is same
    assert dates_compatible(b, a) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("drones", "Shahed-136", True),
        ("UAVs", "drone", True),
        ("Fateh-110, Zolfaghar (series)", "drones", False),
        ("artillery shells", "ammunition", True),
        (None, "missiles", True),
    ],
)
def test_items_compatible_by_family(a: str | None, b: str | None, same: bool) -> None:
    assert items_compatible(a, b) is same


def test_item_family_unknown_word_is_itself() -> None:
    assert item_family("rifles") == "rifle"
    assert item_family(None) is None


@pytest.mark.parametrize(
    ("quantity", "item", "bounds"),
    [
        ("6,000", "drones", (6000, False)),
        ("400+", "drones", (400, True)),
        ("more than 300", None, (300, True)),
        ("136", "Shahed-136", None),
        ("several hundred", "drones", None),
        (None, "drones", None),
    ],
)
def test_quantity_bounds(quantity: str | None, item: str | None, bounds: object) -> None:
    assert quantity_bounds(quantity, item) == bounds


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ((400, True), (6, False), True),
        ((400, True), (450, False), False),
        ((400, True), (300, True), False),
        ((6000, False), (6000, False), False),
        ((6000, False), (2400, False), True),
    ],
)
def test_quantities_conflict(a: tuple[int, bool], b: tuple[int, bool], conflict: bool) -> None:
    assert quantities_conflict(a, b) is conflict
    assert quantities_conflict(b, a) is conflict


@pytest.mark.parametrize(
    ("sentence", "act"),
    [
        ("Tehran denies supplying the drones to Moscow.", "supply"),
        ("The Kremlin denied its forces had used Iranian drones.", "use_in_attack"),
        ("Moscow rejected reports that it would produce the drones.", "production"),
        ("The Russian side officially denies these accusations.", None),
        ("Officials said the drones were delivered.", None),
    ],
)
def test_denied_act_reads_the_verb_after_the_denial(sentence: str, act: str | None) -> None:
    assert denied_act(sentence) == act


@pytest.mark.parametrize(
    ("name", "script"),
    [("Qods Aviation Industries", "Latin"), ("صنایع هوایی قدس", "Arabic"), ("Алабуга", "Cyrillic")],
)
def test_script_of_names(name: str, script: str) -> None:
    assert script_of(name) == script
