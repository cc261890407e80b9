"""Time-aware screening of claims: was each party listed before or after the act?

One helper, `add_party_timings`, serves `dossier show`, the entity page and API, and
claim receipts: each dated claim gets `parties`, one per resolved party that has list
matches, each match with its listing date, programs and `designation_timing`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dossier.screen.timing import designation_timing

MatchesOf = Callable[[str], list[dict[str, Any]]]
"""Entity id → its list matches (rows of `queries.entity_matches`)."""

_MATCH_FIELDS = ("dataset", "list_id", "name", "programs", "listed_on", "ended_on", "score")


def _parties(claim: dict[str, Any], matches_of: MatchesOf) -> list[dict[str, Any]]:
    parties = []
    for role in ("subject", "object"):
        entity_id = claim.get(f"{role}_entity_id")
        matches = matches_of(entity_id) if entity_id else []
        if not matches:
            continue
        timed = [
            {
                **{k: m[k] for k in _MATCH_FIELDS},
                "timing": designation_timing(claim["date"], m["listed_on"], m["ended_on"]),
            }
            for m in matches
        ]
        parties.append(
            {"role": role, "entity_id": entity_id, "name": claim[role], "matches": timed}
        )
    return parties


def add_party_timings(claims: list[dict[str, Any]], matches_of: MatchesOf) -> list[dict[str, Any]]:
    """Give every dated claim its `parties`: listed parties with each match's timing
    (`listed_before`, `listed_after`, `delisted_before`, `unclear` or `unknown`).

    Undated claims get an empty list: there is no act date to compare with.
    `matches_of` is called once per distinct party.
    """
    cache: dict[str, list[dict[str, Any]]] = {}

    def cached(entity_id: str) -> list[dict[str, Any]]:
        if entity_id not in cache:
            cache[entity_id] = matches_of(entity_id)
        return cache[entity_id]

    for claim in claims:
        claim["parties"] = _parties(claim, cached) if claim.get("date") else []
    return claims
