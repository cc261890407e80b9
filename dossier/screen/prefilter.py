"""Cheap upper bounds on the name score, so most candidates are never compared in full.

The score is `similarity × penalty` (see `algorithms`). Similarity is at most 1, and
the penalty only depends on how much of each name's token weight is aligned. Key hits
bound that share from above on both sides (`NameIndex.query_postings`), so:

- when both sides must keep unaligned weight, the penalty is at most the substitution
  penalty of the smaller share;
- otherwise it is at most the mildest extra-token penalty of the smaller share.

Tokens that align without sharing any index key (rare typos in a word's first letters)
escape the bound (`screener.may_escape_bound`).

`rank_candidates` sums the hits per name, bounds each name and keeps the best, in a
dozen whole-array numpy operations per query (sort, sums by name, the bound formula
as array arithmetic, a partial sort for the best). This was compiled by numba, whose
import and cached-code loading cost 0.75 s of CPU in every process that screened more
than a few names, and interpreted loops (4 ms a query) before that; the numpy form
costs about as much per query as the compiled one did and nothing to load. Its sums
add each name's hits in hit order, as the loops did, so every bound is bit-for-bit
the one they gave.
"""

from __future__ import annotations

from typing import cast

import numpy as np
import numpy.typing as npt

from dossier.screen.algorithms import (
    EXTRA_PENALTY,
    HEAD_EXTRA_PENALTY,
    MATCH_CUT,
    RAW_CUT,
    SINGLE_TOKEN_PERSON_CAP,
    SUBSTITUTION_POWER,
)
from dossier.screen.features import MIN_TOKEN_SIMILARITY, romanised
from dossier.screen.index import ORGANIZATION, PERSON, VESSEL, FloatArray, IntArray
from dossier.screen.names import skeleton

_FULL = 0.999
_PERSON_EXTRA = EXTRA_PENALTY["Person"]
_ORGANIZATION_EXTRA = EXTRA_PENALTY["Organization"]
_VESSEL_EXTRA = EXTRA_PENALTY.get("Vessel", _ORGANIZATION_EXTRA)
# Each schema kind's extra-token penalty, by kind number.
_KIND_EXTRA = np.zeros(max(ORGANIZATION, PERSON, VESSEL) + 1)
_KIND_EXTRA[[ORGANIZATION, PERSON, VESSEL]] = _ORGANIZATION_EXTRA, _PERSON_EXTRA, _VESSEL_EXTRA

IndexArrays = tuple[FloatArray, IntArray, npt.NDArray[np.int8], npt.NDArray[np.bool_]]
Places = npt.NDArray[np.intp]  # name numbers as indexes (`take` is quickest with these)


def raw_bound(query_share: float, name_share: float, mildest: float) -> float:
    """An upper bound on the raw score, from the aligned-weight shares of each side.

    Calibration is monotone, so screening ranks and cuts on these and calibrates only
    the few candidates it keeps. (One name's bound; `raw_bounds` is the same for many.)
    """
    bounds = raw_bounds(np.array([query_share]), np.array([name_share]), np.array([mildest]))
    return float(bounds[0])


def raw_bounds(query_share: FloatArray, name_share: FloatArray, mildest: FloatArray) -> FloatArray:
    """`raw_bound` of many names at once."""
    fq = np.minimum(query_share, 1.0)
    fc = np.minimum(name_share, 1.0)
    least = np.minimum(fq, fc)
    substituted = np.maximum(fq, fc) < _FULL
    return np.where(substituted, least**SUBSTITUTION_POWER, 1.0 - mildest * (1.0 - least))


def lengths_apart(a: str, b: str) -> bool:
    """Whether two words' lengths alone keep `features.token_similarity(a, b, True)`
    under `MIN_TOKEN_SIMILARITY` (a test that spares most of its cost on words that
    cannot align; `screener._escapes`).

    Each of its rules that could reach the line is ruled out: a one-letter word is not
    (the initial rule), nor are words with the same consonant skeleton or romanised
    spelling; a plural or one typo changes the length by at most 2, and so does a
    shared sound, counted only between close lengths; a spelling needs at least the
    length difference in edits, so it scores at most `1 - difference / longest`.
    """
    difference, longest = abs(len(a) - len(b)), max(len(a), len(b))
    if difference <= 2 or min(len(a), len(b)) < 2:
        return False
    if 1.0 - difference / longest >= MIN_TOKEN_SIMILARITY:
        return False
    return skeleton(a) != skeleton(b) and romanised(a) != romanised(b)


def calibrate(raw: FloatArray) -> FloatArray:
    """`algorithms.calibrate` of many raw scores (the same arithmetic, so the same floats)."""
    return np.where(
        raw <= RAW_CUT,
        raw * MATCH_CUT / RAW_CUT,
        MATCH_CUT + (raw - RAW_CUT) * (1.0 - MATCH_CUT) / (1.0 - RAW_CUT),
    )


def mildest_extra_penalty(
    kinds: npt.NDArray[np.int8], shortest: IntArray, tokens: Places
) -> FloatArray:
    """The mildest extra-token penalty a comparison of each name could apply.

    People and vessels have theirs; an organisation's name gets the milder head penalty
    only when the longer name has at most twice the words that align
    (`algorithms._extra_penalty_for`), and the longer name has at least `shortest` words.
    """
    mildest = _KIND_EXTRA.take(kinds)
    mildest[(kinds == ORGANIZATION) & (shortest <= 2 * tokens)] = HEAD_EXTRA_PENALTY
    return mildest


def sum_hits(
    names: IntArray, name_side: FloatArray, query_side: FloatArray
) -> tuple[Places, FloatArray, FloatArray, Places]:
    """Per distinct name among the hits (by name number): the query weight and the name
    weight behind its hits, summed in hit order, and how many hits it has.

    The hits are a few runs sorted by name (one per query word), which a stable sort
    merges in one pass; `np.unique` took half again as long. The sums are taken over
    the hits in sorted order, where a stable sort keeps each name's hits in hit order,
    so each is the sum of the same numbers in the same order as over the hits unsorted.
    (Array methods, not the `np.` functions that call them: 1-1.5 µs less each; the
    counts by subtraction, where `np.diff(..., append=)` took 8 µs.)
    """
    order = names.argsort(kind="stable")
    ordered = names.take(order)
    first = _firsts(ordered)
    slots = first.cumsum()
    slots -= 1
    starts = first.nonzero()[0]
    counts: Places = np.empty(len(starts), dtype=starts.dtype)
    np.subtract(starts[1:], starts[:-1], out=counts[:-1])
    counts[-1:] = len(names) - starts[-1:]
    # (bincount adds each slot's weights in array order, as the compiled loop did)
    query_weight = cast(FloatArray, np.bincount(slots, query_side.take(order), len(starts)))
    name_weight = cast(FloatArray, np.bincount(slots, name_side.take(order), len(starts)))
    distinct: Places = ordered.take(starts).astype(np.intp)
    return distinct, query_weight, name_weight, counts


def merge_postings(names: IntArray, weights: FloatArray) -> tuple[IntArray, FloatArray]:
    """Each name of several postings once (by name number), with its heaviest weight."""
    order = names.argsort(kind="stable")
    ordered = names[order]
    starts = _firsts(ordered).nonzero()[0]
    return ordered[starts], np.maximum.reduceat(weights[order], starts)


def _firsts(ordered: IntArray) -> npt.NDArray[np.bool_]:
    """Where each run of equal numbers starts in a sorted array."""
    first = np.empty(len(ordered), dtype=np.bool_)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return first


def rank_candidates(
    names: IntArray,
    name_side: FloatArray,
    query_side: FloatArray,
    query: tuple[float, int, float, int],
    index_arrays: IndexArrays,
    count: int,
) -> tuple[FloatArray, IntArray]:
    """The calibrated bounds and numbers of the `count` best-bounded names, best first.

    `query` is the weight and number of the query's tokens too common to count (every
    name is assumed to align them), then its total weight and its content length;
    `index_arrays` are the index's name weights, content lengths, schema kinds and the
    names the schema filter allows. Ties go to the lighter name (less left over), then
    to the lower name number.
    """
    assumed_weight, assumed_tokens, query_weight, query_len = query
    name_weights, lengths, kinds, allowed = index_arrays
    distinct, query_sums, name_sums, counts = sum_hits(names, name_side, query_side)
    keep = allowed.take(distinct)
    if not keep.all():
        distinct, counts = distinct[keep], counts[keep]
        query_sums, name_sums = query_sums[keep], name_sums[keep]
    tokens = counts + assumed_tokens
    # (`take` with native-size numbers: indexing with the index's int32 took twice as long)
    own_lengths, own_kinds = lengths.take(distinct), kinds.take(distinct)
    own_weights = name_weights.take(distinct)
    mildest = mildest_extra_penalty(own_kinds, np.minimum(own_lengths, query_len), tokens)
    raw = raw_bounds(
        (query_sums + assumed_weight) / query_weight,
        (name_sums + assumed_weight) / own_weights,
        mildest,
    )
    capped = (own_kinds == PERSON) & (tokens <= 1)
    if query_len <= 1:  # (a longer query makes every name's longest side over one word)
        capped &= own_lengths > 1
    np.minimum(raw, SINGLE_TOKEN_PERSON_CAP, out=raw, where=capped)  # one word of a longer name
    return _best(distinct, raw, name_weights, count)


def _best(
    names: Places | IntArray, raw: FloatArray, name_weights: FloatArray, count: int
) -> tuple[FloatArray, IntArray]:
    """The `count` best of `names`: highest raw bound, then lightest, then lowest number.

    Only names at least as high as the `count`-th highest bound can be among them, so
    those alone are sorted (a partition finds that bound).
    """
    if count <= 0 or not len(names):
        return np.zeros(0), np.zeros(0, np.int32)
    if len(names) > count:
        floor = np.partition(raw, len(raw) - count)[len(raw) - count]
        near = raw >= floor
        names, raw = names[near], raw[near]
    order = np.lexsort((names, name_weights.take(names), -raw))[:count]
    return calibrate(raw[order]), names[order].astype(np.int32, copy=False)
