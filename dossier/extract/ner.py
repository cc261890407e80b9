"""Named-entity mentions: spaCy NER, weapon designations and country metonyms.

The spaCy pipeline is loaded once by the caller (`load_nlp`) and passed in; mentions
are found only inside the document body so that comments and widgets yield nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from dossier.extract.bodies import find_known_orgs
from dossier.extract.cues import (
    CORRECTABLE,
    OUTLET_LINES,
    cued_type,
    find_listed_names,
    kind_named_weapons,
    outlet_context,
    outlet_shaped,
    weapon_kind_tail,
)
from dossier.extract.gazetteer import (
    CITY_FORMS,
    country_name,
    country_of,
    demonym_country,
    find_country_names,
)
from dossier.extract.weapons import find_weapons, is_family
from dossier.extract.widgets import in_spans, widget_spans
from dossier.model import EntityType, Mention

# spaCy labels we keep, and the contract type each one maps to. NORP (demonyms) is
# dropped on purpose: "Iranian" is not a mention of Iran.
LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": EntityType.PERSON,
    "ORG": EntityType.ORGANIZATION,
    "GPE": EntityType.LOCATION,
    "LOC": EntityType.LOCATION,
    "FAC": EntityType.LOCATION,
    "PRODUCT": EntityType.OTHER,
    "LAW": EntityType.OTHER,
}

# Labels of the recogniser trained on the annotated reports (`train/ner.py`): one per
# contract type, so the model, not a table, decides country against place.
LEARNED_TYPES: dict[str, EntityType] = {
    "COUNTRY": EntityType.COUNTRY,
    "LOCATION": EntityType.LOCATION,
    "WEAPON": EntityType.WEAPON,
    "OTHER": EntityType.OTHER,
}

# Sentence adverbs and quantifiers that open a line or a sentence ("Meanwhile, ...",
# "Most ATACMS"): never a name alone, and never the first word of one.
_SENTENCE_OPENERS = (
    "However",
    "Meanwhile",
    "Moreover",
    "Furthermore",
    "Additionally",
    "Also",
    "More",
    "Most",
)
# Words that spaCy often tags as entities but that name nobody in this domain.
_STOPLIST = {
    "drone",
    "drones",
    "uav",
    "uavs",
    "kamikaze",
    "covid-19",
    "reply",
    "log out",
    "logo",
    "akismet",
    # and the sentence adverbs and quantifiers that open a line or a sentence
    *(word.casefold() for word in _SENTENCE_OPENERS),
}
_LEADING_THE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


@dataclass(frozen=True, slots=True)
class RawMention:
    """A mention before linking: its span, type and the name it points to if known."""

    mention: Mention
    canonical: str | None = None


def load_nlp(model: str) -> Any:
    """Load the spaCy pipeline `model` (a package name or path)."""
    import spacy

    return spacy.load(model)


def find_mentions(doc: Any, text: str, body_start: int) -> list[RawMention]:
    """Return the mentions in a parsed body; offsets are into the full document text.

    Args:
        doc: the spaCy `Doc` of `text[body_start:body_end]`.
        text: the full document text.
        body_start: where the parsed body starts in `text`.
    """
    body = doc.text  # built from the tokens on every read: read it once
    found = [_weapon(w.start, w.end, w.text, w.name) for w in find_weapons(body, body_start)]
    found += [_org(o.start, o.end, o.text, o.name) for o in find_known_orgs(body, body_start)]
    found += _armed_forces(doc, body_start)
    found += _phrase_mentions(body, body_start)
    learned: list[RawMention] = []
    for ent in doc.ents:
        if _common_word(ent):
            continue
        ent_end = _before_verb(ent)
        for start, end in _split_list(text, body_start + ent.start_char, body_start + ent_end):
            for label, s, e in _split_title(ent.label_, text, start, end):
                raw = _from_span(label, text, s, e)
                if raw is not None:
                    learned.append(raw)
    learned = _spread_cues(learned, [_with_cue(r, text) for r in learned])
    learned = _outlets(learned, text)
    found += _outlet_lines(body, body_start)
    found = [r for r in found if not _opens_longer_name(r, learned) and not _surname(r, learned)]
    found += _listed(body, body_start)
    found += learned
    # a country's name the recogniser passed over is still the country (lowest priority)
    found += [
        RawMention(Mention(body_start + s, body_start + e, body[s:e], EntityType.COUNTRY), c)
        for s, e, c in find_country_names(body)
    ]
    found += _kind_named(body, body_start)
    furniture = widget_spans(text, body_start, body_start + len(body))
    kept = [r for r in _drop_overlaps(found) if not in_spans(r.mention.start, furniture)]
    return [r for r in kept if not _common_word_capitalised(r, body)]


def _kind_named(body: str, offset: int) -> list[RawMention]:
    """Weapons named only by the kind word after them ("Leopard tanks"), where nothing
    else found a name (lowest priority); a country, a known body or a common word that a
    sentence opens with ("Cluster munitions") is none."""
    found = []
    for s, e in kind_named_weapons(body, _adjective):
        surface = body[s:e]
        if country_name(surface) or country_of(surface) or find_known_orgs(surface):
            continue
        raw = RawMention(Mention(offset + s, offset + e, surface, EntityType.WEAPON))
        if " " in surface or not _lower_elsewhere(surface, body):
            found.append(raw)
    return found


def _adjective(words: str) -> bool:
    return bool(demonym_country(words) or country_name(words) or country_of(words))


def _lower_elsewhere(word: str, body: str) -> bool:
    """Whether the report also writes `word` in lower case."""
    return re.search(rf"\b{re.escape(word.casefold())}\b", body) is not None


def _common_word_capitalised(raw: RawMention, body: str) -> bool:
    """A lone word the report also writes in lower case is a common word a heading or
    a credit line capitalised ("Russia's Military", "News", "Head"), not a name."""
    m = raw.mention
    if raw.canonical is not None or m.type in (EntityType.COUNTRY, EntityType.WEAPON):
        return False
    word = m.text
    if " " in word or not word.isalpha() or word.isupper() or word.islower():
        return False
    return _lower_elsewhere(word, body)


# "Russian military", "Russia's army", "the Sudanese armed forces", "Malian military
# forces": by convention a mention of that country's armed forces (an organisation),
# when the word heads its phrase ("Russian military equipment" is equipment).
_FORCES = frozenset({"military", "army", "navy", "forces"})


def _listed(body: str, offset: int) -> list[RawMention]:
    """The names a plural kind word lists ("four companies: A, B, C and D"), as bodies;
    they win over the recogniser's reading of the same words, which often cuts or
    mistypes a name it never saw inside a list."""
    found = []
    for s, e in find_listed_names(body, 0, len(body)):
        surface = body[s:e]
        if country_name(surface) is None and demonym_country(surface) is None:
            found.append(
                RawMention(Mention(offset + s, offset + e, surface, EntityType.ORGANIZATION))
            )
    return found


def _spread_cues(before: list[RawMention], after: list[RawMention]) -> list[RawMention]:
    """A name a cue typed keeps that type wherever the report repeats it: "the daily
    newspaper Etemad" makes "Etemad's website" the paper's too, and "Arthur Petrov, a
    man with ..." makes a later "Petrov" the man."""
    cued: dict[str, EntityType] = {}
    for b, a in zip(before, after, strict=True):
        if a.mention.type is not b.mention.type:
            words = a.mention.text.split()
            cued[a.mention.text] = a.mention.type
            if a.mention.type is EntityType.PERSON and len(words) > 1:
                cued.setdefault(words[-1], EntityType.PERSON)
    return [
        _retyped(a, cued.get(a.mention.text)) if a is b else a
        for b, a in zip(before, after, strict=True)
    ]


def _outlets(learned: list[RawMention], text: str) -> list[RawMention]:
    """Names the report treats as news outlets ("Yonhap reported", "As Bild notes", "The
    Irrawaddy") are organisations wherever it repeats them; a word of one of the report's
    full personal names stays the person's ("Lipavsky noted")."""
    people = {
        word
        for r in learned
        if r.mention.type is EntityType.PERSON and len(r.mention.text.split()) > 1
        for word in r.mention.text.split()
    }

    def open_to(r: RawMention) -> bool:
        m = r.mention
        return r.canonical is None and m.type in CORRECTABLE and outlet_shaped(m.text)

    outlets = {
        r.mention.text
        for r in learned
        if open_to(r)
        and r.mention.text not in people
        and (
            outlet_context(text, r.mention.start, r.mention.end)
            or (r.mention.type is EntityType.PERSON and r.mention.text.startswith("The "))
        )
    }
    return [
        RawMention(Mention(r.mention.start, r.mention.end, r.mention.text, EntityType.ORGANIZATION))
        if open_to(r) and r.mention.text in outlets
        else r
        for r in learned
    ]


def _outlet_lines(body: str, offset: int) -> list[RawMention]:
    """The outlets that credit lines name ("Source: Krone", "by The Maritime Executive")."""
    org = EntityType.ORGANIZATION
    return [
        RawMention(Mention(offset + m.start("name"), offset + m.end("name"), m.group("name"), org))
        for pattern in OUTLET_LINES
        for m in pattern.finditer(body)
    ]


# A place is often a body's modifier ("a Hong Kong firm"), so a cue on one mention
# does not retype its other mentions.
_SPREAD_TO = CORRECTABLE - {EntityType.LOCATION}


def _retyped(raw: RawMention, etype: EntityType | None) -> RawMention:
    m = raw.mention
    if etype is None or raw.canonical is not None or m.type not in _SPREAD_TO:
        return raw
    return RawMention(Mention(m.start, m.end, m.text, etype))


def _with_cue(raw: RawMention, text: str) -> RawMention:
    """The mention retyped by a kind word beside it (`cues.cued_type`), when the
    recogniser's type is one a cue may correct."""
    m = raw.mention
    if raw.canonical is not None or m.type not in CORRECTABLE:
        return raw
    cued = cued_type(text, m.start, m.end)
    if cued is None or cued is m.type:
        return raw
    return RawMention(Mention(m.start, m.end, m.text, cued))


def _armed_forces(doc: Any, offset: int) -> list[RawMention]:
    found: list[RawMention] = []
    for tok in doc:
        if tok.lower_ not in _FORCES or tok.dep_ in ("compound", "amod"):
            continue
        first = tok.i - 1
        if tok.lower_ == "forces":
            if first < 0 or doc[first].lower_ not in ("armed", "military"):
                continue
            first -= 1
        if first >= 1 and doc[first].lower_ in ("'s", "’s"):
            first -= 1
            country = country_name(doc[first].text)
        elif first >= 0:
            country = demonym_country(doc[first].text) or country_name(doc[first].text)
        else:
            country = None
        if first < 0 or not country or not doc[first].text[0].isupper():
            continue
        start, end = offset + doc[first].idx, offset + tok.idx + len(tok.text)
        surface = doc[first : tok.i + 1].text
        found.append(_org(start, end, surface, f"Armed Forces of {country}"))
    return found


def _before_verb(ent: Any) -> int:
    """Where a span ends before a finite verb inside it: a headline's capitalised words
    ("Joint Strike Force Deals a Blow", "UK Imposes Sanctions") run a name into its verb."""
    for tok in ent[1:]:
        if tok.tag_ in ("VBZ", "VBD") and tok.pos_ == "VERB":
            prev = ent.doc[tok.i - 1]
            return int(prev.idx + len(prev.text))
    return int(ent.end_char)


def _common_word(ent: Any) -> bool:
    """A lone capitalised word the tagger reads as an ordinary word, not a proper noun
    ("Meanwhile", "Notably", "Attendees" opening a sentence): no name."""
    if len(ent) != 1:
        return False
    tok = ent[0]
    if tok.dep_ == "amod" and tok.head.is_lower:
        return True  # an adjective before a common noun ("Kyrgyz companies", "Cretan coast")
    return tok.tag_ not in ("NNP", "NNPS") and not tok.text.isupper() and tok.is_alpha


def _opens_longer_name(known: RawMention, learned: list[RawMention]) -> bool:
    """Whether a known organisation ("UN") only opens a longer name the model found
    ("UN Panel of Experts on Sudan", "UN Charter"): then the longer name stands."""
    k = known.mention
    if k.type is not EntityType.ORGANIZATION:
        return False
    return any(
        r.mention.start == k.start
        and r.mention.end > k.end
        and r.mention.type in (EntityType.ORGANIZATION, EntityType.OTHER)
        for r in learned
    )


def _surname(known: RawMention, learned: list[RawMention]) -> bool:
    """Whether a weapon family's word ends a person's name the model found ("Haluk
    Bayraktar" leads the maker of the Bayraktar drones): then it is the person's."""
    k = known.mention
    if k.type is not EntityType.WEAPON or not (known.canonical or "").endswith("(series)"):
        return False
    return any(
        r.mention.type is EntityType.PERSON and r.mention.start < k.start <= r.mention.end
        for r in learned
    )


def _org(start: int, end: int, surface: str, name: str) -> RawMention:
    return RawMention(Mention(start, end, surface, EntityType.ORGANIZATION), name)


def _split_list(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split "Paravar Pars Company, Design and Manufacturing ..." into its names.

    NER sometimes runs a comma-separated list of names into one span; a comma
    followed by a capitalised word inside a span separates two names.
    """
    parts: list[tuple[int, int]] = []
    for m in _LIST_COMMA.finditer(text, start, end):
        parts.append((start, m.start()))
        start = m.end()
    parts.append((start, end))
    return parts


# A name never runs over a line break (headings, datelines and bylines are lines).
_LIST_COMMA = re.compile(r",\s+(?=[A-Z])|\s*\n\s*|\s*/\s*(?=[A-Z])")


# A title's portfolio run into the holder's name ("Assistant Secretary of Commerce for
# Export Administration Thea Rozman Kendler", "Deputy Commander of the Central
# Headquarters Fazlollah Nozari"): the body's last word, then two or three capitalised
# words (an initial allowed) that end the span are the person.
_TITLE_HOLDER = re.compile(
    r"(?P<body>.*\b(?:Administration|Security|Affairs|Headquarters|Command|Ministry|"
    r"Department|Office|Enforcement|Commerce|Treasury|Defen[cs]e|State))\s+"
    r"(?P<person>[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+){1,2})$"
)
# A person's title ending a span: no body's name ends with one (none in the annotated
# reports does), so the span is a title, or a title and its holder's name.
_PERSON_TITLE = (
    r"(?:Spokes(?:man|woman|person)|Advis[eo]r|Rapporteur|Envoy|Ambassador|Minister|"
    r"Secretary|President|Chancellor|Director|Chairman|Chairwoman|Governor|Senator|"
    r"Principal|Deputy)"
)
# ("Office of the President" is a body: the title follows "of").
_ENDS_IN_TITLE = re.compile(rf"(?<!\bof )(?<!\bof the )\b{_PERSON_TITLE}$")
_TITLED_HOLDER = re.compile(
    rf".*\b{_PERSON_TITLE}\s+(?P<person>[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){{1,2}})"
)


# Words that continue a body's name rather than start a person's ("Security Service").
_BODY_WORDS = frozenset(
    {
        "Service",
        "Bureau",
        "Agency",
        "Directorate",
        "Unit",
        "Force",
        "Forces",
        "Board",
        "Division",
        "Center",
        "Centre",
        "Zone",
        "Council",
        "Committee",
        "Staff",
        "Policy",
        "Studies",
        "Program",
        "Programme",
        "Department",
        "Secretary",
        "General",
        "Minister",
    }
)


def _split_title(label: str, text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Split a portfolio and its holder's name the model read as one span; the portfolio
    stays an organisation only when it names a body ("for" marks a portfolio: "Commerce
    for Export Administration"). A person's title is no body ("Presidential Spokesman
    Dmitry Peskov" is the person; "National Security Advisor" alone is nobody)."""
    if label in ("WEAPON", "COUNTRY"):
        return [(label, start, end)]
    titled = _TITLED_HOLDER.fullmatch(text, start, end)
    if titled is not None:
        return [("PERSON", titled.start("person"), end)]
    if _ENDS_IN_TITLE.search(text, start, end):
        return []
    found = _TITLE_HOLDER.fullmatch(text, start, end) if label in ("ORG", "PERSON") else None
    if found is None or _BODY_WORDS & set(found.group("person").split()):
        return [(label, start, end)]
    parts = [("PERSON", found.start("person"), end)]
    body = found.group("body")
    if len(body.split()) >= 2 and " for " not in body:
        parts.insert(0, ("ORG", start, found.end("body")))
    return parts


def _weapon(start: int, end: int, surface: str, name: str) -> RawMention:
    return RawMention(Mention(start, end, surface, EntityType.WEAPON), name)


def _from_learned(label: str, text: str, start: int, end: int) -> RawMention | None:
    """A mention typed by the trained recogniser; countries get their canonical name."""
    etype = LEARNED_TYPES[label]
    start, end = _trim(text, start, end)
    surface = text[start:end]
    if len(surface) < 2 or surface.casefold() in _STOPLIST or demonym_country(surface):
        return None
    if etype is EntityType.WEAPON and not _weapon_like(surface):
        return None
    if etype is EntityType.OTHER and _TOLD_BEFORE.search(text, max(0, start - 40), start):
        etype = EntityType.ORGANIZATION  # "told The Telegraph": whom one tells is an outlet
    if etype is EntityType.OTHER and _looks_like_org(surface):
        # "Dmitrievsky Chemical Plant", "UN Human Rights Council": a body's head word
        etype = EntityType.ORGANIZATION
    if etype is not EntityType.WEAPON and not surface[0].isupper():
        return None  # a name starts with a capital; "entity did not disclose ..." is none
    if etype is not EntityType.WEAPON and _DESIGNATION_SHAPE.fullmatch(surface):
        return RawMention(Mention(start, end, surface, EntityType.WEAPON))
    if etype is EntityType.OTHER and _model_name(surface):
        return RawMention(Mention(start, end, surface, EntityType.WEAPON))
    named = country_name(surface)
    if named is not None and etype is not EntityType.WEAPON:
        # a country's own name is the country, whatever the context ("in Cyprus")
        return RawMention(Mention(start, end, surface, EntityType.COUNTRY), named)
    if etype is EntityType.COUNTRY:
        # a capital or seat of government acting for its country; any other place the
        # model took for a country ("Hong Kong", a city) is a place
        canonical = country_of(surface)
        if canonical is None and (other := _not_a_place(text, start, end)):
            return other
        if canonical is None or _is_place(text, start, surface):
            return _place(text, start, end)
        return RawMention(Mention(start, end, surface, etype), canonical)
    if etype is EntityType.LOCATION:
        return _not_a_place(text, start, end) or _place(text, start, end)
    return RawMention(Mention(start, end, surface, etype))


# Where a thing the model could not type is someone that is told or that reports.
_TOLD_BEFORE = re.compile(r"\b(?:told|according to|reported by|interview with)\s+(?:[Tt]he\s+)?$")


# A facility named after its town is another place, and its kind is part of its name
# ("Wadi Sayyidna air base", "Tumangan station"). So is a region's kind word: the
# reports write "Kherson region" and "Kursk Oblast" far more often than the bare name
# before a kind word (about ten to three in the annotated reports).
_PLACE_HEAD = re.compile(
    r"\s+(?:airport|air base|airbase|airfield|naval base|port|station|bridge|"
    r"[Rr]egion|[Oo]blast|[Pp]rovince|[Kk]rai)\b"
)


def _used_alone(text: str, start: int, end: int) -> bool:
    """Whether the report also names the place without its kind word ("El-Fasher" beside
    "the El-Fasher region"): then the kind word only describes it."""
    bare = re.compile(rf"\b{re.escape(text[start:end])}\b(?!{_REGION_KIND.pattern})")
    return any(m.start() != start for m in bare.finditer(text))


# A region's kind word, ending a name or right after it.
_REGION_KIND = re.compile(r"\s+(?:[Rr]egion|[Oo]blast|[Pp]rovince|[Kk]rai)\b")


@cache
def _zone_cities() -> frozenset[str]:
    """The cities that name a time zone in CLDR (about 400, "Africa/Khartoum"), less the
    research stations, whose names are people's ("Casey", "Davis")."""
    from babel.core import get_global

    zones = get_global("zone_territories")
    return frozenset(
        z.rsplit("/", 1)[-1].replace("_", " ")
        for z in zones
        if "/" in z and not z.startswith(("Antarctica/", "Etc/"))
    )


def _zone_city(surface: str) -> bool:
    return (surface.title() if surface.isupper() else surface) in _zone_cities()


def _place(text: str, start: int, end: int) -> RawMention:
    head = _PLACE_HEAD.match(text, end)
    if head and not (_REGION_KIND.match(text, end) and _used_alone(text, start, end)):
        end = head.end()
    return RawMention(Mention(start, end, text[start:end], EntityType.LOCATION))


# A model code inside a short name ("Leopard 2", "M1 Abrams", "IRIS-T"): what the model
# calls "other" with one is a weapon, unless it names a resolution, deal or event.
_MODEL_CODE = re.compile(r"\d{1,4}[A-Z]?|[A-Z]+\d+[A-Z]*|[A-Z]{2,}-[A-Z0-9]+")
_NOT_MODELS = re.compile(r"(?i)\b(?:resolution|deal|forum|port|act|agreement|treaty|summit)\b")


def _model_name(surface: str) -> bool:
    words = surface.split()
    return (
        len(words) <= 3
        and any(_MODEL_CODE.fullmatch(w) for w in words)
        and _NOT_MODELS.search(surface) is None
    )


_MONTH_WORD = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t|tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b"
)
_DATED = re.compile(rf"\b{_MONTH_WORD}\.?\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH_WORD}")


def _weapon_like(surface: str) -> bool:
    """A weapon name has a number or a letter code in it, or several words, or is a
    known family; a lone capitalised word ("Panel", "Lady") the model took for one
    is not enough."""
    words = surface.split()
    if not any(c.isalpha() for c in surface):
        return False  # a figure ("430,000", "3.6") is no designation
    if _DATED.search(surface):
        return False  # "Published Nov 18, 2024": a date
    return (
        len(words) > 1
        or any(c.isdigit() for c in surface)
        or surface.isupper()
        or is_family(surface)
    )


# Particles that only occur inside personal names: a span the model cut at one of them
# ("Ursula von | der Leyen") is a person's name running on.
_PERSON_PARTICLE = re.compile(r"(?:^|\s)(?:von|van|der|den|bin|ibn)$")


_LOWER_DEPARTMENT = re.compile(
    r"\b(?:(?:U\.?S\.?|UK|British|American) )?(?:treasury|state|commerce|justice|defen[cs]e) "
    r"department\b"
)


# Bodies and weapons named by a phrase the recogniser does not take for a name: a
# government department written in lower case, as wire copy does ("the US treasury
# department"), and a ship class with its kind word ("Ropucha class", "Kilo-class").
_PHRASES: tuple[tuple[re.Pattern[str], EntityType], ...] = (
    (_LOWER_DEPARTMENT, EntityType.ORGANIZATION),
    (re.compile(r"\b[A-Z][a-z]{2,}[- ]class\b"), EntityType.WEAPON),
)


def _phrase_mentions(body: str, offset: int) -> list[RawMention]:
    return [
        RawMention(Mention(offset + m.start(), offset + m.end(), m.group(), etype))
        for pattern, etype in _PHRASES
        for m in pattern.finditer(body)
    ]


def _latin(surface: str) -> bool:
    """Whether every letter of `surface` is a Latin one ("Kyiv", "Türkiye", not "RosZmі")."""
    return all(not c.isalpha() or c.isascii() or _latin_letter(c) for c in surface)


def _foreign_furniture(text: str, start: int, end: int) -> bool:
    """A name in another script that is page furniture, not a name the report quotes: a
    word mixing scripts ("RosZmі", a look-alike letter), or a line with hardly any Latin
    words (a language menu's "Українська", a spam line). "The plant in Елабуга assembles
    drones" keeps its Cyrillic name."""
    if _latin(text[start:end]):
        return False
    if not all(_one_script(w) for w in text[start:end].split()):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    latin_words = sum(1 for w in line.split() if any(c.isalpha() for c in w) and _latin(w))
    return latin_words < 3


def _one_script(word: str) -> bool:
    """Whether the letters of `word` are all Latin or all of other scripts."""
    letters = [c for c in word if c.isalpha()]
    latin = [c.isascii() or _latin_letter(c) for c in letters]
    return all(latin) or not any(latin)


@cache
def _latin_letter(char: str) -> bool:
    import unicodedata

    return unicodedata.name(char, "").startswith("LATIN")


# "Washington, D.C.": the District is part of the city's name, and the city is the place.
_DISTRICT = re.compile(r",\s*D\.\s?C\.|,\s*DC\b")


def _from_span(label: str, text: str, start: int, end: int) -> RawMention | None:
    if _foreign_furniture(text, start, end):
        return None
    district = _DISTRICT.match(text, end)
    if district and text[start:end].strip().isalpha():
        end = district.end()
        return RawMention(Mention(start, end, text[start:end], EntityType.LOCATION))
    if label != "PERSON" and _PERSON_PARTICLE.search(text, start, end):
        after = _PARTICLE_AFTER.match(text, end) or re.compile(r"\s+[A-Z][\w'’-]+").match(text, end)
        if after:
            label, end = "PERSON", after.end()
    if label in ("ORG", "LOCATION", "OTHER", "GPE") and _KOREAN_NAME.fullmatch(text, start, end):
        label = "PERSON"  # "Chon In-li", "Lim Soo-suk": a family name and a given name
    if label in ("PERSON", "ORG", *LEARNED_TYPES):
        start, end = _name_bounds(label, text, start, end)
    head = _BODY_HEAD_AFTER.match(text, end)
    if head and label not in ("WEAPON", "COUNTRY") and country_name(text[start:end]) is None:
        label, end = "ORG", head.end()  # "Khatam al-Anbiya Central | Headquarters"
    if label in _OF_LABELS or (label == "COUNTRY" and country_name(text[start:end]) is None):
        start, end, body = _of_phrase(text, start, end)
        label = "ORG" if body else label
    kind = weapon_kind_tail(text[start:end]) if label != "WEAPON" else None
    if kind is not None:
        label, end = "WEAPON", start + kind  # "ATACMS Missiles": the code is the weapon
    if label in LEARNED_TYPES:
        return _from_learned(label, text, start, end)
    etype = LABEL_TYPES.get(label)
    if etype is None:
        return None
    start, end = _trim(text, start, end)
    if label == "ORG" and text[start:end].endswith(" of"):
        end = _extend_name(text, end)
    surface = text[start:end]
    if len(surface) < 2 or surface.casefold() in _STOPLIST or not surface[0].isupper():
        return None
    if demonym_country(surface) is not None:
        return None
    if label in ("PERSON", "ORG") and (_DESIGNATION_SHAPE.fullmatch(surface) or is_family(surface)):
        # a known weapon family on its own is the weapon ("Ababil"); a company named
        # after one is a longer span ("Shahed Aviation Industries")
        return RawMention(Mention(start, end, surface, EntityType.WEAPON))
    country = country_of(surface) or country_name(surface)
    if country is not None and not _is_place(text, start, surface):
        return RawMention(Mention(start, end, surface, EntityType.COUNTRY), country)
    if country is not None:
        return RawMention(Mention(start, end, surface, EntityType.LOCATION))
    if label in ("PERSON", "ORG") and _zone_city(surface):
        return _place(text, start, end)  # "Khartoum", "ISTANBUL": a city, not a person
    if label in ("PERSON", "ORG") and (
        _REGION_KIND.fullmatch(surface, surface.rfind(" ")) or _REGION_KIND.match(text, end)
    ):
        return _place(text, start, end)  # "Tula Oblast", "Volgograd region": a region
    if label in ("PERSON", "ORG") and _ADMINISTRATION.match(text, end):
        end = _ADMINISTRATION.match(text, end).end()  # type: ignore[union-attr]
        return RawMention(Mention(start, end, text[start:end], EntityType.ORGANIZATION))
    if label in ("GPE", "LOC", "FAC", "PERSON") and _looks_like_org(surface):
        etype = EntityType.ORGANIZATION
    if etype is EntityType.LOCATION and _acronym(text, start, surface):
        etype = EntityType.ORGANIZATION
    return RawMention(Mention(start, end, surface, etype))


_ACRONYM = re.compile(r"[A-Z]{2,7}")
_TWO_OR_THREE_WORDS = re.compile(r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}")


def _not_a_place(text: str, start: int, end: int) -> RawMention | None:
    """A name the recogniser read as a place that is none: a person after a title, or a
    body named by an acronym (the two shapes exclude each other)."""
    surface = text[start:end]
    if _titled_name(text, start, surface):
        return RawMention(Mention(start, end, surface, EntityType.PERSON))
    if _acronym(text, start, surface):
        return RawMention(Mention(start, end, surface, EntityType.ORGANIZATION))
    return None


def _titled_name(text: str, start: int, surface: str) -> bool:
    """Whether a name read as a place follows a person's title ("Chancellor Olaf
    Scholz"): two or three capitalised words after a title are a person."""
    if not _TWO_OR_THREE_WORDS.fullmatch(surface) or country_name(surface):
        return False
    return re.search(rf"\b{_TITLES.pattern}$", text[max(0, start - 60) : start]) is not None


def _acronym(text: str, start: int, surface: str) -> bool:
    """Whether a name read as a place is an acronym, which names a body ("BRICS", "ISIS"),
    not a place: a place's own name in capitals ("MERSIN" opening a dateline, a known
    city, a headline in capitals) is still the place."""
    if not _ACRONYM.fullmatch(surface) or surface.title() in CITY_FORMS:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return start != line_start and any(c.islower() for c in line)


# A Korean name in its romanised form: a one-syllable family name, a hyphenated given name.
_KOREAN_NAME = re.compile(r"[A-Z][a-z]{1,4} [A-Z][a-z]{1,4}-[a-z]{1,4}")
# Particles inside personal names: "Ursula von der Leyen", "Mohammed bin Salman".
_PARTICLES = r"(?:von|van|der|den|de|da|di|du|bin|ibn|al|el|ad|as|ash|ben)"
_PARTICLE_WORD = re.compile(_PARTICLES)
_PARTICLE_AFTER = re.compile(rf"\s+(?:{_PARTICLES}\s+)+[A-Z][\w'’-]+|\s+{_PARTICLES}-[A-Z][\w'’-]+")
# A name's first part glued on before the span ("Yunus-|Bek Yevkurov").
_GLUED_BEFORE = re.compile(r"[A-Z][\w]*[-‐]$")
# A Korean name's last syllable the model left off ("Kim Jong | Un"): a short
# capitalised word after a name of short words.
_SYLLABLE_AFTER = re.compile(r" [A-Z][a-z]{1,2}\b(?![-'’])")


# A lone surname the model took without the given name before it ("Ukrainian official
# Andrii | Kovalenko", "Governor Oleksandr | Prokudin"): one capitalised word, itself
# after a lower-case word or a title, that is no title, country or demonym.
_GIVEN = re.compile(r"([A-Z][a-z]{2,})\s+$")
_LOWER_WORD_END = re.compile(r"(?:^|\s)[a-z]+\s+$")


def _given_name_start(text: str, start: int, end: int) -> int:
    if " " in text[start:end].strip():
        return start
    given = _GIVEN.search(text, max(0, start - 30), start)
    if given is None:
        return start
    word = given.group(1)
    before = text[max(0, given.start() - 30) : given.start()]
    if _is_title_word(word) or demonym_country(word) is not None or country_name(word):
        return start
    if not (before.endswith("\n") or _LOWER_WORD_END.search(before) or _TITLE_END.search(before)):
        return start
    return given.start()


_TITLE_END = re.compile(
    r"\b(?:Governor|Mayor|Chairman|Commander|Spokesperson|Spokesman|Minister|Secretary|President|Official)\s+$"
)


def _is_title_word(word: str) -> bool:
    return bool(_TITLES.fullmatch(word + " ")) or word.casefold() in _KIND_WORDS


# Words that say what someone is, not who.
_KIND_WORDS = frozenset(
    {
        "governor",
        "mayor",
        "official",
        "chairman",
        "envoy",
        "spokesperson",
        "director",
        "head",
        "analyst",
        "expert",
        "judge",
        "prosecutor",
        "citizen",
        "national",
        "pilot",
        "soldier",
    }
)


_GLUED_DATE_AFTER = re.compile(
    r"\s+([A-Z][a-z]+)(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|"
    r"February|March|April|May|June|July|August|September|October|November|December)\b"
)
# A name cut after a middle initial ("TIMOTHY A. | CLARY") or inside a nickname's quotes
# ('Michael "Erik | " Kurilla') runs on to the surname.
_INITIAL_END = re.compile(r"\s[A-Z]\.$")
_NAME_WORD_AFTER = re.compile(r"\s+[A-Z][\w'’-]+")
_NICKNAME_END = re.compile(r"\"\s+[A-Z][\w'’-]+")


def _surname_end(text: str, start: int, end: int) -> int:
    rest = _GLUED_DATE_AFTER.match(text, end)
    if rest:
        return rest.end(1)  # a byline run into its date: "Roman | PetrenkoSaturday, 21 ..."
    if _INITIAL_END.search(text, start, end):
        rest = _NAME_WORD_AFTER.match(text, end)
    elif text.count('"', start, end) % 2:
        rest = _NICKNAME_END.match(text, end)
    return rest.end() if rest else end


def _syllable_name(surface: str) -> bool:
    words = surface.split()
    return len(words) == 2 and all(len(w) <= 5 and w.isalpha() for w in words)


# Titles and ranks are not part of a name ("Marshal Haftar" is Haftar).
_TITLES = re.compile(
    r"(?:(?:President|Vice|Prime|Minister|Foreign|Defen[cs]e|Secretary|General|Gen\.|"
    r"Marshal|Field|Colonel|Col\.|Lieutenant|Lt\.|Major|Maj\.|Admiral|Adm\.|Commander|"
    r"Chancellor|Senator|Sen\.|Rep\.|Representative|Ambassador|Spokesman|Spokeswoman|"
    r"Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sheikh|King|Prince|Supreme|Leader|Deputy|Chief)\s+)+"
)
# A designation: letters, a hyphen, a number ("T-72B3", "Il-76", "BTR-80A/82", "KN-23").
_DESIGNATION_SHAPE = re.compile(r"[A-Z][A-Za-z]{0,5}-\d{1,4}[A-Za-z0-9/.-]*")
_PARTICLE_BEFORE = re.compile(rf"[A-Z][\w'’-]+\s+(?:{_PARTICLES}\s+)+$")
# A name's word glued on by a hyphen or apostrophe ("Shin Won-sik", "al-Assad").
_GLUED = re.compile(r"[-‐'’][\w]+(?:[-‐][\w]+)*")
# Words that join the parts of an organisation's name; any other lower-case word ends it
# ("Foreign Ministry | on Wednesday include ...").
_NAME_JOINERS = frozenset({"of", "and", "the", "for", "&", "on", "de", "du", "des", "al", "in"})


def _name_bounds(label: str, text: str, start: int, end: int) -> tuple[int, int]:
    """Repair the edges of a person or organisation span the model cut or overran."""
    if label == "PERSON":
        glued = _GLUED.match(text, end)
        if glued and (end >= len(text) or text[end - 1].isalpha()):
            end = glued.end()
        end = _surname_end(text, start, end)
        after = _PARTICLE_AFTER.match(text, end) or _SYLLABLE_AFTER.match(text, end)
        if after and (after.re is _PARTICLE_AFTER or _syllable_name(text[start:end])):
            end = after.end()
        before = _PARTICLE_BEFORE.search(text, max(0, start - 40), start)
        if before:
            start = before.start()
        glued_before = _GLUED_BEFORE.search(text, max(0, start - 30), start)
        if glued_before and (
            glued_before.start() == 0 or not text[glued_before.start() - 1].isalnum()
        ):
            start = glued_before.start()
        title = _TITLES.match(text, start, end)
        if title and title.end() < end:
            start = title.end()
        start = _given_name_start(text, start, end)
        of = text.find(" of ", start, end)
        if of > start:
            end = of  # "Tchiani of Niger": the person, not where they rule
    if label == "WEAPON":
        return start, end
    words = list(re.finditer(r"\S+", text[start:end]))
    for i, word in enumerate(words[1:], 1):
        w = word.group()
        particle = _PARTICLE_WORD.fullmatch(re.split(r"[-‐]", w)[0])
        ends = w[0].islower() and w not in _NAME_JOINERS and not particle
        if ends or (
            w in _NAME_JOINERS and i + 1 < len(words) and _DAY_WORD.match(words[i + 1].group())
        ):
            cut = start + words[i - 1].end()
            while cut > start and text[cut - 1] in ",.;:":
                cut -= 1
            return start, cut
    while len(words) > 1 and words[-1].group() in ("and", "of", "for", "the", "on", "in"):
        words.pop()
        end = start + words[-1].end()
    return start, end


def _of_phrase(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """A body's name the model cut at its "of" ("Eastern District | of New York",
    "Alliance of | Sahel States"): the whole name, and whether it was repaired."""
    words = text[start:end].split()
    of = _OF_AFTER.match(text, end)
    if words and words[-1] in _OF_HEADS and of:
        return start, _extend_name(text, of.end() - 1), True
    before = _OF_BEFORE.search(text, max(0, start - 60), start)
    if before:
        return before.start(), end, True
    return start, end, False


_OF_LABELS = frozenset({"ORG", "LOCATION", "GPE", "FAC", "OTHER"})
# Kind words that a body's name continues after with "of" and a name.
_OF_HEADS = frozenset(
    {
        "District",
        "Mission",
        "Office",
        "Embassy",
        "Court",
        "Alliance",
        "Union",
        "Federation",
        "Directorate",
        "Bureau",
        "Agency",
        "Council",
        "Committee",
        "Ministry",
        "Department",
    }
)
_OF_AFTER = re.compile(r" of (?=[A-Z])")
_OF_BEFORE = re.compile(
    r"\b(?:[A-Z][\w-]+ )*(?:Alliance|Union|Federation|Council|Committee|Ministry|Office|"
    r"Embassy|Mission|Court|Presidency|Department|Directorate|Bureau|Agency|Commission|"
    r"Secretariat) of (?:the )?$"
)


# A body's head word right after a span is the end of its name, which the model cut.
_BODY_HEAD_AFTER = re.compile(
    # the head may carry its own rank word ("Khatam al-Anbiya | Central Headquarters")
    r" (?:(?:Central|General|Main|Joint|Supreme) )?"
    r"(?:Headquarters|Ministry|Council|Committee|Commission|Corporation|Company|Industries|"
    r"Plant|Factory|Works|Institute|Agency|Bureau|Directorate|Authority|Organi[sz]ation)\b"
)


# A weekday or month after a joiner ends a name ("Foreign Ministry | on Wednesday").
_DAY_WORD = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\b"
)


# The rest of a name NER cut after "of" ("Air Force Command of | the Armed Forces of
# Ukraine"): capitalised words, joined by "of", "the", "and".
_NAME_TAIL = re.compile(r"(?:\s+(?:the|of|and)\b)*(?:\s+[A-Z][\w-]*(?:\s+(?:of|the|and)\b)*)+")


def _extend_name(text: str, end: int) -> int:
    tail = _NAME_TAIL.match(text, end)
    if tail is None:
        return end
    words = tail.group().split()
    while words and words[-1] in ("of", "the", "and"):
        words.pop()
    return end + tail.group().index(words[-1]) + len(words[-1]) if words else end


# "the Biden administration" names a government, not the person.
_ADMINISTRATION = re.compile(r"\s+administration\b")
# A capital is the place itself, not the government, where something happens in it
# ("an attack in Kyiv", "the capital of Kyiv") or in a dateline ("in Kyiv, Ukraine").
# "Officials in Washington" stays a metonym: people in a capital speak for it.
_LOCATIVE = re.compile(
    r"(?:\b(?:attacks?|strikes?|explosions?|blasts?|struck|hit|shelling)\s+(?:\w+\s+){0,3}?"
    r"(?:in|on|near|over)|\bcapital,? of|\bcity of)\s+$",
    re.IGNORECASE,
)
_DATELINE = re.compile(r",\s+(?P<country>[A-Z][\w ]{2,30}?)\b")


# Where a capital stands for the place: something is "in", "near" or "outside" it,
# someone visits it or trips to it, a part of it ("central Seoul"), or a dateline opens
# with it ("KYIV (Reuters) -"). People "in" a capital still speak for its government.
_IN_PLACE = re.compile(
    r"\b(?:in|near|outside|visit(?:ed|ing|s)?|(?:visits?|trips?|travel(?:led)?) to|central)\s+$",
    re.IGNORECASE,
)
_PEOPLE_IN = re.compile(
    r"\b(?:officials?|diplomats?|authorities|leaders?|leadership|government|regime)\s+in\s+$",
    re.IGNORECASE,
)
_DATELINE_OPEN = re.compile(r"\s*(?:\(|[-—–]\s)")


def _is_place(text: str, start: int, surface: str) -> bool:
    if surface.title() not in CITY_FORMS:
        return False
    before = text[max(0, start - 60) : start]
    if _LOCATIVE.search(before):
        return True
    if _IN_PLACE.search(before) and not _PEOPLE_IN.search(before):
        return True
    if surface.isupper() and (start == 0 or text[start - 1] == "\n"):
        return _DATELINE_OPEN.match(text, start + len(surface)) is not None
    after = _DATELINE.match(text, start + len(surface))
    return bool(after and country_of(after.group("country")) is not None)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article and a trailing possessive from a span."""
    span = text[start:end]
    lead = _LEADING_THE.match(span)
    if lead and not _keeps_article(span):
        start += lead.end()
    lead = _LEADING_WORDS.match(text, start, end)
    if lead and lead.end() < end:
        start = lead.end()
    dated = _DATE_TAIL.search(text, start, end)
    if dated and dated.start() > start:
        end = dated.start()
    span = text[start:end]
    tail = _TRAILING_POSSESSIVE.search(span) or _PARTICIPLE_TAIL.search(span)
    if tail is None and _CHANNEL_AFTER.match(text, end):
        tail = _PLATFORM_TAIL.search(span)
    if tail:
        end = start + tail.start()
    return start, end


# "Baza Telegram channels": the outlet is Baza; the platform only carries it.
_PLATFORM_TAIL = re.compile(r"(?<=\S) (?:Telegram|YouTube)$")
_CHANNEL_AFTER = re.compile(r" channels?\b")
# "US-led", "Iran-backed", "Russia-made": the name is what leads, backs or made it.
_PARTICIPLE_TAIL = re.compile(
    r"[-‐](?:led|backed|made|linked|owned|funded|built|supplied|controlled|aligned|"
    r"sponsored|allied|affiliated)$"
)


# A byline's "By", or a sentence-initial determiner, is not part of a name ("By The
# Irrawaddy", "Some ATACMS").
_LEADING_WORDS = re.compile(
    r"(?:By|Some|Many|Several|Both|All|These|Those|This|That|Its|His|Her|Their|Our|"
    rf"{'|'.join(_SENTENCE_OPENERS)})\s+"
)
# A dateline or byline date run into a name ("The Irrawaddy 4 July 2022").
_DATE_TAIL = re.compile(
    r"\s+\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b.*$"
)


def _keeps_article(span: str) -> bool:
    """News outlets keep "The" in their names (The Washington Post)."""
    return bool(re.match(r"The\s+(?:Washington|New|Wall|Daily|Guardian|Times|Economist)", span))


def _looks_like_org(surface: str) -> bool:
    words = surface.split()
    return any(w in _ORG_HEADS for w in words)


# Words that make a name an organisation whatever NER thought it was.
_ORG_HEADS = frozenset(
    {
        "Ministry",
        "Council",
        "Department",
        "Agency",
        "Office",
        "Company",
        "Corporation",
        "Industries",
        "Industry",
        "Institute",
        "Committee",
        "Commission",
        "Forces",
        "Command",
        "Corps",
        "Bank",
        "Group",
        "Services",
        "Plant",
        "Factory",
        "Works",
        "University",
        "Academy",
    }
)


def _drop_overlaps(mentions: list[RawMention]) -> list[RawMention]:
    """Keep the first-found of overlapping mentions (weapons first), in text order."""
    kept: list[RawMention] = []
    for raw in mentions:
        m = raw.mention
        if all(m.end <= k.mention.start or m.start >= k.mention.end for k in kept):
            kept.append(raw)
    return sorted(kept, key=lambda r: r.mention.start)
