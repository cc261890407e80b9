"""Cross-validated figures of the screening pair scorer, checked against floors.

    SHARED=../shared .venv/bin/python eval/cv_screen.py [--failures 20] [--raise-floors]

Five folds per judged set, by group: name-bench pairs by their reference name, the
241 training queries by report (queries from one report, or naming one record, stay in
one fold), yente's people by row. Fold k is scored by a model fitted on every other
fold of every set (`train.screen.cv_predictions`); the match threshold is the one
`train/screen.py` chooses on these predictions. `screening_dev.csv` is never fitted
on: it is scored by the model fitted on all the rest, as shipped. Prints one row per
fold, the pooled figures, logic-v2's frozen name-bench predictions next to ours, a
reliability table of the probabilities, and (with `--failures`) the training queries
missed or falsely matched, fold by fold, each miss with the step that lost
it (`why_missed`). Exits 1 when a pooled figure falls below its
floor in `eval/screen_baseline.json` (`cv`).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from train import screen as T  # noqa: E402  (the training code is not a package dependency)

BASELINE = ROOT / "eval" / "screen_baseline.json"
EPSILON = 1e-3
# floor name -> (figure, whether higher is better)
FLOORS = {
    "pair_f1_min": ("name_bench_f1", True),
    "recall_at_1_min": ("train_recall@1", True),
    "recall_at_5_min": ("train_recall@5", True),
    "fp_rate_max": ("train_fp_rate", False),
    "negatives_global_max": ("negatives_global", False),
    "negatives_us_max": ("negatives_us", False),
    "un_recall_min": ("un_recall@1", True),
    "dev_recall_at_1_min": ("dev_recall@1", True),
    "dev_fp_rate_max": ("dev_fp_rate", False),
}


def figures(
    pairs: list[tuple[T.Pair, float]],
    queries: list[tuple[T.Query, list[float]]],
    threshold: float,
    pair_threshold: float,
) -> dict[str, float]:
    """The reported figures of one fold (or of all folds pooled)."""
    bench = [(p, x) for p, x in pairs if p.set == "name_bench"]

    def of(set_name: str) -> dict[str, float | int]:
        return T.query_metrics([(q, p) for q, p in queries if q.set == set_name], threshold)

    train, un = of("screening_train"), of("yente_un")
    return {
        "name_bench_f1": T.pair_metrics(bench, pair_threshold)["f1"],
        "train_recall@1": float(train["recall@1"]),
        "train_recall@5": float(train["recall@5"]),
        "train_fp_rate": float(train["fp_rate"]),
        "negatives_global": float(of("yente_negatives_global")["fp_rate"]),
        "negatives_us": float(of("yente_negatives_us")["fp_rate"]),
        "un_recall@1": float(un["recall@1"]),
    }


COLUMNS = (
    ("name_bench_f1", "pair F1"),
    ("train_recall@1", "R@1"),
    ("train_recall@5", "R@5"),
    ("train_fp_rate", "FP rate"),
    ("negatives_global", "neg global"),
    ("negatives_us", "neg US"),
    ("un_recall@1", "UN R@1"),
)


def print_table(rows: Iterable[tuple[str, dict[str, float]]]) -> None:
    """One line per fold: the columns of `COLUMNS`."""
    print(f"{'fold':10s}" + "".join(f"{title:>11s}" for _, title in COLUMNS))
    for label, values in rows:
        print(f"{label:10s}" + "".join(f"{values[key]:11.3f}" for key, _ in COLUMNS))


def logic_v2(pairs: list[tuple[T.Pair, float]], pair_threshold: float) -> None:
    """logic-v2's frozen name-bench predictions, and ours (out of fold) on its cases."""
    path = T.PAIRS / "nomenklatura_name_bench_logicv2_frozen.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        frozen = list(csv.DictReader(handle))
    tp = fp = fn = 0
    for row in frozen:
        gold, said = T._truth(row["is_match"]), T._truth(row["predicted_match"])
        tp += gold and said
        fp += said and not gold
        fn += gold and not said
    f1 = 2 * tp / (2 * tp + fp + fn)
    bench = [(p, x) for p, x in pairs if p.set == "name_bench"]
    print(f"logic-v2 (frozen, {len(frozen)} name-bench cases, match flag): pair F1 {f1:.3f}")
    ours = T.pair_metrics(bench, pair_threshold)
    print(
        f"dossier  (out of fold, {len(bench)} cases, p >= {pair_threshold}): pair F1 "
        f"{ours['f1']:.3f} (P {ours['precision']:.3f} R {ours['recall']:.3f})"
    )
    print("logic-v2 on the query sets: no frozen predictions in the shared data")


def reliability(predictions: T.Predictions) -> None:
    """Predicted probability against the observed share of matches, in tenths."""
    bins: list[list[float]] = [[0.0, 0.0, 0.0] for _ in range(10)]  # sum p, matches, n
    for pair, p in predictions.pairs:
        if pair.scored.score >= T.MODEL_FLOOR:
            _add(bins, p, pair.label)
    for query, probabilities in predictions.queries:
        for c, p in zip(query.candidates, probabilities, strict=True):
            if c.scored.score >= T.MODEL_FLOOR:
                _add(bins, p, c.label)
    print("reliability (out of fold, every scored pair and candidate):")
    print("  probability   mean p   observed       n")
    for i, (total, hits, n) in enumerate(bins):
        if n:
            share = f"{i / 10:.1f}-{(i + 1) / 10:.1f}"
            print(f"  {share}     {total / n:7.3f}  {hits / n:8.3f}  {int(n):6d}")


def _add(bins: list[list[float]], p: float, label: bool) -> None:
    slot = bins[min(int(p * 10), 9)]
    slot[0] += p
    slot[1] += label
    slot[2] += 1


def failures(predictions: T.Predictions, threshold: float, count: int) -> None:
    """Training queries missed or falsely matched, fold by fold."""
    shown = 0
    for query, probabilities in sorted(predictions.queries, key=lambda qp: qp[0].fold):
        if query.set != "screening_train" or shown >= count:
            continue
        results = T.ranked(query, probabilities)
        top = results[0] if results else None
        got = f"{top[1].name[:50]} ({top[0]:.2f})" if top else "no results"
        if query.expected and not (top and top[0] >= threshold and top[1].label):
            print(f"  fold {query.fold} miss   {query.text[:40]:40s} -> {got}")
            print(f"         {'':40s}    {why_missed(query, probabilities)}")
            shown += 1
        elif not query.expected and top and top[0] >= threshold:
            print(f"  fold {query.fold} false  {query.text[:40]:40s} -> {got}")
            shown += 1


def why_missed(query: T.Query, probabilities: list[float]) -> str:
    """Where a missed query's best expected record stands, by the step that lost it:
    never compared (the candidate bound or the search's stop: retrieval), compared but
    outranked by another record (ranking), or first but under the match threshold."""
    order = sorted(zip(probabilities, query.candidates, strict=True), key=lambda pc: -pc[0])
    found = [(rank, p, c) for rank, (p, c) in enumerate(order, 1) if c.label]
    if not found:
        best = max(query.extra, key=lambda c: c.scored.score, default=None)
        name = f"{best.name[:40]} aligns {best.scored.score:.2f}" if best else "no name"
        return f"retrieval: expected never compared ({name})"
    rank, p, c = found[0]
    step = "ranking" if rank > 1 else "threshold"  # first and matched is no miss
    return f"{step}: expected {c.name[:40]} p {p:.2f} rank {rank} (aligns {c.scored.score:.2f})"


def check(pooled: dict[str, float], raise_floors: bool) -> int:
    """Compare the pooled figures with the `cv` floors; 1 when any is crossed."""
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    floors: dict[str, float] = baseline.setdefault("cv", {})
    bad = 0
    for floor, (figure, higher) in FLOORS.items():
        value = pooled[figure]
        if raise_floors:
            old = floors.get(floor)
            better = old is None or (value > old if higher else value < old)
            floors[floor] = round(value, 3) if better else old
            continue
        if isinstance(floors.get(floor), int | float) and (
            value < floors[floor] - EPSILON if higher else value > floors[floor] + EPSILON
        ):
            print(f"FLOOR {floor}: {value:.3f} crosses {floors[floor]}")
            bad = 1
    if raise_floors:
        BASELINE.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    return bad


def main() -> int:
    """Cross-validate, print the tables, check the floors."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--failures", type=int, default=0, help="list this many query errors")
    ap.add_argument("--raise-floors", action="store_true", help="pin floors up to these figures")
    ap.add_argument("--seed", type=int, default=T.SEED)
    args = ap.parse_args()
    index = T.build_index(T.load_records())
    data = T.build_data(index, args.seed, with_dev=True)
    predictions, _ = T.cv_predictions(data, args.seed)
    threshold = T.choose_threshold(predictions)
    pair_threshold = T.choose_pair_threshold(predictions)
    print(f"match threshold {threshold} (screening), {pair_threshold} (pairs), chosen out of fold")
    rows = []
    for fold in range(T.FOLDS):
        pairs = [(p, x) for p, x in predictions.pairs if p.fold == fold]
        queries = [(q, x) for q, x in predictions.queries if q.fold == fold]
        rows.append((f"{fold}", figures(pairs, queries, threshold, pair_threshold)))
    pooled = figures(predictions.pairs, predictions.queries, threshold, pair_threshold)
    rows.append(("pooled", pooled))
    print_table(rows)
    final = T.fit(*T.training_rows(data, lambda s, f: s != "screening_dev"), args.seed)
    dev = T.Predictions()
    T.predict_into(dev, final, [], [q for q in data.queries if q.set == "screening_dev"])
    scored = T.query_metrics(dev.queries, threshold)
    pooled["dev_recall@1"], pooled["dev_fp_rate"] = (
        float(scored["recall@1"]),
        float(scored["fp_rate"]),
    )
    print(
        "screening_dev (49 queries, model fitted without them): "
        f"recall@1 {scored['recall@1']:.3f} recall@5 {scored['recall@5']:.3f} "
        f"FP rate {scored['fp_rate']:.3f}"
    )
    logic_v2(predictions.pairs, pair_threshold)
    reliability(predictions)
    if args.failures:
        failures(predictions, threshold, args.failures)
    return check(pooled, args.raise_floors)


if __name__ == "__main__":
    sys.exit(main())
