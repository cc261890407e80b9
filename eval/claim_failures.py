"""Claim errors of one held-out topic, printed and counted by class.

Reads a models folder (a CV fold's `build/cv/T`, or any folder with `ner/` and
`claims/model.json`), parses the topic's reports with its recogniser, collects every
sentence's claim candidates as `dossier extract` proposes them, and compares the
model's choice with the gold the way the shared scorer does (before a sanction is
copied for each listed target, so counts differ slightly from the scorer's):

    python eval/claim_failures.py [--models build/cv/{topic}] [--topics procurement ...] [-v]

Each gold claim missed is classed by what the candidates held (the right candidate
there but not chosen; right predicate but not the subject; the subject but another
predicate; no trigger at all), each predicted claim that matches nothing by what the
gold says of its sentence. `-v` prints every instance: the gold claim, the prediction
and the sentence.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dossier.extract.claim_model import load_model, select_scored  # noqa: E402
from train import claims as tc  # noqa: E402
from train import data  # noqa: E402

_SHOWN = ("src=", "path=", "role=")


def _overlaps(sc: Any, text: str, gold: str) -> bool:
    return bool(sc.evidence_score(text, gold) >= 0.5)


def _gold_aliases(doc: data.GoldDoc) -> dict[str, set[str]]:
    sc = data.scorer()
    return {e.name: sc.gold_aliases({"name": e.name, "mentions": e.mentions}) for e in doc.entities}


def _all(sentences: Any) -> list[Any]:
    return [c for _s, _e, cands in sentences for c in cands]


def _fn_class(sc: Any, g: dict[str, Any], sentences: Any, pred_ents: Any, gold_ents: Any) -> str:
    """Why a gold claim was missed, read from the candidates of its sentence(s)."""
    cands = [c for c in _all(sentences) if _overlaps(sc, c.claim.evidence.text, g["evidence"])]
    if not cands:
        return "FN no candidate in the evidence sentence (no trigger)"

    def subj(c: Any) -> bool:
        return bool(sc.subject_matches(c.claim.subject, pred_ents, g["subject"], gold_ents))

    same_p = [c for c in cands if c.claim.predicate.value == g["predicate"]]
    if any(subj(c) for c in same_p):
        return "FN right candidate proposed, not chosen"
    if same_p:
        known = g["subject"] in gold_ents and any(
            a & gold_ents[g["subject"]] for a in pred_ents.values()
        )
        return "FN predicate found, subject not a candidate" + (
            "" if known else " (subject entity not extracted)"
        )
    if any(subj(c) for c in cands):
        return "FN subject found, only other predicates"
    return "FN neither predicate nor subject among candidates"


def _fp_class(sc: Any, p: dict[str, Any], doc: data.GoldDoc, pred_ents: Any, gold_ents: Any) -> str:
    """Why a predicted claim matched nothing, read from the gold of its sentence."""
    ev = p["evidence"]["text"]
    golds = [g for g in doc.claims if _overlaps(sc, ev, g["evidence"])]
    if not golds:
        return "FP sentence the gold makes no claim of"
    for g in golds:
        same_s = sc.subject_matches(p["subject"], pred_ents, g["subject"], gold_ents)
        if same_s and g["predicate"] == p["predicate"]:
            return "FP duplicate of a claim the gold makes once"
    if any(g["predicate"] == p["predicate"] for g in golds):
        return "FP right predicate, wrong subject"
    if any(sc.subject_matches(p["subject"], pred_ents, g["subject"], gold_ents) for g in golds):
        return "FP right subject, wrong predicate"
    return "FP wrong predicate and subject"


def failures(models: Path, topic: str, verbose: bool) -> Counter[str]:
    """Count (and print) a topic's claim errors under the models of `models`."""
    from dossier.pipeline import load_nlp
    from dossier.settings import Settings

    sc = data.scorer()
    model = load_model(models)
    assert model is not None, f"no claim model in {models}"
    nlp = load_nlp(Settings().spacy_model, models)
    docs = list(data.load_topic(topic))
    counts: Counter[str] = Counter()
    for doc, sentences, _labels, entities in tc.examples(tc.parse_docs(docs, nlp)):
        pred_ents = {sc.norm(e["name"]): sc.pred_aliases(e) for e in entities}
        gold_ents = _gold_aliases(doc)
        chosen = []
        for _s, _e, cands in sentences:
            probs = model.sentence_probabilities(cands)
            chosen += [
                (cands[n], probs[n])
                for n in select_scored(cands, probs, model.threshold, model.second)
            ]
        pred = [tc._claim_json(c.claim) for c, _ in chosen]
        match = sc.match_claims(doc.gold, {"entities": entities, "claims": pred})
        counts["gold"] += len(doc.claims)
        counts["pred"] += len(pred)
        counts["tp"] += len(match)
        for gi, g in enumerate(doc.claims):
            if gi in match:
                continue
            why = _fn_class(sc, g, sentences, pred_ents, gold_ents)
            counts[why] += 1
            counts[f"{why} [{g['predicate']}]"] += 1
            if verbose:
                print(
                    f"{doc.key} {why}\n    gold {g['subject']} {g['predicate']} {g.get('object')}"
                    f" | {g['evidence'][:200]}"
                )
                for c, p in chosen:
                    if _overlaps(sc, c.claim.evidence.text, g["evidence"]):
                        print(f"    pred {c.claim.subject} {c.claim.predicate.value} p={p:.2f}")
                for c in _all(sentences):
                    ok = c.claim.predicate.value == g["predicate"] and sc.subject_matches(
                        c.claim.subject, pred_ents, g["subject"], gold_ents
                    )
                    if ok and _overlaps(sc, c.claim.evidence.text, g["evidence"]):
                        shown = [k for k in c.features if k.startswith(_SHOWN)]
                        p = model.probability(c.features)
                        print(f"    cand {c.claim.subject} p1={p:.2f} {shown}")
        matched = set(match.values())
        for pi, (c, p) in enumerate(chosen):
            if pi in matched:
                continue
            why = _fp_class(sc, pred[pi], doc, pred_ents, gold_ents)
            counts[why] += 1
            if verbose:
                print(
                    f"{doc.key} {why}\n    pred {c.claim.subject} {c.claim.predicate.value} "
                    f"p={p:.2f} | {c.claim.evidence.text[:200]}"
                )
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--models", default="build/cv/{topic}", help="models folder ({topic} filled)")
    ap.add_argument("--topics", nargs="+", default=data.topics())
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    counts: Counter[str] = Counter()
    for topic in args.topics:
        counts.update(failures(Path(args.models.format(topic=topic)), topic, args.verbose))
    tp, g, p = counts.pop("tp"), counts.pop("gold"), counts.pop("pred")
    print(f"\n{' '.join(args.topics)}: gold {g} pred {p} tp {tp}")
    for name, n in sorted(counts.items(), key=lambda kv: (kv[0].split(" [")[0], -kv[1])):
        print(f"{n:>5}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
