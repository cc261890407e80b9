"""One small function per matching signal. Each docstring is its explanation."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jellyfish
from rapidfuzz.distance import OSA

from dossier.screen.names import is_filler, singular, skeleton

# Below this a token pair is not an alignment at all.
MIN_TOKEN_SIMILARITY = 0.7
# One typo in a word of two or three letters ("Un"/"On", "Tom"/"Tim") leaves a weak
# alignment, just at the line: the rest of the name has to carry the match. Not fitted
# (it is MIN_TOKEN_SIMILARITY); name-bench F1 with it: 0.898 even rows / 0.864 odd rows,
# without it 0.879 / 0.855.
SHORT_TYPO_SIMILARITY = 0.7
_VOWELS = frozenset("aeiouy")
# Two split tokens meet a one-word spelling with a typo only when that word is this long.
MERGE_TYPO_MIN_LENGTH = 8


@dataclass(frozen=True, slots=True)
class TokenPair:
    """A query token aligned with a candidate token, and how alike they are."""

    query: str
    candidate: str
    similarity: float


@lru_cache(maxsize=500_000)
def token_similarity(a: str, b: str, skeletal: bool = False) -> float:
    """Tokens are alike when equal, one typo apart, phonetically equal, or an initial.

    Spelling similarity is 1 - edits/length (a swap of two letters is one edit), so one
    typo in a long token costs little and a changed syllable ("Mendeleev"/"Medvedev")
    costs too much to align. `skeletal` compares consonant skeletons, for names
    transliterated from a script that writes no short vowels (Arabic, Persian, Hebrew).
    """
    if a == b:
        return 1.0
    if a.isdigit() or b.isdigit():
        return 0.0
    if len(a) == 1 or len(b) == 1:
        return 0.75 if a[0] == b[0] else 0.0
    if skeletal and skeleton(a) == skeleton(b) and skeleton(a):
        return 0.92
    if min(len(a), len(b)) <= 2:
        syllables = bool(_VOWELS.intersection(a) and _VOWELS.intersection(b))  # not "BD"/"BP"
        typo = syllables and OSA.distance(a, b, score_cutoff=1) <= 1
        return SHORT_TYPO_SIMILARITY if typo else 0.0
    if min(len(a), len(b)) >= 4 and romanised(a) == romanised(b):
        return 0.9
    if singular(a) == singular(b):
        return 0.95  # a plural names the same body ("Industry"/"Industries")
    edits = OSA.distance(a, b)  # a swapped pair of letters (Anglea/Angela) is one edit
    spelling = 1.0 - edits / max(len(a), len(b))
    shortest = min(len(a), len(b))
    if edits == 1 and shortest >= 4:
        spelling = max(spelling, 0.9)
    elif edits == 1:
        spelling = SHORT_TYPO_SIMILARITY
    elif shortest <= 4:
        spelling -= 0.1  # one letter of an acronym or a short word changes its identity
    close_lengths = abs(len(a) - len(b)) <= 2 and shortest >= 4
    # A code of two consonants says little ("Raisi" and "Reza" are both RS): such words
    # must also share half their spelling ("John"/"Juan", "Baowei"/"Baowu").
    telling = len(_phonetic(a)) > 2 or edits <= max(len(a), len(b)) / 2
    if close_lengths and a[0] == b[0] and telling and _phonetic(a) == _phonetic(b):
        spelling = max(spelling, 0.88)
    return max(0.0, spelling)  # "abc"/"xyz" would be -0.1 after the short-token cut


# Spellings that romanisations of the same sound disagree on (Ghods/Qods, Yuriy/Yuri).
_ROMAN = (("gh", "q"), ("kh", "h"), ("q", "k"), ("ck", "k"), ("c", "k"), ("ph", "f"))
_ROMAN_TAIL = (("w", "v"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("iy", "i"), ("y", "i"))


@lru_cache(maxsize=500_000)
def romanised(token: str) -> str:
    """A token with romanisation variants folded together and doubled letters merged."""
    for old, new in (*_ROMAN, *_ROMAN_TAIL):
        token = token.replace(old, new)
    return "".join(ch for i, ch in enumerate(token) if i == 0 or token[i - 1] != ch)


@lru_cache(maxsize=500_000)
def folded_spelling(token: str) -> str:
    """`romanised`, with Korean vowel spellings folded too ("Eun"/"Un", "Yeo"/"Yo",
    "Jeong"/"Jong"): short words that no other index key brings together."""
    return romanised(token).replace("eo", "o").replace("eu", "u")


@lru_cache(maxsize=500_000)
def _phonetic(token: str) -> str:
    return str(jellyfish.metaphone(token))


def phonetic_key(token: str) -> str:
    """The metaphone code of a token (candidate-index key)."""
    return _phonetic(token)


def align_tokens(
    query: tuple[str, ...], candidate: tuple[str, ...], skeletal: bool = False
) -> list[TokenPair]:
    """Pair each query token with its most similar unused candidate token, best first."""
    cands = tuple(dict.fromkeys(candidate))
    pairs: list[tuple[float, str, str]] = []
    for q in dict.fromkeys(query):
        for c in cands:
            similarity = token_similarity(q, c, skeletal)
            if similarity >= MIN_TOKEN_SIMILARITY:
                pairs.append((similarity, q, c))
    # Filtering before the (stable) sort keeps ties in query-then-candidate order.
    pairs.sort(key=lambda p: -p[0])
    used_q: set[str] = set()
    used_c: set[str] = set()
    aligned: list[TokenPair] = []
    for similarity, q, c in pairs:
        if q in used_q or c in used_c:
            continue
        used_q.add(q)
        used_c.add(c)
        aligned.append(TokenPair(q, c, similarity))
    return aligned


def collapse_initials(short: tuple[str, ...], long: tuple[str, ...]) -> tuple[str, ...]:
    """`long` with each run of words spelled by an acronym of `short` replaced by it.

    "US Department of State" against "United States Department of State" reads the
    latter as "us department of state", so the acronym aligns as one token.
    """
    initials = "".join(t[0] for t in long)
    for acronym in short:
        size = len(acronym)
        if (
            not 2 <= size <= 6
            or acronym not in initials
            or acronym in long
            or not acronym.isalpha()
        ):
            continue
        for start in range(len(long) - size + 1):
            run = long[start : start + size]
            spelled = "".join(t[0] for t in run) == acronym
            if spelled and not any(t in short for t in run):  # "Corps (IRGC)" spells itself
                long = (*long[:start], acronym, *long[start + size :])
                break
    return long


def merge_split_tokens(split: tuple[str, ...], whole: tuple[str, ...]) -> tuple[str, ...]:
    """`split` with two adjacent tokens joined where `whole` writes them as one word.

    "Abdul Aziz"/"Abdulaziz", "Mohammad Hasni"/"Mohammadhasni", "Patr ushev"/"Patrushev":
    the joined pair must equal a token of `whole` or be one typo from a long one.
    """
    if len(split) < 2:
        return split
    sizes = {len(w): w for w in whole}
    for i in range(len(split) - 1):
        size = len(split[i]) + len(split[i + 1])
        near = size + 1 in sizes or size - 1 in sizes
        if size not in sizes and not (near and size >= MERGE_TYPO_MIN_LENGTH - 1):
            continue  # no word of `whole` is long enough (the common case, kept cheap)
        joined = split[i] + split[i + 1]
        words = [w for w in whole if w not in split]
        if joined in words or any(
            len(w) >= MERGE_TYPO_MIN_LENGTH and OSA.distance(joined, w, score_cutoff=1) <= 1
            for w in words
        ):
            return (*split[:i], joined, *split[i + 2 :])
    return split


def patronyms_swapped(
    query: tuple[str, ...], candidate: tuple[str, ...], pairs: list[TokenPair]
) -> bool:
    """Whether "A bin B" faces "B bin A": the same names, but son and father swapped."""
    if "bin" not in query or "bin" not in candidate:
        return False
    i, j = query.index("bin"), candidate.index("bin")
    if not (0 < i < len(query) - 1 and 0 < j < len(candidate) - 1):
        return False
    partner = {p.query: p.candidate for p in pairs}
    return (
        partner.get(query[i - 1]) == candidate[j + 1]
        or partner.get(query[i + 1]) == (candidate[j - 1])
    )


def repeat_left_over(
    query: tuple[str, ...], candidate: tuple[str, ...], pairs: list[TokenPair]
) -> bool:
    """Whether one name repeats a word more often than the other ("Abdul Kabir Abdul
    Jan" / "Abdul Kabir Mohammad Jan") while the other keeps a word unaligned: words
    align once each, so the repeat stands against that word, a different name."""
    q_count, c_count = Counter(query), Counter(candidate)
    aligned_q = {p.query for p in pairs}
    aligned_c = {p.candidate for p in pairs}
    q_left = any(t not in aligned_q and not is_filler(t) for t in query)
    c_left = any(t not in aligned_c and not is_filler(t) for t in candidate)
    return any(
        (q_count[p.query] > c_count[p.candidate] and c_left)
        or (c_count[p.candidate] > q_count[p.query] and q_left)
        for p in pairs
    )


def forms_substituted(
    query: tuple[str, ...], candidate: tuple[str, ...], pairs: list[TokenPair]
) -> bool:
    """Whether each name keeps words the other lacks and all of them are legal forms or
    fillers ("Sukhoi Aviation Corporation" / "Sukhoi Aviation JSC"): the body's legal
    form written another way, not another name substituted."""
    aligned_q = {p.query for p in pairs}
    aligned_c = {p.candidate for p in pairs}
    q_left = [t for t in query if t not in aligned_q]
    c_left = [t for t in candidate if t not in aligned_c]
    return bool(pairs and q_left and c_left) and all(map(is_filler, (*q_left, *c_left)))


def numbers_disagree(query: tuple[str, ...], candidate: tuple[str, ...]) -> bool:
    """Names that carry numbers must carry the same numbers (Shahed-129 ≠ Shahed-136)."""
    qn = {t for t in query if not t.isalpha()}
    cn = {t for t in candidate if not t.isalpha()}
    return bool(qn and cn and qn != cn)


def joined_edits(query: tuple[str, ...], candidate: tuple[str, ...]) -> int:
    """Edits between the two names written without spaces ("FridrichBuchenberg")."""
    return int(OSA.distance("".join(query), "".join(candidate)))


# Short words that name a country as organisations write them ("US Department of ...");
# longer ones (names and demonyms: "Ukrainian", "Russian") come from rigour's territory
# names, written once to `dossier/data/country_words.json` (`python -m train.screen
# --country-words`): rigour's own lookup builds its tables in seconds on first use.
_SHORT_COUNTRY_WORDS = {"us": "us", "usa": "us", "uk": "gb", "eu": "eu", "uae": "ae"}
COUNTRY_WORDS = Path(__file__).resolve().parent.parent / "data" / "country_words.json"


@lru_cache(maxsize=1)
def _country_words() -> dict[str, str]:
    table: dict[str, str] = json.loads(COUNTRY_WORDS.read_text(encoding="utf-8"))
    return {**table, **_SHORT_COUNTRY_WORDS}


def country_of(token: str) -> str | None:
    """The country a word names ("ukrainian" → "ua", "russia" → "ru"), or None.

    Words under four letters other than the usual abbreviations are never countries:
    "de", "la", "al" are words of names, not Germany, Laos, Albania."""
    return _country_words().get(token)


# Words that, next to a country's name or demonym, only complete its formal name:
# "Russian Federation", "Islamic Republic of Iran", "Syrian Arab Republic".
STATE_FORM_WORDS = frozenset(
    {"federation", "republic", "islamic", "democratic", "peoples", "kingdom", "arab", "socialist"}
)
_COUNTRY_LINKS = frozenset({"of", "the"})


def collapse_country_forms(tokens: tuple[str, ...], other: tuple[str, ...]) -> tuple[str, ...]:
    """`tokens` without the state-form words around a country that `other` names too:
    "Ministry of Defence of the Russian Federation" against "Russian Defence Ministry"
    reads "ministry of defence of the russian", so that the country agrees as one word
    and "Federation" is not a word the other name lacks."""
    shared = {c for t in other if (c := country_of(t))}
    if not shared or not STATE_FORM_WORDS.intersection(tokens):
        return tokens
    drop: set[int] = set()
    for i, token in enumerate(tokens):
        if country_of(token) not in shared:
            continue
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(tokens) and (
                tokens[j] in STATE_FORM_WORDS or tokens[j] in _COUNTRY_LINKS
            ):
                if tokens[j] in STATE_FORM_WORDS:
                    drop.add(j)
                j += step
    return tuple(t for i, t in enumerate(tokens) if i not in drop) if drop else tokens


def unaligned_countries(tokens: tuple[str, ...], aligned: set[str]) -> frozenset[str]:
    """The countries named by the words of a name that no word of the other aligns with."""
    return frozenset(c for t in tokens if t not in aligned and (c := country_of(t)))


def qualifiers_conflict(q_countries: frozenset[str], c_countries: frozenset[str]) -> bool:
    """Whether each name is qualified by a country the other does not name: "Ukrainian
    Defence Ministry" against the Russian one, "Ministry of Defence of A" against B's."""
    return bool(q_countries and c_countries and not q_countries & c_countries)
