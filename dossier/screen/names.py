"""Name normalisation: any script to Latin, casefolded, punctuation-free tokens."""

from __future__ import annotations

import json
import re
import threading
from functools import lru_cache
from pathlib import Path

import icu  # type: ignore[import-untyped]  # PyICU ships no type stubs
from unidecode import unidecode

from dossier.screen.legal_forms import extract_org_types, replace_org_types_compare

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
        "mv",  # motor vessel, tanker: a ship's name without them is the same ship
        "mt",
        # Russian state bodies' forms: state corporation, (federal) state unitary enterprise
        "gk",
        "gup",
        "fgup",
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
    ("federal state unitary enterprise", "fgup"),
    ("state unitary enterprise", "gup"),
    ("state corporation", "gk"),
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
_TENS = {
    word: str(n)
    for n, words in ((2, "twenty"), (3, "thirty"), (4, "forty fourty"), (5, "fifty"))
    for word in words.split()
} | {word: str(n) for n, word in enumerate(("sixty", "seventy", "eighty", "ninety"), start=6)}
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


# Roman numerals mark a fund's or a vessel's series ("Partners VII"); the two-letter ones
# that are also name syllables or letters (Xi, Vi, Iv, Ix, V, X) are left as words.
_ROMAN_NUMERALS = dict(
    zip(
        "ii iii vii viii xii xiii xiv xv xvi xvii xviii xix".split(),  # noqa: SIM905
        "2 3 7 8 12 13 14 15 16 17 18 19".split(),  # noqa: SIM905
        strict=True,
    )
)


def canonical_token(token: str) -> str:
    """One spelling for a number ("first", "1st", "one", "III" → a digit) or abbreviation."""
    known = _CANONICAL.get(token) or _ROMAN_NUMERALS.get(token)
    if known is not None:
        return known
    if token[:-2].isdigit() and token[-2:] in _ORDINAL_SUFFIXES:
        return token[:-2]
    return token


@lru_cache(maxsize=200_000)
def name_tokens(name: str) -> tuple[str, ...]:
    """Transliterate to Latin, casefold, split into word tokens, abbreviate legal forms."""
    latin = replace_org_types_compare(to_latin(name).casefold())
    latin = latin.replace("'", "").replace(".", "").replace("\u02bf", "").replace("\u02be", "")
    text = " " + _NON_WORD.sub(" ", latin).replace("_", " ") + " "
    if any(long in text for long, _ in _LEGAL_FORMS):
        for long, short in _LEGAL_FORMS:
            text = text.replace(f" {long} ", f" {short} ")
        text = f" {replace_org_types_compare(text)} "  # "company ltd" → "co ltd" → "coltd"
    text = _ARABIC_ABD.sub(" abdul ", _ARABIC_ABD_JOINED.sub(" abdul", text))
    tokens = ("bin" if t == "ibn" else canonical_token(t) for t in text.split())
    return join_tens(tuple(tokens))


# "Abd al-Aziz", "Abdel Aziz", "Abdul Aziz" and "Abdulaziz" are one Arabic name (servant of
# al-Aziz): the article is glued to "abd" ("abdul aziz"; `features.merge_split_tokens`
# then meets the one-word spelling).
_ARABIC_ABD = re.compile(r" abd(?:ul|al|el|ol)?(?: (?:al|el|ul|ol))? ")
_ARABIC_ABD_JOINED = re.compile(r" abd(?:al|el|ol)(?=\w)")


def join_tens(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Tens written as words, with their units, as one number ("forty four" → "44")."""
    if not any(t in _TENS for t in tokens):
        return tokens
    out: list[str] = []
    for token in tokens:
        unit = token if len(token) == 1 and token.isdigit() else None
        if unit and out and out[-1].endswith("0") and out[-1][:-1] in _TENS.values():
            out[-1] = out[-1][:-1] + unit
        else:
            out.append(_TENS[token] + "0" if token in _TENS else token)
    return tuple(out)


# Scripts unidecode spells badly (ICU does them), each with its own ICU transliterator:
# one per script loads in milliseconds, where "Any-Latin" takes a fraction of a second.
_ICU_SCRIPTS = {
    "Hebrew-Latin": re.compile(r"[\u0590-\u05ff]"),
    "Katakana-Latin; Hiragana-Latin": re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]"),
    "Hangul-Latin": re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]"),
}
_HANGUL_SYLLABLE = re.compile(r"[\uac00-\ud7a3]")
_ICU = threading.local()


def _transliterator(rules: str) -> icu.Transliterator:
    """An ICU transliterator to ASCII Latin, one per thread (they are not thread-safe)."""
    made: dict[str, icu.Transliterator] = _ICU.__dict__.setdefault("made", {})
    found = made.get(rules)
    if found is None:
        found = made[rules] = icu.Transliterator.createInstance(f"{rules}; Latin-ASCII")
    return found


@lru_cache(maxsize=200_000)
def to_latin(name: str) -> str:
    """A name in Latin letters: ICU for Hebrew, kana and Hangul, unidecode for the rest.

    Each Hangul syllable becomes its own word, as Korean names are written in Latin
    letters ("김정은" → "kim jong un").
    """
    if name.isascii():
        return name
    name = _HANGUL_SYLLABLE.sub(lambda m: f" {korean_syllable(m.group())} ", name)
    for rules, script in _ICU_SCRIPTS.items():
        if script.search(name):
            name = str(_transliterator(rules).transliterate(name))
    return unidecode(name)


@lru_cache(maxsize=20_000)
def korean_syllable(syllable: str) -> str:
    """One Hangul syllable in the spelling Korean names use in Latin letters.

    ICU gives the Revised Romanisation ("gim", "jeong", "eun", "bag"); the lists (North
    Korean names above all) follow McCune-Reischauer: initial g/b as k/p, "eo"/"eu" as
    o/u, initial l as r, a final g, b, d as k, p, t ("Kim", "Jong", "Un", "Pak",
    "Ri"), so a query in Hangul meets the
    listed spelling token for token (a Revised spelling such as "Geun" stays one typo
    away from "Kun").
    """
    rr = revised_syllable(syllable).replace("eo", "o").replace("eu", "u")
    return _KOREAN_INITIAL.get(rr[:1], rr[:1]) + rr[1:]


@lru_cache(maxsize=20_000)
def revised_syllable(syllable: str) -> str:
    """One Hangul syllable in the Revised Romanisation South Korean names use ("Geun",
    "Hye"): ICU's transliteration with initial l as r and final g, b, d as k, p, t."""
    rr = str(_transliterator("Hangul-Latin").transliterate(syllable))
    if rr[:1] == "l":
        rr = "r" + rr[1:]
    if rr[-1:] in _KOREAN_FINAL and not rr.endswith("ng"):
        rr = rr[:-1] + _KOREAN_FINAL[rr[-1]]
    return rr


# Initial and final consonants as McCune-Reischauer writes them ("Ri", "Pak", "Hyop").
_KOREAN_INITIAL = {"g": "k", "b": "p"}
_KOREAN_FINAL = {"g": "k", "b": "p", "d": "t"}


@lru_cache(maxsize=50_000)
def is_filler(token: str) -> bool:
    """Whether a token is a legal form or filler word (ours, or rigour's legal forms)."""
    if token in STOPWORDS or token.isupper():
        return True
    found = extract_org_types(token)
    return len(found) == 1 and found[0][0] == token


# Words that say what kind of body an organisation is, by class ("airlines", "air"):
# one written as another of its class is the body's kind written another way.
BODY_KINDS = Path(__file__).resolve().parent.parent / "data" / "body_kinds.json"
# A kind word that stands for another of its class is marked by writing it in capitals:
# no name's token is (they are casefolded), and a marked word is a filler, weighed and
# scored as a legal form; it stays alphabetic (`features.numbers_disagree`).


def _kind_classes() -> dict[str, str]:
    table: dict[str, object] = json.loads(BODY_KINDS.read_text(encoding="utf-8"))
    return {
        word: kind for kind, words in table.items() if isinstance(words, list) for word in words
    }


_KIND_OF = _kind_classes()


def body_kind(token: str) -> str | None:
    """The class of body a word names ("airways" → "airline"), if it is a kind word."""
    return _KIND_OF.get(token)


def collapse_body_kinds(tokens: tuple[str, ...], other: tuple[str, ...]) -> tuple[str, ...]:
    """`tokens` with each kind word that `other` writes as another word of its class
    marked (in capitals): "Mahan Airlines" against "Mahan Air" reads "mahan AIRLINES",
    a legal form's place, so the kind word is neither a word the other name lacks nor a
    distinctive word both share."""
    kinds = {kind for t in other if (kind := _KIND_OF.get(t))}
    if not kinds:
        return tokens
    theirs = set(other)
    return tuple(t.upper() if t not in theirs and _KIND_OF.get(t) in kinds else t for t in tokens)


_IDEOGRAPHIC = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\uac00-\ud7a3]")


@lru_cache(maxsize=50_000)
def ideographs(name: str) -> tuple[str, ...] | None:
    """The Han characters and Hangul syllables of a name written only in them, else None.

    Two such names compare character by character: transliteration merges characters
    that sound alike (石/市 both read "shi") but name different people.
    """
    letters = [ch for ch in name if ch.isalnum()]
    if not letters or not all(_IDEOGRAPHIC.match(ch) for ch in letters):
        return None
    return tuple(letters)


def singular(token: str) -> str:
    """An English plural folded to its singular ("industries" → "industry")."""
    if len(token) > 6 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 5 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


_VOWELISH = str.maketrans("", "", "aeiouwyv`'")
_ABJAD_SCRIPT = re.compile(r"[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """Consonants only, doubles merged, `p`→`b`, `q`→`k`, `tz`→`z`: an abjad's spelling.

    `v` goes with the vowels: Hebrew and Persian write it with the letter (vav/vāv)
    that also stands for `w`, `o` and `u`.
    """
    bare = token.replace("tz", "z").replace("ts", "z").translate(_VOWELISH)
    bare = bare.replace("p", "b").replace("q", "k")
    return "".join(ch for i, ch in enumerate(bare) if i == 0 or bare[i - 1] != ch)


@lru_cache(maxsize=200_000)
def is_abjad(name: str) -> bool:
    """Whether a name is written in Arabic, Persian or Hebrew script (no short vowels)."""
    return bool(_ABJAD_SCRIPT.search(name))


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


# East Slavic patronymics ("Sergeevich", "Viktorovna"), and the Turkic and Arabic
# father's-name words that stand where they do ("ogly", "kyzy", "bin").
_PATRONYMIC = re.compile(r"\w{3,}(?:ovich|evich|yevich|ovych|evych|ovna|evna|yevna|ivna|ichna)$")
_FATHER_WORDS = frozenset(
    {"ilyich", "ilich", "ogly", "oglu", "uly", "kyzy", "qizi", "bin", "ibn", "bint"}
)


# Honorifics lists keep in a name and reports drop ("Seyed", "Haji", "Sheikh").
_HONORIFICS = frozenset(
    {"seyed", "seyyed", "sayed", "sayyid", "syed", "sheikh", "shaikh", "haji", "hajji"}
    | {"mullah", "mulla", "maulavi", "mawlawi", "qari", "hafiz", "sardar"}
)


def is_patronymic(token: str) -> bool:
    """Whether a word is a patronymic (a father's name) or an honorific, which lists add
    and reports drop."""
    return token in _FATHER_WORDS or token in _HONORIFICS or bool(_PATRONYMIC.match(token))
