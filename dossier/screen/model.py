"""The learned pair scorer: a logistic regression over the comparison's features.

The comparison (`algorithms.compare_names`) aligns two names and measures what the
alignment leaves: similarity, the share of each name's weight aligned, how words were
regrouped (acronym, joined, split), countries qualifying one name against the other,
a person's surname agreeing alone. How much each of these is worth is not set by hand:
`train/screen.py` fits it on judged name pairs and on the candidates that screening
finds for judged queries, as nomenklatura's regression matcher and Splink do, and
ships the coefficients as JSON (`dossier/data/models/screening.json`: small, diffable,
no pickle), with the data it was fitted on (sha256 of every file) and the command.

The score is the model's probability that the two names name the same party; the
match threshold is the one chosen under cross-validation (false matches at most 2% on
the training queries and yente's made-up people). Each explanation lists every
feature's contribution to the log-odds (coefficient × value), strongest first, as
yente's `explanations` do.

This module does no I/O beyond reading the shipped JSON once, and never imports
scikit-learn: the product only multiplies and adds.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from pathlib import Path

from dossier.screen.algorithms import (
    EVIDENCE_FROM,
    NameScore,
    Weigher,
    compare_names,
    content_len,
    default_weight,
)

# Every feature, with the words an explanation uses for it.
FEATURES: dict[str, str] = {
    "base": "alignment score (rarity-weighted, hand-set penalties)",
    "base_over_80": "alignment score above 0.8",
    "base_over_90": "alignment score above 0.9",
    "base_over_97": "alignment score above 0.97",
    "similarity": "spelling similarity of the aligned words",
    "weakest_aligned": "how far the least alike aligned words fall under one typo (0.9)",
    "query_coverage": "share of the query's weight aligned",
    "name_coverage": "share of the listed name's weight aligned",
    "both_unaligned": "both names keep words the other lacks",
    "one_unaligned": "one name has extra words",
    "joined": "the names are equal written without spaces",
    "joined_typo": "the names are one typo apart without spaces",
    "acronym": "an acronym was read as the words it spells",
    "regrouped": "two words were read as one",
    "skeletal": "compared by consonants (Arabic, Persian or Hebrew script)",
    "numbers_disagree": "the names carry different numbers",
    "capped": "the aligned words cannot identify a party alone",
    "one_word_query": "a one-word name against a longer one",
    "one_word_each": "two one-word names",
    "one_word_inexact": "a one-word name spelled differently (a near-spelling, not the name)",
    "listed_one_word_inexact": "a one-word near-spelling of a listed name (screening)",
    "short_name": "a name of four letters or fewer, not the same words (an acronym's near miss)",
    "extra_words": "difference in the number of words",
    "query_unaligned": "words of the query left unaligned",
    "name_unaligned": "words of the listed name left unaligned",
    "listed": "compared with list statistics (screening, not a lone pair)",
    "query_unaligned_weight": "rarity of the query's unaligned words in the lists",
    "name_unaligned_weight": "rarity of the listed name's unaligned words in the lists",
    "rarest_aligned": "rarity in the lists of the rarest aligned word",
    "country_conflict": "each name is qualified by a different country",
    "country_one_side": "one name is qualified by a country the other lacks",
    "country_agrees": "both names are qualified by the same country",
    "given_name_differs": "only the surname agrees (a namesake)",
    "patronymic_extra": "the listed name's extra words are patronymics or honorifics",
    "person": "a person's name",
    "person_one_word": "a person named by one word",
    "reading": "read from Han characters or Hangul",
    "lead": "alignment score's lead over the next record of the same list",
    "rivals": "other records of the same list whose names align as well (namesakes)",
    "exact": "the names are the same words",
    "person_nickname": "a one-word alias of a person listed under a longer name",
    "head_of_name": "one name is the leading words of the other",
    "tail_of_name": "one name is the last words of the other",
    "words_inserted": "an organisation's name with words inserted in the other",
    "patronyms_swapped": "a person's name and father's name swapped (A bin B / B bin A)",
    "head_qualified": "one name is the other's leading words, qualified ('... of X')",
    "repeat_left_over": "a word repeated in one name stands against another word",
    "forms_substituted": "each name keeps only a legal form the other lacks (JSC / Corporation)",
    "kinds_substituted": "a body's kind word written as another of its class (Airlines / Air)",
    "numbers_kin": "a judged pair of names alike but for their numbers (one family of names)",
}
FLAGS = (
    "acronym",
    "regrouped",
    "skeletal",
    "numbers_disagree",
    "capped",
    "joined_typo",
    "country_conflict",
    "country_one_side",
    "country_agrees",
    "given_name_differs",
    "patronymic_extra",
    "head_of_name",
    "tail_of_name",
    "words_inserted",
    "patronyms_swapped",
    "head_qualified",
    "repeat_left_over",
    "forms_substituted",
    "kinds_substituted",
)
# One name a part of the other (`algorithms._part_of`).
PARTS = ("head_of_name", "tail_of_name", "words_inserted")
# Under this alignment score two names are not the same party (no judged pair or
# candidate under it is a match often enough to learn from): the model is not asked,
# the score is 0, and training leaves such pairs out.
MODEL_FLOOR = EVIDENCE_FROM
MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "models" / "screening.json"


class KnownBy(IntEnum):
    """How an organisation's record is known by the query's words, where the query is
    short of the matched name (`screener.in_every_name`)."""

    PART = 0  # the query is a part of the matched name
    EVERY_NAME = 1  # every name of the record carries all the query's words
    SHARED_WORDS = 2  # and they are all the words its names share ("Kupol")


@dataclass(frozen=True, slots=True)
class PairModel:
    """Logistic-regression coefficients over `FEATURES`, and the match thresholds:
    `threshold` for screening (false matches at most 2% under cross-validation),
    `pair_threshold` for judged pairs (`dossier compare`: the best F1)."""

    coefficients: Mapping[str, float]
    intercept: float
    threshold: float
    pair_threshold: float

    def log_odds(self, values: Mapping[str, float]) -> float:
        """The intercept plus every feature's contribution."""
        total = self.intercept
        weights = self.coefficients
        for name, value in values.items():
            if value:
                total += weights.get(name, 0.0) * value
        return total

    def probability(self, values: Mapping[str, float]) -> float:
        """The probability that the two names name one party."""
        return _sigmoid(self.log_odds(values))

    def contributions(self, values: Mapping[str, float]) -> list[tuple[str, float]]:
        """(feature, coefficient × value) of every feature that moved the score."""
        found = [(n, self.coefficients.get(n, 0.0) * v) for n, v in values.items()]
        return sorted((f for f in found if abs(f[1]) >= 0.005), key=lambda f: -abs(f[1]))


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@dataclass(frozen=True, slots=True)
class Rivals:
    """How a record's alignment score stands among the other records screening found
    for the same query (`rivals_of`); a lone pair has none."""

    lead: float = 0.0
    rivals: int = 0


def rivals_of(found: list[tuple[float, str, str]]) -> list[Rivals]:
    """For each (alignment score, dataset, matched name) found for one query: its lead
    over the best other record of the same list, and how many of those come within
    0.02 of it. One record named "Zvezda" among three of one list is no answer; the
    same name in two lists is most often one party listed twice, so other lists are no
    rivals, and nor are records of the same list matched by the same name (one party
    listed under two programmes: EU-RUS and EU-UKR)."""
    found_rivals: list[Rivals] = []
    for i, (score, dataset, name) in enumerate(found):
        others = [s for j, (s, d, n) in enumerate(found) if j != i and d == dataset and n != name]
        lead = score - max(others, default=0.0)
        close = sum(1 for o in others if o >= score - 0.02)
        found_rivals.append(Rivals(max(-0.3, min(0.3, lead)), close))
    return found_rivals


def is_nickname(schema: str, alias: tuple[str, ...], primary: tuple[str, ...]) -> bool:
    """Whether a record's matched name is a person's one-word alias under a longer
    listed name: a nickname or part of a kunya ("SANA" of "ABD EL-RAHMAN, Suhayl
    Salim"), which many people and things share, unlike the one word an organisation
    is listed under ("IRGC")."""
    return schema == "Person" and content_len(alias) == 1 and content_len(primary) >= 2


def pair_features(
    scored: NameScore,
    schema: str,
    listed: bool,
    rivals: Rivals = Rivals(),
    nickname: bool = False,
    in_every_name: KnownBy = KnownBy.PART,
) -> dict[str, float]:
    """The model's features of one comparison, from its explanation's features.

    `listed`: the words were weighed by list statistics (screening). Rarity features
    are then the words' weights; without statistics (`dossier compare`: every word
    weighs 1) they are 0 and `listed` is 0, so that the two kinds of comparison share
    every other feature and differ only in the prior the model learns for each.
    `nickname`: the matched name is a person's one-word alias (`is_nickname`).
    `in_every_name`: every name of the organisation's record carries all
    the query's words, where the query is short of the matched name
    (`screener.in_every_name`): the words it is known by ("Kupol" in each of a plant's
    nine names), so that the query is no mere part of the matched name and `PARTS` do
    not count against it. Where they are also all the words its names share, a one-word
    query is the record's own name, not a word of a longer one: `one_word_query` does
    not count either ("BRICS" in every name of "BRICS Journalist Association" still
    does: the names share "Journalist Association" too).
    """
    found = scored.explanation.get("features")
    f: Mapping[str, float] = found if isinstance(found, dict) else {}
    joined = "joined" in f
    similarity = float(f.get("similarity", 1.0 if joined else 0.0))
    coverage = (f.get("query_coverage", float(joined)), f.get("name_coverage", float(joined)))
    words = (f.get("query_words", 0.0), f.get("name_words", 0.0))
    person = schema == "Person"
    rarity = float(listed)
    # The same words, or the same letters (a one-word name's exact match is scored by
    # the joined path): a short name is then the name, not an acronym's near miss.
    exact_words = similarity >= 1.0 and min(coverage) >= 0.999 and not joined
    # A short query written in capitals is an acronym, as reports write them ("IRGC",
    # not "Sana"): its exact match is the name, not an acronym's near miss.
    exact_acronym = scored.score >= 1.0 and f.get("query_capitals", 0.0) > 0
    values = {
        "base": scored.score,
        "base_over_80": max(0.0, scored.score - 0.8),
        "base_over_90": max(0.0, scored.score - 0.9),
        "base_over_97": max(0.0, scored.score - 0.97),
        "similarity": similarity,
        "weakest_aligned": -max(0.0, 0.9 - float(f.get("weakest_aligned", similarity))),
        "query_coverage": float(coverage[0]),
        "name_coverage": float(coverage[1]),
        "both_unaligned": float("substitution" in f),
        "one_unaligned": float("extra_tokens" in f),
        "joined": float(joined and "joined_typo" not in f),
        "one_word_query": float(min(words) == 1 < max(words)),
        "one_word_each": float(max(words) == 1),
        "one_word_inexact": float(min(words) == 1 and similarity < 1.0),
        "listed_one_word_inexact": rarity * float(min(words) == 1 and similarity < 1.0),
        "short_name": float(
            0 < f.get("query_letters", 99.0) <= 4 and not (exact_words or exact_acronym)
        ),
        "extra_words": math.log1p(abs(words[0] - words[1])),
        "query_unaligned": min(float(f.get("query_unaligned", 0.0)), 5.0),
        "name_unaligned": min(float(f.get("name_unaligned", 0.0)), 5.0),
        "listed": float(listed),
        "query_unaligned_weight": rarity * min(float(f.get("query_unaligned_weight", 0.0)), 5.0),
        "name_unaligned_weight": rarity * min(float(f.get("name_unaligned_weight", 0.0)), 5.0),
        "rarest_aligned": rarity * float(f.get("rarest_aligned", 1.0 if joined else 0.0)),
        "person": float(person),
        "person_one_word": float(person and min(words) == 1),
        "reading": float("reading" in scored.explanation),
        "exact": float(scored.score >= 1.0),
        "lead": rivals.lead,
        "rivals": math.log1p(rivals.rivals),
        "person_nickname": float(nickname),
        # Judged pairs call names that differ only by a number one family ("Fund VII" /
        # "Fund VIII": 11 of name-bench's 12 such pairs are true); screening never
        # matches them (`numbers_disagree` is held <= 0 and this is 0 there).
        "numbers_kin": (1.0 - rarity) * float(f.get("numbers_disagree", 0.0) > 0),
    }
    values.update({flag: float(f.get(flag, 0.0) > 0) for flag in FLAGS})
    if in_every_name:  # the words the record is known by, not a part of one of its names
        values.update(dict.fromkeys(PARTS, 0.0))
    if in_every_name == KnownBy.SHARED_WORDS:
        values["one_word_query"] = 0.0
    return values


@lru_cache(maxsize=1)
def load_model() -> PairModel:
    """The shipped model (`dossier/data/models/screening.json`)."""
    return model_from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


def model_from_json(data: Mapping[str, object]) -> PairModel:
    """A model from its JSON form (`train/screen.py` writes it)."""
    coefficients = data["coefficients"]
    if not isinstance(coefficients, dict):
        raise ValueError("model JSON: 'coefficients' must be an object")
    unknown = set(coefficients) - set(FEATURES)
    if unknown:
        raise ValueError(f"model JSON: unknown features {sorted(unknown)}")
    numbers = [data.get(key) for key in ("intercept", "threshold", "pair_threshold")]
    if not all(isinstance(n, int | float) for n in numbers):
        raise ValueError("model JSON: 'intercept' and both thresholds must be numbers")
    intercept, threshold, pair_threshold = (float(n) for n in numbers)  # type: ignore[arg-type]
    weights = {str(k): float(v) for k, v in coefficients.items()}
    return PairModel(weights, intercept, threshold, pair_threshold)


def rescore(
    scored: NameScore,
    schema: str,
    listed: bool,
    rivals: Rivals = Rivals(),
    model: PairModel | None = None,
    nickname: bool = False,
    in_every_name: KnownBy = KnownBy.PART,
) -> NameScore:
    """A comparison scored by the model, its explanation listing each contribution."""
    if scored.score < MODEL_FLOOR:
        return NameScore(0.0, {**scored.explanation, "alignment_score": scored.score})
    model = model or load_model()
    values = pair_features(scored, schema, listed, rivals, nickname, in_every_name)
    probability = round(model.probability(values), 4)
    contributions = [
        {
            "feature": name,
            "says": FEATURES[name],
            "value": round(values[name], 3),
            "log_odds": round(c, 3),
        }
        for name, c in model.contributions(values)
    ]
    explanation = {
        **scored.explanation,
        "alignment_score": scored.score,
        "contributions": contributions,
    }
    return NameScore(probability, explanation)


def score_pair(
    query: str,
    candidate: str,
    weight: Weigher = default_weight,
    schema: str = "Any",
    model: PairModel | None = None,
) -> NameScore:
    """The model's probability that two names name one party, explained."""
    scored = compare_names(query, candidate, weight, schema)
    return rescore(scored, schema, weight is not default_weight, model=model)
