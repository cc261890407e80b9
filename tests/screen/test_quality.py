"""Quality gate of the shipped screening model: the shared scorers on the judged sets,
floors in eval/screen_baseline.json (`shipped`). The model was fitted on all of them
but screening_dev, so only dev's figures are held out; the cross-validated figures
are `eval/cv_screen.py`'s (`make eval`, floors under `cv`)."""

from __future__ import annotations

import csv
import json
import math
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from dossier.contract import screen_json
from dossier.model import MatchResult
from dossier.screen.algorithms import compare_names
from dossier.screen.index import NameIndex
from dossier.screen.model import MODEL_PATH, load_model, score_pair
from dossier.screen.screener import ScreenConfig, comparison_schema, screen_name
from dossier.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
BASELINE = json.loads((ROOT / "eval" / "screen_baseline.json").read_text(encoding="utf-8"))
SHIPPED = BASELINE["shipped"]


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
            score = score_pair(row["name1"], row["name2"], schema=schema).score
            line = {"name1": row["name1"], "name2": row["name2"], "score": score}
            out.write(json.dumps({**line, "match": score >= load_model().pair_threshold}) + "\n")
    report = _score(shared / "eval" / "score_pairs.py", "--cases", cases, "--pred", pred)
    assert _find(report, "f1") >= SHIPPED["pairs_f1_min"]


def test_cross_script_minimums(shared: Path) -> None:
    """Names across scripts reach the file's minimum score (names in Han characters by
    their best reading: Mandarin, Japanese or Korean)."""
    pairs = shared / "data" / "sanctions" / "eval" / "watchman_cross_script_pairs.csv"
    lines = pairs.read_text(encoding="utf-8").splitlines()
    rows = list(csv.reader(line for line in lines if line.strip() and not line.startswith("#")))
    reached = sum(compare_names(q, e, schema="Person").score >= float(m) for q, e, m, _ in rows)
    assert reached >= SHIPPED["cross_script_reached_min"]


def test_screening_floors(shared: Path, index: NameIndex, tmp_path: Path) -> None:
    queries = shared / "eval" / "screening_dev.csv"
    pred = tmp_path / "screen.jsonl"
    cfg = ScreenConfig(threshold=load_model().threshold, limit=5, schema="Any", cutoff=0.5)
    with queries.open(encoding="utf-8", newline="") as handle, pred.open("w") as out:
        for row in csv.DictReader(handle):
            out.write(json.dumps(screen_json(row["query"], screen_name(index, row["query"], cfg))))
            out.write("\n")
    report = _score(shared / "eval" / "score_screen.py", "--queries", queries, "--pred", pred)
    assert _find(report, "recall@1", "recall_at_1") >= SHIPPED["dev_recall_at_1_min"]
    assert _find(report, "fp_rate") <= SHIPPED["dev_fp_rate_max"]


def _names(shared: Path, file: str) -> list[str]:
    path = shared / "data" / "sanctions" / "eval" / file
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["full_name"] for row in csv.DictReader(handle) if row["full_name"]]


def test_yente_validation_sets(shared: Path, index: NameIndex) -> None:
    """yente's validation people: listed UN people (treated: respelled, reordered, typos)
    must match a UN record; made-up people must rarely match anything."""
    cfg = ScreenConfig(threshold=load_model().threshold, limit=5, schema="Person", cutoff=0.5)

    def share(file: str, matched: Callable[[MatchResult], bool]) -> float:
        names = _names(shared, file)
        return sum(any(map(matched, screen_name(index, n, cfg))) for n in names) / len(names)

    def un_match(r: MatchResult) -> bool:
        return r.match and r.record.dataset == "un_sc"

    floors = SHIPPED
    assert share("yente_positives_un_treated.csv", un_match) >= floors["un_treated_min"]
    assert share("yente_positives_un_untreated.csv", un_match) >= floors["un_untreated_min"]
    for file, most in (
        ("yente_validation_negatives_global.csv", floors["negatives_global_max"]),
        ("yente_validation_negatives_us.csv", floors["negatives_us_max"]),
    ):
        assert share(file, lambda r: r.match) <= most, file


def test_settings_use_the_model_threshold() -> None:
    """The match threshold everyone passes (DOSSIER_MATCH_THRESHOLD) is the model's."""
    assert Settings().match_threshold == load_model().threshold
    assert ScreenConfig().threshold == load_model().threshold


def test_model_records_its_data_and_command() -> None:
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert shipped["command"].startswith("python -m train.screen")
    assert all(len(digest) == 64 for digest in shipped["data_sha256"].values())
    assert "eval/screening_dev.csv" not in shipped["data_sha256"]  # dev stays held out


def test_explanation_adds_up_to_the_score() -> None:
    """Each contribution is coefficient × value; with the intercept they give the score."""
    scored = score_pair(
        "Qods Aviation Industries", "QODS AVIATION INDUSTRIES", schema="Organization"
    )
    model = load_model()
    contributions = scored.explanation["contributions"]
    assert isinstance(contributions, list)
    log_odds = model.intercept + sum(c["log_odds"] for c in contributions)
    assert 1 / (1 + math.exp(-log_odds)) == pytest.approx(scored.score, abs=0.01)
    assert all(c["says"] for c in contributions)


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
