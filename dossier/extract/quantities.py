"""Quantities in claims: "more than 400" → "400+", "6,000" → "6,000", "hundreds"."""

from __future__ import annotations

import re

# A number glued to a name by a hyphen or a letter is a designation, not a count:
# "Shahed-136", "Mohajer-6", "Su-35", "F-16" (the lookbehind keeps them out).
_QUANTITY = re.compile(
    r"(?<![\w-])\b(?P<mod>more than|over|at least|upwards of|up to|about|around|nearly|almost|some"
    r"|roughly)?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+(?:million|billion|thousand))?"
    r"|hundreds|dozens|thousands|several hundred)"
    r"\s+(?:of\s+)?(?:\w+[\s-]){0,2}?(?P<noun>drones?|UAVs?|unmanned|missiles?|rockets?|aircraft|units?|shipments?|weapons?|Shahed|Geran|people|individuals|entities|companies|firms)\b",
    re.IGNORECASE,
)
_PLUS = {"more than", "over", "at least", "upwards of"}
_WORDS = {"hundreds", "dozens", "thousands", "several hundred"}


def find_quantity(sentence: str) -> str | None:
    """Return the first counted quantity of goods in the sentence, or None."""
    m = _QUANTITY.search(sentence)
    if m is None:
        return None
    number = m.group("num")
    modifier = (m.group("mod") or "").casefold()
    if number.casefold() in _WORDS:
        return number.casefold()
    if modifier in _PLUS:
        return f"{number}+"
    if modifier == "up to":
        return f"up to {number}"
    return number
