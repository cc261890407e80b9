"""Countries, their capitals and government metonyms, mapped to one canonical name.

Conventions follow the evaluation guide: a capital or seat of government used as an
actor ("Moscow", "the Kremlin", "Tehran") is a mention of the country; a demonym
("Iranian") is not a mention of anything.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

# canonical country -> surface forms (names, short forms, capitals used as metonyms)
COUNTRY_FORMS: dict[str, tuple[str, ...]] = {
    "Russia": ("Russia", "Russian Federation", "the Russian Federation", "Moscow", "Kremlin"),
    "Iran": ("Iran", "Islamic Republic of Iran", "Islamic Republic", "Tehran", "Teheran"),
    "Ukraine": ("Ukraine", "Kyiv", "Kiev"),
    "United States": (
        "United States",
        "United States of America",
        "US",
        "U.S.",
        "USA",
        "U.S.A.",
        "America",
        "Washington",
    ),
    "United Kingdom": ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "London"),
    "China": ("China", "People's Republic of China", "PRC", "Beijing"),
    "Belarus": ("Belarus", "Minsk"),
    "Syria": ("Syria", "Damascus"),
    "North Korea": ("North Korea", "DPRK", "Pyongyang"),
    "Israel": ("Israel",),
    "Turkey": ("Turkey", "Türkiye", "Ankara"),
    "Germany": ("Germany", "Berlin"),
    "France": ("France", "Paris"),
    "Japan": ("Japan", "Tokyo"),
    "India": ("India", "New Delhi"),
    "Armenia": ("Armenia",),
    "Azerbaijan": ("Azerbaijan",),
    "Georgia": ("Georgia",),
    "Kazakhstan": ("Kazakhstan",),
    "Iraq": ("Iraq", "Baghdad"),
    "Saudi Arabia": ("Saudi Arabia", "Riyadh"),
    "United Arab Emirates": ("United Arab Emirates", "UAE"),
    "Venezuela": ("Venezuela",),
    "Poland": ("Poland", "Warsaw"),
    "Czech Republic": ("Czech Republic", "Czechia", "Prague"),
    "Canada": ("Canada", "Ottawa"),
    "Australia": ("Australia",),
    "Italy": ("Italy", "Rome"),
    "Spain": ("Spain",),
    "Netherlands": ("Netherlands",),
    "Lebanon": ("Lebanon", "Beirut"),
    "Yemen": ("Yemen",),
    "Pakistan": ("Pakistan",),
    "Afghanistan": ("Afghanistan",),
    "Sudan": ("Sudan",),
    "Ethiopia": ("Ethiopia",),
    "Tajikistan": ("Tajikistan",),
    "Uzbekistan": ("Uzbekistan",),
    "Moldova": ("Moldova",),
    "Hungary": ("Hungary",),
    "Switzerland": ("Switzerland",),
    "Sweden": ("Sweden",),
    "Finland": ("Finland",),
    "Estonia": ("Estonia",),
    "Latvia": ("Latvia",),
    "Lithuania": ("Lithuania",),
    "Egypt": ("Egypt", "Cairo"),
    "Qatar": ("Qatar",),
    "Oman": ("Oman",),
    "Malaysia": ("Malaysia",),
    "Vietnam": ("Vietnam",),
    "South Korea": ("South Korea", "Seoul"),
    "Taiwan": ("Taiwan",),
}

_FORM_INDEX: dict[str, str] = {
    form.casefold().removeprefix("the "): country
    for country, forms in COUNTRY_FORMS.items()
    for form in forms
}


def country_of(text: str) -> str | None:
    """Return the canonical country a surface form names, or None."""
    key = text.strip().casefold().removeprefix("the ")
    return _FORM_INDEX.get(key)


def country_forms() -> list[str]:
    """Every surface form that names a country, longest first (for phrase matching)."""
    forms = {form for forms in COUNTRY_FORMS.values() for form in forms}
    return sorted(forms, key=len, reverse=True)


# Capitals and seats of government: a metonym of the country when it acts ("Moscow
# denies"), a place when something happens there ("an attack in Kyiv").
CITY_FORMS = frozenset(
    {
        "Moscow",
        "Tehran",
        "Teheran",
        "Kyiv",
        "Kiev",
        "Washington",
        "London",
        "Beijing",
        "Minsk",
        "Damascus",
        "Pyongyang",
        "Ankara",
        "Berlin",
        "Paris",
        "Tokyo",
        "New Delhi",
        "Baghdad",
        "Riyadh",
        "Warsaw",
        "Prague",
        "Ottawa",
        "Rome",
        "Beirut",
        "Cairo",
        "Seoul",
    }
)

# Demonyms: never mentions themselves, but they tell whose army or government is meant.
DEMONYMS: dict[str, str] = {
    "Russian": "Russia",
    "Iranian": "Iran",
    "Ukrainian": "Ukraine",
    "American": "United States",
    "British": "United Kingdom",
    "Chinese": "China",
    "Belarusian": "Belarus",
    "Syrian": "Syria",
    "North Korean": "North Korea",
    "Israeli": "Israel",
    "Turkish": "Turkey",
    "German": "Germany",
    "French": "France",
    "Japanese": "Japan",
    "Indian": "India",
    "Armenian": "Armenia",
    "Azerbaijani": "Azerbaijan",
    "Georgian": "Georgia",
    "Iraqi": "Iraq",
    "Saudi": "Saudi Arabia",
    "Emirati": "United Arab Emirates",
    "Venezuelan": "Venezuela",
    "Polish": "Poland",
    "Czech": "Czech Republic",
    "Canadian": "Canada",
    "Australian": "Australia",
    "Italian": "Italy",
    "Spanish": "Spain",
    "Dutch": "Netherlands",
    "Lebanese": "Lebanon",
    "Yemeni": "Yemen",
    "Pakistani": "Pakistan",
    "Afghan": "Afghanistan",
    "Sudanese": "Sudan",
    "Egyptian": "Egypt",
    "South Korean": "South Korea",
    "Western": "",
    "European": "",
    # region adjectives: no one country's
    "Eastern": "",
    "Middle Eastern": "",
    "Asian": "",
    "Central Asian": "",
    "African": "",
    "Arab": "",
    "Latin American": "",
    "Scandinavian": "",
    "Nordic": "",
    "Balkan": "",
}


def demonym_country(word: str) -> str | None:
    """The country a demonym (or its plural, "Iranians") refers to; "" for regions."""
    key = _COMPASS_INITIAL.sub(lambda m: _COMPASS[m.group(1)] + " ", word.strip())
    for form in (key, key[:-1] if key.endswith("s") else None):
        if form is None:
            continue
        if form in DEMONYMS:
            return DEMONYMS[form]
        if form in _world_demonyms():
            return _world_demonyms()[form]
    return None


# "N. Korean", "S. Korean": a compass point's initial before a demonym.
_COMPASS = {"N": "North", "S": "South", "E": "East", "W": "West"}
_COMPASS_INITIAL = re.compile(r"^([NSEW])\.\s*(?=[A-Z])")
COUNTRY_DATA = Path(__file__).resolve().parent.parent / "data" / "country_forms.json"


@cache
def _country_data() -> dict[str, dict[str, str]]:
    """The world's demonyms and formal state names by ISO code (`data/country_forms.json`,
    from a country database, not from the reports)."""
    data: dict[str, dict[str, str]] = json.loads(COUNTRY_DATA.read_text(encoding="utf-8"))
    return data


@cache
def _world_demonyms() -> dict[str, str]:
    """Every country's demonym ("Kyrgyz", "Eritrean") -> its canonical name; the hand
    table (`DEMONYMS`) keeps its own readings."""
    names = _territory_names()
    return {w: names[c] for w, c in _country_data()["demonyms"].items() if c in names}


@cache
def _territory_names() -> dict[str, str]:
    """ISO code -> canonical country name (CLDR's English name, qualifiers dropped)."""
    from babel import Locale

    out = {}
    for code, name in Locale("en").territories.items():
        plain = re.sub(r"\s*\(.*?\)", "", name).replace("&", "and").strip()
        out[code] = country_of(plain) or plain
    return out


# Territory codes that name no country: the EU, the UN, the eurozone, "Outlying Oceania".
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "XK"})


@cache
def world_countries() -> dict[str, str]:
    """Every country's English name (CLDR, via babel) -> its canonical name.

    A broad table, not one fitted to the reports: a span that is exactly a country's
    name names the country whatever the recogniser thought ("Cyprus", "Myanmar").
    CLDR's qualifiers are dropped ("Myanmar (Burma)" -> "Myanmar") and "&" is "and".
    Capitals are not here: whether "Moscow" is the country or the city is the
    recogniser's call from context.
    """
    from babel import Locale

    names: dict[str, str] = {}
    for code, name in Locale("en").territories.items():
        if not code.isalpha() or code in _NOT_COUNTRIES:
            continue
        plain = re.sub(r"\s*\(.*?\)", "", name).replace("&", "and").strip()
        for form in {name, plain}:
            names[form.casefold()] = country_of(form) or plain
    territory = _territory_names()
    for form, code in _country_data()["state_names"].items():
        if code in territory and code not in _NOT_COUNTRIES:
            names.setdefault(form.casefold(), territory[code])  # "Republic of Cyprus"
    for form, country in _FORM_INDEX.items():
        if form not in CITY_FORMS_FOLDED:
            names[form] = country
    return names


CITY_FORMS_FOLDED = frozenset(c.casefold() for c in CITY_FORMS)


def country_name(text: str) -> str | None:
    """The canonical country a span names by the country's own name, or None."""
    key = text.strip().casefold().removeprefix("the ").replace("’", "'")
    return world_countries().get(key)


# Country names that are also common given names or US states: left to the recogniser.
_AMBIGUOUS = frozenset({"jordan", "chad", "georgia", "us", "oman"})


@cache
def _country_pattern() -> re.Pattern[str]:
    names = [n for n in world_countries() if n not in _AMBIGUOUS and len(n) > 3]
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)


def find_country_names(text: str) -> list[tuple[int, int, str]]:
    """Capitalised country names in `text`: (start, end, canonical country)."""
    found = []
    for m in _country_pattern().finditer(text):
        if m.group()[0].isupper() and not m.group().isupper():
            found.append((m.start(), m.end(), world_countries()[m.group().casefold()]))
    return found
