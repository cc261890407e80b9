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
from collections.abc import Callable

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
    r"\s+(?:(?:armou?red|tactical|fighting|combat|utility)\s+vehicles?|vehicles|IFVs?|APCs?|"
    r"armou?red\s+ambulances?|tanks|howitzers|launchers|"
    # "Buk anti-aircraft missile system", "Taurus cruise missiles": what kind of missile
    r"(?:(?:anti-aircraft|anti-tank|anti-ship|surface-to-air|air-to-air|cruise|ballistic)\s+)?"
    r"missiles?\s+systems?|(?:anti-aircraft|anti-tank|anti-ship|surface-to-air|air-to-air|"
    r"cruise|ballistic)\s+missiles|"
    r"missiles|rockets|drones|jets|fighter jets|helicopters|air defen[cs]e systems?|"
    r"(?:assault\s+)?rifles|(?:machine\s+)?guns|trucks|mortars|grenades|munitions|warheads|"
    r"bombers|frigates|submarines|corvettes|interceptors)\b"
)
# The same kind word ending a name the recogniser ran on into it, as a headline writes
# it ("ATACMS Missiles To Ukraine"): after a code in capitals it only says what the code is.
_KIND_TAIL = re.compile(rf"(?<=[A-Z]{{2}})(?i:{_WEAPON_AFTER.pattern})$")


def weapon_kind_tail(surface: str) -> int | None:
    """Where a weapon kind word ending `surface` after a code in capitals begins
    ("ATACMS Missiles": 6), or None."""
    tail = _KIND_TAIL.search(surface)
    return tail.start() if tail else None


# A name the report introduces by its kind alone ("Leopard tanks", "Spartak armoured
# vehicles"): up to three capitalised words right before a weapon kind word. Over the
# annotated reports the phrase names a weapon 23 times in 38; the others open with a
# demonym, a provenance word or a sentence's first word, which `kind_named_weapons` drops.
_NAME_BEFORE_KIND = re.compile(
    r"(?<![\w-])(?:[A-Z][\w.]*[-‐])?[A-Z][\w-]*(?:\s+[A-Z0-9][\w-]*){0,2}"
    rf"(?={_WEAPON_AFTER.pattern})"
)
# Words that open such a phrase without being the name ("Iranian-made", "Soviet-era",
# "These"): provenance compounds and determiners.
_NOT_NAME_WORD = re.compile(
    r"(?:[\w -]+[-‐](?:made|produced|built|supplied|designed|era|type|style|class)|"
    r"The|These|Those|This|That|Some|Many|More|Most|Such|All|Its|Their|Our|Both|Other|"
    r"Western|Soviet|Allied)"
)


def kind_named_weapons(text: str, is_adjective: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Spans of names a weapon kind word follows ("Leopard tanks": "Leopard"), less their
    opening demonyms and provenance words (`is_adjective` says which words those are)."""
    found = []
    for m in _NAME_BEFORE_KIND.finditer(text):
        words = list(re.finditer(r"\S+", m.group()))
        while words and (cut := _opening_adjective([w.group() for w in words], is_adjective)):
            words = words[cut:]
        if words:
            found.append((m.start() + words[0].start(), m.end()))
    return found


def _opening_adjective(words: list[str], is_adjective: Callable[[str], bool]) -> int:
    """How many of `words` open the phrase without naming ("North Korean", "These")."""
    for n in range(len(words), 0, -1):
        opening = " ".join(words[:n])
        if _NOT_NAME_WORD.fullmatch(opening) or is_adjective(opening):
            return n
    return 0


_ORG_AFTER = re.compile(
    r"\s+(?:shipping\s+)?(?:company|firm|corporation|news agency|newspaper|daily|group)\b"
    # what only a body has: members, a leader, a spokesperson ("EU member states",
    # "Hamas leader", "Pentagon spokesperson", "DOD official")
    r"|\s+(?:member\s+states?|members?|leaders?|spokes(?:man|woman|person)|officials?)\b"
)
# A person in apposition: "Arthur Petrov, a man with dual ... citizenship", "X, a
# Russian national", and "X, who ...".
_PERSON_AFTER = re.compile(
    r",\s+(?:who|whom|whose)\b|,\s+an?\s+(?:[\w-]+\s+){0,3}?"
    r"(?:man|woman|national|citizen|businessman|businesswoman|resident|native)\b"
)
# A place's own kind after its name ("the Tsim Sha Tsui pier", "Yelabuga district").
_PLACE_AFTER = re.compile(r"\s+(?:pier|harbou?r|square|district|neighbou?rhood|suburb|county)\b")
# "Maharashtra-based Khushbu Honing": what is based somewhere is a body, where it is
# based a place.
_BASED = re.compile(r"[-‐]based\b")
_BASED_BEFORE = re.compile(r"[-‐]based\s+$")
_WORD_BEFORE = re.compile(r"(\S+)\s+$")
# A byline: "By Kateryna Denisova", "by Daria Shekina and ..." opening a line.
_BYLINE = re.compile(r"(?:^|\n)\s*[Bb]y\s+$")
# A list of names a plural kind word introduces ("four Kyrgyzstani companies: A, B, C
# and D", "the sanctioned entities include A, B, and C"): each item is a body.
_LIST_HEAD = (
    r"\b(?:companies|entities|firms|businesses|organi[sz]ations|suppliers|manufacturers|"
    r"importers|exporters)(?:\s*:|,?\s+(?:include|included|including|namely|such\s+as))\s+"
)
_LIST_ITEM = r"[A-Z0-9][^,;:\n]{0,60}?(?:,\s*(?:and\s+)?|\s+and\s+)"
_LISTED_BEFORE = re.compile(rf"{_LIST_HEAD}(?:{_LIST_ITEM})*$")
_LIST = re.compile(rf"{_LIST_HEAD}(?P<items>[A-Z0-9][^;:\n]*)")
# One listed name: capitalised words, "of", "and", "&" or "de" between them.
_LISTED_NAME = re.compile(
    r"[A-Z0-9][\w&.'’-]*(?:\s+(?:(?:of|and|for|de|&)\s+)?[A-Z0-9][\w&.'’-]*)*"
)


_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
# A word's full stop that ends the sentence, not an abbreviation's ("Co.", "S.R.O.").
_SENTENCE_END = re.compile(r"(?<=[a-z]{3}|[A-Z]{3})\.(?=\s+[A-Z])")
_LEGAL_FORM = re.compile(r"(?:Ltd|Inc|LLC|LLP|Co|Corp|JSC|PLC|GmbH|S\.?A|S\.R\.O)\.?")


def find_listed_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names of lists that a plural kind word introduces, in `text[start:end]`."""
    found: list[tuple[int, int]] = []
    for head in _LIST.finditer(text, start, end):
        found += _list_items(text, head.start("items"), head.end("items"))
    return found


def _list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split "A, B, C and D" (or "A, B, and C") into its names; the list ends at the first
    item that is no capitalised name, and its last "and" separates two names."""
    items: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        name = _LISTED_NAME.match(text, pos, end)
        if name is None:
            break
        stop = _SENTENCE_END.search(text, name.start(), name.end())
        items.append((name.start(), stop.start() if stop else name.end()))
        if stop:
            break
        sep = _SEPARATOR.match(text, name.end(), end)
        if sep is None:
            break
        pos = sep.end()
    return _join_legal_forms(text, _split_last_and(text, items))


def _join_legal_forms(text: str, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "Xiamen Limbach Co., Ltd." is one name: a legal form joins the item before it."""
    joined: list[tuple[int, int]] = []
    for start, end in items:
        if joined and _LEGAL_FORM.fullmatch(text, start, end):
            start = joined.pop()[0]
        joined.append((start, end))
    return joined


def _split_last_and(text: str, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not items:
        return items
    s, e = items[-1]
    cut = text.rfind(" and ", s, e)
    if cut < 0:
        return items
    return [*items[:-1], (s, cut), (cut + len(" and "), e)]


# What only a news outlet does to a story, said right after its name ("Yonhap reported",
# "Reuters reports", "As Bild notes"). Read only for a name of one word or one that keeps
# its "The" (`outlet_shaped`): a person's full name is no outlet, and `ner` exempts the
# surnames of the report's full names ("Lipavsky noted").
_REPORTED_AFTER = re.compile(r"\s+(?:reported|reports|has\s+reported|wrote|writes)\b")
_AS_BEFORE = re.compile(r"(?:^|\s)[Aa]s\s+$")
_NOTES_AFTER = re.compile(r"\s+(?:notes|noted|reported|reports|writes|wrote|put\s+it)\b")
_DESK_AFTER = re.compile(r"\s+news\s+(?:desk|agency|service|outlet|website|site)\b")
# A line that credits an outlet: "Source: Krone", "Published ... by The Maritime
# Executive", "By The Irrawaddy 4 July 2022". A person's byline ("By Kateryna Denisova")
# never opens with "The", so only a source line may name one without it.
OUTLET_LINES = (
    re.compile(
        r"(?m)^[ \t]*Source:[ \t]*(?P<name>[A-Z][\w’'&.-]*(?:[ \t]+[A-Z][\w’'&.-]*){0,3})[ \t]*$"
    ),
    re.compile(r"\b[Bb]y[ \t]+(?P<name>The(?:[ \t]+[A-Z][\w’'-]+){1,4})(?=[ \t]*(?:\n|$|\d))"),
)


def outlet_shaped(surface: str) -> bool:
    """Whether `surface` may name an outlet by its context alone: one word, or a name
    that keeps its "The"."""
    words = surface.split()
    return len(words) == 1 or (len(words) > 1 and words[0] == "The")


def outlet_context(text: str, start: int, end: int) -> bool:
    """Whether the words around `text[start:end]` say it is a news outlet."""
    after, before = text[end : end + 40], text[max(0, start - 40) : start]
    if _REPORTED_AFTER.match(after) or _DESK_AFTER.match(after):
        return True
    return bool(_AS_BEFORE.search(before) and _NOTES_AFTER.match(after))


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
    (True, _PERSON_AFTER, EntityType.PERSON),
    (True, _PLACE_AFTER, EntityType.LOCATION),
    (False, _BASED_BEFORE, EntityType.ORGANIZATION),
    (False, _PLACE_OF, EntityType.LOCATION),
    (False, _BYLINE, EntityType.PERSON),
    (False, _LISTED_BEFORE, EntityType.ORGANIZATION),
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
