"""Screen names against an index of list records; results carry their explanation."""

from __future__ import annotations

from dataclasses import dataclass

from dossier.model import MatchResult
from dossier.screen.algorithms import compare_names
from dossier.screen.index import NameIndex

SCHEMA_GROUPS = {
    "Person": {"Person"},
    "Organization": {"Organization", "Company", "LegalEntity"},
    "Any": None,
}


@dataclass(frozen=True, slots=True)
class ScreenConfig:
    """How screening scores and cuts results."""

    threshold: float = 0.8
    limit: int = 5
    schema: str = "Any"


def _comparison_schema(schema: str) -> str:
    """People are compared as people; everything else as an organisation's name."""
    return "Person" if schema == "Person" else "Organization"


def screen_name(index: NameIndex, query: str, cfg: ScreenConfig) -> list[MatchResult]:
    """Return the best-scoring records for `query`, best first, one result per record."""
    allowed = SCHEMA_GROUPS.get(cfg.schema)
    best: dict[int, MatchResult] = {}
    for name_no in index.candidates(query):
        record_no, name = index.names[name_no]
        record = index.records[record_no]
        if allowed is not None and record.schema not in allowed:
            continue
        scored = compare_names(query, name, index.weight, _comparison_schema(record.schema))
        previous = best.get(record_no)
        if previous is not None and previous.score >= scored.score:
            continue
        explanation = {"matched_name": name, **scored.explanation}
        best[record_no] = MatchResult(
            record, scored.score, scored.score >= cfg.threshold, explanation
        )
    ranked = sorted(best.values(), key=lambda r: (-r.score, r.record.dataset, r.record.list_id))
    return ranked[: cfg.limit]
