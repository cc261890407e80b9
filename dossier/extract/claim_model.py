"""Which candidate claims a sentence makes: features of a (trigger, subject) pair and a
trained linear model that scores them.

The rules in `claims` and `triggers` propose candidates: every trigger word of the
sentence with every actor it names (and the actor discourse carries in: the last
sanctioning authority, "he"). What decides among them is learned from the annotated
reports (`train/claims.py`): the dependency path from the subject to the trigger, the
voice, the preposition that introduces the subject ("from", "on", "by"), the trigger's
lemma, the subject's type, whether the subject is the outlet, the audience or a
speaker, and whether the hand rules chose it. The model is a logistic regression whose
weights ship as JSON (`dossier/data/models/claims/model.json`): scoring is a dictionary
lookup per feature, no scikit-learn at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from dossier.model import Claim

MODEL_FILE = "claims/model.json"
# The shipped artefact; `dossier.pipeline.load_claim_model` reads another folder (a CV fold's).
_PACKAGED = Path(__file__).resolve().parent.parent / "data" / "models"
_MAX_PATH = 4


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible claim of a sentence and what the model reads about it."""

    claim: Claim
    features: dict[str, float]
    trigger_i: int
    """Token index of the trigger in the parsed body."""
    subject: Any = None
    """The subject entity (the claim holds only its name)."""


@dataclass(slots=True)
class Linear:
    """A logistic regression over named features."""

    weights: dict[str, float]
    bias: float

    def probability(self, features: dict[str, float]) -> float:
        """The model's probability for one feature set."""
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict[str, Any]:
        """Bias and weights sorted by name, so retraining diffs cleanly."""
        weights = {k: round(v, 5) for k, v in sorted(self.weights.items()) if v}
        return {"bias": self.bias, "weights": weights}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Linear:
        """Read what `to_json` wrote."""
        return cls({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]))


@dataclass(slots=True)
class ClaimModel:
    """Logistic regression over named features, and optionally a second stage that reads
    each candidate's first score against the sentence's other candidates (`rank_features`);
    `threshold` and `second` are tuned by cross-validation."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    second: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)
    rerank: Linear | None = None

    def probability(self, features: dict[str, float]) -> float:
        """The first stage: P(the candidate is a claim the annotators would list)."""
        return Linear(self.weights, self.bias).probability(features)

    def sentence_probabilities(self, candidates: list[Candidate]) -> list[float]:
        """The probability of each of a sentence's candidates, after the second stage."""
        first = [self.probability(c.features) for c in candidates]
        if self.rerank is None:
            return first
        return [self.rerank.probability(f) for f in rank_features(candidates, first)]

    def to_json(self) -> dict[str, Any]:
        """The artefact: weights sorted by name, so retraining diffs cleanly."""
        out = {"meta": self.meta, "threshold": self.threshold, "second": self.second}
        out.update(Linear(self.weights, self.bias).to_json())
        if self.rerank is not None:
            out["rerank"] = self.rerank.to_json()
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClaimModel:
        """Read the artefact written by `to_json`."""
        first = Linear.from_json(data)
        meta = dict(data.get("meta") or {})
        threshold = float(data.get("threshold", 0.5))
        second = float(data.get("second", threshold))
        rerank = Linear.from_json(data["rerank"]) if data.get("rerank") else None
        return cls(first.weights, first.bias, threshold, second, meta, rerank)


def rank_features(candidates: list[Candidate], probs: list[float]) -> list[dict[str, float]]:
    """What the second stage reads of each candidate: its first score (as a logit, also
    per predicate), its rank in the sentence, whether it is the best of its trigger and of
    the sentence, its margin to the best and to the best other (predicate, subject), and
    how many candidates the sentence has. The first stage scores every candidate alone;
    which one of a sentence the annotators list depends on the others."""
    groups: dict[tuple[str, int], float] = {}
    for cand, p in zip(candidates, probs, strict=True):
        key = (cand.claim.predicate.value, cand.trigger_i)
        groups[key] = max(p, groups.get(key, 0.0))
    order = sorted(range(len(probs)), key=lambda n: -probs[n])
    rank = {n: r for r, n in enumerate(order)}
    best = max(probs, default=0.5)
    top = _logit(best)
    out = []
    for n, (cand, p) in enumerate(zip(candidates, probs, strict=True)):
        pair = (cand.claim.predicate, cand.claim.subject)
        rival = [
            q
            for c, q in zip(candidates, probs, strict=True)
            if (c.claim.predicate, c.claim.subject) != pair
        ]
        z, pred = _logit(p), f"p={cand.claim.predicate.value}"
        out.append(
            {
                "score": z,
                f"{pred}&score": z,
                pred: 1.0,
                f"rank={bucket(rank[n], (0, 1, 2, 4))}": 1.0,
                "trigger_best": float(p >= groups[(cand.claim.predicate.value, cand.trigger_i)]),
                "sentence_best": float(p >= best),
                "margin_best": z - top,
                "margin_rival": z - (_logit(max(rival)) if rival else -5.0),
                f"ncand={bucket(len(candidates), (1, 2, 4, 8, 16))}": 1.0,
            }
        )
    return out


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1.0 - 1e-6)
    return math.log(p / (1.0 - p))


@cache
def load_model(directory: Path) -> ClaimModel | None:
    """The claim model in `directory` (read once per process), or None if there is none:
    then the hand rules alone decide, as before the model existed."""
    path = directory / MODEL_FILE
    if not path.is_file():
        return None
    return ClaimModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def shipped_model() -> ClaimModel | None:
    """The model shipped in the package (`make train` rebuilds it)."""
    return load_model(_PACKAGED)


def select_candidates(candidates: list[Candidate], model: ClaimModel) -> list[Candidate]:
    """The candidates the model keeps for the sentence (see `select_scored`)."""
    probs = model.sentence_probabilities(candidates)
    kept = select_scored(candidates, probs, model.threshold, model.second)
    return [candidates[n] for n in kept]


def select(candidates: list[Candidate], model: ClaimModel) -> list[Claim]:
    """The claims (as proposed) of the candidates the model keeps."""
    return [c.claim for c in select_candidates(candidates, model)]


def select_scored(
    candidates: list[Candidate], probs: list[float], threshold: float, second: float
) -> list[int]:
    """Indices of the kept candidates: the best of each (predicate, subject) pair, the
    likeliest if it reaches `threshold`, any other only if it reaches `second` (most
    sentences make one main claim; a second needs stronger evidence), in the sentence's
    order."""
    doers = _one_doer(candidates, probs)
    best: dict[tuple[str, str], tuple[float, int]] = {}
    for n, (cand, p) in enumerate(zip(candidates, probs, strict=True)):
        if n not in doers:
            continue
        key = (cand.claim.predicate.value, cand.claim.subject)
        if key not in best or p > best[key][0]:
            best[key] = (p, n)
    ranked = sorted(best.values(), reverse=True)
    kept = [n for rank, (p, n) in enumerate(ranked) if p >= (threshold if rank == 0 else second)]
    return sorted(kept)


def _one_doer(candidates: list[Candidate], probs: list[float]) -> set[int]:
    """One act has one doer: of the candidates sharing a trigger and predicate, the
    likeliest, and beside it only subjects the parse coordinates with it ("the US, the EU
    and Britain imposed"), never the speaker or the audience next to the doer."""
    groups: dict[tuple[str, int], list[int]] = {}
    for n, cand in enumerate(candidates):
        groups.setdefault((cand.claim.predicate.value, cand.trigger_i), []).append(n)
    kept: set[int] = set()
    for members in groups.values():
        top = max(members, key=lambda n: probs[n])
        kept.add(top)
        if candidates[top].features.get(_PARSED):
            kept.update(n for n in members if candidates[n].features.get(_PARSED))
    return kept


_PARSED = "src=parsed"


# ---------------------------------------------------------------- parse features


def dependency_path(source: Any, target: Any) -> str:
    """The labelled path from `source` up to the lowest common head and down to `target`.

    "Drones were sent to Russia by Iran" from Iran to "sent": `pobj^agent(by)^`; from
    Russia: `pobj(to)^prep^`. Paths longer than four steps read as `far`.
    """
    up = [source, *source.ancestors]
    up_index = {t.i: n for n, t in enumerate(up)}
    down: list[Any] = []
    for t in [target, *target.ancestors]:
        if t.i in up_index:
            steps = [_step(x) + "^" for x in up[: up_index[t.i]]]
            steps += [_step(x) + "v" for x in reversed(down)]
            if len(steps) > _MAX_PATH:
                return "far"
            return "".join(steps) or "self"
        down.append(t)
    return "far"


def _step(tok: Any) -> str:
    """A dependency label, with the preposition for a prepositional object."""
    if tok.dep_ == "pobj":
        return f"pobj({tok.head.lower_})"
    if tok.dep_ == "agent":
        return "agent"
    return str(tok.dep_)


def span_head(doc: Any, start: int, end: int) -> Any:
    """The token of the char span [start, end) (body offsets) highest in the parse."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return doc[0]
    return span.root


def bucket(n: int, edges: tuple[int, ...] = (0, 1, 2, 3, 5, 8, 13)) -> str:
    """A small integer as a coarse range, so a linear model can weigh it."""
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def crossed(features: dict[str, float], key: str) -> dict[str, float]:
    """Every feature also conjoined with `key` (the predicate): "path=nsubj^ for sanction"
    weighs differently from the same path for a visit."""
    out = dict(features)
    for name, value in features.items():
        out[f"{key}&{name}"] = value
    out[key] = 1.0
    return out
