"""A list match in words: the listed party's particulars, the score as a sentence and a
bar per feature, with the facts that speak against the match marked.

What the text says of the entity (`EntityContext`: the countries its mentions are tied
to by a demonym or possessive, "Iranian Foreign Minister X", "Iran's X"; an age printed
next to a name, "X, 58,") is compared with what the record says (nationality, the
country of its identifiers and addresses, the country a programme concerns, birth
dates, the record's type). The explanation's features are rendered generically, as a
mapping of feature → value in [0, 1] (the rule-based scorer) or as a list of
{feature, contribution, detail} (a learned scorer): a negative contribution is against.
Pure functions: the caller reads the store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from dossier.extract.gazetteer import country_of, demonym_country
from dossier.intel.recordfacts import RecordFacts, record_facts

# A token weight (rarity in the loaded lists) under this is a common word: half the
# weight of a rare surname or less ("Mohammad" 0.60, "Islamic" 0.62, "Qods" 0.81).
COMMON_WEIGHT = 0.65
# Names of countries as lists print them, where the gazetteer's forms differ.
_LIST_COUNTRIES = {
    "syrian arab republic": "Syria",
    "democratic people's republic of korea": "North Korea",
    "korea, north": "North Korea",
    "iran (islamic republic of)": "Iran",
    "russian federation": "Russia",
    "republic of korea": "South Korea",
}
# The country a sanctions programme concerns: OFAC tags by prefix (IRAN-EO13876, DPRK3,
# UKRAINE-EO13661 on Russia's actions), UN list types by name; thematic programmes
# (SDGT, NPWMD, CYBER, Al-Qaida) concern none.
_PROGRAM_PREFIXES = (
    ("IRAN", "Iran"),
    ("IFSR", "Iran"),
    ("IRGC", "Iran"),
    ("HRIT-IR", "Iran"),
    ("SYRIA", "Syria"),
    ("RUSSIA", "Russia"),
    ("CAATSA - RUSSIA", "Russia"),
    ("UKRAINE-EO", "Russia"),
    ("BELARUS", "Belarus"),
    ("DPRK", "North Korea"),
    ("VENEZUELA", "Venezuela"),
    ("CUBA", "Cuba"),
    ("DRCONGO", "DR Congo"),
    ("SOMALIA", "Somalia"),
    ("SOUTH SUDAN", "South Sudan"),
    ("SUDAN", "Sudan"),
    ("LIBYA", "Libya"),
    ("YEMEN", "Yemen"),
    ("IRAQ", "Iraq"),
    ("LEBANON", "Lebanon"),
    ("MALI", "Mali"),
    ("CAR", "Central African Republic"),
    ("NICARAGUA", "Nicaragua"),
    ("BURMA", "Myanmar"),
    ("BALKANS", "Western Balkans"),
)
_UN_LIST_TYPES = {
    "Iran": "Iran",
    "DPRK": "North Korea",
    "Taliban": "Afghanistan",
    "Iraq": "Iraq",
    "Libya": "Libya",
    "Somalia": "Somalia",
    "DRC": "DR Congo",
    "Sudan": "Sudan",
    "South Sudan": "South Sudan",
    "Yemen": "Yemen",
    "CAR": "Central African Republic",
    "Mali": "Mali",
    "Haiti": "Haiti",
    "Lebanon": "Lebanon",
    "Guinea-Bissau": "Guinea-Bissau",
}


def program_country(program: str) -> str | None:
    """The country a programme concerns, or None for a thematic one."""
    code = program.strip()
    if code in _UN_LIST_TYPES:
        return _UN_LIST_TYPES[code]
    upper = code.upper()
    return next((c for p, c in _PROGRAM_PREFIXES if upper.startswith(p)), None)


# One line per feature of the rule-based scorer (`screen/algorithms.py`); a feature not
# listed here is shown by its name.
FEATURE_DOCS = {
    "similarity": "how alike the aligned words are, weighted by rarity",
    "query_coverage": "share of the text's name that finds a word in the listed name",
    "name_coverage": "share of the listed name that finds a word in the text's name",
    "extra_tokens": "penalty: words only one of the names has",
    "substitution": "penalty: each name keeps words the other lacks",
    "penalty": "all penalties together",
    "joined": "the same letters once spaces are dropped",
    "numbers_disagree": "the names carry different numbers",
}


@dataclass(slots=True)
class EntityContext:
    """What the texts say of an entity: its type, countries and printed ages."""

    type: str
    countries: dict[str, str] = field(default_factory=dict)
    """Canonical country → the word the text used ("Iran" → "Iranian")."""
    birth_years: list[tuple[int, int]] = field(default_factory=list)
    """Birth-year ranges implied by an age printed with a report's date."""


@dataclass(slots=True)
class Feature:
    """One bar: a feature's value or contribution, scaled to a width in percent."""

    feature: str
    value: float
    width: float
    detail: str
    against: bool


@dataclass(slots=True)
class Fact:
    """A particular of the listed party; `against` when it contradicts the text."""

    label: str
    texts: list[str]
    against: bool = False
    note: str | None = None


@dataclass(slots=True)
class MatchCard:
    """A match in words: a sentence, a bar per feature, the record's facts."""

    sentence: str
    features: list[Feature]
    facts: list[Fact]
    against: list[str]
    source_url: str | None


def build_card(match: dict[str, Any], context: EntityContext) -> MatchCard:
    """The card of one stored match row (`store.queries.entity_matches` with its
    `source_row`, `schema`, `programs`, `listed_on`, `ended_on`, `explanation`)."""
    facts = record_facts(match["dataset"], match["list_id"], match.get("source_row") or "")
    explanation = match.get("explanation") or {}
    lines, against = _fact_lines(match, facts, context)
    bars = feature_bars(explanation)
    parts = [*(name_phrases(explanation) or bar_phrases(bars)), *against]
    sentence = "; ".join(parts) if parts else "no explanation stored"
    return MatchCard(sentence, bars, lines, against, facts.source_url)


def bar_phrases(bars: list[Feature]) -> list[str]:
    """What the strongest bars say, when the explanation kept no word alignment."""
    pro = [b for b in bars if not b.against]
    con = [b for b in bars if b.against]
    top = max(pro, key=lambda b: b.width, default=None)
    worst = max(con, key=lambda b: b.width, default=None)
    return [
        f"{label}: {bar.detail or bar.feature.replace('_', ' ')}"
        for label, bar in (("for the match", top), ("against it", worst))
        if bar is not None
    ]


def name_phrases(explanation: dict[str, Any]) -> list[str]:
    """How the names align, in words: counts, respellings, extra and common words."""
    if explanation.get("numbers_disagree"):
        return ["the names carry different numbers"]
    features = explanation.get("features")
    if "aligned" not in explanation:
        if isinstance(features, dict) and "joined" in features:
            same = not explanation.get("joined")
            return ["the name is the listed name" if same else "the same letters once spaces go"]
        return []
    aligned: list[dict[str, Any]] = explanation.get("aligned") or []
    missing: list[str] = explanation.get("unmatched_query") or []
    extra: list[str] = explanation.get("unmatched_name") or []
    total = len(aligned) + len(missing)
    if not missing:
        head = "its one word aligns" if total == 1 else f"all {total} words of the name align"
    else:
        head = f"{len(aligned)} of {total} words of the name align ({_quoted(missing)} not)"
    phrases = [head]
    respelled = [a for a in aligned if float(a.get("similarity", 1)) < 1]
    if respelled:
        phrases.append(", ".join(f"{_q(a['query'])} read as {_q(a['name'])}" for a in respelled))
    if extra:
        phrases.append(f"the listed name has {len(extra)} more ({_quoted(extra)})")
    common = [a["query"] for a in aligned if float(a.get("weight", 1)) < COMMON_WEIGHT]
    if common:
        verb = "is a common word" if len(common) == 1 else "are common words"
        phrases.append(f"{_quoted(common)} {verb}")
    return phrases


def feature_bars(explanation: dict[str, Any]) -> list[Feature]:
    """A bar per feature: values in [0, 1] as they are; contributions scaled to the
    largest, negative ones against the match."""
    contributions = explanation.get("contributions")
    if isinstance(contributions, list):  # a learned scorer: what each feature added
        return _contribution_bars([c for c in contributions if isinstance(c, dict)])
    features = explanation.get("features")
    if isinstance(features, dict):
        return [
            Feature(
                str(k),
                float(v),
                max(0.0, min(100.0, float(v) * 100)),
                FEATURE_DOCS.get(str(k), str(k).replace("_", " ")),
                float(v) < 0.9,  # a factor under 0.9 takes a tenth or more off the score
            )
            for k, v in features.items()
            # Counts (words, letters) ride along in some explanations: not a share.
            if isinstance(v, int | float) and 0 <= v <= 1
        ]
    if isinstance(features, list):
        return _contribution_bars([f for f in features if isinstance(f, dict)])
    return []


def _contribution_bars(items: list[dict[str, Any]]) -> list[Feature]:
    """Bars for (feature, contribution, detail) items, whatever the scorer calls them:
    `contribution` or `log_odds` is the share, `detail` or `says` the words."""
    values = [_contribution(i) for i in items]
    top = max((abs(v) for v in values), default=0.0) or 1.0
    return [
        Feature(
            str(item.get("feature") or item.get("name") or "feature"),
            value,
            abs(value) / top * 100,
            str(
                item.get("detail")
                or item.get("says")
                or FEATURE_DOCS.get(str(item.get("feature")), "")
            ),
            value < 0,
        )
        for item, value in zip(items, values, strict=True)
        if value  # a feature that added nothing says nothing
    ]


def _contribution(item: dict[str, Any]) -> float:
    for key in ("contribution", "log_odds", "value"):
        value = item.get(key)
        if isinstance(value, int | float):
            return float(value)
    return 0.0


def _fact_lines(
    match: dict[str, Any], facts: RecordFacts, context: EntityContext
) -> tuple[list[Fact], list[str]]:
    """The record's particulars as lines, and the phrases that speak against the match."""
    lines: list[Fact] = []
    against: list[str] = []
    kind = _kind_clash(str(match.get("schema") or ""), context.type)
    if kind:
        against.append(kind)
    lines.append(Fact("type", [str(match.get("schema") or "")], bool(kind), kind))
    if facts.birth_dates:
        clash = _birth_clash(facts.birth_dates, context.birth_years)
        lines.append(Fact("born", facts.birth_dates, bool(clash), clash))
        if clash:
            against.append(clash)
    if facts.birth_places:
        lines.append(Fact("birthplace", facts.birth_places))
    countries = facts.nationalities or _identifier_countries(facts)
    if countries:
        clash = _country_clash(countries, context.countries)
        label = "nationality" if facts.nationalities else "country"
        lines.append(Fact(label, countries, bool(clash), clash))
        if clash:
            against.append(f"{label} {' / '.join(countries)} {clash}")
        elif context.countries:
            lines[-1].note = f"as the text's {_text_words(context)}"
    for label, values in (
        ("addresses", facts.addresses),
        ("identifiers", facts.identifiers),
        ("positions", facts.positions),
        ("linked to", facts.linked_to),
    ):
        if values:
            lines.append(Fact(label, values))
    lines.append(_programmes(match, context, against))
    if match.get("ended_on"):
        lines.append(Fact("listing ended", [str(match["ended_on"])], True, "no longer listed"))
        against.append(f"listing ended {match['ended_on']}")
    return lines, against


def _programmes(match: dict[str, Any], context: EntityContext, against: list[str]) -> Fact:
    programs = [str(p) for p in match.get("programs") or []]
    listed = f" (listed {match['listed_on']})" if match.get("listed_on") else ""
    foreign = [
        p
        for p in programs
        if context.countries
        and (c := program_country(p)) is not None
        and c not in context.countries
    ]
    concerned = {program_country(p) for p in programs} - {None}
    rules_out = bool(foreign) and not concerned & set(context.countries)
    note = None
    if rules_out:
        where = ", ".join(sorted({str(program_country(p)) for p in foreign}))
        text = _text_words(context)
        note = f"programme {', '.join(foreign)} concerns {where}, not the text's {text}"
        against.append(note)
    return Fact("programmes", [f"{', '.join(programs) or '—'}{listed}"], rules_out, note)


def _kind_clash(schema: str, entity_type: str) -> str | None:
    person = entity_type == "person"
    if schema == "Person" and not person and entity_type in ("organization", "location"):
        return f"a listed person, but the text names an {entity_type}"
    if person and schema in ("Organization", "Vessel", "Aircraft"):
        return f"a listed {schema.lower()}, but the text names a person"
    return None


def _country_clash(record: list[str], text: dict[str, str]) -> str | None:
    if not text:
        return None
    canonical = {canonical_country(c) for c in record}
    if canonical & set(text):
        return None
    return f"vs the text's {_text_words_of(text)}"


def _text_words(context: EntityContext) -> str:
    return _text_words_of(context.countries)


def _text_words_of(text: dict[str, str]) -> str:
    return " / ".join(dict.fromkeys(text.values()))


def canonical_country(value: str) -> str:
    """A printed country as the gazetteer names it ("Iran (Islamic Republic of)" → Iran)."""
    key = value.strip().casefold()
    if key in _LIST_COUNTRIES:
        return _LIST_COUNTRIES[key]
    plain = re.sub(r"\s*\(.*\)$", "", value).strip()
    return country_of(plain) or demonym_country(plain) or plain


def _identifier_countries(facts: RecordFacts) -> list[str]:
    """Countries an organisation's identifiers or addresses name: `Registration Number
    93240 (Iran)`, `Tehran, Iran`."""
    found = [m.group(1) for i in facts.identifiers if (m := re.search(r"\(([^)]+)\)", i))]
    found += [a.rsplit(",", 1)[-1].strip() for a in facts.addresses]
    return list(dict.fromkeys(c for c in found if c))


def _birth_clash(dates: list[str], years: list[tuple[int, int]]) -> str | None:
    listed = [int(d[:4]) for d in dates if d[:4].isdigit()]
    if not years or not listed:
        return None
    if any(lo - 1 <= y <= hi + 1 for y in listed for lo, hi in years):
        return None
    lo, hi = years[0]
    return f"born {', '.join(dates)}, but the text's age gives {lo}–{hi}"


def _q(token: str) -> str:
    return f"'{token[:1].upper()}{token[1:]}'"


def _quoted(tokens: list[str]) -> str:
    quoted = [_q(t) for t in tokens]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
