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


# Where a cue is read (the 40 characters after the name, or before it) -> the cue's
# pattern -> the type it gives; the first that matches wins. A cue after the name is
# matched at its end, one before it must end where the name starts.
_CUES: tuple[tuple[bool, re.Pattern[str], EntityType], ...] = (
    (True, _BASED, EntityType.LOCATION),
    (True, _WEAPON_AFTER, EntityType.WEAPON),
    (True, _ORG_AFTER, EntityType.ORGANIZATION),
    (False, _BASED_BEFORE, EntityType.ORGANIZATION),
    (False, _PLACE_OF, EntityType.LOCATION),
    (False, _BYLINE, EntityType.PERSON),
)


def cued_type(text: str, start: int, end: int) -> EntityType | None:
    """The type the words around `text[start:end]` give the name, or None."""
    after, before = text[end : end + 40], text[max(0, start - 40) : start]
    for is_after, pattern, etype in _CUES:
        if pattern.match(after) if is_after else pattern.search(before):
            return etype
    word = _WORD_BEFORE.search(before)
    if word is None:
        return None
    noun = word.group(1).casefold()
    return next((t for t, nouns in _BEFORE.items() if noun in nouns), None)
