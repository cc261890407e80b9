"""Normalise date expressions in a sentence against the publication date.

Returns ISO strings at the precision the text gives: `YYYY`, `YYYY-MM` or
`YYYY-MM-DD`. Relative expressions ("Thursday", "last month", "yesterday") need the
publication date and resolve to the most recent such day or month on or before it.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "mdy",
        re.compile(
            rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
        ),
    ),
    (
        "my",
        re.compile(
            rf"\b(?:in|since|by|of|from|until|early|late|mid-?)\s+{_MONTH}(?:,?\s+(?P<year>(?:19|20)\d\d))?\b",
            re.IGNORECASE,
        ),
    ),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>\d\d)-(?P<day>\d\d)\b")),
    (
        "weekday",
        re.compile(
            r"\b(?:on\s+|last\s+|this\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
        ),
    ),
    ("relday", re.compile(r"\b(?P<rel>yesterday|today)\b", re.IGNORECASE)),
    ("relmonth", re.compile(r"\b(?P<rel>last|this|earlier this|next)\s+month\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(?:in|since|during|of|by)\s+(?P<year>(?:19|20)\d\d)\b")),
]


def parse_iso(value: str | None) -> dt.date | None:
    """Parse `YYYY-MM-DD`, or return None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def find_date(sentence: str, published: dt.date | None) -> str | None:
    """Return the first date the sentence states, normalised, or None."""
    found = find_date_at(sentence, published)
    return found[1] if found else None


def find_date_at(sentence: str, published: dt.date | None) -> tuple[int, str] | None:
    """Return where the first date of the sentence starts, and the date normalised."""
    best: tuple[int, str] | None = None
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            value = _resolve(kind, m, published)
            if value and (best is None or m.start() < best[0]):
                best = (m.start(), value)
            break
    return best


def _resolve(kind: str, m: re.Match[str], published: dt.date | None) -> str | None:
    groups = m.groupdict()
    if kind in ("mdy", "dmy"):
        return _day(
            MONTHS[groups["month"].casefold().rstrip(".")],
            int(groups["day"]),
            groups.get("year"),
            published,
        )
    if kind == "my":
        return _month(MONTHS[groups["month"].casefold().rstrip(".")], groups.get("year"), published)
    if kind == "iso":
        return m.group() if parse_iso(m.group()) else None  # "2022-02-30" is no date
    if kind == "year":
        return groups["year"]
    if published is None:
        return None
    if kind == "weekday":
        back = (published.weekday() - WEEKDAYS.index(groups["weekday"].casefold())) % 7
        return (published - dt.timedelta(days=back)).isoformat()
    if kind == "relday":
        delta = 1 if groups["rel"].casefold() == "yesterday" else 0
        return (published - dt.timedelta(days=delta)).isoformat()
    return _relative_month(groups["rel"].casefold(), published)


def _day(month: int, day: int, year: str | None, published: dt.date | None) -> str | None:
    if year:
        resolved = int(year)
    elif published:
        after = (month, day) > (published.month, published.day)
        resolved = published.year - 1 if after else published.year
    else:
        return None
    try:
        return dt.date(resolved, month, day).isoformat()
    except ValueError:
        return None


def _month(month: int, year: str | None, published: dt.date | None) -> str | None:
    if year:
        return f"{int(year):04d}-{month:02d}"
    if published is None:
        return None
    resolved = published.year if month <= published.month else published.year - 1
    return f"{resolved:04d}-{month:02d}"


def _relative_month(rel: str, published: dt.date) -> str:
    year, month = published.year, published.month
    if rel == "last":
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    elif rel == "next":
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return f"{year:04d}-{month:02d}"
