"""Was a party already listed when the act happened? One answer for CLI, API and reports.

Dates are ISO strings, possibly partial ("2023", "2023-05"): a partial date stands for its
whole period, so "2023" against a listing on 2023-06-01 is "unclear" rather than a guess.
"""

from __future__ import annotations

from typing import Literal

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
