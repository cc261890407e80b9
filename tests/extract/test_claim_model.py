"""The claim model's second stage: each candidate's score read against its sentence's."""

from __future__ import annotations

import json

from dossier.extract.claim_model import Candidate, ClaimModel, Linear, rank_features, shipped_model
from dossier.model import Claim, Evidence, Predicate

_EVIDENCE = Evidence("Iran sent drones to Russia.", 0, 27)


def _candidate(subject: str, predicate: Predicate, trigger_i: int, weight: float) -> Candidate:
    claim = Claim(subject, predicate, None, _EVIDENCE)
    return Candidate(claim, {"w": weight}, trigger_i)


def _sentence() -> list[Candidate]:
    return [
        _candidate("Iran", Predicate.SUPPLY, 1, 1.0),
        _candidate("Russia", Predicate.SUPPLY, 1, 0.5),
        _candidate("Iran", Predicate.STATEMENT, 3, -1.0),
    ]


def test_rank_features_mark_the_best_of_trigger_and_sentence() -> None:
    feats = rank_features(_sentence(), [0.8, 0.3, 0.1])
    assert feats[0]["sentence_best"] == feats[0]["trigger_best"] == 1.0
    assert feats[1]["sentence_best"] == feats[1]["trigger_best"] == 0.0
    assert feats[2]["trigger_best"] == 1.0  # alone on its trigger
    assert feats[0]["margin_best"] == 0.0 > feats[1]["margin_best"]
    assert feats[0]["margin_rival"] > 0 > feats[1]["margin_rival"]
    assert feats[0]["rank=0"] == feats[1]["rank=1"] == feats[2]["rank=2"] == 1.0
    assert all(f["ncand=4"] == 1.0 for f in feats)


def test_rank_features_of_an_empty_sentence_are_empty() -> None:
    assert rank_features([], []) == []


def test_second_stage_rescores_a_sentence() -> None:
    model = ClaimModel({"w": 2.0}, bias=0.0, rerank=Linear({"sentence_best": 4.0}, -2.0))
    probs = model.sentence_probabilities(_sentence())
    assert probs[0] > 0.8
    assert max(probs[1:]) < 0.2
    alone = ClaimModel({"w": 2.0}, bias=0.0)
    assert alone.sentence_probabilities(_sentence())[1] > 0.5  # the first stage alone


def test_second_stage_round_trips() -> None:
    model = ClaimModel({"w": 2.0}, 0.1, 0.3, 0.4, {"x": 1}, Linear({"score": 0.7}, -0.2))
    again = ClaimModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.rerank == model.rerank
    assert again.sentence_probabilities(_sentence()) == model.sentence_probabilities(_sentence())
    plain = ClaimModel.from_json(json.loads(json.dumps(ClaimModel({"w": 1.0}, 0.0).to_json())))
    assert plain.rerank is None


def test_shipped_claim_model_has_its_second_stage() -> None:
    model = shipped_model()
    assert model is not None
    assert model.rerank is not None
    assert model.meta["rerank_C"] > 0
