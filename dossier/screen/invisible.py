"""Invisible and bidirectional control characters in names: what screening must not see.

A zero-width space inside `Indus\u200btry`, a soft hyphen, a byte-order mark or a
right-to-left override (which displays `\u202etropxenoborosoR` as `Rosoboronexport`)
makes a listed name look the same on screen while matching nothing: the evasion that
matters most for a sanctions screener (issue 20). `strip_controls` is called wherever a
name enters: list loading, entity storage and the screener's query.

Removed: format characters (Unicode category Cf: zero-width spaces and joiners, bidi
embeddings, overrides, isolates and marks, soft hyphen, BOM, word joiner, tag
characters), control characters (Cc; tab, newline and carriage return become spaces),
and invisible fillers of other categories (Hangul fillers, combining grapheme joiner,
variation selectors). A right-to-left override's span is reversed first, so that the
name kept is the one a reader saw.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from dossier.model import MatchResult

NOTE = "name carried invisible characters"
"""The explanation detail a result gets when its query name carried any."""

_FILLERS = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u2800\u3164\uffa0"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
)
_SPACES = {"\t": " ", "\n": " ", "\r": " "}
_OVERRIDE = re.compile("\u202e([^\u202c\u202a\u202b\u202d]*)\u202c?")
"""A right-to-left override and its span (up to the pop or the next embedding)."""
_JOINERS = "\u200c\u200d"
"""Zero-width (non-)joiners: part of the spelling in Arabic-script and Indic words."""


def strip_controls(name: str) -> tuple[str, int]:
    """`name` without invisible and bidi control characters, and how many were removed.

    A joiner between two letters of a script that uses them (not Latin, Cyrillic or
    Greek) is removed without being counted: it is spelling, not disguise.
    """
    if name.isascii() and name.isprintable():
        return name, 0  # the common case, kept cheap
    text = _OVERRIDE.sub(lambda m: m.group(1)[::-1], name)
    kept: list[str] = []
    removed = len(name) - len(text)  # the override and pop characters themselves
    for i, char in enumerate(text):
        if char in _SPACES:
            kept.append(_SPACES[char])
        elif _invisible(char):
            removed += 0 if _spelling_joiner(text, i) else 1
        else:
            kept.append(char)
    return "".join(kept), removed


def _invisible(char: str) -> bool:
    return char in _FILLERS or unicodedata.category(char) in ("Cf", "Cc")


def _spelling_joiner(text: str, i: int) -> bool:
    if text[i] not in _JOINERS or i == 0 or i == len(text) - 1:
        return False
    return _joining_letter(text[i - 1]) and _joining_letter(text[i + 1])


def _joining_letter(char: str) -> bool:
    if not char.isalpha():
        return False
    script = unicodedata.name(char, "").split(" ", 1)[0]
    return script not in ("LATIN", "CYRILLIC", "GREEK")


def flag_controls(results: list[MatchResult], removed: int) -> list[MatchResult]:
    """`results` of a query that carried `removed` invisible characters, each saying so
    in its explanation (`warnings`), so that a reviewer sees the disguise."""
    if not removed:
        return results
    warning = f"{NOTE} ({removed} removed before matching)"
    return [
        dataclasses.replace(r, explanation={**r.explanation, "warnings": [warning]})
        for r in results
    ]
