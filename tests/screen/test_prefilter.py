"""The score bounds that let screening skip full comparisons must hold."""

from __future__ import annotations

import numpy as np
import pytest

from dossier.screen.algorithms import compare_names
from dossier.screen.index import COMMON_KEY_SHARE, MIN_COMMON_KEY, NameIndex, token_keys
from dossier.screen.names import name_tokens
from dossier.screen.prefilter import score_bounds
from dossier.screen.screener import ScreenConfig, comparison_schema, ranked_candidates, screen_name


@pytest.mark.parametrize("name_no", range(0, 60_000, 6_000))
def test_bound_never_below_score(index: NameIndex, name_no: int) -> None:
    query = index.names[name_no][1]
    for bound, candidate in ranked_candidates(index, query, None, 30):
        record_no, name = index.names[candidate]
        schema = comparison_schema(index.records[record_no].schema)
        scored = compare_names(query, name, index.weight, schema)
        aligned = scored.explanation.get("aligned", [])
        if all(_share_key(pair, index.tokens[candidate]) for pair in aligned):  # type: ignore[union-attr]
            assert scored.score <= bound + 1e-4, (query, name)


def _share_key(pair: dict[str, str], indexed: tuple[str, ...]) -> bool:
    """Whether an aligned token pair meets in the index (the bound's one assumption).

    A token the comparison made up (an acronym standing for a run of words, two words
    written as one) is not in the index, so its alignment escapes the bound.
    """
    return pair["name"] in indexed and bool(token_keys(pair["query"]) & token_keys(pair["name"]))


def test_listed_name_finds_itself(index: NameIndex) -> None:
    for record_no, name in index.names[::5_000]:
        top = screen_name(index, name, ScreenConfig(limit=3))
        assert top
        assert top[0].score == 1.0
        assert index.records[record_no] in [r.record for r in top] or top[2].score == 1.0


def test_bounds_shrink_with_unaligned_weight() -> None:
    full = np.array([1.0, 1.0, 0.5])
    part = np.array([1.0, 0.5, 0.5])
    bounds = score_bounds(full, part)
    assert bounds[0] == pytest.approx(1.0)
    assert bounds[0] > bounds[1] > bounds[2]


def test_queries_leave_no_trace(index: NameIndex) -> None:
    """Reused scratch arrays must come back clean: a query scores alike before and after."""
    query = "Quds Aviation Industry"
    before = [(r.record.list_id, r.score) for r in screen_name(index, query, ScreenConfig())]
    for _, name in index.names[::7_000]:
        screen_name(index, name, ScreenConfig())
    after = [(r.record.list_id, r.score) for r in screen_name(index, query, ScreenConfig())]
    assert before == after


@pytest.mark.parametrize(
    "query", ["Quds Aviation Industry", "Mohammad Hossein Bagheri", "Alabuga", "Bank Melli Iran"]
)
def test_hits_add_up_each_token_posting(index: NameIndex, query: str) -> None:
    """The summed hits equal a plain loop over each query token's posting."""
    tokens = tuple(dict.fromkeys(name_tokens(query)))
    common = max(MIN_COMMON_KEY, int(COMMON_KEY_SHARE * len(index.names)))
    expected: dict[int, list[float]] = {}
    assumed = [0.0, 0.0]
    for token in tokens:
        posting = index.token_posting(token, common)
        if posting is None:
            assumed = [assumed[0] + index.weight(token), assumed[1] + 1]
            continue
        for name_no, weight in zip(posting.names.tolist(), posting.weights.tolist(), strict=True):
            sums = expected.setdefault(name_no, [0.0, 0.0, 0.0])
            sums[0] += index.weight(token)
            sums[1] += weight
            sums[2] += 1
    hits = index.hits(tokens)
    assert hits.names.tolist() == sorted(expected)
    for i, name_no in enumerate(hits.names.tolist()):
        query_weight, name_weight, count = expected[name_no]
        assert hits.query_weight[i] == pytest.approx(query_weight + assumed[0])
        assert hits.name_weight[i] == pytest.approx(name_weight + assumed[0])
        assert hits.tokens[i] == count + assumed[1]
