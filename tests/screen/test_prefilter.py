"""The score bounds that let screening skip full comparisons must hold."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.model import ListRecord
from dossier.screen import algorithms
from dossier.screen.algorithms import compare_names
from dossier.screen.features import MIN_TOKEN_SIMILARITY, token_similarity
from dossier.screen.index import (
    COMMON_KEY_SHARE,
    MIN_COMMON_KEY,
    NameIndex,
    build_index,
    token_keys,
)
from dossier.screen.names import name_tokens
from dossier.screen.prefilter import (
    _best,
    calibrate,
    lengths_apart,
    merge_postings,
    raw_bound,
    sum_hits,
)
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
        assert top[0].explanation["alignment_score"] == 1.0
        assert top[0].match
        alike = [r.record for r in top if r.explanation["alignment_score"] == 1.0]
        assert index.records[record_no] in [r.record for r in top] or len(alike) == len(top)


def test_bounds_shrink_with_unaligned_weight() -> None:
    mildest = 0.45
    whole = raw_bound(1.0, 1.0, mildest)
    extra = raw_bound(1.0, 0.5, mildest)  # one side keeps unaligned words
    substituted = raw_bound(0.5, 0.5, mildest)  # both sides do
    assert algorithms.calibrate(whole) == pytest.approx(1.0)
    assert whole > extra > substituted


@given(st.lists(st.floats(min_value=0.0, max_value=1.0), max_size=50))
def test_calibrate_of_many_equals_calibrate_of_each(raw: list[float]) -> None:
    """The whole-array calibration gives the scalar one's floats, bit for bit."""
    assert calibrate(np.array(raw, dtype=np.float64)).tolist() == [
        algorithms.calibrate(r) for r in raw
    ]


def test_merged_postings_keep_each_name_once_at_its_heaviest() -> None:
    names = np.array([4, 9, 2, 9, 4, 7], dtype=np.int32)
    weights = np.array([0.5, 0.1, 0.3, 0.8, 0.2, 0.4])
    merged, heaviest = merge_postings(names, weights)
    assert merged.tolist() == [2, 4, 7, 9]
    assert heaviest.tolist() == [0.3, 0.5, 0.4, 0.8]


@given(
    st.lists(st.tuples(st.sampled_from([0.2, 0.5, 0.9]), st.sampled_from([1.0, 2.0])), max_size=60),
    st.integers(min_value=0, max_value=12),
)
def test_best_ranks_like_a_full_sort(candidates: list[tuple[float, float]], count: int) -> None:
    """Highest bound first, then the lighter name, then the lower number; ties abound."""
    names = np.arange(len(candidates), dtype=np.int32)[::-1].copy()
    raw = np.array([c[0] for c in candidates])
    weights = np.zeros(len(candidates))
    weights[names] = [c[1] for c in candidates]
    order = sorted(range(len(names)), key=lambda i: (-raw[i], weights[names[i]], names[i]))
    bounds, best = _best(names, raw, weights, count)
    assert best.tolist() == [int(names[i]) for i in order[:count]]
    assert bounds.tolist() == [algorithms.calibrate(raw[i]) for i in order[:count]]


def test_queries_leave_no_trace(index: NameIndex) -> None:
    """Caches filled by other queries change nothing: a query scores alike before and after."""
    query = "Quds Aviation Industry"
    before = [(r.record.list_id, r.score) for r in screen_name(index, query, ScreenConfig())]
    for _, name in index.names[::7_000]:
        screen_name(index, name, ScreenConfig())
    after = [(r.record.list_id, r.score) for r in screen_name(index, query, ScreenConfig())]
    assert before == after


@pytest.mark.parametrize("seed", range(8))
def test_sum_hits_adds_each_name_in_hit_order(seed: int) -> None:
    """Each name's sums are its hits' weights added in hit order, bit for bit (the
    bounds must not change with how the sums are taken), names ascending."""
    rng = np.random.default_rng(seed)
    runs = [np.sort(rng.choice(60, size=int(rng.integers(0, 40)), replace=False)) for _ in range(6)]
    names = np.concatenate(runs).astype(np.int32)
    name_side, query_side = rng.random(len(names)) * 3, rng.random(len(names)) * 3
    expected: dict[int, list[float]] = {}
    for name_no, n_weight, q_weight in zip(names.tolist(), name_side, query_side, strict=True):
        sums = expected.setdefault(name_no, [0.0, 0.0, 0])
        sums[0] += float(q_weight)
        sums[1] += float(n_weight)
        sums[2] += 1
    distinct, query_sums, name_sums, counts = sum_hits(names, name_side, query_side)
    assert distinct.tolist() == sorted(expected)
    assert query_sums.tolist() == [expected[n][0] for n in sorted(expected)]
    assert name_sums.tolist() == [expected[n][1] for n in sorted(expected)]
    assert counts.tolist() == [expected[n][2] for n in sorted(expected)]


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
    found = index.query_postings(tokens)
    assert [found.assumed, found.assumed_tokens] == pytest.approx(assumed)
    names, query_weight, name_weight, counts = sum_hits(
        found.names, found.name_side, found.query_side
    )
    assert sorted(names.tolist()) == sorted(expected)
    for i, name_no in enumerate(names.tolist()):
        assert query_weight[i] == pytest.approx(expected[name_no][0])
        assert name_weight[i] == pytest.approx(expected[name_no][1])
        assert counts[i] == expected[name_no][2]


# Words over few letters, so that equal skeletons, plurals and romanised spellings occur.
_WORDS = st.text(alphabet="aeiouybdghkqstzw1", min_size=1, max_size=14)


@given(_WORDS, _WORDS)
def test_lengths_apart_words_never_align(a: str, b: str) -> None:
    if lengths_apart(a, b):
        assert token_similarity(a, b, True) < MIN_TOKEN_SIMILARITY


def test_lengths_apart_agrees_with_the_similarity_on_listed_words(index: NameIndex) -> None:
    words = sorted({t for tokens in index.tokens[::40] for t in tokens})
    pairs = [(a, b) for a in words[::7] for b in words[::11]]
    apart = [(a, b) for a, b in pairs if lengths_apart(a, b)]
    assert all(token_similarity(a, b, True) < MIN_TOKEN_SIMILARITY for a, b in apart)
    assert len(apart) > len(pairs) // 10  # it spares the comparison of many pairs


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        ("alexandrovich", "ali", True),
        ("ali", "alexandrovich", True),
        ("a", "alexandrovich", False),  # an initial
        ("industries", "industry", False),  # a plural
        ("mohammad", "mhmd", False),  # one consonant skeleton
        ("international", "internationale", False),
    ],
)
def test_lengths_apart_cases(a: str, b: str, apart: bool) -> None:
    assert lengths_apart(a, b) is apart


def test_kind_word_of_the_query_class_weighs_as_a_form() -> None:
    """A listed name's kind word weighs as a legal form in the bound only against a
    query holding a word of its class, which ranks that name first."""
    records = [ListRecord("eu", "1", "Organization", "Orlan Air", ())]
    records += [
        ListRecord("eu", str(n), "Organization", f"Orlan {n} Trading", ()) for n in range(2, 9)
    ]
    records += [
        ListRecord("eu", str(n), "Organization", f"Volga {n} Air", ()) for n in range(9, 40)
    ]
    index = build_index(records)
    plain, capped = index.name_weight(), index.bound_name_weight(frozenset({"airline"}))
    assert (capped <= plain).all()
    assert (capped < plain).any()
    assert (index.bound_name_weight(frozenset({"armed_or_political_body"})) == plain).all()
    _, name_no = ranked_candidates(index, "Orlan Airlines", None, 1)[0]
    assert index.names[name_no][1] == "Orlan Air"
