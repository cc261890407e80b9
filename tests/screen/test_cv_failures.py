"""eval/cv_screen.py --failures: each miss is put down to the step that lost it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from dossier.screen.algorithms import NameScore

EVAL = Path(__file__).resolve().parents[2] / "eval"


def _cv_screen() -> Any:
    sys.path.insert(0, str(EVAL))
    import cv_screen

    return cv_screen


def _query(labels: list[bool], extra: float | None = None) -> Any:
    cv = _cv_screen()
    T = cv.T
    query = T.Query("screening_train", "g", "Acme", frozenset({"x:1"}))
    for n, label in enumerate(labels):
        name = f"Acme {n}"
        query.candidates.append(T.Candidate(f"x:{n}", name, NameScore(0.9, {}), "Org", label))
    if extra is not None:
        query.extra.append(T.Candidate("x:1", "Acme Listed", NameScore(extra, {}), "Org", True))
    return query


def test_a_miss_never_compared_is_retrieval() -> None:
    why = _cv_screen().why_missed(_query([False], extra=0.62), [0.9])
    assert why.startswith("retrieval")
    assert "Acme Listed aligns 0.62" in why


def test_an_expected_record_outranked_is_ranking() -> None:
    why = _cv_screen().why_missed(_query([False, True]), [0.8, 0.6])
    assert why.startswith("ranking")
    assert "rank 2" in why
    assert "p 0.60" in why


def test_an_expected_record_first_under_the_threshold_is_threshold() -> None:
    why = _cv_screen().why_missed(_query([True, False]), [0.55, 0.1])
    assert why.startswith("threshold")
    assert "rank 1" in why
