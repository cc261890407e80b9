"""Fit the screening pair scorer (`dossier/screen/model.py`) and write it as JSON.

    .venv/bin/python -m train.screen [--out dossier/data/models/screening.json] [--seed 13]

Training data, all read from `$SHARED` (never shipped):

- judged name pairs: nomenklatura's name-bench (826) and watchman's cross-script pairs
  (22), compared as `dossier compare` compares them (built-in weights);
- candidates that screening finds for judged queries, compared as `dossier screen`
  compares them (list statistics): `eval/screening_train.csv` (241 queries: the gold
  records are positives, every other candidate a negative), yente's UN people (perturbed
  and as listed: the UN record of that person is the positive, other UN candidates
  negatives) and yente's made-up people (every candidate a negative).

`screening_dev.csv` is left out, so that it scores a model that never saw it. The
match threshold is the lowest at which the cross-validated false matches (NONE queries
of the training set, made-up people) stay at or under 2% (`cv_predictions`,
`choose_threshold`); `eval/cv_screen.py` prints the same figures fold by fold.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from dossier.lists.loaders import find_list_files
from dossier.model import ListRecord
from dossier.screen.algorithms import NameScore, compare_names, default_weight
from dossier.screen.index import NameIndex, build_index
from dossier.screen.model import (
    FEATURES,
    MODEL_FLOOR,
    Rivals,
    is_nickname,
    pair_features,
    rivals_of,
)
from dossier.screen.names import name_tokens
from dossier.screen.screener import ScreenConfig, comparison_schema, in_every_name, search

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SHARED", ROOT.parent / "shared")).resolve()
PAIRS = SHARED / "data" / "sanctions" / "eval"
QUERIES = SHARED / "eval"
DEFAULT_OUT = ROOT / "dossier" / "data" / "models" / "screening.json"
COUNTRY_WORDS = ROOT / "dossier" / "data" / "country_words.json"
SEED = 13
FOLDS = 5
# Most false matches tolerated (cross-validated) where the threshold is chosen.
MAX_FALSE_MATCHES = 0.02
# Screening's own cut (`DOSSIER_SCREEN_CUTOFF`): results under it are not returned.
CUTOFF = 0.5
# Each set's share of the fit, so that the 20,000 candidates of made-up people do not
# drown the 826 judged pairs; within a set every example weighs the same.
SET_WEIGHT = {
    "name_bench": 1.0,
    "cross_script": 0.1,
    "screening_train": 2.0,
    "yente_un": 0.5,
    "yente_negatives": 0.5,
}
# Inverse L2 strength on standardised features: rare flags (a joined typo) would
# otherwise take coefficients in the tens.
C = 0.3
# Datasets whose list ids are row numbers: scored on the dataset alone (score_screen.py).
NO_NATIVE_ID = frozenset({"us_bis_dpl", "us_bis_mieu", "us_dod_1260h", "cn_countersanctions"})
Matrix = npt.NDArray[np.float64]
BASE = list(FEATURES).index("base")


@dataclass(slots=True)
class Candidate:
    """A record found for a query: its key, alignment score, schema and gold label."""

    key: str
    name: str
    scored: NameScore
    schema: str
    label: bool
    nickname: bool = False
    in_every_name: int = 0  # a `model.KnownBy`


@dataclass(slots=True)
class Query:
    """A judged query (`expected` empty: it names no listed party) and its candidates.

    `extra` holds positives the search did not find (fitted on, never scored)."""

    set: str
    group: str
    text: str
    expected: frozenset[str]
    candidates: list[Candidate] = field(default_factory=list)
    extra: list[Candidate] = field(default_factory=list)
    fold: int = 0


@dataclass(slots=True)
class Pair:
    """A judged name pair, compared with built-in weights (`dossier compare`)."""

    set: str
    group: str
    scored: NameScore
    schema: str
    label: bool
    fold: int = 0


@dataclass(slots=True)
class Data:
    """Every judged example, assigned to folds."""

    pairs: list[Pair]
    queries: list[Query]
    files: list[Path]


def load_records() -> list[ListRecord]:
    """Every record of every list file under the shared sanctions folder."""
    records: list[ListRecord] = []
    for found in find_list_files([SHARED / "data" / "sanctions"]):
        if not isinstance(found, Exception):
            records.extend(r for r in found.load() if isinstance(r, ListRecord))
    return records


def _truth(value: str) -> bool:
    return value.strip().lower() in ("true", "1", "yes")


def _pair(set_name: str, group: str, a: str, b: str, schema: str, label: bool) -> Pair:
    scored = compare_names(a, b, default_weight, schema, explain=False)
    return Pair(set_name, group, scored, schema, label)


def name_bench_pairs() -> list[Pair]:
    """nomenklatura's judged pairs; a pair's group is its second name (the reference
    name several cases vary), so no fold tests on a name it was fitted on."""
    path = PAIRS / "nomenklatura_name_bench_cases.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        _pair(
            "name_bench",
            r["name2"].casefold(),
            r["name1"],
            r["name2"],
            comparison_schema(r["schema"]),
            _truth(r["is_match"]),
        )
        for r in rows
    ]


def cross_script_pairs() -> list[Pair]:
    """watchman's cross-script pairs: all are the same party."""
    lines = (PAIRS / "watchman_cross_script_pairs.csv").read_text(encoding="utf-8").splitlines()
    rows = csv.reader(line for line in lines if line.strip() and not line.startswith("#"))
    return [_pair("cross_script", q, q, e, "Person", True) for q, e, _m, _d in rows]


def record_key(record: ListRecord) -> str:
    """`dataset:list_id`, as the query files write them."""
    return f"{record.dataset}:{record.list_id}"


def is_expected(key: str, expected: frozenset[str]) -> bool:
    """Whether a record key is an expected one (row-numbered datasets by dataset)."""
    dataset = key.split(":", 1)[0]
    if dataset in NO_NATIVE_ID:
        return any(k.split(":", 1)[0] == dataset for k in expected)
    return key in expected


def find_candidates(
    index: NameIndex, query: Query, schema: str, keep: Callable[[ListRecord], bool]
) -> None:
    """Fill `query.candidates` with what screening compares for it (`screener.search`
    with screening's defaults), and `query.extra` with expected records it missed."""
    cfg = ScreenConfig(limit=5, schema=schema, cutoff=CUTOFF)
    found = search(index, query.text, cfg)
    for record_no, (scored, name_no) in found.items():
        record = index.records[record_no]
        if not keep(record):
            continue
        key = record_key(record)
        label = is_expected(key, query.expected)
        name = index.names[name_no][1]
        kind = comparison_schema(record.schema)
        nickname = is_nickname(kind, index.tokens[name_no], name_tokens(record.name))
        core = in_every_name(index, name_no, query.text)
        query.candidates.append(Candidate(key, name, scored, kind, label, nickname, core))
    if query.expected and not any(c.label for c in query.candidates):
        query.extra.extend(_missed(index, query))


def _missed(index: NameIndex, query: Query) -> list[Candidate]:
    """Each expected record's best-scoring name, for records the search missed."""
    missed: list[Candidate] = []
    for record in index.records:
        key = record_key(record)
        if key not in query.expected:
            continue
        kind = comparison_schema(record.schema)
        scored = max(
            (compare_names(query.text, n, index.weight, kind, explain=False) for n in record.names),
            key=lambda s: s.score,
        )
        missed.append(Candidate(key, record.name, scored, kind, True))
    return missed


def screening_queries(path: Path, set_name: str) -> list[Query]:
    """The query file's rows; a query's group joins it to every query sharing a report
    or an expected record (a variant spelling stays in its original's fold)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    queries: list[Query] = []
    for n, row in enumerate(rows):
        expected = (
            frozenset()
            if row["expected"].strip() == "NONE"
            else frozenset(k.strip() for k in row["expected"].split(";") if k.strip())
        )
        links = [s for s in row["source"].split() if s.startswith("gold:")] + sorted(expected)
        me = f"row:{n}"
        for link in links:
            parent[root(link)] = root(me)
        queries.append(Query(set_name, me, row["query"], expected))
    for query in queries:
        query.group = root(query.group)
    return queries


def _yente_names(file: str) -> list[str]:
    with (PAIRS / file).open(encoding="utf-8", newline="") as handle:
        return [row["full_name"] for row in csv.DictReader(handle)]


def yente_un_queries(index: NameIndex) -> list[Query]:
    """yente's UN people, perturbed and as listed: the UN record carrying the listed
    spelling (same words in any order) is expected; only UN candidates are kept (the
    same person may be listed elsewhere under the same name, unjudged)."""
    by_words: dict[tuple[str, ...], set[str]] = {}
    for record in index.records:
        if record.dataset == "un_sc":
            for name in record.names:
                by_words.setdefault(tuple(sorted(name_tokens(name))), set()).add(record_key(record))
    treated = _yente_names("yente_positives_un_treated.csv")
    untreated = _yente_names("yente_positives_un_untreated.csv")
    queries: list[Query] = []
    for n, (perturbed, listed) in enumerate(zip(treated, untreated, strict=True)):
        expected = frozenset(by_words.get(tuple(sorted(name_tokens(listed))), ()))
        if not expected:
            continue  # the listed spelling is not a UN name here (another list version)
        for text in dict.fromkeys((perturbed, listed)):
            if text:
                queries.append(Query("yente_un", f"un:{n}", text, expected))
    return queries


def yente_negative_queries() -> list[Query]:
    """yente's made-up people (global and US): no candidate is theirs."""
    queries: list[Query] = []
    for tag in ("global", "us"):
        for n, text in enumerate(_yente_names(f"yente_validation_negatives_{tag}.csv")):
            if text:
                queries.append(Query(f"yente_negatives_{tag}", f"{tag}:{n}", text, frozenset()))
    return queries


def assign_folds(items: Sequence[Pair | Query], folds: int, seed: int) -> None:
    """Each group to one fold, groups shuffled then dealt so folds have equal sizes."""
    sizes: dict[str, int] = {}
    for item in items:
        sizes[item.group] = sizes.get(item.group, 0) + 1
    groups = sorted(sizes)
    order = np.random.default_rng(seed).permutation(len(groups))
    load = [0] * folds
    fold_of: dict[str, int] = {}
    for i in sorted(order, key=lambda i: -sizes[groups[i]]):  # big groups first
        target = min(range(folds), key=lambda f: load[f])
        fold_of[groups[i]] = target
        load[target] += sizes[groups[i]]
    for item in items:
        item.fold = fold_of[item.group]


def build_data(index: NameIndex, seed: int, with_dev: bool = False) -> Data:
    """Every training example, candidates found, folds assigned (per set, by group)."""
    train_file = QUERIES / "screening_train.csv"
    pairs = name_bench_pairs() + cross_script_pairs()
    queries = screening_queries(train_file, "screening_train")
    if with_dev:
        queries += screening_queries(QUERIES / "screening_dev.csv", "screening_dev")
    for query in queries:
        find_candidates(index, query, "Any", lambda r: True)
    un = yente_un_queries(index)
    for query in un:
        find_candidates(index, query, "Person", lambda r: r.dataset == "un_sc")
    negatives = yente_negative_queries()
    for query in negatives:
        find_candidates(index, query, "Person", lambda r: True)
    queries += un + negatives
    for set_name in {p.set for p in pairs}:
        assign_folds([p for p in pairs if p.set == set_name], FOLDS, seed)
    for set_name in {q.set for q in queries}:
        assign_folds([q for q in queries if q.set == set_name], FOLDS, seed)
    files = [
        PAIRS / "nomenklatura_name_bench_cases.csv",
        PAIRS / "watchman_cross_script_pairs.csv",
        PAIRS / "yente_positives_un_treated.csv",
        PAIRS / "yente_positives_un_untreated.csv",
        PAIRS / "yente_validation_negatives_global.csv",
        PAIRS / "yente_validation_negatives_us.csv",
        train_file,
    ]
    return Data(pairs, queries, files)


def vector(
    scored: NameScore,
    schema: str,
    listed: bool = True,
    rivals: Rivals = Rivals(),
    nickname: bool = False,
    core: int = 0,
) -> list[float]:
    """The model's features of a comparison, in `FEATURES` order."""
    values = pair_features(scored, schema, listed, rivals, nickname, core)
    return [values.get(name, 0.0) for name in FEATURES]


def query_vectors(query: Query) -> list[list[float]]:
    """Features of a query's candidates, each with its standing among the others."""
    standing = rivals_of(
        [
            (c.scored.score, c.key.split(":", 1)[0], " ".join(dict.fromkeys(name_tokens(c.name))))
            for c in query.candidates
        ]
    )
    return [
        vector(c.scored, c.schema, True, r, c.nickname, c.in_every_name)
        for c, r in zip(query.candidates, standing, strict=True)
    ]


def _set_of(set_name: str) -> str:
    return "yente_negatives" if set_name.startswith("yente_negatives") else set_name


def training_rows(
    data: Data, keep: Callable[[str, int], bool]
) -> tuple[Matrix, npt.NDArray[np.int_], Matrix]:
    """(features, labels, sample weights) of the examples `keep(set, fold)` admits."""
    rows: list[tuple[str, list[float], bool]] = []
    for pair in data.pairs:
        if keep(pair.set, pair.fold) and pair.scored.score >= MODEL_FLOOR:
            rows.append((pair.set, vector(pair.scored, pair.schema, False), pair.label))
    for query in data.queries:
        if keep(query.set, query.fold):
            for c, x in zip(query.candidates, query_vectors(query), strict=True):
                if c.scored.score >= MODEL_FLOOR:
                    rows.append((_set_of(query.set), x, c.label))
            for c in query.extra:  # not found: its standing among the found is unknown
                if c.scored.score >= MODEL_FLOOR:
                    rows.append((_set_of(query.set), vector(c.scored, c.schema), c.label))
    counts: dict[str, int] = {}
    for set_name, _, _ in rows:
        counts[set_name] = counts.get(set_name, 0) + 1
    total = len(rows)
    weights = np.array([SET_WEIGHT[s] * total / (len(counts) * counts[s]) for s, _, _ in rows])
    x = np.array([r[1] for r in rows], dtype=np.float64)
    y = np.array([int(r[2]) for r in rows])
    return x, y, weights


@dataclass(frozen=True, slots=True)
class Fitted:
    """A fitted logistic regression, in raw feature units."""

    coefficients: dict[str, float]
    intercept: float

    def predict(self, x: Matrix) -> npt.NDArray[np.float64]:
        """Probabilities for rows of features in `FEATURES` order (0 under the floor)."""
        beta = np.array([self.coefficients[n] for n in FEATURES])
        z = x @ beta + self.intercept
        result: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-z))
        result[x[:, BASE] < MODEL_FLOOR] = 0.0
        return result


# Features whose growth can only speak for a match (closer spellings, more of each name
# aligned) or only against one (more left unaligned): their coefficients are held to
# that sign, as Splink and LightGBM hold monotone constraints, so that collinear
# features cannot turn "the whole listed name aligned" into evidence against a match
# (unconstrained, name_coverage took -3.3 and name_unaligned_weight +0.7: "Serguei
# Lavrov" scored 0.39 against "LAVROV, Sergey" and 0.88 against an alias with an
# extra patronymic).
INCREASING = frozenset({"similarity", "weakest_aligned", "query_coverage", "name_coverage"})
DECREASING = frozenset(
    {
        "query_unaligned",
        "name_unaligned",
        "query_unaligned_weight",
        "name_unaligned_weight",
        "numbers_disagree",
    }
)


def fit(x: Matrix, y: npt.NDArray[np.int_], weights: Matrix, seed: int) -> Fitted:
    """Logistic regression on standardised features (L2, `C`, sklearn's objective),
    the signs of `INCREASING` and `DECREASING` held, folded back to raw units so that
    coefficient × value is each feature's contribution to the log-odds. `seed` is
    unused: the solver (L-BFGS-B from zero) is deterministic."""
    from scipy.optimize import minimize  # training only

    del seed
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    labels = y.astype(np.float64)

    def objective(theta: Matrix) -> tuple[float, Matrix]:
        t = z @ theta[:-1] + theta[-1]
        residual = weights * (1.0 / (1.0 + np.exp(-t)) - labels)
        loss = C * float(np.sum(weights * (np.logaddexp(0.0, t) - labels * t)))
        gradient = np.append(C * (z.T @ residual) + theta[:-1], C * np.sum(residual))
        return loss + 0.5 * float(theta[:-1] @ theta[:-1]), gradient

    bounds = [_sign_bound(n) for n in FEATURES] + [(None, None)]
    start = np.zeros(len(FEATURES) + 1)
    found = minimize(
        objective,
        start,
        jac=True,
        method="L-BFGS-B",
        bounds=bounds,
        options={"maxiter": 10_000, "ftol": 1e-12, "gtol": 1e-8},
    )
    beta = found.x[:-1] / scale
    intercept = float(found.x[-1] - np.sum(beta * mean))
    return Fitted({n: float(b) for n, b in zip(FEATURES, beta, strict=True)}, intercept)


def _sign_bound(feature: str) -> tuple[float | None, float | None]:
    if feature in INCREASING:
        return (0.0, None)
    if feature in DECREASING:
        return (None, 0.0)
    return (None, None)


@dataclass(slots=True)
class Predictions:
    """Out-of-fold probabilities: per pair, and per query candidate."""

    pairs: list[tuple[Pair, float]] = field(default_factory=list)
    queries: list[tuple[Query, list[float]]] = field(default_factory=list)


def predict_into(
    out: Predictions, model: Fitted, pairs: Iterable[Pair], queries: Iterable[Query]
) -> None:
    """Score pairs and query candidates with `model`, adding them to `out`."""
    pairs, queries = list(pairs), list(queries)
    if pairs:
        p = model.predict(np.array([vector(x.scored, x.schema, False) for x in pairs]))
        out.pairs.extend(zip(pairs, p.tolist(), strict=True))
    for query in queries:
        if query.candidates:
            p = model.predict(np.array(query_vectors(query)))
            out.queries.append((query, p.tolist()))
        else:
            out.queries.append((query, []))


def cv_predictions(data: Data, seed: int) -> tuple[Predictions, list[Fitted]]:
    """Each fold scored by a model fitted on the other folds of every set."""
    out = Predictions()
    models: list[Fitted] = []
    for fold in range(FOLDS):
        rows = training_rows(data, lambda s, f, k=fold: f != k and s != "screening_dev")
        model = fit(*rows, seed)
        models.append(model)
        predict_into(
            out,
            model,
            (p for p in data.pairs if p.fold == fold),
            (q for q in data.queries if q.fold == fold and q.set != "screening_dev"),
        )
    return out, models


def ranked(query: Query, probabilities: list[float]) -> list[tuple[float, Candidate]]:
    """A query's candidates by probability, as screening returns them (cutoff applied)."""
    order = sorted(zip(probabilities, query.candidates, strict=True), key=lambda pc: -pc[0])
    return [(p, c) for p, c in order if p >= CUTOFF][:5]


def query_metrics(
    items: Iterable[tuple[Query, list[float]]], threshold: float
) -> dict[str, float | int]:
    """recall@1 (top result expected and matched), recall@5, FP rate (a NONE query with
    any match) and precision, as `score_screen.py` counts them."""
    listed = none = r1 = r5 = fp = matched = right = 0
    for query, probabilities in items:
        results = ranked(query, probabilities)
        matches = [c for p, c in results if p >= threshold]
        matched += len(matches)
        right += sum(c.label for c in matches)
        if query.expected:
            listed += 1
            r1 += bool(results and results[0][0] >= threshold and results[0][1].label)
            r5 += any(c.label for _, c in results)
        else:
            none += 1
            fp += bool(matches)
    return {
        "queries": listed + none,
        "listed": listed,
        "recall@1": r1 / listed if listed else float("nan"),
        "recall@5": r5 / listed if listed else float("nan"),
        "none": none,
        "fp_rate": fp / none if none else float("nan"),
        "precision": right / matched if matched else float("nan"),
    }


def pair_metrics(items: Iterable[tuple[Pair, float]], threshold: float) -> dict[str, float]:
    """Precision, recall and F1 of `probability >= threshold` on judged pairs."""
    tp = fp = fn = 0
    for pair, p in items:
        predicted = p >= threshold
        tp += pair.label and predicted
        fp += (not pair.label) and predicted
        fn += pair.label and not predicted
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "cases": float(tp + fn + fp)}


def false_match_rates(predictions: Predictions, threshold: float) -> dict[str, float]:
    """The false-match rates the threshold must hold: NONE training queries, made-up people."""
    rates: dict[str, float] = {}
    for set_name in ("screening_train", "yente_negatives_global", "yente_negatives_us"):
        items = [(q, p) for q, p in predictions.queries if q.set == set_name]
        rates[set_name] = float(query_metrics(items, threshold)["fp_rate"])
    return rates


def choose_threshold(predictions: Predictions) -> float:
    """The lowest threshold (in steps of 0.05, so that a retrain does not move it for
    noise) whose cross-validated false-match rates are all within `MAX_FALSE_MATCHES`
    (precision first: a false match smears a person)."""
    for step in range(10, 20):
        threshold = step / 20
        if max(false_match_rates(predictions, threshold).values()) <= MAX_FALSE_MATCHES:
            return threshold
    return 0.95


def choose_pair_threshold(predictions: Predictions) -> float:
    """The threshold (steps of 0.05) of the best cross-validated name-bench F1: what
    `dossier compare` calls a match, where judged pairs, not a stream of candidates,
    are scored."""
    bench = [(p, x) for p, x in predictions.pairs if p.set == "name_bench"]
    grid = [step / 20 for step in range(6, 19)]
    return max(grid, key=lambda t: (pair_metrics(bench, t)["f1"], t))


def file_hashes(files: Iterable[Path]) -> dict[str, str]:
    """sha256 of each training file, by its path under `$SHARED`."""
    return {str(f.relative_to(SHARED)): hashlib.sha256(f.read_bytes()).hexdigest() for f in files}


def train_model(seed: int) -> tuple[dict[str, object], Data, Predictions]:
    """Cross-validate, choose the threshold, fit on everything; the model's JSON form."""
    index = build_index(load_records())
    data = build_data(index, seed)
    predictions, _ = cv_predictions(data, seed)
    threshold = choose_threshold(predictions)
    pair_threshold = choose_pair_threshold(predictions)
    final = fit(*training_rows(data, lambda s, f: True), seed)
    model: dict[str, object] = {
        "_comment": "Screening pair scorer (dossier/screen/model.py): logistic regression "
        "in raw feature units; rebuilt by `make train` (python -m train.screen).",
        "coefficients": {k: round(v, 6) for k, v in final.coefficients.items()},
        "intercept": round(final.intercept, 6),
        "threshold": threshold,
        "pair_threshold": pair_threshold,
        "command": f"python -m train.screen --seed {seed}",
        "data_sha256": file_hashes(data.files),
        "examples": {
            "pairs": len(data.pairs),
            "queries": len(data.queries),
            "candidates": sum(len(q.candidates) + len(q.extra) for q in data.queries),
        },
        "cv_false_match_rates": {
            k: round(v, 4) for k, v in false_match_rates(predictions, threshold).items()
        },
    }
    return model, data, predictions


# rigour's territories that name no country: "zz" is "Global", a word of many
# organisations' names ("Bowne Global Solutions"), which would qualify them by a country.
NOT_COUNTRIES = frozenset({"zz"})
_DEMONYM_ENDINGS = ("an", "ese", "ish", "ic", "li", "ni", "ch", "ese", "ot", "er")


def country_words() -> dict[str, str]:
    """Words naming a country, with its code, from rigour's territory names: the strong
    names, and the weak ones that look like a demonym of one of them ("iranian" of
    "Iran"), not the many foreign spellings (which would meet words of names)."""
    from rigour._core import territories_jsonl  # rigour's data, read at training time
    from rigour.data import iter_jsonl_text

    def words(names: Iterable[str]) -> list[str]:
        found = (n.casefold() for n in names)
        return [w for w in found if w.isascii() and w.isalpha() and len(w) >= 4]

    table: dict[str, str] = {}
    for data in iter_jsonl_text(territories_jsonl()):
        code = str(data["code"]).split("-")[0]
        if code in NOT_COUNTRIES:
            continue
        names = [*data.get("names_strong", []), data.get("name", "")]
        for word in words(names):
            table.setdefault(word, code)
        stems = {w[:3] for w in words(" ".join(names).split())}  # "korea" of "South Korea"
        for word in words(data.get("names_weak", [])):
            if word.endswith(_DEMONYM_ENDINGS) and word[:3] in stems:
                table.setdefault(word, code)
    return dict(sorted(table.items()))


def main(argv: list[str] | None = None) -> int:
    """Train and write the model JSON (or, with --country-words, the country table)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--country-words", action="store_true", help="write the country words")
    args = ap.parse_args(argv)
    if args.country_words:
        text = json.dumps(country_words(), indent=0, sort_keys=True)
        COUNTRY_WORDS.write_text(text + "\n", encoding="utf-8")
        return 0
    began = time.time()
    model, data, _ = train_model(args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"train.screen: {len(data.pairs)} pairs, {len(data.queries)} queries, "
        f"threshold {model['threshold']}, {time.time() - began:.0f} s -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
