"""Weapon designations: a family name plus a number or letter (Shahed-136, Geran-2).

Families are listed by name, in Latin and Cyrillic; a designation is the family name
optionally followed by a hyphen or space and a model number. A family word on its own
("Shahed drones", "Shahed-series") names the series.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Drone, missile and aircraft families that appear in reporting on arms transfers.
# Transliteration variants map to one canonical family.
FAMILIES: dict[str, str] = {
    "shahed": "Shahed",
    "shahid": "Shahed",
    "шахед": "Shahed",
    "geran": "Geran",
    "герань": "Geran",
    "mohajer": "Mohajer",
    "мохаджер": "Mohajer",
    "arash": "Arash",
    "ababil": "Ababil",
    "fateh": "Fateh",
    "zolfaghar": "Zolfaghar",
    "zulfiqar": "Zolfaghar",
    "lancet": "Lancet",
    "ланцет": "Lancet",
    "orlan": "Orlan",
    "орлан": "Orlan",
    "kalibr": "Kalibr",
    "калибр": "Kalibr",
    "iskander": "Iskander",
    "искандер": "Iskander",
    "kinzhal": "Kinzhal",
    "кинжал": "Kinzhal",
    "bayraktar": "Bayraktar",
    "karrar": "Karrar",
    "kaman": "Kaman",
    "qasef": "Qasef",
    "samad": "Samad",
    "kh": "Kh",
    "х": "Kh",
    "tor": "Tor",
    "pantsir": "Pantsir",
    "himars": "HIMARS",
    "javelin": "Javelin",
    "stinger": "Stinger",
}

# Families that only name a weapon when a model number follows (short or common words).
NEEDS_NUMBER = {"Kh", "Tor", "Kaman", "Samad", "Arash", "Karrar", "Ababil", "Qasef"}

# Families that name a weapon on their own (as a series) but only when capitalised.
SERIES_OK = {
    "Shahed",
    "Geran",
    "Mohajer",
    "Lancet",
    "Orlan",
    "Kalibr",
    "Iskander",
    "Kinzhal",
    "Bayraktar",
    "Zolfaghar",
    "Fateh",
    "HIMARS",
    "Javelin",
    "Stinger",
    "Pantsir",
}

_FAMILY_ALT = "|".join(sorted((re.escape(k) for k in FAMILIES), key=len, reverse=True))
_DESIGNATION = re.compile(
    rf"(?<![\w-])(?P<family>{_FAMILY_ALT})(?:(?P<sep>[-‐–\s]?)(?P<model>\d{{1,4}}[A-ZА-Я]?\b|[A-Z]{{1,2}}\d*\b))?"
    rf"(?P<series>-series)?",
    re.IGNORECASE,
)
# Generic designation: a capitalised code of up to six letters, a hyphen, a number and an
# optional suffix (Su-35, Tu-22M3, Fath-360, Yak-130, KN-23, T-72B3). Over the 70
# annotated reports 41 of 42 such tokens are weapons (the other a ship's name).
_GENERIC = re.compile(
    r"(?<![\w-])(?P<code>[A-Z][A-Za-z]{0,5}-\d{1,4}[A-Z]{0,2}\d?(?:/\d{1,3})?)s?(?![\w-])"
)
# A Soviet and Russian index (GRAU) designation: a digit, a letter, a number ("2S19",
# "9K720", "9M723"), and the system's name where one follows ("2S19 Msta").
_INDEX = re.compile(
    r"(?<![\w-])(?P<code>\d[A-Z]\d{1,3}[A-Z]?\d?)(?:\s(?P<name>[A-Z][a-z]{2,}))?(?![\w-])"
)
# A name with a one-letter model ("IRIS-T", "Typhoon-K") and the system code after it
# ("IRIS-T SLM").
_LETTER_MODEL = re.compile(r"(?<![\w-])[A-Z][A-Za-z]{2,7}-[A-Z](?![\w-])(?:\s[A-Z]{2,4}\b)?")
# Codes of that shape that are no weapon.
_NOT_DESIGNATIONS = frozenset({"COVID", "Covid", "G", "MH", "Resolution", "Article", "Route"})


def is_family(word: str) -> bool:
    """Whether `word` is a known weapon family name (any script, any case)."""
    return word.casefold() in FAMILIES


# A family word followed by another capitalised word is part of a longer name.
_NAME_GOES_ON = re.compile(r"\s+[A-Z][a-z]")


@dataclass(frozen=True, slots=True)
class WeaponSpan:
    """A weapon designation found in text, with its canonical name."""

    start: int
    end: int
    text: str
    name: str


def find_weapons(text: str, offset: int = 0) -> list[WeaponSpan]:
    """Find weapon designations in `text`; offsets are shifted by `offset`."""
    spans = [span for m in _DESIGNATION.finditer(text) if (span := _designation(m, offset))]
    for m in _GENERIC.finditer(text):
        if m.group().split("-")[0] in _NOT_DESIGNATIONS:
            continue
        if any(s.start - offset < m.end() and m.start() < s.end - offset for s in spans):
            continue  # a family designation already covers it (Shahed-136)
        code = m.group("code")  # "Yak-130s" are Yak-130s: the plural names the model
        spans.append(WeaponSpan(m.start() + offset, m.end() + offset, m.group(), code))
    for m in [*_INDEX.finditer(text), *_LETTER_MODEL.finditer(text)]:
        if not any(s.start - offset < m.end() and m.start() < s.end - offset for s in spans):
            spans.append(WeaponSpan(m.start() + offset, m.end() + offset, m.group(), m.group()))
    return sorted(spans, key=lambda s: s.start)


def _designation(m: re.Match[str], offset: int) -> WeaponSpan | None:
    raw_family = m.group("family")
    family = FAMILIES[raw_family.casefold()]
    model = m.group("model")
    if model and not model[0].isdigit() and not model.isupper():
        model = None  # the pattern ignores case; a letter model ("Kh-X") must be upper case
    if model and m.group("sep") in (None, "", "-", "‐", "–", " "):
        canonical = _canonical_model(family, model)
        end = m.end("model")
        return WeaponSpan(m.start() + offset, end + offset, m.string[m.start() : end], canonical)
    if family in NEEDS_NUMBER or not raw_family[0].isupper() or family not in SERIES_OK:
        return None
    if _NAME_GOES_ON.match(m.string, m.end()):
        return None  # "Shahed Aviation Industries" is a company named after the family
    end = m.end("series") if m.group("series") else m.end("family")
    return WeaponSpan(
        m.start() + offset, end + offset, m.string[m.start() : end], f"{family} (series)"
    )


def _canonical_model(family: str, model: str) -> str:
    """`Shahed 136` and `Шахед-136` → `Shahed-136`; Geran-2 is the Russian name of it."""
    if family == "Geran" and model == "2":
        return "Shahed-136"
    if family == "Geran" and model == "1":
        return "Shahed-131"
    return f"{family}-{model.upper()}"
