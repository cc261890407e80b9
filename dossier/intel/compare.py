"""Small comparisons between claim fields: dates, items and quantities."""

from __future__ import annotations

import re

# Item words folded to one family, so "drones", "UAVs" and "Shahed-136" are one thing.
ITEM_FAMILIES = {
    "drone": ("drone", "uav", "unmanned", "shahed", "mohajer", "geran", "kamikaze", "loitering"),
    "missile": ("missile", "fateh", "zolfaghar", "rocket", "iskander"),
    "ammunition": ("shell", "ammunition", "munition", "artillery"),
}


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Whether two ISO dates (possibly partial) can name the same day: one is a prefix."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


def item_family(item: str | None) -> str | None:
    """The family of an item ("Shahed-136" → "drone"), or the item lower-cased."""
    if not item:
        return None
    low = item.lower()
    for family, words in ITEM_FAMILIES.items():
        if any(word in low for word in words):
            return family
    return low.rstrip("s")


def items_compatible(a: str | None, b: str | None) -> bool:
    """Whether two items can be the same thing (unknown items are compatible)."""
    fa, fb = item_family(a), item_family(b)
    return fa is None or fb is None or fa == fb


def quantity_bounds(quantity: str | None, item: str | None) -> tuple[int, bool] | None:
    """A quantity as (number, is_lower_bound); None for words or model numbers.

    "400+" and "more than 400" are lower bounds. A number that is part of the item's
    name ("136" of "Shahed-136") is a model number, not a count.
    """
    if not quantity:
        return None
    digits = re.search(r"\d[\d,.]*", quantity)
    if digits is None:
        return None
    number = digits.group().rstrip(".,").replace(",", "")
    if item and number in re.findall(r"\d+", item):
        return None
    try:
        value = int(float(number))
    except ValueError:
        return None
    lower = quantity.strip().endswith("+") or bool(
        re.search(r"more than|at least|over|dozens|hundreds|thousands", quantity, re.I)
    )
    return value, lower


def quantities_conflict(a: tuple[int, bool], b: tuple[int, bool]) -> bool:
    """Whether two counts cannot both be true ("at least 400" and "6" conflict)."""
    (va, la), (vb, lb) = a, b
    if la and lb:
        return False
    if la:
        return vb < va
    if lb:
        return va < vb
    return va != vb
