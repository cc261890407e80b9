"""One small function per matching signal. Each docstring is its explanation."""

from __future__ import annotations

from dataclasses import dataclass

import jellyfish
from rapidfuzz.distance import JaroWinkler, Levenshtein


@dataclass(frozen=True, slots=True)
class TokenPair:
    """A query token aligned with a candidate token, and how alike they are."""

    query: str
    candidate: str
    similarity: float


def token_similarity(a: str, b: str) -> float:
    """Tokens are alike when equal, phonetically equal or close in spelling."""
    if a == b:
        return 1.0
    if a.isdigit() or b.isdigit():
        return 0.0
    spelling = JaroWinkler.similarity(a, b)
    if len(a) <= 2 or len(b) <= 2:
        return 1.0 if spelling == 1.0 else 0.0
    edit = Levenshtein.normalized_similarity(a, b)
    sound = 0.9 if _phonetic(a) == _phonetic(b) else 0.0
    return max(sound, min(spelling, edit + 0.15))


def _phonetic(token: str) -> str:
    return str(jellyfish.metaphone(token))


def align_tokens(query: tuple[str, ...], candidate: tuple[str, ...]) -> list[TokenPair]:
    """Pair each query token with its most similar unused candidate token, best first."""
    pairs = sorted(
        (TokenPair(q, c, token_similarity(q, c)) for q in set(query) for c in set(candidate)),
        key=lambda p: -p.similarity,
    )
    used_q: set[str] = set()
    used_c: set[str] = set()
    aligned: list[TokenPair] = []
    for pair in pairs:
        if pair.similarity < 0.7 or pair.query in used_q or pair.candidate in used_c:
            continue
        used_q.add(pair.query)
        used_c.add(pair.candidate)
        aligned.append(pair)
    return aligned


def numbers_disagree(query: tuple[str, ...], candidate: tuple[str, ...]) -> bool:
    """Names that carry numbers must carry the same numbers (Shahed-129 ≠ Shahed-136)."""
    qn = {t for t in query if any(ch.isdigit() for ch in t)}
    cn = {t for t in candidate if any(ch.isdigit() for ch in t)}
    return bool(qn and cn and qn != cn)
