"""Leave-one-topic-out cross-validation of the trained extraction, with the shared scorer.

For each of the five train topics: train every model in `train.__main__.TRAINERS` on the
other four topics plus dev (`python -m train --exclude-topic T --out build/cv/T`), run
the real `dossier extract --json` with `DOSSIER_MODELS` set to that folder on the held-out
topic's documents (`score_extract.py --write-docs`), and score them with
`score_extract.py --json`. Then dev, scored by a model trained on the train topics only.
Prints one row per fold, the mean over the five folds, and per-type and per-predicate
tables pooled over the folds. Exits 1 when a mean falls below the `cv` floors of
`eval/baseline.json` or any fold leaks.

    python eval/cv.py                      # train what changed, score, check floors
    python eval/cv.py --reuse              # score with the fold models already built
    python eval/cv.py --folds procurement --failures 40   # one fold, with its errors
    python eval/cv.py --raise-floors       # pin the cv floors up to the current means

Fold models are cached under `build/cv/FOLD/`, each trainer's keyed by a hash of the
training data and the code it depends on (`DEPENDS`): a change to extraction rules
retrains the claim model of each fold, not its entity recogniser.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gate import metric_values as values  # noqa: E402  (the gate's reading of a summary)

from train import data  # noqa: E402

BASELINE = ROOT / "eval" / "baseline.json"
DOSSIER = Path(sys.executable).parent / "dossier"
CACHE = ROOT / "build" / "cv"
NICE = ["nice", "-n", "10"]

# column -> path into the scorer's `--json` summary
METRICS: dict[str, tuple[str, ...]] = {
    "entity_typed_f1": ("entity_typed", "f1"),
    "entity_f1": ("entity", "f1"),
    "claim_f1": ("claim", "f1"),
    "date": ("claim_attributes", "date"),
    "attributed_to": ("claim_attributes", "attributed_to"),
    "hedged": ("claim_attributes", "hedged"),
}
HEADS = ["typed F1", "ent F1", "claim F1", "date", "attrib", "hedged"]


# trainer -> the code its model depends on besides its data (globs under the repo). The
# recogniser reads only the gold; the claim model reads the parse, the fold's recogniser
# and every extraction rule, so a change to extraction retrains only the claim model.
DEPENDS: dict[str, tuple[str, ...]] = {
    "ner": ("train/ner.py", "train/data.py"),
    "claims": ("train/*.py", "dossier/extract/*.py"),
}


def code_hash(globs: tuple[str, ...]) -> str:
    """Hash of the files matching `globs`."""
    h = hashlib.sha256()
    for path in sorted({p for g in globs for p in ROOT.glob(g)}):
        h.update(path.relative_to(ROOT).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def fold_models(held_out: str, reuse: bool, cache: Path = CACHE) -> Path:
    """The models trained without `held_out`; each trainer runs again unless its model is
    cached under the same key (data, its code, and the keys of the trainers before it)."""
    train_docs, _ = data.fold(held_out)
    out = cache / held_out
    key = data.data_hash(train_docs)
    for trainer, globs in DEPENDS.items():
        key = f"{key}-{code_hash(globs)}"
        stamp = out / f"key-{trainer}.txt"
        if stamp.is_file() and (reuse or stamp.read_text(encoding="utf-8") == key):
            continue
        began = time.time()
        cmd = [*NICE, sys.executable, "-m", "train", "--out", str(out)]
        _run([*cmd, "--exclude-topic", held_out, "--only", trainer], cwd=ROOT)
        stamp.write_text(key, encoding="utf-8")
        print(
            f"trained {trainer} of fold {held_out} in {time.time() - began:.0f} s", file=sys.stderr
        )
    return out


def score_fold(held_out: str, models: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Extract the held-out documents with the fold's models; the scorer's summary and
    the raw predictions (by id)."""
    scorer = data.shared_dir() / "eval" / "score_extract.py"
    gold = data.gold_dir(held_out)
    docs, pred = models / "docs.jsonl", models / "pred.jsonl"
    _run([sys.executable, str(scorer), "--gold", str(gold), "--write-docs", str(docs)])
    env = {**os.environ, "DOSSIER_MODELS": str(models)}
    pred.write_text(
        _run([*NICE, str(DOSSIER), "extract", str(docs), "--json"], env=env), encoding="utf-8"
    )
    args = ["--gold", str(gold), "--pred", str(pred), "--docs", str(docs), "--json"]
    summary: dict[str, Any] = json.loads(_run([sys.executable, str(scorer), *args]))
    preds = {}
    for line in pred.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        preds[obj["document"]["id"]] = obj
    return summary, preds


def _run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        cmd, capture_output=True, text=True, check=False, cwd=cwd, env=env, timeout=1800
    )
    if done.returncode != 0:
        raise SystemExit(f"cv: `{' '.join(cmd)}` failed:\n{done.stderr.strip()[-2000:]}")
    return done.stdout


def row(label: str, docs: int | str, v: dict[str, float]) -> str:
    """One table line."""
    cells = " ".join(f"{v[m]:>8.3f}" for m in METRICS)
    return f"{label:<24} {docs!s:>4} {cells} {v['leakage']:>5g}"


def header() -> str:
    """The table's heading line."""
    return f"{'fold (held out)':<24} {'docs':>4} " + " ".join(f"{h:>8}" for h in HEADS) + "  leak"


def per_predicate(golds: dict[str, dict[str, Any]], preds: dict[str, Any]) -> Counter[str]:
    """gold/pred/tp counts per predicate, keyed `predicate:kind`."""
    sc = data.scorer()
    counts: Counter[str] = Counter()
    for doc_id, gold in golds.items():
        pred = preds.get(doc_id, {})
        match = sc.match_claims(gold, pred)
        for claim in gold.get("claims", []):
            counts[f"{claim['predicate']}:gold"] += 1
        for claim in pred.get("claims", []):
            counts[f"{claim.get('predicate')}:pred"] += 1
        for gi in match:
            counts[f"{gold['claims'][gi]['predicate']}:tp"] += 1
    return counts


def error_classes(golds: dict[str, dict[str, Any]], preds: dict[str, Any]) -> Counter[str]:
    """Typed entity errors counted by class (what `docs/evaluation.md` tabulates)."""
    counts: Counter[str] = Counter()
    for line in entity_failures(golds, preds):
        counts[_error_class(line)] += 1
    return counts


def _error_class(line: str) -> str:
    if " FN " in line:
        if "(unnamed)" in line or "(group)" in line:
            return "FN descriptive group not extracted ('42 Chinese entities (unnamed)')"
        if "(typed " in line:
            return "FN+FP found with the wrong type (counted once, on the gold side)"
        if "(boundary)" in line:
            return "FN name cut or overrun (no shared alias)"
        return "FN named entity not extracted"
    if "(duplicate)" in line:
        return "FP second entity for one gold entity"
    if "(boundary)" in line:
        return "FP name cut or overrun (no shared alias)"
    if "(typed-pair)" in line:
        return "FN+FP found with the wrong type (counted once, on the gold side)!"
    return "FP spurious name (no gold entity)"


def entity_failures(golds: dict[str, dict[str, Any]], preds: dict[str, Any]) -> list[str]:
    """Typed entity false negatives and false positives, one line each."""
    sc = data.scorer()
    lines = []
    for doc_id, gold in golds.items():
        g_ents = [e for e in gold.get("entities", []) if e.get("type") != "other"]
        p_all = preds.get(doc_id, {}).get("entities", [])
        untyped = sc.match_entities(gold.get("entities", []), p_all, typed=False)
        other = {p for g, p in untyped.items() if gold["entities"][g].get("type") == "other"}
        p_ents = [p for i, p in enumerate(p_all) if i not in other]
        typed = sc.match_entities(g_ents, p_ents, typed=True)
        loose = sc.match_entities(g_ents, p_ents, typed=False)
        p_words = [_words(p) for p in p_ents]
        g_words = [_words(g) for g in g_ents]
        for gi, g in enumerate(g_ents):
            if gi not in typed:
                hit = p_ents[loose[gi]] if gi in loose else None
                near = any(g_words[gi] & w for w in p_words)
                why = (
                    f"typed {hit['type']} as {hit['name']!r}"
                    if hit
                    else ("boundary" if near else "missed")
                )
                lines.append(f"{doc_id} FN {g['type']:<12} {g['name']!r} ({why})")
        matched = set(typed.values())
        paired = {loose[gi] for gi in range(len(g_ents)) if gi in loose and gi not in typed}
        for pi, p in enumerate(p_ents):
            if pi not in matched:
                surface = [m["text"] for m in p.get("mentions", [])][:3]
                aliases = sc.pred_aliases(p)
                dup = any(aliases & sc.gold_aliases(g) for g in g_ents)
                why = (
                    "typed-pair"
                    if pi in paired
                    else "duplicate"
                    if dup
                    else ("boundary" if any(p_words[pi] & w for w in g_words) else "spurious")
                )
                lines.append(f"{doc_id} FP {p['type']:<12} {p['name']!r} {surface} ({why})")
    return lines


def _words(ent: dict[str, Any]) -> set[str]:
    """Capitalised words of an entity's name and mentions (for near misses)."""
    texts = [ent.get("name") or ""] + [
        m.get("text", "") if isinstance(m, dict) else m for m in ent.get("mentions", [])
    ]
    return {w for t in texts for w in data.scorer().norm(t).split() if len(w) > 2} - {"the"}


def print_breakdowns(summaries: list[dict[str, Any]], pred_counts: Counter[str]) -> None:
    """Per-type and per-predicate tables pooled over the cross-validation folds."""
    by_type: dict[str, Counter[str]] = {}
    for s in summaries:
        for typ, counts in s["by_type"].items():
            by_type.setdefault(typ, Counter()).update(
                {k: v for k, v in counts.items() if isinstance(v, int)}
            )
    print(f"\n{'type (pooled folds)':<20} {'gold':>5} {'found':>6} {'typed R':>8} {'typed P':>8}")
    for typ, c in by_type.items():
        r = c["found"] / c["gold"] if c["gold"] else 0.0
        tr = c["typed_tp"] / c["gold"] if c["gold"] else 0.0
        tp = c["typed_tp"] / c["pred"] if c["pred"] else 0.0
        typed = "-" if typ == "other" else f"{tr:>8.3f} {tp:>8.3f}"
        print(f"{typ:<20} {c['gold']:>5} {r:>6.3f} {typed}")
    heads = f"{'gold':>5} {'pred':>5} {'tp':>4} {'P':>6} {'R':>6} {'F1':>6}"
    print(f"\n{'predicate (pooled)':<20} {heads}")
    names = sorted({k.split(":")[0] for k in pred_counts}, key=lambda n: -pred_counts[n + ":gold"])
    for name in names:
        g, p, t = (pred_counts[f"{name}:{k}"] for k in ("gold", "pred", "tp"))
        prec, rec = (t / p if p else 0.0), (t / g if g else 0.0)
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        print(f"{name:<20} {g:>5} {p:>5} {t:>4} {prec:>6.3f} {rec:>6.3f} {f1:>6.3f}")


def mean(rows: list[dict[str, float]]) -> dict[str, float]:
    """Mean of each metric over folds; leakage is the worst fold's."""
    out = {m: sum(r[m] for r in rows) / len(rows) for m in METRICS}
    out["leakage"] = max(r["leakage"] for r in rows)
    return out


def check(
    avg: dict[str, float], folds: list[dict[str, float]], baseline: dict[str, Any]
) -> list[str]:
    """One line per cv mean under its floor, or per fold that leaks."""
    cv = baseline.get("cv", {})
    eps = float(baseline.get("epsilon", 0.005))
    bad = [
        f"cv mean {name} {avg[name]:.4f} < floor {floor:.4f}"
        for name, floor in cv.get("floors", {}).items()
        if avg.get(name, 0.0) < float(floor) - eps
    ]
    bad += [f"a fold leaks {r['leakage']:g} mentions/claims" for r in folds if r["leakage"] > 0]
    return bad


def main(argv: list[str] | None = None) -> int:
    """Run the cross-validation; return the exit status."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", nargs="*", help="only these held-out topics (no dev, no check)")
    ap.add_argument("--reuse", action="store_true", help="use fold models already built")
    ap.add_argument("--failures", type=int, default=0, help="print N entity errors per fold")
    ap.add_argument("--raise-floors", action="store_true", help="pin cv floors to the means")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--cache", type=Path, default=CACHE, help="fold models folder (build/cv)")
    args = ap.parse_args(argv)
    topics = args.folds or data.topics()
    baseline: dict[str, Any] = json.loads(BASELINE.read_text(encoding="utf-8"))
    print(header())
    rows, summaries, preds_all, classes = [], [], Counter[str](), Counter[str]()
    figures: dict[str, Any] = {}
    for topic in topics:
        summary, preds = score_fold(topic, fold_models(topic, args.reuse, args.cache))
        golds = {d.id: d.gold for d in data.load_topic(topic)}
        rows.append(values(summary))
        summaries.append(summary)
        preds_all.update(per_predicate(golds, preds))
        classes.update(error_classes(golds, preds))
        figures[topic] = rows[-1]
        print(row(topic, len(golds), rows[-1]), flush=True)
        for line in entity_failures(golds, preds)[: args.failures]:
            print("    " + line)
    avg = mean(rows)
    figures["mean"] = avg
    print(row(f"mean ({len(rows)} folds)", "", avg))
    if not args.folds:
        summary, _ = score_fold(data.DEV, fold_models(data.DEV, args.reuse, args.cache))
        figures["dev"] = values(summary)
        print(row("dev (train-only model)", len(data.load_topic(data.DEV)), figures["dev"]))
    print_breakdowns(summaries, preds_all)
    print(f"\n{'typed entity errors by class (pooled folds)':<66} {'count':>5}")
    for name, count in classes.most_common():
        if not name.endswith("!"):
            print(f"{name:<66} {count:>5}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if args.folds:
        return 0
    if args.raise_floors:
        floors = {m: math.floor(avg[m] * 100) / 100 for m in METRICS}
        baseline.setdefault("cv", {})["floors"] = floors
        BASELINE.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
        print(f"cv floors written to {BASELINE}")
    bad = check(avg, rows, baseline)
    for line in bad:
        print(f"FAIL {line}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
