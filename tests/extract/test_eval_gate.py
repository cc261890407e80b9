"""The extraction quality gate: dev-split metrics must stay at or above the pinned floors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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
