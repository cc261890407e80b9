"""The claim model comes from the models folder the caller names (a CV fold's), not from
the environment read deep inside extraction."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from dossier import pipeline
from dossier.model import Document

TEXT = (
    "The US Treasury imposed sanctions on Rosoboronexport on Tuesday. "
    "Iran supplied hundreds of drones to Russia last year, officials said."
)


def _folder_that_keeps_nothing(tmp_path: Path) -> Path:
    shipped = json.loads((pipeline.MODELS_DIR / "claims" / "model.json").read_text())
    shipped["bias"] = -1000.0
    shipped["weights"] = {}
    (tmp_path / "claims").mkdir(parents=True)
    (tmp_path / "claims" / "model.json").write_text(json.dumps(shipped))
    return tmp_path


def test_load_claim_model_reads_the_named_folder(tmp_path: Path) -> None:
    folder = _folder_that_keeps_nothing(tmp_path)
    model = pipeline.load_claim_model(folder)
    assert model is not None
    assert model.bias == -1000.0
    shipped = pipeline.load_claim_model("")
    assert shipped is not None
    assert shipped.bias != -1000.0
    assert pipeline.load_claim_model(tmp_path / "absent") is None


def test_analyzer_scores_claims_with_its_own_model(nlp: Any, tmp_path: Path) -> None:
    doc = Document(id="t", text=TEXT, body_start=0, body_end=len(TEXT))
    (shipped,) = pipeline.Analyzer(nlp).analyse([doc])
    assert shipped.claims, "the shipped model keeps the sanction and the supply"
    folder = _folder_that_keeps_nothing(tmp_path / "fold")
    strict = pipeline.Analyzer(nlp, claim_model=pipeline.load_claim_model(folder))
    (none,) = strict.analyse([doc])
    assert not none.claims
    assert [e.name for e in none.entities] == [e.name for e in shipped.entities]
    shutil.rmtree(folder)
