"""In-document alias linking: group mentions that name the same thing into one entity.

Links, in order: canonical names (countries, weapons), acronyms introduced in
parentheses ("Quds Aviation Industry (QAI)"), surnames of people named in full
earlier ("Kirby" → "John Kirby"), and equal normalised text.
"""

from __future__ import annotations

import re
from collections import Counter

from dossier.extract.gazetteer import CITY_FORMS_FOLDED, country_name, demonym_country
from dossier.extract.ner import RawMention
from dossier.extract.widgets import in_spans, widget_spans
from dossier.model import Entity, EntityType, Mention

_PUNCT = re.compile(r"[^\w]+")
_ACRONYM_AFTER = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z]{1,9})\)")


def normalise(text: str) -> str:
    """Casefold, drop periods and apostrophes, collapse punctuation, drop a leading "the"."""
    key = text.casefold().replace(".", "").replace("'", "").replace("’", "")
    key = _PUNCT.sub(" ", key).strip()
    return key.removeprefix("the ")


def link_mentions(raw: list[RawMention], text: str, body_end: int) -> list[Entity]:
    """Group mentions into entities, adding acronym mentions found in the body."""
    raw = raw + _acronym_mentions(raw, text, body_end)
    keys = _assign_keys(raw, text)
    groups: dict[str, list[RawMention]] = {}
    for item, key in zip(raw, keys, strict=True):
        groups.setdefault(key, []).append(item)
    return [_make_entity(items) for items in groups.values()]


def _assign_keys(raw: list[RawMention], text: str) -> list[str]:
    acronyms = _acronym_targets(raw, text)
    surnames = _surname_index(raw)
    heads = _head_index(raw)
    places = _place_index(raw)
    models = _model_index(raw)
    keys: list[str] = []
    for item in raw:
        m = item.mention
        norm = normalise(m.text)
        if item.canonical:
            keys.append(_canonical_key(item.canonical))
        elif m.text in acronyms:
            keys.append(acronyms[m.text])
        elif m.type is not EntityType.COUNTRY and len(norm.split()) == 1 and norm in surnames:
            keys.append("n:" + surnames[norm])
        elif _short_reference(m, norm) and norm in heads and heads[norm][1] != "n:" + norm:
            keys.append(heads[norm][1])
        elif m.type is EntityType.WEAPON and norm in models:
            keys.append(models[norm])
        elif m.type is EntityType.LOCATION and norm in places:
            keys.append(places[norm])
        else:
            keys.append("n:" + norm)
    keys = _link_abbreviations(raw, keys)
    return _plurals_to_singulars(_one_entity_per_name(raw, keys))


def _canonical_key(canonical: str) -> str:
    """One key per canonical name whatever its case ("SU-35" and "Su-35" are one jet)."""
    return "c:" + canonical.casefold()


def _link_abbreviations(raw: list[RawMention], keys: list[str]) -> list[str]:
    """An acronym made of the first letters or syllables of one organisation's name in
    the document is that organisation ("CENTCOM", "USCENTCOM" for "US Central Command",
    "NATO"), even where no parenthesis introduced it."""
    names = {
        key: normalise(r.mention.text).split()
        for r, key in zip(raw, keys, strict=True)
        if r.mention.type is EntityType.ORGANIZATION and " " in r.mention.text.strip()
    }
    linked = list(keys)
    for i, item in enumerate(raw):
        text = item.mention.text
        if not _ACRONYM_SHAPE.fullmatch(text) or keys[i].startswith("c:"):
            continue
        hits = {k for k, words in names.items() if _abbreviates(text.casefold(), words)}
        if len(hits) == 1:
            linked[i] = hits.pop()
    return linked


_ACRONYM_SHAPE = re.compile(r"[A-Z]{3,10}")
_SKIPPED = frozenset({"of", "the", "and", "for", "on", "in"})


def _abbreviates(acronym: str, words: list[str]) -> bool:
    """Whether `acronym` is non-empty prefixes of the content words, in order; a leading
    country code may be left out ("centcom" for "us central command")."""
    content = [w for w in words if w not in _SKIPPED]
    if len(content) < 2:
        return False
    return _prefixes(acronym, content) or (
        content[0] in _NOT_SHORT and _prefixes(acronym, content[1:])
    )


def _prefixes(acronym: str, words: list[str]) -> bool:
    if not words:
        return not acronym
    if not acronym:
        return False
    head, rest = words[0], words[1:]
    return any(
        _prefixes(acronym[n:], rest)
        for n in range(1, min(len(head), len(acronym)) + 1)
        if acronym[:n] == head[:n]
    )


def _one_entity_per_name(raw: list[RawMention], keys: list[str]) -> list[str]:
    """One name is one entity in a document: a mention whose text another entity also
    has ("REUTERS" and the known "Reuters", "Pyongyang" the place and "Pyongyang" for
    North Korea) joins that entity; a canonical entity wins, then the larger one.

    An acronym with a country's prefix ("USCENTCOM") is the acronym ("CENTCOM")."""
    size = Counter(keys)
    best: dict[str, str] = {}
    for item, key in zip(raw, keys, strict=True):
        for name in _name_keys(item.mention):
            held = best.get(name)
            if held is None or _outranks(key, held, size):
                best[name] = key
    countries = {k for r, k in zip(raw, keys, strict=True) if r.mention.type is EntityType.COUNTRY}
    moved: dict[str, str] = {}
    for item, key in zip(raw, keys, strict=True):
        names = _name_keys(item.mention)
        if key.startswith("c:") or key != "n:" + names[0]:
            continue  # a canonical name, or a mention linked by its surname or head word
        target = next((best[n] for n in names if best[n] != key), key)
        if item.mention.type is EntityType.LOCATION and target in countries:
            continue  # the capital as a place stays apart from the capital for its country
        if target != key:
            moved.setdefault(key, target)
    return [_follow(moved, key) for key in keys]


def _name_keys(mention: Mention) -> list[str]:
    """The mention's normalised name, then the other names it is known by: its acronym
    without a country prefix, a ministry's one form ("Russian Defense Ministry" is the
    "Russian Ministry of Defence"), a person's first and last names ("Alexander
    Vasilyevich Fomin" is "Alexander Fomin")."""
    text = mention.text
    norm = normalise(text)
    stripped = _COUNTRY_PREFIX.fullmatch(text)
    keys = [norm, normalise(stripped.group(1))] if stripped else [norm]
    american = _american(norm)
    if american != norm:
        keys.append(american)  # "Diehl Defence" is the "Diehl Defense" of another line
    words = norm.split()
    if mention.type is EntityType.PERSON and len(words) == 3:
        keys.append(f"{words[0]} {words[2]}")
    if mention.type is EntityType.ORGANIZATION:
        keys += [k for k in (_ministry_key(norm), _base_key(words)) if k]
        if len(words) > 1 and words[0] in _BLOC_WORDS:
            keys.append(" ".join([_BLOC_WORDS[words[0]], *words[1:]]))  # "EU Commission"
    return keys


# British spellings and their American forms: one name either way.
_SPELLINGS = {
    "defence": "defense",
    "programme": "program",
    "organisation": "organization",
    "centre": "center",
    "armoured": "armored",
    "licence": "license",
    "harbour": "harbor",
}


def _american(norm: str) -> str:
    """A normalised name with its British spellings written the American way."""
    return " ".join(_SPELLINGS.get(w, w) for w in norm.split())


# A bloc's short form opening a body's name is its full one ("EU Commission" is the
# "European Commission", "UN Security Council" the "United Nations Security Council").
_BLOC_WORDS = {"eu": "european", "un": "united nations"}


def _base_key(words: list[str]) -> str | None:
    """ "Wagner PMC" and "Wagner Group" are one body: its name less the kind word (a key
    only organisations share, so the "Kalashnikov" rifle stays apart)."""
    if len(words) >= 2 and words[-1] in _ORG_SUFFIXES:
        return "base:" + " ".join(words[:-1])
    return None


# A government ministry's portfolio and whose it is, in any of its word orders.
_PORTFOLIO = r"(?P<p>defen[cs]e|foreign(?: affairs)?|interior|justice|finance|economy|energy)"
_MINISTRY_FORMS = [
    re.compile(rf"(?P<x>\w+) {_PORTFOLIO} ministry"),
    re.compile(rf"(?P<x>\w+) ministry of {_PORTFOLIO}"),
    re.compile(rf"ministry of {_PORTFOLIO} of (?P<x>\w+)"),
    re.compile(rf"{_PORTFOLIO} ministry of (?P<x>\w+)"),
]


def _ministry_key(norm: str) -> str | None:
    for form in _MINISTRY_FORMS:
        found = form.fullmatch(norm)
        if found:
            whose = found.group("x")
            country = demonym_country(whose.title()) or country_name(whose) or whose
            portfolio = found.group("p").replace("defence", "defense").split()[0]
            return f"ministry of {portfolio} of {country.casefold()}"
    return None


# "USCENTCOM", "UKSF": a country's code glued to an organisation's acronym.
_COUNTRY_PREFIX = re.compile(r"(?:US|UK)([A-Z]{3,})")


def _outranks(key: str, held: str, size: Counter[str]) -> bool:
    if key.startswith("c:") != held.startswith("c:"):
        return key.startswith("c:")
    return size[key] > size[held]


def _follow(moved: dict[str, str], key: str) -> str:
    seen = {key}
    while key in moved and moved[key] not in seen:
        key = moved[key]
        seen.add(key)
    return key


def _plurals_to_singulars(keys: list[str]) -> list[str]:
    """ "F-16s" and "Storm Shadows" are the F-16 and the Storm Shadow named elsewhere."""
    known = set(keys)
    return [k[:-1] if k.endswith("s") and k[:-1] in known else k for k in keys]


def _short_reference(m: Mention, norm: str) -> bool:
    """Whether a mention may be a short form of an organisation's longer name: an
    organisation, or one word the model typed as a place ("Kupol" for "IEMZ Kupol",
    "Khushbu" for "Khushbu Honing") that is no known city."""
    if m.type is EntityType.ORGANIZATION:
        return True
    return m.type is EntityType.LOCATION and " " not in norm and norm not in CITY_FORMS_FOLDED


def _head_index(raw: list[RawMention]) -> dict[str, tuple[int, str]]:
    """Map the head word of a multi-word organisation to its key.

    A later bare "Council" or "Treasury" is a short reference to the "European Council"
    or "US Treasury" named in full before it; only the first full name of each head
    word counts. Returns head word -> (where the full name starts, its key).
    """
    index: dict[str, tuple[int, str]] = {}
    for item in sorted(raw, key=lambda r: r.mention.start):
        m = item.mention
        parts = normalise(m.text).split()
        if m.type is EntityType.ORGANIZATION and len(parts) >= 2:
            key = _canonical_key(item.canonical) if item.canonical else "n:" + " ".join(parts)
            for short in _short_forms(parts):
                index.setdefault(short, (m.start, key))
            index.setdefault(parts[-1], (m.start, key))
            if len(parts) == 2 and parts[0] not in _NOT_SHORT and parts[1] not in _BODY_KINDS:
                index.setdefault(parts[0], (m.start, key))  # "Khushbu" for "Khushbu Honing"
    return index


def _short_forms(parts: list[str]) -> list[str]:
    """Shorter names an organisation goes by later: its last words ("Security Council"
    for "UN Security Council") and what precedes "of" ("Foreign Ministry" for "Foreign
    Ministry of Ukraine")."""
    forms = [" ".join(parts[i:]) for i in range(1, len(parts) - 1)]
    if "of" in parts[1:]:
        forms.append(" ".join(parts[: parts.index("of", 1)]))
    if parts[-1] in _ORG_SUFFIXES:
        forms.append(" ".join(parts[:-1]))  # "Wagner" for "Wagner Group"
    portfolio = _portfolio(parts)
    if portfolio is not None:
        forms.append(portfolio)  # "Treasury" for "US Treasury Department"
    return [f for f in forms if f.split()[0] not in ("of", "and", "for")]


def _portfolio(parts: list[str]) -> str | None:
    """The one word that says which department or ministry a name is ("treasury" of "us
    treasury department" and of "department of the treasury"), which wire copy uses alone
    for it; None for a name of another shape or a word that stands for more ("state")."""
    if len(parts) >= 2 and parts[-1] in _DEPARTMENTS:
        word = parts[-2]
    elif len(parts) >= 3 and parts[0] in _DEPARTMENTS and parts[1] == "of":
        rest = [w for w in parts[2:] if w != "the"]
        word = rest[0] if len(rest) == 1 else ""
    else:
        return None
    if not word or word in _NOT_SHORT or country_name(word) or demonym_country(word.title()):
        return None
    return word


_DEPARTMENTS = frozenset({"department", "ministry"})


# Words that only say what kind of place a name is.
_PLACE_KINDS = re.compile(
    r"\s+(?:special economic zone|sez|economic zone|region|oblast|province|republic|krai)$"
)


def _place_index(raw: list[RawMention]) -> dict[str, str]:
    """ "Alabuga" is the "Alabuga Special Economic Zone" named in the same document."""
    index: dict[str, str] = {}
    for item in raw:
        m = item.mention
        norm = normalise(m.text)
        kind = _PLACE_KINDS.search(norm)
        if m.type is EntityType.LOCATION and kind and kind.start() > 0:
            index.setdefault(norm[: kind.start()], "n:" + norm)
    return index


# First words that never stand for a two-word organisation's name alone.
_NOT_SHORT = frozenset({"us", "uk", "un", "eu", "new", "national", "federal", "state", "royal"})

# A two-word name of this kind is named after its first word, which stays its own
# thing ("Africa Corps", "Kyiv Independent").
_BODY_KINDS = frozenset({"corps", "independent", "times", "post", "news", "today", "forces"})

# Words that only say what kind of body a name is.
_ORG_SUFFIXES = frozenset(
    {"group", "pmc", "company", "corporation", "corp", "ltd", "llc", "inc", "jsc", "plc", "co"}
)


def _model_index(raw: list[RawMention]) -> dict[str, str]:
    """Map a weapon's model code to the key of its full name: "TB2" later in a report is
    the "Bayraktar TB2" it named first, as a surname is its person."""
    index: dict[str, str] = {}
    for item in raw:
        m = item.mention
        parts = normalise(m.text).split()
        if m.type is EntityType.WEAPON and len(parts) >= 2 and any(c.isdigit() for c in parts[-1]):
            key = _canonical_key(item.canonical) if item.canonical else "n:" + " ".join(parts)
            index.setdefault(parts[-1], key)
    return index


def _surname_index(raw: list[RawMention]) -> dict[str, str]:
    """Map a surname to the normalised full name of the person it belongs to."""
    index: dict[str, str] = {}
    for item in raw:
        m = item.mention
        parts = normalise(m.text).split()
        if m.type is EntityType.PERSON and len(parts) >= 2:
            index.setdefault(parts[-1], " ".join(parts))
    return index


def _acronym_targets(raw: list[RawMention], text: str) -> dict[str, str]:
    """Acronyms introduced right after a mention, mapped to that mention's key."""
    targets: dict[str, str] = {}
    for item in raw:
        m = item.mention
        if m.type not in (EntityType.ORGANIZATION, EntityType.OTHER, EntityType.COUNTRY):
            continue
        after = _ACRONYM_AFTER.match(text, m.end)
        if after:
            key = _canonical_key(item.canonical) if item.canonical else "n:" + normalise(m.text)
            targets[after.group("acr")] = key
    return targets


def _acronym_mentions(raw: list[RawMention], text: str, body_end: int) -> list[RawMention]:
    """Add a mention for every use of an introduced acronym that NER missed."""
    taken = [(r.mention.start, r.mention.end) for r in raw]
    added: list[RawMention] = []
    furniture = widget_spans(text, 0, body_end)
    for acronym in _acronym_targets(raw, text):
        for found in re.finditer(rf"\b{re.escape(acronym)}\b", text[:body_end]):
            span = (found.start(), found.end())
            if any(s < span[1] and span[0] < e for s, e in taken) or in_spans(span[0], furniture):
                continue
            taken.append(span)
            added.append(RawMention(Mention(*span, acronym, EntityType.ORGANIZATION)))
    return added


def _make_entity(items: list[RawMention]) -> Entity:
    mentions = sorted((i.mention for i in items), key=lambda m: m.start)
    canonical = next((i.canonical for i in items if i.canonical), None)
    etype = vote_type(mentions)
    name = canonical or max((m.text for m in mentions), key=len)
    return Entity(name=name, type=etype, mentions=mentions)


def vote_type(mentions: list[Mention]) -> EntityType:
    """One type for an entity's mentions: a country or weapon reading wins, else the most
    frequent (every language's linking decides the same way)."""
    counts = Counter(m.type for m in mentions)
    for decisive in (EntityType.COUNTRY, EntityType.WEAPON):
        if counts[decisive]:
            return decisive
    # a longer mention's reading counts for more ("Arthur Petrov" a person against two
    # bare "Petrov" read as a body); a tie goes to the longest mention's
    weights = Counter[EntityType]()
    for m in mentions:
        weights[m.type] += len(m.text.split())
    longest = max(mentions, key=lambda m: len(m.text.split())).type
    top = max(weights.values())
    return longest if weights[longest] == top else weights.most_common(1)[0][0]
