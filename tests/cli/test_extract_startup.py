"""What one `dossier extract` loads: the extraction and reading code, no exporter, web or
query module (`LIGHT_COMMANDS` in `dossier/cli/__init__.py`). Whole-process extraction
speed is a goal (`bench/extract.py`), and start-up is part of every run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .probe import probe

# Packages an extraction never needs: the exporters' FollowTheMoney and NetworkX, the
# web server, the index compiler.
NOT_FOR_EXTRACT = ("followthemoney", "networkx", "fastapi", "uvicorn", "starlette", "numba")
PROBE = probe("extract")


def test_one_extract_loads_no_exporter_or_web_module(tmp_path: Path) -> None:
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "Iran sent drones to Russia."}) + "\n")
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(source)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = out.stdout.splitlines()
    assert json.loads(lines[0])["document"]["id"] == "a"
    modules = json.loads(lines[-1])
    loaded = [m for m in NOT_FOR_EXTRACT if m in modules]
    assert not loaded, f"one extract imported {loaded}"
