"""Coverage-guided fuzzing (atheris), bounded: a few thousand runs per target.

Skipped where atheris has no wheel; the Hypothesis tests carry the example budget.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris", reason="atheris not installed (no wheel for this platform)")

SCRIPT = Path(__file__).with_name("atheris_targets.py")
ROOT = Path(__file__).resolve().parents[2]
RUNS = {"bytes": 3000, "jsonl": 5000, "text": 5000, "names": 5000}
BUDGET_MB = 2048
"""What a target may use. libFuzzer compares it with the process's peak RSS, which Linux
carries over from the parent across fork and exec, so the limit is this (large, late in
the run) pytest process's own peak plus the budget."""


def rss_limit_mb() -> int:
    """libFuzzer's -rss_limit_mb for a child of this process."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024 + BUDGET_MB


@pytest.mark.parametrize("target", sorted(RUNS))
def test_atheris_target_finds_no_crash(target: str, tmp_path: Path) -> None:
    command = [
        sys.executable,
        str(SCRIPT),
        target,
        f"-runs={RUNS[target]}",
        "-max_total_time=20",
        f"-rss_limit_mb={rss_limit_mb()}",
        f"-artifact_prefix={tmp_path}/",
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=120, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"Done {RUNS[target]} runs" in result.stderr, result.stderr[-3000:]
