"""Quality gate: the shared scorers on the dev eval sets, floors in eval/screen_baseline.json."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from dossier.contract import screen_json
from dossier.model import MatchResult
from dossier.screen.algorithms import compare_names
from dossier.screen.index import NameIndex
from dossier.screen.screener import ScreenConfig, comparison_schema, screen_name

ROOT = Path(__file__).resolve().parents[2]
BASELINE = json.loads((ROOT / "eval" / "screen_baseline.json").read_text(encoding="utf-8"))


def _score(script: Path, *args: str | Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, str(script), *map(str, args), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_pair_f1_floor(shared: Path, tmp_path: Path) -> None:
    cases = shared / "data" / "sanctions" / "eval" / "nomenklatura_name_bench_cases.csv"
    pred = tmp_path / "pairs.jsonl"
    with cases.open(encoding="utf-8", newline="") as handle, pred.open("w") as out:
        for row in csv.DictReader(handle):
            schema = comparison_schema(row["schema"])
            score = compare_names(row["name1"], row["name2"], schema=schema).score
            line = {"name1": row["name1"], "name2": row["name2"], "score": score}
            out.write(json.dumps({**line, "match": score >= 0.8}) + "\n")
    report = _score(shared / "eval" / "score_pairs.py", "--cases", cases, "--pred", pred)
    assert _find(report, "f1") >= BASELINE["pairs_f1_min"]


def test_cross_script_minimums(shared: Path) -> None:
    """Names across scripts reach the file's minimum score (names in Han characters by
    their best reading: Mandarin, Japanese or Korean)."""
    pairs = shared / "data" / "sanctions" / "eval" / "watchman_cross_script_pairs.csv"
    lines = pairs.read_text(encoding="utf-8").splitlines()
    rows = list(csv.reader(line for line in lines if line.strip() and not line.startswith("#")))
    reached = sum(compare_names(q, e, schema="Person").score >= float(m) for q, e, m, _ in rows)
    assert reached >= BASELINE["cross_script_reached_min"]


def test_screening_floors(shared: Path, index: NameIndex, tmp_path: Path) -> None:
    queries = shared / "eval" / "screening_dev.csv"
    pred = tmp_path / "screen.jsonl"
    cfg = ScreenConfig(threshold=0.8, limit=5, schema="Any")
    with queries.open(encoding="utf-8", newline="") as handle, pred.open("w") as out:
        for row in csv.DictReader(handle):
            out.write(json.dumps(screen_json(row["query"], screen_name(index, row["query"], cfg))))
            out.write("\n")
    report = _score(shared / "eval" / "score_screen.py", "--queries", queries, "--pred", pred)
    assert _find(report, "recall@1", "recall_at_1") >= BASELINE["screen_recall_at_1_min"]
    assert _find(report, "fp_rate") <= BASELINE["screen_fp_rate_max"]


def _names(shared: Path, file: str) -> list[str]:
    path = shared / "data" / "sanctions" / "eval" / file
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["full_name"] for row in csv.DictReader(handle) if row["full_name"]]


def test_yente_validation_sets(shared: Path, index: NameIndex) -> None:
    """yente's validation people: listed UN people (treated: respelled, reordered, typos)
    must match a UN record; made-up people must rarely match anything."""
    cfg = ScreenConfig(threshold=0.8, limit=5, schema="Person", cutoff=0.5)

    def share(file: str, matched: Callable[[MatchResult], bool]) -> float:
        names = _names(shared, file)
        return sum(any(map(matched, screen_name(index, n, cfg))) for n in names) / len(names)

    def un_match(r: MatchResult) -> bool:
        return r.match and r.record.dataset == "un_sc"

    floors = BASELINE["yente"]
    assert share("yente_positives_un_treated.csv", un_match) >= floors["un_treated_min"]
    assert share("yente_positives_un_untreated.csv", un_match) >= floors["un_untreated_min"]
    for file, most in (
        ("yente_validation_negatives_global.csv", floors["negatives_global_max"]),
        ("yente_validation_negatives_us.csv", floors["negatives_us_max"]),
    ):
        assert share(file, lambda r: r.match) <= most, file


def _find(report: object, *keys: str) -> float:
    """The first numeric value under any of `keys`, searched depth-first."""
    if isinstance(report, dict):
        for key in keys:
            if isinstance(report.get(key), int | float):
                return float(report[key])
        for value in report.values():
            try:
                return _find(value, *keys)
            except KeyError:
                continue
    raise KeyError(keys)
