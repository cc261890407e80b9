"""Type cues in a name's context: the common noun a report puts beside a name it does not
expect its reader to know ("news channel Astra", "spokesperson Lim Soo-suk", "the port of
Tartus", "Spartak armoured vehicles", "Maharashtra-based").

The recogniser types a name it never saw by its shape, and one-word names confuse it
(organisation, place or person). English news introduces such a name with its kind, so
a kind word right before or after the name settles the type. The word lists are plain
English vocabulary, not names from any report.
"""

from __future__ import annotations

import re

from dossier.model import EntityType

# Nouns that, right before a name, say what it names ("Foreign Ministry spokesperson
# Lim Soo-suk", "the daily newspaper Etemad", "state media outlet Sana").
_BEFORE: dict[EntityType, tuple[str, ...]] = {
    EntityType.PERSON: (
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "minister",
        "president",
        "director",
        "commander",
        "chief",
        "leader",
        "official",
        "analyst",
        "ambassador",
        "envoy",
        "founder",
        "owner",
        "businessman",
        "businesswoman",
        "lawmaker",
        "senator",
        "journalist",
        "correspondent",
        "reporter",
        "researcher",
        "expert",
        "author",
        "authors:",
        "author:",
    ),
    EntityType.ORGANIZATION: (
        "newspaper",
        "daily",
        "outlet",
        "agency",
        "channel",
        "broadcaster",
        "company",
        "firm",
        "maker",
        "manufacturer",
        "producer",
        "airline",
        "carrier",
        "operator",
        "contractor",
        "supplier",
        "exporter",
        "importer",
        "developer",
        "concern",
        "conglomerate",
        "group",
        "bank",
        "network",
        "website",
    ),
}
# "the port of Tartus", "the port city of Tartus", "the town of Bucha".
_PLACE_OF = re.compile(
    r"\b(?:port|city|town|village|province|region|district|island|port city|capital)\s+of\s+$",
    re.IGNORECASE,
)
# Nouns that, right after a name, make it a weapon ("Spartak armoured vehicles",
# "BMD IFVs") or an organisation ("MG Flot shipping company").
_WEAPON_AFTER = re.compile(
    r"\s+(?:armou?red\s+vehicles?|vehicles|IFVs?|APCs?|tanks|howitzers|launchers|"
    r"missiles|rockets|drones|jets|fighter jets|helicopters|air defen[cs]e systems?)\b"
)
_ORG_AFTER = re.compile(
    r"\s+(?:shipping\s+)?(?:company|firm|corporation|news agency|newspaper|daily|group)\b"
)
# "Maharashtra-based Khushbu Honing": what is based somewhere is a body, where it is
# based a place.
_BASED = re.compile(r"[-‐]based\b")
_BASED_BEFORE = re.compile(r"[-‐]based\s+$")
_WORD_BEFORE = re.compile(r"(\S+)\s+$")
# A byline: "By Kateryna Denisova", "by Daria Shekina and ..." opening a line.
_BYLINE = re.compile(r"(?:^|\n)\s*[Bb]y\s+$")
# The recogniser's types that a cue may correct; countries, weapons it found by their
# shape and canonical names stay.
CORRECTABLE = frozenset(
    {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.LOCATION, EntityType.OTHER}
)


def cued_type(text: str, start: int, end: int) -> EntityType | None:
    """The type the words around `text[start:end]` give the name, or None."""
    after = text[end : end + 40]
    if _BASED.match(after):
        return EntityType.LOCATION
    if _WEAPON_AFTER.match(after):
        return EntityType.WEAPON
    if _ORG_AFTER.match(after):
        return EntityType.ORGANIZATION
    before = text[max(0, start - 40) : start]
    if _BASED_BEFORE.search(before):
        return EntityType.ORGANIZATION
    if _PLACE_OF.search(before):
        return EntityType.LOCATION
    if _BYLINE.search(before):
        return EntityType.PERSON
    word = _WORD_BEFORE.search(before)
    if word is None:
        return None
    noun = word.group(1).casefold()
    return next((t for t, nouns in _BEFORE.items() if noun in nouns), None)
