"""Cheap upper bounds on the name score, so most candidates are never compared in full.

The score is `similarity × penalty` (see `algorithms`). Similarity is at most 1, and
the penalty only depends on how much of each name's token weight is aligned. Key hits
bound that share from above on both sides (`NameIndex.hits`), so:

- when both sides must keep unaligned weight, the penalty is at most the substitution
  penalty of the smaller share;
- otherwise it is at most the mildest extra-token penalty of the smaller share.

Tokens that align without sharing any index key (rare typos in a word's first letters)
escape the bound; such candidates were never retrieved before either.
"""

from __future__ import annotations

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
from dossier.screen.index import FloatArray, IntArray

_FULL = 0.999
_MILDEST = min(HEAD_EXTRA_PENALTY, *EXTRA_PENALTY.values())


def mildest_extra_penalty(
    person: npt.NDArray[np.bool_],
    vessel: npt.NDArray[np.bool_],
    shortest: IntArray,
    tokens: FloatArray,
) -> FloatArray:
    """The mildest extra-token penalty each name's comparison could apply.

    People and vessels have theirs; an organisation's name gets the milder head penalty
    only when the longer name has at most twice the words that align
    (`algorithms._extra_penalty_for`), and the longer name has at least `shortest` words.
    """
    head = np.where(shortest <= 2 * tokens, HEAD_EXTRA_PENALTY, EXTRA_PENALTY["Organization"])
    other = np.where(vessel, EXTRA_PENALTY.get("Vessel", EXTRA_PENALTY["Organization"]), head)
    mildest: FloatArray = np.where(person, EXTRA_PENALTY["Person"], other)
    return mildest


def score_bounds(
    query_share: FloatArray, name_share: FloatArray, mildest: FloatArray | float = _MILDEST
) -> FloatArray:
    """Calibrated upper bounds on the score, from the aligned-weight shares of each side.

    `mildest` is the mildest extra-token penalty each name could get (by default the
    mildest of all).
    """
    return calibrate_array(raw_bounds(query_share, name_share, mildest))


def raw_bounds(
    query_share: FloatArray, name_share: FloatArray, mildest: FloatArray | float = _MILDEST
) -> FloatArray:
    """`score_bounds` before calibration. Calibration is monotone, so screening ranks
    and cuts on these and calibrates only the few candidates it keeps."""
    fq = np.minimum(query_share, 1.0)
    fc = np.minimum(name_share, 1.0)
    least = np.minimum(fq, fc)
    substituted = (fq < _FULL) & (fc < _FULL)
    raw: FloatArray = np.where(
        substituted, least**SUBSTITUTION_POWER, 1.0 - mildest * (1.0 - least)
    )
    return raw


def lone_token_caps(
    raw: FloatArray, person: npt.NDArray[np.bool_], tokens: FloatArray, longest: IntArray
) -> FloatArray:
    """Raw bounds of people's names that at most one query token can align with, capped.

    A person's name that shares one word with a longer one scores at most the lone
    token cap, whatever that word is (`algorithms._features`).
    """
    lone = person & (tokens <= 1) & (longest > 1)
    capped: FloatArray = np.where(lone, np.minimum(raw, SINGLE_TOKEN_PERSON_CAP), raw)
    return capped


def calibrate_array(raw: FloatArray) -> FloatArray:
    """`algorithms.calibrate` over an array."""
    low = raw * MATCH_CUT / RAW_CUT
    high = MATCH_CUT + (raw - RAW_CUT) * (1.0 - MATCH_CUT) / (1.0 - RAW_CUT)
    result: FloatArray = np.where(raw <= RAW_CUT, low, high)
    return result
