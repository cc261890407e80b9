"""Score `dossier extract` on the shared Russian and Ukrainian reports (`shared/eval/ru`).

The three commands of `shared/eval/README.md`, on the ru set: write the docs file with
the shared scorer, run the real `dossier extract --json`, score with `--json`. Prints
entity F1, typed entity F1 and claim F1 for all ten reports, and separately for the
two halves: DEVELOPMENT (the five reports looked at while writing the Russian
component) and HELD_OUT (five never looked at report by report), so that the held-out
figure says what rules fitted on the other half do on unseen reports. The goal (issue
19) is entity F1 >= 0.80 on this set and on a hidden one of ten more.

    python eval/ru.py                 # the table
    python eval/ru.py --failures      # missed and spurious entities, development half only
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOSSIER = Path(sys.executable).parent / "dossier"
# One Ukrainian report in each half (005 and 009 are the Ukrainian ones).
DEVELOPMENT = ("001", "002", "005", "006", "008")
HELD_OUT = ("003", "004", "007", "009", "010")


def shared_dir() -> Path:
    """The shared data directory: `$SHARED`, else `../shared` next to the checkout."""
    return Path(os.environ.get("SHARED", ROOT.parent / "shared")).resolve()


def _run(cmd: list[str]) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=900)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd[:3])} failed ({done.returncode}): {done.stderr.strip()[-400:]}")
    return done.stdout


def extract(shared: Path, work: Path) -> tuple[Path, Path]:
    """Write the docs file of the ru set and the prediction of `dossier extract`."""
    scorer, gold = shared / "eval" / "score_extract.py", shared / "eval" / "ru" / "gold"
    docs, pred = work / "docs.jsonl", work / "pred.jsonl"
    _run([sys.executable, str(scorer), "--gold", str(gold), "--write-docs", str(docs)])
    pred.write_text(_run([str(DOSSIER), "extract", str(docs), "--json"]), encoding="utf-8")
    return docs, pred


def score(
    shared: Path, work: Path, ids: tuple[str, ...], docs: Path, pred: Path
) -> dict[str, object]:
    """The scorer's JSON summary over the reports `ids` (a gold folder of just those)."""
    subset = work / ("gold-" + "-".join(ids))
    subset.mkdir(exist_ok=True)
    for doc_id in ids:
        shutil.copy(shared / "eval" / "ru" / "gold" / f"{doc_id}.json", subset / f"{doc_id}.json")
    scorer = shared / "eval" / "score_extract.py"
    args = ["--gold", str(subset), "--pred", str(pred), "--docs", str(docs), "--json"]
    result: dict[str, object] = json.loads(_run([sys.executable, str(scorer), *args]))
    return result


def _row(label: str, s: dict[str, dict[str, float]]) -> str:
    ent, typed, claim = s["entity"], s["entity_typed"], s["claim"]
    return (
        f"{label:<18} {ent['p']:>6.3f} {ent['r']:>6.3f} {ent['f1']:>6.3f} "
        f"{typed['f1']:>8.3f} {claim['p']:>6.3f} {claim['r']:>6.3f} {claim['f1']:>6.3f}"
    )


def failures(shared: Path, pred: Path, ids: tuple[str, ...]) -> None:
    """Print, per report, gold entities no prediction shares an alias with, and predicted
    entities sharing none with the gold (development half only)."""
    sys.path.insert(0, str(shared / "eval"))
    import score_extract as sx  # the shared scorer's own normalisation

    preds = {json.loads(line)["document"]["id"]: json.loads(line) for line in pred.open()}
    for doc_id in ids:
        gold = json.loads((shared / "eval" / "ru" / "gold" / f"{doc_id}.json").read_text())
        ents = preds.get(doc_id, {}).get("entities", [])
        pa = [sx.pred_aliases(e) for e in ents]
        for g in gold["entities"]:
            if not any(sx.gold_aliases(g) & a for a in pa):
                print(f"{doc_id} MISSED  {g['type']:<12} {g['name']} {g['mentions']}")
        for e, a in zip(ents, pa, strict=True):
            if not any(sx.gold_aliases(g) & a for g in gold["entities"]):
                texts = [m["text"] for m in e["mentions"]]
                print(f"{doc_id} SPURIOUS {e['type']:<12} {e['name']} {texts}")


def main() -> int:
    """Extract the ru set once and print the table (or the development failures)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--failures", action="store_true", help="list development failures")
    args = parser.parse_args()
    shared = shared_dir()
    if not (shared / "eval" / "ru" / "gold").is_dir():
        print(f"no Russian evaluation set in {shared}/eval/ru; set SHARED", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docs, pred = extract(shared, work)
        if args.failures:
            failures(shared, pred, DEVELOPMENT)
            return 0
        print(
            f"{'ru set':<18} {'ent P':>6} {'ent R':>6} {'ent F1':>6} {'typed F1':>8} "
            f"{'clm P':>6} {'clm R':>6} {'clm F1':>6}"
        )
        for label, ids in (
            ("all ten", DEVELOPMENT + HELD_OUT),
            ("development (5)", DEVELOPMENT),
            ("held out (5)", HELD_OUT),
        ):
            print(_row(label, score(shared, work, tuple(sorted(ids)), docs, pred)))  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
