"""Inflection-blind keys for Russian and Ukrainian words.

A name in a Russian or Ukrainian sentence is inflected (Елабуга, Елабуге; Росія, Росії,
Росією), and natasha's dictionary normalisation (pymorphy2) knows Russian only. A word's
*stem key* drops one case or adjective ending, so every form of a listed name meets its
listed form: a gazetteer is matched by stem keys, never by a table of inflected forms.
Ukrainian changes г/к/х to з/ц/с before the dative/locative -і (Алабуга → Алабузі), so a
stem that ends so after -і also gets the key with the original consonant.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Case and adjective endings of both languages, longest first. A stem keeps at least
# MIN_STEM letters, so short names (Рим, Баку, Мали) are not cut to nothing.
RUSSIAN_ENDINGS = (
    "ами ями ого его ому ему ыми ими ией иям иях ия ии ию ой ей ий ый ая яя ое ее ые ие ую юю "
    "ом ем ам ям ах ях ов ев ых их ым им ье ья ью а я о е ы и у ю й ь"
)
UKRAINIAN_ENDINGS = "ією ою ею ію ій ія ії ої ім ів і ї є"
ENDINGS = tuple(
    sorted(set(RUSSIAN_ENDINGS.split()) | set(UKRAINIAN_ENDINGS.split()), key=len, reverse=True)
)
MIN_STEM = 3
_PALATAL = {"з": "г", "ц": "к", "с": "х"}
_APOSTROPHES = re.compile(r"['’ʼ`]")
_WORD = re.compile(r"[\w'’ʼ-]+")


def fold(word: str) -> str:
    """Casefold, ё as е, no apostrophes (Ukrainian об'єднані = об’єднані)."""
    return _APOSTROPHES.sub("", word.casefold().replace("ё", "е"))


@lru_cache(maxsize=50_000)
def stem_keys(word: str) -> frozenset[str]:
    """The keys of a word: itself and itself without each ending it may carry.

    Two forms of one word share a key (Китай/Китая share "кита", Росія/Росії "рос");
    every ending is tried, not only the longest, because -ая and -я (or -ий and -й) both
    end "Китая". An abbreviation (США, КНДР) or a Latin word is its own only key.
    """
    folded = fold(word)
    if word.isupper() or not any("а" <= ch <= "я" or ch in "іїєґ" for ch in folded):
        return frozenset({folded})
    keys = {folded}
    for ending in ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= MIN_STEM:
            stem = folded[: -len(ending)]
            keys.add(stem)
            if ending in ("і", "ї") and stem[-1] in _PALATAL:
                keys.add(stem[:-1] + _PALATAL[stem[-1]])
    return frozenset(keys)


def same_word(a: str, b: str) -> bool:
    """Whether two words are forms of one word (they share a stem key)."""
    return bool(stem_keys(a) & stem_keys(b))


def same_phrase(a: str, b: str) -> bool:
    """Whether two names are the same words, each in some form, in the same order."""
    wa, wb = words(a), words(b)
    return len(wa) == len(wb) and all(same_word(x, y) for x, y in zip(wa, wb, strict=True))


def words(text: str) -> list[str]:
    """The words of a name, hyphenated words kept whole."""
    return _WORD.findall(text)
