"""The extraction quality gates.

The quick one scores dev with the shipped models (a fitted figure: they were trained on
dev) against pinned floors: it catches code or artefacts drifting apart without training
anything. The cross-validated floors (`make eval`, eval/cv.py) are checked here only as
logic: `make test` never trains.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
GATE = ROOT / "eval" / "gate.py"


@pytest.mark.slow
def test_gate_passes_floors(shared: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(GATE)],
        capture_output=True,
        text=True,
        env={**os.environ, "SHARED": str(shared)},
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"quality gate failed:\n{done.stdout}\n{done.stderr}"
    assert "claim_f1" in done.stdout


def test_gate_floors_only_lower_with_flag() -> None:
    sys.path.insert(0, str(GATE.parent))
    import gate

    baseline: dict[str, object] = {"floors": {"claim_f1": 0.5, "entity_f1": 0.9}}
    values = {name: 0.3 for name in gate.METRICS} | {"leakage": 0.0}
    assert gate.new_floors(values, baseline, lower=False)["claim_f1"] == 0.5
    assert gate.new_floors(values, baseline, lower=True)["claim_f1"] == 0.3
    assert any("claim_f1" in line for line in gate.failures(values, baseline))


def test_gate_baseline_pins_every_metric() -> None:
    sys.path.insert(0, str(GATE.parent))
    import gate

    baseline = json.loads((ROOT / "eval" / "baseline.json").read_text(encoding="utf-8"))
    assert set(baseline["floors"]) == set(gate.METRICS)
    assert baseline["leakage_max"] == 0


def _cv() -> Any:
    sys.path.insert(0, str(GATE.parent))
    import cv

    return cv


def test_cv_baseline_pins_every_cv_metric() -> None:
    cv = _cv()
    baseline = json.loads((ROOT / "eval" / "baseline.json").read_text(encoding="utf-8"))
    assert set(baseline["cv"]["floors"]) == set(cv.METRICS)


def test_cv_check_fails_a_low_mean_and_any_leaking_fold() -> None:
    cv = _cv()
    baseline: dict[str, object] = {"epsilon": 0.005, "cv": {"floors": {"claim_f1": 0.5}}}
    good = {name: 0.6 for name in cv.METRICS} | {"leakage": 0.0}
    assert cv.check(good, [good, good], baseline) == []
    low = good | {"claim_f1": 0.4}
    assert any("claim_f1" in line for line in cv.check(low, [good], baseline))
    leaky = good | {"leakage": 2.0}
    assert any("leaks" in line for line in cv.check(good, [good, leaky], baseline))


def test_cv_mean_keeps_the_worst_leakage() -> None:
    cv = _cv()
    rows = [{name: 0.5 for name in cv.METRICS} | {"leakage": leak} for leak in (0.0, 3.0)]
    assert cv.mean(rows)["leakage"] == 3.0


def test_cv_keys_every_trainer_in_training_order() -> None:
    cv = _cv()
    from train.__main__ import TRAINERS

    assert list(cv.DEPENDS) == [name.rsplit(".", 1)[-1] for name in TRAINERS]
    for globs in cv.DEPENDS.values():
        assert all(list(ROOT.glob(g)) for g in globs), globs


def test_cv_claims_key_moves_with_extraction_code_and_ner_key_does_not() -> None:
    cv = _cv()
    extraction = ("dossier/extract/*.py",)
    assert cv.code_hash(cv.DEPENDS["ner"]) != cv.code_hash(cv.DEPENDS["claims"])
    assert not any(p.match("dossier/extract/*.py") for g in cv.DEPENDS["ner"] for p in ROOT.glob(g))
    assert set(extraction) <= set(cv.DEPENDS["claims"])
