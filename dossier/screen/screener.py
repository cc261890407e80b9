"""Screen names against an index of list records; results carry their explanation.

Two steps. `search` finds candidates by their alignment score (`algorithms`): they
come from the index with an upper bound on that score (`prefilter`), are compared in
full best bound first, and the search stops once no remaining bound can enter the
top `RERANK_POOL`, or after `max_compares` full comparisons (a query made only of very
common words has thousands of equally bounded candidates). Every candidate that could
reach `RETRIEVAL_FLOOR` is compared (up to that cap); below it, the first records
compared fill the pool. Then the learned model (`model`) gives each record found its
probability of being the party named, from the comparison's features and the
record's standing among the others found; that probability ranks, cuts and matches.

Like yente's `cutoff`, a result scoring under `ScreenConfig.cutoff` is not returned,
and a candidate whose alignment bound is under it is never compared unless a word
could align without meeting the index (`may_escape_bound`: the bound's soundness,
not a scoring rule; how words were regrouped is a feature the model weighs).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from dossier.model import MatchResult
from dossier.screen.algorithms import NameScore, compare_names, content_len, rounded
from dossier.screen.features import (
    MIN_TOKEN_SIMILARITY,
    collapse_initials,
    joined_edits,
    merge_split_tokens,
    token_similarity,
)
from dossier.screen.index import NameIndex, token_keys
from dossier.screen.invisible import flag_controls, strip_controls
from dossier.screen.model import (
    MODEL_FLOOR,
    KnownBy,
    PairModel,
    Rivals,
    is_nickname,
    load_model,
    pair_features,
    rescore,
    rivals_of,
)
from dossier.screen.names import body_kind, is_filler, name_tokens, skeleton
from dossier.screen.prefilter import lengths_apart
from dossier.screen.readings import latin_readings

SCHEMA_GROUPS: dict[str, frozenset[str] | None] = {
    "Person": frozenset({"Person"}),
    "Organization": frozenset({"Organization", "Company", "LegalEntity"}),
    "Any": None,
}


@dataclass(frozen=True, slots=True)
class ScreenConfig:
    """How screening scores and cuts results."""

    threshold: float = 0.75  # the screening model's (`model.PairModel.threshold`)
    limit: int = 5
    schema: str = "Any"
    max_compares: int = 40
    # 0 returns the nearest `limit` records whatever they score; entry points pass the
    # `screen_cutoff` setting (0.5, yente's default SCORE_CUTOFF).
    cutoff: float = 0.0


# Records compared per name at least, for the model to rank (`search`); more cost
# comparisons (10 halved the speed) and changed little.
RERANK_POOL = 5
# Alignment score under which the model seldom matches (99.5% of the candidates it
# matched under cross-validation align at 0.88 or more): candidates bounded under it
# are compared only to fill the pool, and are explained by features alone.
RETRIEVAL_FLOOR = 0.8

# Candidates past the search's stop compared because one of their words aligns with
# the query's without meeting it in the index (`search`), at most this many per name,
# and only those whose bound (the words that met) reaches `ESCAPE_FLOOR`.
# They are looked for only while no name found aligns at `ESCAPE_UNTIL` (an exact name
# needs no second look). Measured (eval/cv_screen.py): training queries recall@5 0.824 ->
# 0.853 ("No Kwang Choi" met "NO Kwang Chol", "GTME Technologii" "ZAO GTME TEKHNOLOGII");
# bench/screen.py 1,037 -> 1,010 names/s in process.
ESCAPE_COMPARES = 4
ESCAPE_FLOOR = 0.15
ESCAPE_UNTIL = 1.0

# Names this few edits apart once spaces are dropped may score as one (`algorithms`
# allows one; two leaves room).
JOINED_MAX_EDITS = 2


def comparison_schema(schema: str) -> str:
    """People as people, vessels as vessels; everything else as an organisation's name."""
    return schema if schema in ("Person", "Vessel") else "Organization"


def ranked_candidates(
    index: NameIndex, query: str, allowed: frozenset[str] | None, count: int
) -> list[tuple[float, int]]:
    """(score bound, name number) of the `count` best-bounded names, highest bound first.

    Ties go to the lighter name: of equally covered names, the one with less left over.
    """
    # Imported here: numba takes a third of a second to load, and most commands never screen.
    from dossier.screen.prefilter import rank_candidates

    tokens = tuple(dict.fromkeys(name_tokens(query)))
    query_weight = sum(map(index.bound_weight, tokens))
    found = index.query_postings(tokens)
    if not query_weight or not (len(found.names) or found.assumed_tokens):
        return []
    facts = (found.assumed, found.assumed_tokens, query_weight, content_len(tokens))
    kinds = frozenset(kind for t in tokens if (kind := body_kind(t)))
    own = index.bound_name_weight(kinds)
    arrays = (own, index.content_lengths(), index.kinds(), index.allowed(allowed))
    bounds, names = rank_candidates(
        found.names, found.name_side, found.query_side, facts, arrays, count
    )
    return list(zip(bounds.tolist(), names.tolist(), strict=True))


def read_candidates(
    index: NameIndex, query: str, allowed: frozenset[str] | None, count: int
) -> list[tuple[float, int]]:
    """`ranked_candidates` of every Latin reading of a name in Han characters or Hangul
    (`readings.latin_readings`), each name with its best bound; of others, of the name."""
    readings = latin_readings(query)
    if not readings:
        return ranked_candidates(index, query, allowed, count)
    bounds: dict[int, float] = {}
    languages: set[str] = set()
    for reading in readings:
        if reading.language in languages:
            continue  # a variant of a reading searched (a surname's customary spelling)
        if reading.alternative and not _may_be_listed(index, name_tokens(reading.latin)):
            continue
        languages.add(reading.language)
        for bound, name_no in ranked_candidates(index, reading.latin, allowed, count):
            bounds[name_no] = max(bound, bounds.get(name_no, 0.0))
    weights = index.name_weight()
    ranked = sorted(bounds.items(), key=lambda nb: (-nb[1], weights[nb[0]]))
    return [(bound, name_no) for name_no, bound in ranked[:count]]


def _may_be_listed(index: NameIndex, tokens: tuple[str, ...]) -> bool:
    """Whether every word of a guessed reading meets some listed word by a key: a guess
    counts only when all its words align (`algorithms._reading_holds`)."""
    return len(tokens) >= 2 and all(index.has_keys(t) for t in tokens)


def screen_name(index: NameIndex, query: str, cfg: ScreenConfig) -> list[MatchResult]:
    """Return the best-scoring records for `query`, best first, one result per record.

    The candidates' alignment scores find them (`search`); the learned model scores
    each found record (`model.rescore`), and its probability ranks, cuts and matches.
    """
    query, hidden = strip_controls(query)  # invisible characters hide nothing (issue 20)
    model = load_model()
    found = search(index, query, cfg)
    records = list(found)
    standing = rivals_of(
        [
            (found[r][0].score, index.records[r].dataset, _name_key(index, found[r][1]))
            for r in records
        ]
    )
    rivals = dict(zip(records, standing, strict=True))
    probability = {}
    for record_no, (alignment, _) in found.items():
        schema = comparison_schema(index.records[record_no].schema)
        # only the probability here: the few results returned are explained (`_results`)
        if alignment.score < MODEL_FLOOR:
            probability[record_no] = 0.0
            continue
        name_no = found[record_no][1]
        nickname = _nickname(index, record_no, name_no)
        core = in_every_name(index, name_no, query)
        values = pair_features(alignment, schema, True, rivals[record_no], nickname, core)
        probability[record_no] = model.probability(values)
    results = _results(index, query, found, probability, rivals, (cfg, model))
    return flag_controls(results, hidden)


def _name_key(index: NameIndex, name_no: int) -> str:
    """A matched name as its words, each once (`model.rivals_of`: one name in one list
    twice; `train.screen.query_vectors` keys names the same way)."""
    return " ".join(index.tokens[name_no])


def _nickname(index: NameIndex, record_no: int, name_no: int) -> bool:
    """Whether the record was found by a person's one-word alias (`model.is_nickname`)."""
    record = index.records[record_no]
    schema = comparison_schema(record.schema)
    return is_nickname(schema, index.tokens[name_no], name_tokens(record.name))


def in_every_name(index: NameIndex, name_no: int, query: str) -> KnownBy:
    """Whether every name of the matched organisation's record carries all the query's
    words but legal forms ("Kupol" in each of a plant's nine names), where the query is
    short of the matched name: the words the party is known by (`model.pair_features`);
    `KnownBy.SHARED_WORDS` where they are all the words those names share but fillers.

    A record's names are numbered one after another (`NameIndex.add`), so they are the
    run of names around the matched one that share its record number."""
    record_no = index.names[name_no][0]
    if comparison_schema(index.records[record_no].schema) == "Person":
        return KnownBy.PART
    words = {t for t in name_tokens(query) if not is_filler(t)}
    if not words or words >= {t for t in index.tokens[name_no] if not is_filler(t)}:
        return KnownBy.PART
    first = last = name_no
    while first > 0 and index.names[first - 1][0] == record_no:
        first -= 1
    while last + 1 < len(index.names) and index.names[last + 1][0] == record_no:
        last += 1
    names = [set(index.tokens[n]) for n in range(first, last + 1)]
    names = [n for n in names if n]
    if not all(words <= n for n in names):
        return KnownBy.PART
    shared = set.intersection(*names)
    if words == {t for t in shared if not is_filler(t)}:
        return KnownBy.SHARED_WORDS
    return KnownBy.EVERY_NAME


def search(index: NameIndex, query: str, cfg: ScreenConfig) -> dict[int, tuple[NameScore, int]]:
    """Records compared for `query`: record number → (its best name's alignment score,
    that name's number).

    At least `RERANK_POOL` records are compared, so that the model can reorder those
    the alignment score ranks close together; every candidate that could reach
    `RETRIEVAL_FLOOR` is compared (up to `max_compares`).
    """
    allowed = SCHEMA_GROUPS.get(cfg.schema)
    pool = max(cfg.limit, RERANK_POOL)
    best: dict[int, tuple[NameScore, int]] = {}
    top: list[float] = []  # min-heap of the best `pool` record scores seen so far
    ranked = read_candidates(index, query, allowed, cfg.max_compares)
    tokens = name_tokens(query)
    escapes = 0  # candidates compared past the stop because a word escaped their bound
    best_score = 0.0
    for bound, name_no in ranked:
        stop = (len(top) >= pool and bound < top[0]) or (
            bound < RETRIEVAL_FLOOR and len(best) >= pool
        )
        if stop:
            # Past the stop the bound is sound only for names whose words all met the
            # index: a near-spelling without a shared key ("Serguei"/"Sergey") aligns
            # unseen, so such names are still compared, a few at most.
            if escapes >= ESCAPE_COMPARES or best_score >= ESCAPE_UNTIL:
                break
            if bound < ESCAPE_FLOOR or not _word_escapes(tokens, index.tokens[name_no]):
                continue
            escapes += 1
        record_no, name = index.names[name_no]
        previous = best.get(record_no)
        if previous is not None and previous[0].score >= bound:
            continue  # another alias of this record already scored what this one could
        if bound < cfg.cutoff and not may_escape_bound(query, name, index.tokens[name_no]):
            if previous is None:  # fills the pool as its comparison did before the cutoff
                best[record_no] = (NameScore(0.0, {}), name_no)
                heapq.heappush(top, 0.0)
                if len(top) > pool:
                    heapq.heappop(top)
            continue
        schema = comparison_schema(index.records[record_no].schema)
        scored = compare_names(query, name, index.weight, schema, explain_from=RETRIEVAL_FLOOR)
        score = scored.score
        if previous is not None and previous[0].score >= score:
            continue
        best[record_no] = (scored, name_no)
        best_score = max(best_score, score)
        if previous is None:
            heapq.heappush(top, score)
            if len(top) > pool:
                heapq.heappop(top)
        else:
            top = heapq.nlargest(pool, (s.score for s, _ in best.values()))
            heapq.heapify(top)
    return best


def may_escape_bound(query: str, name: str, indexed: tuple[str, ...]) -> bool:
    """Whether a comparison could align words that share no index key, which the bound
    does not see: a typo in a word's first letters ("Mduacumura"/"Mudacumura"), words
    written together, split or as an acronym, alternatives ("A/B"), or a name read from
    Han characters or Hangul (`algorithms._score` makes the same moves)."""
    if "/" in query or "/" in name or latin_readings(query) or latin_readings(name):
        return True
    tokens = name_tokens(query)
    if _regrouped(tokens, indexed) or _joined_near(tokens, indexed):
        return True
    return any(_escapes(q, c) for q in tokens for c in indexed)


def _regrouped(q: tuple[str, ...], c: tuple[str, ...]) -> bool:
    """Whether an acronym or two words written as one would change how the names align."""
    if collapse_initials(q, c) != c or collapse_initials(c, q) != q:
        return True
    return merge_split_tokens(c, q) != c or merge_split_tokens(q, c) != q


def _joined_near(q: tuple[str, ...], c: tuple[str, ...]) -> bool:
    """Names nearly alike once spaces are dropped, or with the same consonants."""
    if joined_edits(q, c) <= JOINED_MAX_EDITS:
        return True
    return skeleton("".join(q)) == skeleton("".join(c))


def _word_escapes(tokens: tuple[str, ...], indexed: tuple[str, ...]) -> bool:
    """Whether some query word aligns with a word of the name it shares no key with."""
    return any(_escapes(q, c) for q in tokens for c in indexed)


def _escapes(query_token: str, name_token: str) -> bool:
    """Two words that align without meeting in the index."""
    if not token_keys(query_token).isdisjoint(token_keys(name_token)):
        return False
    if lengths_apart(query_token, name_token):
        return False
    return token_similarity(query_token, name_token, True) >= MIN_TOKEN_SIMILARITY


def _results(
    index: NameIndex,
    query: str,
    found: dict[int, tuple[NameScore, int]],
    probability: dict[int, float],
    rivals: dict[int, Rivals],
    scoring: tuple[ScreenConfig, PairModel],
) -> list[MatchResult]:
    """The top records by the model's probability, each explained by its best name:
    the alignment's features and every feature's contribution (`model.rescore`)."""
    cfg, model = scoring
    order = sorted(
        probability,
        key=lambda r: (-probability[r], index.records[r].dataset, index.records[r].list_id),
    )
    results: list[MatchResult] = []
    for record_no in order[: cfg.limit]:
        if probability[record_no] < cfg.cutoff:
            break
        record = index.records[record_no]
        alignment, name_no = found[record_no]
        schema = comparison_schema(record.schema)
        nickname = _nickname(index, record_no, name_no)
        core = in_every_name(index, name_no, query)
        scored = rescore(alignment, schema, True, rivals[record_no], model, nickname, core)
        explanation = {"matched_name": index.names[name_no][1], **rounded(scored).explanation}
        results.append(
            MatchResult(record, scored.score, scored.score >= cfg.threshold, explanation)
        )
    return results
