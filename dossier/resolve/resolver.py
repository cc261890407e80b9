"""Decide whether a new entity is one already known, and say why.

The store keys entities by `entity_key`, which catches spelling and sound variants.
`choose_merge` catches what the key misses, in two steps:

1. the alias table (`aliases.py`): a name documented as another's alias merges with any
   known entity named in the same row group ("Geran-2" with "Shahed-136", "Елабуга"
   with "Alabuga"), whatever its spelling or script;
2. the name comparison that screening uses (`compare_names`, schema-aware) against
   known people and organisations of the same type. Across documents a false merge
   costs more than a missed one (an analyst can merge by hand), so a score at or above
   the threshold is not enough: every content token of each name must have a spelling
   variant in the other (`tokens_agree`). "Ghods"/"Qods" agree; "Mark"/"Mary" and
   "Iran Aircraft Manufacturing"/"Iran Aircraft" do not.

This module does no I/O: the store finds the candidates (`blocking.py`) and records
the merge this returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from dossier.model import EntityType
from dossier.resolve.aliases import AliasTable, load_aliases
from dossier.resolve.keys import entity_key
from dossier.screen.algorithms import MATCH_CUT, compare_names
from dossier.screen.features import collapse_initials, romanised
from dossier.screen.names import STOPWORDS, is_abjad, name_tokens, singular, skeleton

MERGE_CUT = MATCH_CUT
# Spellings that differ beyond romanisation agree by consonant skeleton only when long
# enough that vowels are not what tells them apart (Mohammad/Muhammad, not Dan/Don).
SKELETON_MIN_LENGTH = 5
# Organisation words this long may carry one typo (Aviaton/Aviation).
TYPO_MIN_LENGTH = 7


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored entity a new name is compared with, and the canonical entity it is in."""

    entity_id: str
    canonical_id: str
    name: str
    type: EntityType


@dataclass(frozen=True, slots=True)
class Merge:
    """Fold the new entity into `winner_id`: how sure, and why."""

    winner_id: str
    score: float
    reason: dict[str, object]


def choose_merge(
    name: str,
    etype: EntityType,
    candidates: Iterable[Candidate],
    table: AliasTable | None = None,
    threshold: float = MERGE_CUT,
) -> Merge | None:
    """The canonical entity `name` names, if any: the alias table first, then names."""
    pool = sorted(candidates, key=lambda c: (c.canonical_id, c.entity_id))
    table = load_aliases() if table is None else table
    return _by_alias(name, etype, pool, table) or _by_name(name, etype, pool, threshold)


def _by_alias(
    name: str, etype: EntityType, pool: list[Candidate], table: AliasTable
) -> Merge | None:
    row = table.lookup(name, etype)
    if row is None:
        return None
    group = [c for c in pool if c.type in row.types and table.same_group(row, c.name, c.type)]
    if not group:
        return None
    canonical = [c for c in group if table.lookup(c.name, c.type) == row] or group
    best = min(canonical, key=lambda c: (c.name != row.canonical, c.canonical_id))
    reason: dict[str, object] = {
        "method": "alias table",
        "names": [name, best.name],
        "row": row.as_reason(),
    }
    return Merge(best.canonical_id, 1.0, reason)


def _by_name(name: str, etype: EntityType, pool: list[Candidate], threshold: float) -> Merge | None:
    if not etype.screenable:
        return None
    best: Merge | None = None
    for candidate in pool:
        if candidate.type is not etype or not tokens_agree(name, candidate.name):
            continue
        result = compare_names(name, candidate.name, schema=etype.list_schema)
        if result.score >= threshold and (best is None or result.score > best.score):
            reason: dict[str, object] = {
                "method": "name match",
                "names": [name, candidate.name],
                "explanation": result.explanation,
            }
            best = Merge(candidate.canonical_id, result.score, reason)
    return best


def tokens_agree(a: str, b: str) -> bool:
    """Whether every content token of each name has a spelling variant in the other."""
    abjad = is_abjad(a) or is_abjad(b)
    ta, tb = _content(a), _content(b)
    tb = collapse_initials(ta, tb)
    ta = collapse_initials(tb, ta)
    if not ta or not tb:
        return False
    return _covered(ta, tb, abjad) and _covered(tb, ta, abjad)


@lru_cache(maxsize=100_000)
def _content(name: str) -> tuple[str, ...]:
    tokens = name_tokens(name)
    return tuple(t for t in tokens if t not in STOPWORDS) or tokens


def _covered(tokens: tuple[str, ...], others: tuple[str, ...], abjad: bool) -> bool:
    return all(any(same_token(t, o, abjad) for o in others) for t in tokens)


@lru_cache(maxsize=500_000)
def same_token(a: str, b: str, abjad: bool = False) -> bool:
    """Two tokens are one word spelled two ways: romanisation, plural, skeleton, typo."""
    if a == b or singular(a) == singular(b):
        return True
    if a.isdigit() or b.isdigit() or min(len(a), len(b)) < 3:
        return False
    ra, rb = romanised(a), romanised(b)
    if ra == rb or (abjad and skeleton(ra) == skeleton(rb)):
        return True
    long_enough = min(len(a), len(b)) >= SKELETON_MIN_LENGTH
    if long_enough and a[0] == b[0] and skeleton(ra) == skeleton(rb):
        return True
    return min(len(a), len(b)) >= TYPO_MIN_LENGTH and _one_edit(ra, rb)


def _one_edit(a: str, b: str) -> bool:
    return int(Levenshtein.distance(a, b)) <= 1


@dataclass(slots=True)
class Resolver:
    """Resolution in memory: assigns each (name, type) the key of the entity it names.

    The store does the same against its tables; this serves runs without a store.
    """

    threshold: float = MERGE_CUT
    known: list[Candidate] = field(default_factory=list)

    def resolve(self, name: str, etype: EntityType) -> str:
        """The id (type and key) of the entity `name` names, adding one if none matches."""
        key = f"{etype.value}|{entity_key(name, etype)}"
        if any(c.entity_id == key for c in self.known):
            return next(c.canonical_id for c in self.known if c.entity_id == key)
        merge = choose_merge(name, etype, self.known, threshold=self.threshold)
        self.known.append(Candidate(key, merge.winner_id if merge else key, name, etype))
        return merge.winner_id if merge else key
