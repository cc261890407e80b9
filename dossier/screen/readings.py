"""Latin readings of names written in Han characters or Hangul.

A name written only in Han characters does not say whether it is Chinese, Japanese
or Korean, and each language reads the same characters differently: 金正恩 is "Jin
Zhengen" in Mandarin and "Kim Jong Un" in Korean; 山田太郎 is "Yamada Taro" only in
Japanese. Such a name gets one Latin reading per language, and a comparison with a
name in Latin letters keeps the best (`algorithms.compare_names`). Two names both
written in Han characters still compare character by character.

- Mandarin: the transliteration every other name gets (`names.to_latin`).
- Japanese: pykakasi's Hepburn reading, word by word, with long vowels folded as
  passports write them ("Satou" → "Sato", "Oono" → "Ono"); the unfolded reading is
  kept too, because "ou" is not always one long vowel (Inoue). A name its dictionary
  knows as one word (田中角栄) is read as a two-character surname and a given name.
- Korean: each character's Sino-Korean reading, the surname's own reading where it
  differs (金 is 김 "Kim" as a surname, 금 otherwise), with and without the South
  Korean initial-sound rule (李 is 리 "Ri" in the North, 이 "Lee" in the South),
  spelled as `names.korean_syllable` spells Hangul (as North Korean names are listed)
  and in the Revised Romanisation ("Geun", "Hye"), plus the customary spellings of
  common surnames ("Park", "Choi").

Names in Hangul get the Korean readings of their syllables the same way.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.screen.names import korean_syllable, revised_syllable, to_latin

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Passport Hepburn writes long vowels short: "ou", "oo" → "o", "uu" → "u".
_LONG_VOWELS = (("ou", "o"), ("oo", "o"), ("uu", "u"))
# Surnames read otherwise than the character's common reading.
_SURNAME_HANGUL = {"金": "김"}
# Customary Latin spellings of common Korean surnames, beside the systematic one.
_SURNAME_SPELLINGS = {
    "이": ("lee", "yi", "rhee"),
    "리": ("lee", "li"),
    "박": ("park",),
    "최": ("choi",),
    "정": ("jung", "chung"),
    "조": ("cho",),
    "윤": ("yoon",),
    "장": ("chang",),
    "임": ("lim",),
    "오": ("oh",),
    "신": ("shin",),
    "안": ("ahn",),
    "유": ("yoo",),
    "류": ("yoo", "yu"),
    "노": ("roh",),
    "우": ("woo",),
    "문": ("moon",),
    "서": ("seo", "suh"),
    "전": ("jeon", "chun"),
}


@dataclass(frozen=True, slots=True)
class Reading:
    """A name read in one language, in Latin letters.

    An `alternative` reading is one guess among several at a name's language (Japanese
    or Korean for a name in Han characters, which reads as Mandarin by default).
    """

    language: str
    latin: str
    alternative: bool = False


@lru_cache(maxsize=50_000)
def latin_readings(name: str) -> tuple[Reading, ...]:
    """Every Latin reading of a name written only in Han characters, kana or Hangul.

    Empty for any other name (it has one reading, `names.to_latin`).
    """
    if name.isascii():
        return ()
    letters = [ch for ch in name if ch.isalnum()]
    if not letters:
        return ()
    if all(_HANGUL.match(ch) for ch in letters):
        return _dedupe(korean_readings(_words(name)))
    if not all(_HAN.match(ch) or _KANA.match(ch) for ch in letters):
        return ()
    if not any(_HAN.match(ch) for ch in letters):
        return ()  # kana alone has one reading (ICU)
    if any(_KANA.match(ch) for ch in letters):
        return _dedupe(japanese_readings(name))
    guesses = (*japanese_readings(name), *korean_readings(korean_hangul(name)))
    return _dedupe(
        (
            Reading("mandarin", " ".join(to_latin(name).split()).lower()),
            *(Reading(r.language, r.latin, alternative=True) for r in guesses),
        )
    )


def _words(name: str) -> tuple[str, ...]:
    """The name's words, each its letters only."""
    words = ("".join(ch for ch in w if ch.isalnum()) for w in name.split())
    return tuple(w for w in words if w)


def _dedupe(readings: tuple[Reading, ...]) -> tuple[Reading, ...]:
    """Readings in order, each Latin spelling once, none empty."""
    seen: dict[str, Reading] = {}
    for reading in readings:
        if reading.latin.strip() and reading.latin not in seen:
            seen[reading.latin] = reading
    return tuple(seen.values())


if TYPE_CHECKING:
    import pykakasi

# pykakasi and hanja are imported on the first name that needs them: hanja's table
# alone takes 0.2 s of CPU to import, more than one `dossier screen NAME` should cost.
_KAKASI: list[pykakasi.kakasi] = []
_KAKASI_LOCK = threading.Lock()


def load_dictionaries() -> None:
    """Load pykakasi's dictionaries now (a fraction of a second, once per process).

    Otherwise they load on the first name in Han characters or kana; a benchmark
    calls this first so that the one-off load is not counted as screening time.
    """
    _kakasi_convert("山")


def _kakasi_convert(text: str) -> list[dict[str, str]]:
    """pykakasi's conversion; made once, on the first Japanese name, with its kanji
    dictionary read a character at a time (`kanwa`) rather than whole (0.5 s)."""
    with _KAKASI_LOCK:
        if not _KAKASI:
            import pykakasi

            from dossier.screen.kanwa import install_split_kanwa

            install_split_kanwa()
            _KAKASI.append(pykakasi.kakasi())  # type: ignore[no-untyped-call]
        return list(_KAKASI[0].convert(text))


def japanese_readings(name: str) -> tuple[Reading, ...]:
    """The Hepburn reading, long vowels folded and not; none if a character has no
    Japanese reading (simplified Chinese characters)."""
    parts = [p for p in _kakasi_convert(name) if p["orig"].strip()]
    if not parts or any(not p["hepburn"].strip() for p in parts):
        return ()
    words = [p["hepburn"].replace("'", "").strip() for p in parts]
    if len(words) == 1 and len(name) >= 3 and name.isalpha():  # a famous name, one entry
        surname, given = (_kakasi_convert(part) for part in (name[:2], name[2:]))
        words = [p["hepburn"].replace("'", "").strip() for p in (*surname, *given)]
    plain = " ".join(words)
    return (Reading("japanese", " ".join(map(fold_long_vowels, words))), Reading("japanese", plain))


def fold_long_vowels(word: str) -> str:
    """A Hepburn word as passports write it: "tarou" → "taro", "yuuko" → "yuko"."""
    for long, short in _LONG_VOWELS:
        word = word.replace(long, short)
    return word


def korean_hangul(name: str) -> tuple[str, ...]:
    """A name in Han characters in Hangul, word by word, without the initial-sound rule
    and with the surname's own reading; empty if a character has no Korean reading."""
    table = hanja_table()
    words = _words(name)
    syllables = [
        _SURNAME_HANGUL.get(ch) if i == 0 and ch in _SURNAME_HANGUL else table.get(ch)
        for i, ch in enumerate("".join(words))
    ]
    if any(s is None for s in syllables):
        return ()
    hangul = iter(str(s) for s in syllables)
    return tuple("".join(next(hangul) for _ in word) for word in words)


# Every line of hanja's table.yml: one character's escape, then its reading's.
_TABLE_LINE = re.compile(r'"\\u([0-9A-Fa-f]{4})": "\\u([0-9A-Fa-f]{4})"\n')


@lru_cache(maxsize=1)
def hanja_table() -> dict[str, str]:
    """hanja's table (Han character -> its Sino-Korean reading in Hangul), read line by
    line (20 ms) instead of through YAML as `hanja.table` does (0.3 s of CPU with the
    YAML import). A table file of any other shape is read by `hanja.table` itself."""
    import hanja  # type: ignore[import-untyped]  # no type stubs

    text = (Path(hanja.__file__).parent / "table.yml").read_text(encoding="utf-8")
    pairs = _TABLE_LINE.findall(text)
    if 19 * len(pairs) != len(text):  # (each line is 19 characters long)
        from hanja.table import hanja_table as table  # type: ignore[import-untyped]  # no type stubs

        return dict(table)
    # The lines, all matched, are ASCII; unescaped each is 9 characters: '"X": "Y"\n'
    # (one decoding pass, where converting 55,000 escapes one by one took twice as long).
    unescaped = text.encode("ascii").decode("unicode_escape")
    return dict(zip(unescaped[1::9], unescaped[6::9], strict=True))


def korean_readings(words: tuple[str, ...]) -> tuple[Reading, ...]:
    """Korean readings of a name written in Hangul words: the surname's own reading,
    with and without the initial-sound rule, in systematic and customary spellings."""
    hangul = "".join(words)
    if not hangul or not all(_HANGUL.match(ch) for ch in hangul):
        return ()
    from hanja.hangul import dooeum  # type: ignore[import-untyped]  # no type stubs

    first = hangul[0]
    firsts = dict.fromkeys(
        spelling
        for syllable in dict.fromkeys((first, str(dooeum(" ", first))))
        for spelling in (korean_syllable(syllable), *_SURNAME_SPELLINGS.get(syllable, ()))
    )
    rests = dict.fromkeys(
        " ".join(spell(s) for s in hangul[1:]) for spell in (korean_syllable, revised_syllable)
    )
    return tuple(Reading("korean", f"{f} {rest}".strip()) for rest in rests for f in firsts)
