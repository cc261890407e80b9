"""Extraction quality gate: score `dossier extract` on the dev split against pinned floors.

Runs the three commands of `shared/eval/README.md` (write the docs file, extract, score
with `--json`), prints a metric table, and exits 1 when any metric falls below its floor
in `eval/baseline.json` (less a small epsilon, so that rounding noise does not fail it).

These are FITTED figures: the shipped models were trained on dev and the train topics,
so dev scored by them says only that code and artefacts still agree (a cheap regression
check, ~30 s, run by `tests/extract/test_eval_gate.py`). What extraction does on unseen
text is the leave-one-topic-out cross-validation of `eval/cv.py` (`make eval`), whose
means are pinned under `cv` in the same file.

    python eval/gate.py                  # check
    python eval/gate.py --raise-floors   # pin floors up to the current numbers
    python eval/gate.py --raise-floors --lower-floors   # also lower floors (needs review)

Floors only go down with the explicit `--lower-floors` flag, so a regression cannot be
papered over by re-pinning.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "eval" / "baseline.json"
DOSSIER = Path(sys.executable).parent / "dossier"

# metric name -> path into the scorer's `--json` summary
METRICS: dict[str, tuple[str, ...]] = {
    "entity_f1": ("entity", "f1"),
    "entity_typed_f1": ("entity_typed", "f1"),
    "claim_f1": ("claim", "f1"),
    "date": ("claim_attributes", "date"),
    "attributed_to": ("claim_attributes", "attributed_to"),
    "hedged": ("claim_attributes", "hedged"),
}


def shared_dir() -> Path:
    """The shared data directory: `$SHARED`, else `../shared` next to the checkout."""
    return Path(os.environ.get("SHARED", ROOT.parent / "shared")).resolve()


def run_scorer(shared: Path, workdir: Path) -> dict[str, object]:
    """Write the dev docs, extract them with the real CLI, and return the scorer's JSON."""
    scorer = shared / "eval" / "score_extract.py"
    gold = shared / "eval" / "dev" / "gold"
    docs, pred = workdir / "docs.jsonl", workdir / "pred.jsonl"
    _run([sys.executable, str(scorer), "--gold", str(gold), "--write-docs", str(docs)])
    pred.write_text(_run([str(DOSSIER), "extract", str(docs), "--json"]), encoding="utf-8")
    score = ["--gold", str(gold), "--pred", str(pred), "--docs", str(docs), "--json"]
    out = _run([sys.executable, str(scorer), *score])
    result: dict[str, object] = json.loads(out)
    return result


def _run(cmd: list[str]) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"gate: `{' '.join(cmd)}` failed:\n{done.stderr.strip()}")
    return done.stdout


def metric_values(summary: dict[str, object]) -> dict[str, float]:
    """Pick the gated metrics out of the scorer summary (a missing rate counts as 0)."""
    values: dict[str, float] = {}
    for name, path in METRICS.items():
        node: object = summary
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        values[name] = float(node) if isinstance(node, int | float) else 0.0
    leak = summary.get("leakage")
    values["leakage"] = float(leak) if isinstance(leak, int | float) else math.inf
    return values


def failures(values: dict[str, float], baseline: dict[str, object]) -> list[str]:
    """One line per metric below its floor (or leakage above its ceiling)."""
    floors = _floors(baseline)
    eps = float(str(baseline.get("epsilon", 0.005)))
    bad = [
        f"{name} {values[name]:.4f} < floor {floor:.4f}"
        for name, floor in floors.items()
        if values.get(name, 0.0) < floor - eps
    ]
    max_leak = float(str(baseline.get("leakage_max", 0)))
    if values["leakage"] > max_leak:
        bad.append(f"leakage {values['leakage']:g} > {max_leak:g}")
    return bad


def _floors(baseline: dict[str, object]) -> dict[str, float]:
    raw = baseline.get("floors", {})
    return {k: float(v) for k, v in raw.items()} if isinstance(raw, dict) else {}


def new_floors(
    values: dict[str, float], baseline: dict[str, object], lower: bool
) -> dict[str, float]:
    """Floors moved to the current values (rounded down): up always, down only if `lower`."""
    floors = _floors(baseline)
    for name in METRICS:
        current = math.floor(values[name] * 100) / 100
        old = floors.get(name, 0.0)
        floors[name] = current if (current > old or lower) else old
    return floors


def print_table(values: dict[str, float], baseline: dict[str, object]) -> None:
    """Print each gated metric next to its floor."""
    floors = _floors(baseline)
    print("dev split, shipped models (fitted: trained on dev + train; see eval/cv.py)")
    print(f"{'metric':<18} {'value':>7} {'floor':>7}")
    for name in METRICS:
        floor = floors.get(name)
        shown = "-" if floor is None else f"{floor:.2f}"
        print(f"{name:<18} {values[name]:>7.4f} {shown:>7}")
    print(f"{'leakage':<18} {values['leakage']:>7g} {baseline.get('leakage_max', 0)!s:>7}")


def main(argv: list[str] | None = None) -> int:
    """Run the gate; return the process exit status."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--raise-floors", action="store_true", help="pin floors to current values")
    ap.add_argument("--lower-floors", action="store_true", help="allow pinning floors lower")
    args = ap.parse_args(argv)
    shared = shared_dir()
    if not (shared / "eval" / "score_extract.py").exists():
        print(f"gate: shared data not found at {shared}; set SHARED", file=sys.stderr)
        return 2
    baseline: dict[str, object] = json.loads(BASELINE.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        values = metric_values(run_scorer(shared, Path(tmp)))
    print_table(values, baseline)
    if args.raise_floors:
        baseline["floors"] = new_floors(values, baseline, args.lower_floors)
        BASELINE.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
        print(f"floors written to {BASELINE}")
    bad = failures(values, baseline)
    for line in bad:
        print(f"FAIL {line}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
