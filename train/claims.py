"""Train the claim candidate scorer (`dossier/data/models/claims/model.json`).

Every sentence of every annotated report is run through the rules with candidate
collection on (`extract_parsed(..., claim_model=None, collect=...)`): each (trigger,
subject) candidate is labelled 1 when it matches a gold claim the way the shared scorer
matches claims (same predicate, the subject resolves to the gold subject entity through
the predicted entity's aliases, the sentence overlaps the gold evidence), else 0. A
logistic regression (liblinear, fixed seed) is fitted on the features. A second one
reads each candidate's first score against its sentence's others
(`claim_model.rank_features`); it is fitted on out-of-topic first scores (each topic
scored by a first stage trained on the others), as unseen text will be scored. The
acceptance thresholds are the ones that maximise claim F1 over out-of-fold predictions
of both stages, folds being the topics, so they are chosen on text the models have not
seen.

    python -m train --only claims [--out DIR]      (or python -m train.claims)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dossier.extract.claim_model import (
    MODEL_FILE,
    Candidate,
    ClaimModel,
    Linear,
    rank_features,
    select_scored,
)
from dossier.extract.pipeline import extract_parsed
from dossier.ingest.text import record_to_document
from dossier.model import Document
from train.data import GoldDoc, all_docs, data_hash, scorer

C = 0.1  # chosen by out-of-topic F1 (0.02-0.1 flat, 0.3 and 1.0 lower)
RERANK_C = 0.1  # the second stage's (0.1 and 1.0 within 0.002 out of topic, 10 lower)
CLASS_WEIGHT: str | None = None
COMMAND = "python -m train --only claims (make train)"


def parse_docs(docs: Sequence[GoldDoc], nlp: Any) -> list[tuple[GoldDoc, Document, Any]]:
    """Each report as `dossier extract` reads it, parsed once."""
    documents = [record_to_document(d.as_input(), d.key, None) for d in docs]
    parsed = list(nlp.pipe((d.body for d in documents), batch_size=16))
    return list(zip(docs, documents, parsed, strict=True))


Sentences = list[tuple[int, int, list[Candidate]]]


def sentence_candidates(document: Document, parsed: Any) -> tuple[Sentences, list[dict[str, Any]]]:
    """The candidates of every sentence, and the predicted entities (contract JSON)."""
    collect: Sentences = []
    extraction = extract_parsed(document, parsed, claim_model=None, collect=collect)
    entities = [
        {"name": e.name, "mentions": [{"text": m.text} for m in e.mentions]}
        for e in extraction.entities
    ]
    return collect, entities


def label(doc: GoldDoc, cand: Candidate, pred_ents: dict[str, set[str]]) -> int:
    """1 when the candidate would match one of the document's gold claims."""
    sc = scorer()
    gold_ents = {
        e.name: sc.gold_aliases({"name": e.name, "mentions": e.mentions}) for e in doc.entities
    }
    c = cand.claim
    for g in doc.claims:
        if g["predicate"] != c.predicate.value:
            continue
        if not sc.subject_matches(c.subject, pred_ents, g["subject"], gold_ents):
            continue
        if sc.evidence_score(c.evidence.text, g["evidence"]) >= 0.5:
            return 1
    return 0


Example = tuple[GoldDoc, Sentences, list[list[int]], list[dict[str, Any]]]


def examples(parsed: list[tuple[GoldDoc, Document, Any]]) -> list[Example]:
    """Per document: its sentences' candidates, their labels and the predicted entities."""
    sc = scorer()
    out = []
    for doc, document, p in parsed:
        sentences, entities = sentence_candidates(document, p)
        pred_ents = {sc.norm(e["name"]): sc.pred_aliases(e) for e in entities}
        labels = [[label(doc, c, pred_ents) for c in cands] for _, _, cands in sentences]
        out.append((doc, sentences, labels, entities))
    return out


def fit(rows: list[tuple[dict[str, float], int]], seed: int, c: float = C) -> ClaimModel:
    """Logistic regression over the named features."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([f for f, _ in rows]).tocsr()
    x.indices = x.indices.astype("int32")  # liblinear takes 32-bit indices only
    x.indptr = x.indptr.astype("int32")
    y = [y for _, y in rows]
    lr = LogisticRegression(
        C=c, solver="liblinear", random_state=seed, max_iter=500, class_weight=CLASS_WEIGHT
    )
    lr.fit(x, y)
    names = vec.get_feature_names_out()
    weights = {str(n): float(w) for n, w in zip(names, lr.coef_[0], strict=True)}
    return ClaimModel(weights, float(lr.intercept_[0]))


def fit_rerank(rows: list[tuple[dict[str, float], int]], c: float = RERANK_C) -> Linear:
    """The second stage: logistic regression over `rank_features` (lbfgs: the rows are few
    and dense)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([f for f, _ in rows])
    lr = LogisticRegression(C=c, max_iter=1000)
    lr.fit(x, [y for _, y in rows])
    names = vec.get_feature_names_out()
    weights = {str(n): float(w) for n, w in zip(names, lr.coef_[0], strict=True)}
    return Linear(weights, float(lr.intercept_[0]))


Probs = list[list[list[float]]]


def out_of_topic(by_topic: dict[str, list[Example]], seed: int, c: float = C) -> dict[str, Probs]:
    """Each topic's first-stage probabilities from a model trained on the other topics:
    what the second stage learns from must be scored as unseen text is."""
    return {
        topic: first_stage(held, fit(rows_of(_others(by_topic, topic)), seed, c))
        for topic, held in by_topic.items()
    }


def _others(by_topic: dict[str, list[Example]], topic: str) -> list[Example]:
    return [e for t, es in by_topic.items() if t != topic for e in es]


def rerank_rows(exs: list[Example], probs: Probs) -> list[tuple[dict[str, float], int]]:
    """The second stage's rows: each candidate's rank features and its label."""
    return [
        row
        for (_, sentences, labels, _), doc_probs in zip(exs, probs, strict=True)
        for (_, _, cands), ys, ps in zip(sentences, labels, doc_probs, strict=True)
        for row in zip(rank_features(cands, ps), ys, strict=True)
    ]


def reranked(exs: list[Example], probs: Probs, rerank: Linear) -> Probs:
    """The second stage's probabilities of every candidate, per document and sentence."""
    return [
        [
            [rerank.probability(f) for f in rank_features(cands, ps)]
            for (_, _, cands), ps in zip(sentences, doc_probs, strict=True)
        ]
        for (_, sentences, _, _), doc_probs in zip(exs, probs, strict=True)
    ]


def rows_of(exs: list[Example]) -> list[tuple[dict[str, float], int]]:
    return [
        (c.features, y)
        for _, sentences, labels, _ in exs
        for (_, _, cands), ys in zip(sentences, labels, strict=True)
        for c, y in zip(cands, ys, strict=True)
    ]


def first_stage(exs: list[Example], model: ClaimModel) -> Probs:
    """The first stage's probability for every candidate, per document and sentence."""
    return [
        [[model.probability(c.features) for c in cands] for _, _, cands in sentences]
        for _, sentences, _, _ in exs
    ]


def selection_counts(
    exs: list[Example], probs: list[list[list[float]]], threshold: float, second: float
) -> tuple[int, int, int]:
    """(true positives, predictions, gold claims) of the selection at these thresholds,
    matched as the shared scorer matches (one-to-one per document)."""
    sc = scorer()
    tp = pred = gold = 0
    for (doc, sentences, _, entities), doc_probs in zip(exs, probs, strict=True):
        claims = [
            cands[n].claim
            for (_, _, cands), ps in zip(sentences, doc_probs, strict=True)
            for n in select_scored(cands, ps, threshold, second)
        ]
        pred_doc = {"entities": entities, "claims": [_claim_json(c) for c in claims]}
        tp += len(sc.match_claims(doc.gold, pred_doc))
        pred += len(claims)
        gold += len(doc.claims)
    return tp, pred, gold


def _claim_json(claim: Any) -> dict[str, Any]:
    return {
        "subject": claim.subject,
        "predicate": claim.predicate.value,
        "evidence": {"text": claim.evidence.text},
    }


def best_thresholds(
    exs_by_topic: dict[str, list[Example]], oof: dict[str, Probs]
) -> tuple[float, float]:
    """The (first, second) thresholds maximising out-of-fold claim F1: each topic's
    candidates scored by a first stage trained without it (`oof`) and a second stage
    trained on the other topics' out-of-fold scores."""
    folds = []
    for topic, held in exs_by_topic.items():
        rows = [r for t, es in exs_by_topic.items() if t != topic for r in rerank_rows(es, oof[t])]
        folds.append((held, reranked(held, oof[topic], fit_rerank(rows))))
    best = (0.0, 0.5, 0.5)
    for first in range(10, 61, 5):
        for second in range(first, 91, 10):
            tp = pred = gold = 0
            for held, probs in folds:
                a, b, g = selection_counts(held, probs, first / 100, second / 100)
                tp, pred, gold = tp + a, pred + b, gold + g
            f1 = 2 * tp / (pred + gold) if pred + gold else 0.0
            best = max(best, (f1, first / 100, second / 100))
    return best[1], best[2]


def train(docs: list[GoldDoc], out_dir: Path, seed: int) -> Path:
    """Fit the claim model on `docs` and write `claims.json` into `out_dir`."""
    from dossier.pipeline import load_nlp
    from dossier.settings import Settings

    # The entities the claims are read over come from the NER trained into the same
    # folder just before (train.ner runs first), as they will at run time.
    learned = out_dir if (out_dir / "ner" / "config.cfg").is_file() else ""
    nlp = load_nlp(Settings().spacy_model, learned)
    exs = examples(parse_docs(docs, nlp))
    by_topic: dict[str, list[Example]] = {}
    for e in exs:
        by_topic.setdefault(e[0].topic, []).append(e)
    model = fit(rows_of(exs), seed)
    if len(by_topic) > 2:
        oof = out_of_topic(by_topic, seed)
        model.threshold, model.second = best_thresholds(by_topic, oof)
        model.rerank = fit_rerank(
            [r for t, es in by_topic.items() for r in rerank_rows(es, oof[t])]
        )
    else:
        model.threshold, model.second = 0.5, 0.5
    model.meta = {
        "what": "claim candidate scorer: logistic regression over named features, then a"
        " second one over each candidate's score against its sentence's others",
        "data_hash": data_hash(docs),
        "documents": len(docs),
        "topics": sorted(by_topic),
        "candidates": len(rows_of(exs)),
        "seed": seed,
        "C": C,
        "rerank_C": RERANK_C,
        "command": COMMAND,
        "trained": dt.date.today().isoformat(),
    }
    path = out_dir / MODEL_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model.to_json(), indent=0, ensure_ascii=False) + "\n", "utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=Path("dossier/data/models"))
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    print(train(all_docs(), args.out, args.seed))


if __name__ == "__main__":
    main()
