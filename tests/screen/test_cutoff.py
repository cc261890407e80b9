"""The screening cutoff only removes results under it; everything above stays as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.model import MatchResult
from dossier.screen.index import NameIndex, token_keys
from dossier.screen.screener import ScreenConfig, may_escape_bound, screen_name

CUTOFF = 0.5
# Made-up words: names like no listed one, so cutoff 0 fills the list with near misses.
UNLISTED = ["Zorvath Al Quillendry", "Blenkisham Trodwallop Holdings", "Yrsuvel Padmoquint"]


def _seen(results: list[MatchResult]) -> list[tuple[str, float, bool, object]]:
    return [(r.record.id, r.score, r.match, r.explanation) for r in results]


def _first_letters_swapped(index: NameIndex, count: int) -> list[str]:
    """Listed two-word names with the last word's second and third letters swapped,
    where the typo leaves the word without any index key in common with the listed one
    (the first two letters swapped meet by a key)."""
    queries: list[str] = []
    for tokens in index.tokens[::97]:
        if len(tokens) != 2 or len(tokens[1]) < 7 or tokens[1][1] == tokens[1][2]:
            continue
        word = tokens[1][0] + tokens[1][2] + tokens[1][1] + tokens[1][3:]
        if not token_keys(word) & token_keys(tokens[1]):
            queries.append(f"{tokens[0]} {word}")
        if len(queries) == count:
            break
    return queries


def test_unlisted_name_returns_nothing_under_cutoff(index: NameIndex) -> None:
    for query in UNLISTED:
        filled = screen_name(index, query, ScreenConfig(cutoff=0.0))
        # cutoff 0: the nearest records, whatever they score
        assert any(r.score < CUTOFF for r in filled), query
        cut = screen_name(index, query, ScreenConfig(cutoff=CUTOFF))
        assert all(r.score >= CUTOFF for r in cut)
        assert len(cut) < len(filled)


def _equal_above_cutoff(index: NameIndex, query: str) -> None:
    filled = screen_name(index, query, ScreenConfig(cutoff=0.0))
    cut = screen_name(index, query, ScreenConfig(cutoff=CUTOFF))
    assert _seen(cut) == _seen([r for r in filled if r.score >= CUTOFF]), query


def test_results_above_cutoff_equal_cutoff_zero(index: NameIndex) -> None:
    listed = [name for _, name in index.names[::4_001]]
    halves = [" ".join(name.split()[: max(1, len(name.split()) // 2)]) for name in listed]
    for query in [*listed, *halves, *UNLISTED]:
        _equal_above_cutoff(index, query)


def test_typo_in_first_letters_still_found(index: NameIndex) -> None:
    """Such a typo escapes the score bound; the cutoff must not hide the match."""
    queries = _first_letters_swapped(index, 12)
    assert len(queries) >= 6
    found = 0
    for query in queries:
        _equal_above_cutoff(index, query)
        found += any(r.match for r in screen_name(index, query, ScreenConfig(cutoff=CUTOFF)))
    assert found >= 3


def test_escape_needs_an_alignment_the_index_cannot_see() -> None:
    def escapes(query: str, name: str) -> bool:
        return may_escape_bound(query, name, tuple(name.lower().split()))

    assert escapes("Ivan Tsarevitch", "Ivan Tasrevitch")  # no index key in common
    assert escapes("Abdul Aziz Petrov", "Abdulaziz Petrov")  # two words written as one
    assert escapes("US Bureau", "United States Bureau")  # an acronym
    assert escapes("Volga/Kama Trading", "Kama Trading")  # alternatives
    assert not escapes("Ivan Tsarevitch", "Ivan Petrov")
    assert not escapes("Ivan Tsarevitch", "Boris Godunov")


@pytest.fixture
def un_db(lists_dir: Path, run_cli, tmp_path: Path) -> Path:
    db = tmp_path / "un.db"
    result = run_cli("--db", db, "lists", "load", lists_dir / "un", "--json")
    assert result.returncode == 0, result.stderr
    return db


def _cli_scores(run_cli, db: Path, *args: str) -> list[float]:
    result = run_cli("--db", db, "screen", UNLISTED[0], "--json", *args)
    assert result.returncode == 0, result.stderr
    return [r["score"] for r in json.loads(result.stdout)["results"]]


def test_cli_cutoff(run_cli, un_db: Path) -> None:
    filled = _cli_scores(run_cli, un_db, "--cutoff", "0")
    assert filled
    assert min(filled) < CUTOFF
    assert all(s >= CUTOFF for s in _cli_scores(run_cli, un_db))  # the setting's 0.5
    assert all(s >= 0.3 for s in _cli_scores(run_cli, un_db, "--cutoff", "0.3"))
    assert len(_cli_scores(run_cli, un_db)) < len(filled)
