"""Name normalisation: any script to Latin, casefolded, punctuation-free tokens."""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

_NON_WORD = re.compile(r"[^\w]+")
# Legal forms and filler words: they say what kind of body something is, not which one.
STOPWORDS = frozenset(
    {
        "the",
        "of",
        "and",
        "for",
        "a",
        "an",
        "de",
        "la",
        "al",
        "el",
        "co",
        "company",
        "corp",
        "corporation",
        "inc",
        "ltd",
        "limited",
        "llc",
        "llp",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "jsc",
        "ojsc",
        "pjsc",
        "cjsc",
        "oao",
        "zao",
        "ooo",
        "ao",
        "pao",
        "fzc",
        "fze",
        "fzco",
        "dmcc",
        "group",
        "holding",
        "holdings",
        "joint",
        "stock",
        "liability",
        "open",
        "closed",
        "public",
        "private",
    }
)


# Words that only an organisation's name carries (used where a list gives no type).
ORG_WORDS = frozenset(
    {
        "company",
        "corp",
        "corporation",
        "inc",
        "ltd",
        "limited",
        "llc",
        "plc",
        "gmbh",
        "sa",
        "srl",
        "jsc",
        "ooo",
        "co",
        "group",
        "trading",
        "international",
        "industries",
        "industry",
        "enterprises",
        "technology",
        "technologies",
        "electronics",
        "services",
        "import",
        "export",
        "bank",
        "llp",
        "bv",
        "ab",
        "pte",
        "pvt",
        "fze",
        "fzc",
        "fzco",
        "dmcc",
    }
)


@lru_cache(maxsize=200_000)
def name_tokens(name: str) -> tuple[str, ...]:
    """Transliterate to Latin, casefold and split into word tokens."""
    latin = unidecode(name).casefold().replace("'", "").replace(".", "")
    return tuple(t for t in _NON_WORD.sub(" ", latin).split() if t)


def normalise_name(name: str) -> str:
    """One comparable string for a name."""
    return " ".join(name_tokens(name))


def reorder_person(name: str) -> str:
    """`SURNAME, Given` → `Given SURNAME` (OFAC writes people this way)."""
    if name.count(",") == 1:
        surname, given = (p.strip() for p in name.split(","))
        if surname and given:
            return f"{given} {surname}"
    return name
