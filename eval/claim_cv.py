"""Leave-one-topic-out claim F1 of the claim model alone, in seconds, on cached candidates.

`eval/cv.py` runs the whole extraction for every fold (minutes). A change to the claim
learner (`train/claims.py`, `claim_model.py`'s scoring) leaves the candidates and their
features as they were, so this script parses each fold's reports once with the fold's
recogniser (`--cache DIR/FOLD`), pickles every sentence's candidates and labels under
`build/claim_cv/`, and then refits the claim model on the four other topics and dev and
scores the held-out topic as `train.claims.selection_counts` does (the scorer's
one-to-one matching over the kept candidates). It reads to about 0.01 of `eval/cv.py`'s
claim F1 (claims are not finished, so a fold may differ by more); quote `eval/cv.py` for
the record. `--oracle` scores the labels themselves: the ceiling of the selection over
the candidates proposed.

    python eval/claim_cv.py --cache /work/cv-claimsel [--rebuild] [--oracle] [--folds T ...]
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import train.claims as tc  # noqa: E402
from train import data  # noqa: E402

OUT = ROOT / "build" / "claim_cv"


def examples_of(fold: str, cache: Path, rebuild: bool) -> list[tc.Example]:
    """Every report's candidates and labels, read with the fold's recogniser (cached)."""
    path = OUT / f"{fold}.pkl"
    if path.is_file() and not rebuild:
        exs: list[tc.Example] = pickle.loads(path.read_bytes())
        return exs
    from dossier.pipeline import load_nlp
    from dossier.settings import Settings

    nlp = load_nlp(Settings().spacy_model, str(cache / fold))
    exs = tc.examples(tc.parse_docs(data.all_docs(), nlp))
    slim = [(d, [(a, b, [_slim(c) for c in cs]) for a, b, cs in s], y, e) for d, s, y, e in exs]
    OUT.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(slim))
    return slim


def _slim(cand: tc.Candidate) -> tc.Candidate:
    # The subject entity is not read by the learner, and it is what would not pickle small.
    return dataclasses.replace(cand, subject=None)


def fit_model(exs: list[tc.Example], seed: int = 0) -> tc.ClaimModel:
    """The claim model as `train.claims.train` fits it (both stages, thresholds by topic)."""
    by_topic: dict[str, list[tc.Example]] = {}
    for e in exs:
        by_topic.setdefault(e[0].topic, []).append(e)
    model = tc.fit(tc.rows_of(exs), seed)
    oof = tc.out_of_topic(by_topic, seed)
    model.threshold, model.second = tc.best_thresholds(by_topic, oof)
    rows = [r for t, es in by_topic.items() for r in tc.rerank_rows(es, oof[t])]
    model.rerank = tc.fit_rerank(rows)
    return model


def score_fold(exs: list[tc.Example], fold: str, oracle: bool) -> tuple[int, int, int]:
    """(true positives, predictions, gold claims) on the held-out topic."""
    held = [e for e in exs if e[0].topic == fold]
    if oracle:
        probs = [[[float(y) for y in ys] for ys in labels] for _, _, labels, _ in held]
        return tc.selection_counts(held, probs, 0.5, 0.5)
    model = fit_model([e for e in exs if e[0].topic != fold])
    probs = [[model.sentence_probabilities(c) for _, _, c in s] for _, s, _, _ in held]
    return tc.selection_counts(held, probs, model.threshold, model.second)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, required=True, help="fold models (eval/cv.py --cache)")
    ap.add_argument("--folds", nargs="*", help="only these held-out topics")
    ap.add_argument("--rebuild", action="store_true", help="parse again (candidates changed)")
    ap.add_argument("--oracle", action="store_true", help="score the labels: the ceiling")
    args = ap.parse_args(argv)
    scores = []
    for fold in args.folds or data.topics():
        tp, pred, gold = score_fold(examples_of(fold, args.cache, args.rebuild), fold, args.oracle)
        scores.append(2 * tp / (pred + gold) if pred + gold else 0.0)
        print(f"{fold:<16} claim F1 {scores[-1]:.3f}  tp {tp:>3}  pred {pred:>3}  gold {gold:>3}")
    print(f"{'mean':<16} claim F1 {sum(scores) / len(scores):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
