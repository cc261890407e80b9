"""Was a party already listed when the act happened? One answer for CLI, API and reports.

Dates are ISO strings, possibly partial ("2023", "2023-05"): a partial date stands for
its whole period, so "2023" against a listing on 2023-06-01 is "unclear" rather than a
guess (`designation_timing`).

One helper, `add_party_timings`, serves `dossier show`, the entity page and API, and
claim receipts: each dated claim gets `parties`, one per resolved party that has list
matches, each match with its listing date, programs and `designation_timing`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

Timing = Literal["listed_before", "listed_after", "delisted_before", "unclear", "unknown"]


def _bounds(date: str) -> tuple[str, str]:
    """The first and last day a (possibly partial) ISO date can stand for."""
    parts = date.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-01-01", f"{parts[0]}-12-31"
    if len(parts) == 2:
        return f"{date}-01", f"{date}-31"
    return date, date


def designation_timing(act: str | None, listed_on: str | None, ended_on: str | None) -> Timing:
    """Whether the listing (`listed_on`, ended `ended_on`) was in force on the act's date.

    `listed_before`: listed on or before the act (and not delisted by then);
    `listed_after`: listed only after the act; `delisted_before`: the listing had ended.
    """
    if not act or not listed_on:
        return "unknown"
    first, last = _bounds(act)
    if ended_on and _bounds(ended_on)[1] < first:
        return "delisted_before"
    if _bounds(listed_on)[1] <= first:
        return "listed_before"
    if _bounds(listed_on)[0] > last:
        return "listed_after"
    return "unclear"


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
