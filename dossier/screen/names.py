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


# Spelled-out legal forms → their abbreviation, so "Public Limited Company" is "plc".
_LEGAL_FORMS = (
    ("open joint stock company", "ojsc"),
    ("closed joint stock company", "cjsc"),
    ("public joint stock company", "pjsc"),
    ("joint stock company", "jsc"),
    ("limited liability company", "llc"),
    ("limited liability partnership", "llp"),
    ("public limited company", "plc"),
    ("aktiengesellschaft", "ag"),
    ("gesellschaft mit beschrankter haftung", "gmbh"),
    ("obshchestvo s ogranichennoi otvetstvennostiu", "ooo"),
    ("aktsionernoe obshchestvo", "ao"),
    ("corporation", "corp"),
    ("incorporated", "inc"),
    ("limited", "ltd"),
    ("company", "co"),
)


# Numbers written as words or ordinals, and the abbreviations organisations use, to one
# spelling each: "First Bank Int'l" and "1st International Bank" share their tokens.
_NUMBER_WORDS = (
    [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
    ],
    [
        "zeroth",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
    ],
)
_ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
_ABBREVIATIONS = {
    "intl": "international",
    "natl": "national",
    "dept": "department",
    "univ": "university",
    "mfg": "manufacturing",
    "assn": "association",
    "bros": "brothers",
    "mgmt": "management",
}
_CANONICAL = {
    **{word: str(n) for words in _NUMBER_WORDS for n, word in enumerate(words)},
    **_ABBREVIATIONS,
}


def canonical_token(token: str) -> str:
    """One spelling for a number ("first", "1st", "one" → "1") or a known abbreviation."""
    known = _CANONICAL.get(token)
    if known is not None:
        return known
    if token[:-2].isdigit() and token[-2:] in _ORDINAL_SUFFIXES:
        return token[:-2]
    return token


@lru_cache(maxsize=200_000)
def name_tokens(name: str) -> tuple[str, ...]:
    """Transliterate to Latin, casefold, split into word tokens, abbreviate legal forms."""
    latin = unidecode(name).casefold().replace("'", "").replace(".", "")
    text = " " + _NON_WORD.sub(" ", latin).replace("_", " ") + " "
    if any(long in text for long, _ in _LEGAL_FORMS):
        for long, short in _LEGAL_FORMS:
            text = text.replace(f" {long} ", f" {short} ")
    return tuple(canonical_token(t) for t in text.split())


def singular(token: str) -> str:
    """An English plural folded to its singular ("industries" → "industry")."""
    if len(token) > 6 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 5 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


_VOWELISH = str.maketrans("", "", "aeiouwy`'")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


def skeleton(token: str) -> str:
    """Consonants only, doubles merged, `p`→`b`: how Arabic script spells a Latin name."""
    bare = token.translate(_VOWELISH).replace("p", "b")
    return "".join(ch for i, ch in enumerate(bare) if i == 0 or bare[i - 1] != ch)


@lru_cache(maxsize=200_000)
def is_abjad(name: str) -> bool:
    """Whether a name is written in Arabic or Persian script (no short vowels)."""
    return bool(_ARABIC_SCRIPT.search(name))


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
