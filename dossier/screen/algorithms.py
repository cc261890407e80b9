"""The name score: rare-token-weighted alignment of two names, with its explanation.

score = sum over aligned token pairs of (both tokens' weights × similarity), divided
by the weight of all tokens of both names, where a token's weight is its inverse
document frequency in the loaded lists, so legal forms ("company", "LLC") and common
words weigh little and a rare surname or brand weighs a lot. Names whose numbers disagree score 0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dossier.screen.features import align_tokens, numbers_disagree
from dossier.screen.names import STOPWORDS, name_tokens, reorder_person

Weigher = Callable[[str], float]


@dataclass(frozen=True, slots=True)
class NameScore:
    """A score in [0, 1] and what produced it."""

    score: float
    explanation: dict[str, object]


def default_weight(token: str) -> float:
    """Without list statistics: stopwords weigh 0.1, other tokens 1."""
    return 0.1 if token in STOPWORDS else 1.0


def compare_names(query: str, candidate: str, weight: Weigher = default_weight) -> NameScore:
    """Score how likely two names name the same party (symmetric, in [0, 1])."""
    forward = _score(query, candidate, weight)
    swapped = _score(query, reorder_person(candidate), weight)
    reordered = _score(reorder_person(query), candidate, weight)
    return max((forward, swapped, reordered), key=lambda s: s.score)


def _score(query: str, candidate: str, weight: Weigher) -> NameScore:
    q, c = name_tokens(query), name_tokens(candidate)
    if not q or not c:
        return NameScore(0.0, {"reason": "empty name"})
    if numbers_disagree(q, c):
        return NameScore(0.0, {"numbers_disagree": True, "query_tokens": q, "name_tokens": c})
    pairs = align_tokens(q, c)
    matched = sum((weight(p.query) + weight(p.candidate)) * p.similarity for p in pairs)
    total = sum(weight(t) for t in set(q)) + sum(weight(t) for t in set(c))
    score = min(1.0, matched / total) if total else 0.0
    return NameScore(
        round(score, 4),
        {
            "aligned": [
                {
                    "query": p.query,
                    "name": p.candidate,
                    "similarity": round(p.similarity, 3),
                    "weight": round(weight(p.query), 3),
                }
                for p in pairs
            ],
            "unmatched_query": [t for t in q if t not in {p.query for p in pairs}],
            "unmatched_name": [t for t in c if t not in {p.candidate for p in pairs}],
        },
    )
