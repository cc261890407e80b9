"""Cheap upper bounds on the name score, so most candidates are never compared in full.

The score is `similarity × penalty` (see `algorithms`). Similarity is at most 1, and
the penalty only depends on how much of each name's token weight is aligned. Key hits
bound that share from above on both sides (`NameIndex.query_postings`), so:

- when both sides must keep unaligned weight, the penalty is at most the substitution
  penalty of the smaller share;
- otherwise it is at most the mildest extra-token penalty of the smaller share.

Tokens that align without sharing any index key (rare typos in a word's first letters)
escape the bound (`screener.may_escape_bound`).

`rank_candidates` sums the hits per name, bounds each name and keeps the best, compiled
by numba: done with numpy, some forty array operations per query cost more in call
overhead than in work, and this was a third of screening's time. Its compiled code is
cached next to this file (or in numba's user cache).

Until `warm_up` is called the same functions run as plain Python: importing numba and
loading the cached code costs about 0.6 s of CPU, far more than a few interpreted
queries (a median 4 ms each, the same results), so one `dossier screen NAME` never
loads numba; building an index, a name file, a server and ingest do (`warm_up`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from dossier.screen import algorithms
from dossier.screen.algorithms import (
    EXTRA_PENALTY,
    HEAD_EXTRA_PENALTY,
    SINGLE_TOKEN_PERSON_CAP,
    SUBSTITUTION_POWER,
)
from dossier.screen.index import PERSON, VESSEL, FloatArray, IntArray

_FULL = 0.999
_PERSON_EXTRA = EXTRA_PENALTY["Person"]
_ORGANIZATION_EXTRA = EXTRA_PENALTY["Organization"]
_VESSEL_EXTRA = EXTRA_PENALTY.get("Vessel", _ORGANIZATION_EXTRA)


F = TypeVar("F", bound=Callable[..., Any])
# Functions numba compiles on `warm_up`, by their name in this module, with its options.
_COMPILED: dict[str, dict[str, Any]] = {}
_COMPILING = threading.Lock()


def jit(**options: Any) -> Callable[[F], F]:
    """Mark a function for numba (`warm_up`); until then it runs as plain Python."""

    def mark(function: F) -> F:
        _COMPILED[function.__name__] = options
        return function

    return mark


def compiled() -> bool:
    """Whether the ranking code runs compiled (after `warm_up`)."""
    return "numba" in type(rank_candidates).__module__


def warm_up() -> None:
    """Compile (the first time, about two seconds) or load the ranking code.

    Each marked function of this module is replaced by its numba dispatcher, so the
    compiled functions call each other compiled (numba resolves the globals then).
    """
    with _COMPILING:
        if not compiled():
            import numba

            namespace = globals()
            for name, options in _COMPILED.items():
                namespace[name] = numba.njit(**options)(namespace[name])
    names = np.zeros(1, np.int32)
    weights = np.ones(1)
    stamps = np.full(1, -1, np.int32)
    arrays = (weights, np.ones(1, np.int32), np.zeros(1, np.int8), np.ones(1, np.bool_))
    rank_candidates(names, weights, weights, (0.0, 0, 1.0, 1), arrays, 1, stamps)
    merge_postings(names, weights, stamps)


@jit(cache=True)
def mildest_extra_penalty(kind: int, shortest: int, tokens: float) -> float:
    """The mildest extra-token penalty a comparison of this name could apply.

    People and vessels have theirs; an organisation's name gets the milder head penalty
    only when the longer name has at most twice the words that align
    (`algorithms._extra_penalty_for`), and the longer name has at least `shortest` words.
    """
    if kind == PERSON:
        return _PERSON_EXTRA
    if kind == VESSEL:
        return _VESSEL_EXTRA
    return HEAD_EXTRA_PENALTY if shortest <= 2 * tokens else _ORGANIZATION_EXTRA


@jit(cache=True)
def raw_bound(query_share: float, name_share: float, mildest: float) -> float:
    """An upper bound on the raw score, from the aligned-weight shares of each side.

    Calibration is monotone, so screening ranks and cuts on these and calibrates only
    the few candidates it keeps.
    """
    fq = min(query_share, 1.0)
    fc = min(name_share, 1.0)
    least = min(fq, fc)
    if fq < _FULL and fc < _FULL:
        return float(least**SUBSTITUTION_POWER)
    return 1.0 - mildest * (1.0 - least)


# The calibration of full scores, compiled for the bounds (one formula, one place).
calibrate = jit(cache=True)(algorithms.calibrate)


@jit(cache=True)
def sum_hits(
    names: IntArray, name_side: FloatArray, query_side: FloatArray, stamps: IntArray
) -> tuple[IntArray, FloatArray, FloatArray, IntArray]:
    """Per distinct name among the hits (in order of first hit): the query weight and
    the name weight behind its hits, summed, and how many hits it has.

    `stamps` is scratch over every name, all -1; it is left as it was found.
    """
    distinct = np.empty(len(names), np.int32)
    query_weight = np.zeros(len(names))
    name_weight = np.zeros(len(names))
    counts = np.zeros(len(names), np.int32)
    found = 0
    for i in range(len(names)):
        slot = stamps[names[i]]
        if slot < 0:
            slot = stamps[names[i]] = found
            distinct[found] = names[i]
            found += 1
        query_weight[slot] += query_side[i]
        name_weight[slot] += name_side[i]
        counts[slot] += 1
    for j in range(found):
        stamps[distinct[j]] = -1
    return distinct[:found], query_weight[:found], name_weight[:found], counts[:found]


@jit(cache=True)
def merge_postings(
    names: IntArray, weights: FloatArray, stamps: IntArray
) -> tuple[IntArray, FloatArray]:
    """Each name of several postings once (in order of first sight), with its heaviest
    weight. `stamps` is scratch over every name, all -1, and left so."""
    merged = np.empty(len(names), np.int32)
    heaviest = np.empty(len(names))
    found = 0
    for i in range(len(names)):
        slot = stamps[names[i]]
        if slot < 0:
            stamps[names[i]] = found
            merged[found] = names[i]
            heaviest[found] = weights[i]
            found += 1
        elif weights[i] > heaviest[slot]:
            heaviest[slot] = weights[i]
    for j in range(found):
        stamps[merged[j]] = -1
    return merged[:found].copy(), heaviest[:found].copy()


@jit(cache=True)
def rank_candidates(
    names: IntArray,
    name_side: FloatArray,
    query_side: FloatArray,
    query: tuple[float, int, float, int],
    index_arrays: tuple[FloatArray, IntArray, npt.NDArray[np.int8], npt.NDArray[np.bool_]],
    count: int,
    stamps: IntArray,
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
    distinct, query_sums, name_sums, counts = sum_hits(names, name_side, query_side, stamps)
    kept = np.empty(len(distinct), np.int32)
    raw = np.empty(len(distinct))
    size = 0
    for j in range(len(distinct)):
        name = distinct[j]
        if not allowed[name]:
            continue
        tokens = counts[j] + assumed_tokens
        shortest = min(lengths[name], query_len)
        mildest = mildest_extra_penalty(kinds[name], shortest, tokens)
        bound = raw_bound(
            (query_sums[j] + assumed_weight) / query_weight,
            (name_sums[j] + assumed_weight) / name_weights[name],
            mildest,
        )
        if kinds[name] == PERSON and tokens <= 1 and max(lengths[name], query_len) > 1:
            bound = min(bound, SINGLE_TOKEN_PERSON_CAP)  # one word of a longer name
        kept[size] = name
        raw[size] = bound
        size += 1
    return _best(kept[:size], raw[:size], name_weights, count)


@jit(cache=True)
def _best(
    names: IntArray, raw: FloatArray, name_weights: FloatArray, count: int
) -> tuple[FloatArray, IntArray]:
    """The `count` best of `names`: highest raw bound, then lightest, then lowest number.

    Insertion into a sorted buffer of `count`: most names fail the first comparison,
    with the buffer's last, so this is one pass (and numba compiles it in a moment,
    where sorting and partitioning took ten seconds).
    """
    top = np.empty(max(count, 0), np.int64)  # places in `names`, best first
    size = 0
    for i in range(len(names) if count > 0 else 0):  # (compiled code checks no bounds)
        key = (raw[i], name_weights[names[i]], names[i])
        if size == count and not _before(key, _key(top[size - 1], names, raw, name_weights)):
            continue
        if size < count:
            size += 1
        j = size - 1
        while j > 0 and _before(key, _key(top[j - 1], names, raw, name_weights)):
            top[j] = top[j - 1]
            j -= 1
        top[j] = i
    bounds = np.empty(size)
    best = np.empty(size, np.int32)
    for j in range(size):
        bounds[j] = calibrate(raw[top[j]])
        best[j] = names[top[j]]
    return bounds, best


@jit(cache=True, inline="always")
def _key(
    place: int, names: IntArray, raw: FloatArray, name_weights: FloatArray
) -> tuple[float, float, int]:
    """A candidate's rank key: raw bound, weight, name number."""
    return raw[place], name_weights[names[place]], names[place]


@jit(cache=True)
def _before(a: tuple[float, float, int], b: tuple[float, float, int]) -> bool:
    """Whether key `a` ranks before `b`: higher bound, then lighter, then lower number.
    (Keys, not arrays, are passed: a compiled call with arrays counts references.)"""
    if a[0] != b[0]:
        return bool(a[0] > b[0])
    if a[1] != b[1]:
        return bool(a[1] < b[1])
    return bool(a[2] < b[2])
