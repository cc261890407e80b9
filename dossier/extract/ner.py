"""Named-entity mentions: spaCy NER, weapon designations and country metonyms.

The spaCy pipeline is loaded once by the caller (`load_nlp`) and passed in; mentions
are found only inside the document body so that comments and widgets yield nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from dossier.extract.gazetteer import country_of
from dossier.extract.weapons import find_weapons
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

# Words that spaCy often tags as entities but that name nobody in this domain.
_STOPLIST = {
    "drone",
    "drones",
    "uav",
    "uavs",
    "kamikaze",
    "telegram",
    "twitter",
    "facebook",
    "covid-19",
    "reply",
    "log out",
    "logo",
    "akismet",
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
    found = [_weapon(w.start, w.end, w.text, w.name) for w in find_weapons(doc.text, body_start)]
    for ent in doc.ents:
        raw = _from_ent(ent, text, body_start)
        if raw is not None:
            found.append(raw)
    return _drop_overlaps(found)


def _weapon(start: int, end: int, surface: str, name: str) -> RawMention:
    return RawMention(Mention(start, end, surface, EntityType.WEAPON), name)


def _from_ent(ent: Any, text: str, body_start: int) -> RawMention | None:
    etype = LABEL_TYPES.get(ent.label_)
    if etype is None:
        return None
    start, end = _trim(text, body_start + ent.start_char, body_start + ent.end_char)
    surface = text[start:end]
    if len(surface) < 2 or surface.casefold() in _STOPLIST or not surface[0].isupper():
        return None
    country = country_of(surface)
    if country is not None:
        return RawMention(Mention(start, end, surface, EntityType.COUNTRY), country)
    if ent.label_ == "GPE" and _looks_like_org(surface):
        etype = EntityType.ORGANIZATION
    return RawMention(Mention(start, end, surface, etype))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article and a trailing possessive from a span."""
    span = text[start:end]
    lead = _LEADING_THE.match(span)
    if lead and not _keeps_article(span):
        start += lead.end()
    tail = _TRAILING_POSSESSIVE.search(text[start:end])
    if tail:
        end = start + tail.start()
    return start, end


def _keeps_article(span: str) -> bool:
    """News outlets keep "The" in their names (The Washington Post)."""
    return bool(re.match(r"The\s+(?:Washington|New|Wall|Daily|Guardian|Times|Economist)", span))


def _looks_like_org(surface: str) -> bool:
    words = surface.split()
    return any(w in {"Ministry", "Council", "Department", "Agency", "Office"} for w in words)


def _drop_overlaps(mentions: list[RawMention]) -> list[RawMention]:
    """Keep the first-found of overlapping mentions (weapons first), in text order."""
    kept: list[RawMention] = []
    for raw in mentions:
        m = raw.mention
        if all(m.end <= k.mention.start or m.start >= k.mention.end for k in kept):
            kept.append(raw)
    return sorted(kept, key=lambda r: r.mention.start)
