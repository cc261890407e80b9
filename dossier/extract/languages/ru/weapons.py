"""Weapon designations in Russian and Ukrainian text: «Шахед-136», «Герань-2», Х-101.

A designation is a family name with a model number (Шахед-136, Гранат-4, Су-35); a
family name on its own, in any case and capitalised or not (шахедов, «Герань»), names
the series. Families are listed in Cyrillic and Latin; an unlisted capitalised word
with a hyphenated number is a designation too when it is quoted («Гранат-4») or when it
is one of the short aircraft and missile prefixes. Canonical names are the English ones
(Geran-2 is the Russian name of Shahed-136), so Russian and English reports meet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.extract.languages.ru.forms import fold, stem_keys

# family stem (as `stem_keys` gives it) -> canonical English family
FAMILIES: dict[str, str] = {
    "шахед": "Shahed",
    "shahed": "Shahed",
    "shahid": "Shahed",
    "герань": "Geran",
    "geran": "Geran",
    "гербер": "Gerbera",
    "мохаджер": "Mohajer",
    "mohajer": "Mohajer",
    "араш": "Arash",
    "arash": "Arash",
    "фатех": "Fateh",
    "fateh": "Fateh",
    "fath": "Fateh",
    "золфагар": "Zolfaghar",
    "zolfaghar": "Zolfaghar",
    "ланцет": "Lancet",
    "lancet": "Lancet",
    "орлан": "Orlan",
    "orlan": "Orlan",
    "калибр": "Kalibr",
    "kalibr": "Kalibr",
    "искандер": "Iskander",
    "iskander": "Iskander",
    "кинжал": "Kinzhal",
    "kinzhal": "Kinzhal",
    "циркон": "Zircon",
    "байрактар": "Bayraktar",
    "bayraktar": "Bayraktar",
    "хаймарс": "HIMARS",
    "himars": "HIMARS",
    "atacms": "ATACMS",
    "джавелин": "Javelin",
    "javelin": "Javelin",
    "стингер": "Stinger",
    "stinger": "Stinger",
    "панцирь": "Pantsir",
    "patriot": "Patriot",
    "пэтриот": "Patriot",
}
# Families whose name alone is too common a word to name the weapon without a number.
NEEDS_NUMBER = {"Kalibr", "Kinzhal", "Zircon", "Lancet", "Patriot", "Arash"}
# Systems named by an acronym (always upper case).
ACRONYMS = {"ATACMS", "HIMARS", "NASAMS", "SCALP"}

_MODEL = r"(?P<model>\d{1,4}[A-ZА-Я]?\d?)(?![\w-])"
_NUMBERED = re.compile(rf"(?<![\w-])(?P<family>[A-ZА-ЯЁІЇЄ][\w]*?|[XХ])[-‐–\s]{_MODEL}", re.UNICODE)
_QUOTED = re.compile(r"[«“\"„](?P<inner>[^«»“”\"„]{2,30})[»”\"]")
_WORD = re.compile(r"(?<![\w-])(?P<word>[A-Za-zА-Яа-яЁёІіЇїЄє]{4,})(?![\w-])")
# Aircraft and missile prefixes that take a number (Су-35, Ту-22М3, Х-101, С-400).
PREFIXES = {
    "су": "Su",
    "ту": "Tu",
    "миг": "MiG",
    "ка": "Ka",
    "ми": "Mi",
    "ил": "Il",
    "ан": "An",
    "х": "Kh",
    "с": "S",
    "кх": "Kh",
    "kh": "Kh",
}


@dataclass(frozen=True, slots=True)
class WeaponSpan:
    """A weapon named in the text: where, as written, and its canonical name."""

    start: int
    end: int
    text: str
    name: str
    numbered: bool


def family_of(word: str) -> str | None:
    """The canonical family a word (in any case form) names, if any."""
    return next((FAMILIES[k] for k in stem_keys(word) if k in FAMILIES), None)


def canonical(family: str, model: str) -> str:
    """`Шахед 136` → Shahed-136; Geran-2 and Geran-1 are Shahed-136 and Shahed-131."""
    if family == "Geran" and model in ("1", "2"):
        return "Shahed-131" if model == "1" else "Shahed-136"
    return f"{family}-{model.upper()}"


def find_weapons(text: str, offset: int = 0) -> list[WeaponSpan]:
    """Every weapon designation and series name in `text` (offsets shifted by `offset`)."""
    quoted = [(m.start("inner"), m.end("inner")) for m in _QUOTED.finditer(text)]
    spans = [s for m in _NUMBERED.finditer(text) if (s := _numbered(m, quoted, offset))]
    taken = [(s.start - offset, s.end - offset) for s in spans]
    for m in _WORD.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        span = _series(m, offset)
        if span is not None:
            spans.append(span)
    return sorted(spans, key=lambda s: s.start)


def _numbered(m: re.Match[str], quoted: list[tuple[int, int]], offset: int) -> WeaponSpan | None:
    raw, model = m.group("family"), m.group("model")
    family = family_of(raw) or PREFIXES.get(fold(raw))
    in_quotes = any(a <= m.start() and m.end() <= b for a, b in quoted)
    if family is None and not (in_quotes and len(raw) >= 3 and raw[0].isupper()):
        return None
    if family in PREFIXES.values() and "-" not in text_between(m):
        return None  # "С 300" or "Х 10" without a hyphen is a number, not a designation
    name = canonical(family, model) if family else m.group(0)
    return WeaponSpan(m.start() + offset, m.end() + offset, m.group(0), name, True)


def text_between(m: re.Match[str]) -> str:
    """The separator between a family and its model number."""
    return m.string[m.end("family") : m.start("model")]


def _series(m: re.Match[str], offset: int) -> WeaponSpan | None:
    word = m.group("word")
    if word.upper() in ACRONYMS and word.isupper():
        return WeaponSpan(m.start() + offset, m.end() + offset, word, word.upper(), False)
    family = family_of(word)
    if family is None or family in NEEDS_NUMBER or family in ACRONYMS:
        return None
    name = "Shahed (series)" if family in ("Shahed", "Geran") else f"{family} (series)"
    return WeaponSpan(m.start() + offset, m.end() + offset, word, name, False)
