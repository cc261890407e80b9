"""The lead lines of a plain-text report read as metadata: headline, date, byline, outlet.

Texts pasted from a news page open with what the page printed above the story:

    Drone plant expands with Iranian help            <- headline (line one)
    February 10, 2023                                <- date line
    By Jane Doe and John Roe                         <- byline
    Source: Example Wire                             <- outlet line
    KAZAN, Feb 10 (Example Wire) - Russia is ...     <- dateline: the outlet in brackets

The rules are about the shape of a line, never its words: a date line is nothing but a
date (with an optional weekday, time or `Published:`); a byline starts with `By` and
then capitalised names; an outlet line is `Source:`/`Outlet:`/`Publication:`; a headline
is a short first line without closing punctuation, followed by a blank line or another
lead line. The text is never changed; these lines stay in the body (a headline can
carry a claim).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_PREFIX = r"(?:(?:Published|Updated|Posted|Date|First published)(?:\s+on)?\s*:?\s*)?"
_TIME = r"(?:\s*(?:[,|·•]|-|–|at)?\s*\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,5})?)?"
_DATE_LINE = re.compile(
    rf"^{_PREFIX}{_WEEKDAY}(?:"
    rf"(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH}),?\s+(?P<y2>\d{{4}})"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
    rf"|(?P<m3>{_MONTH})\s+(?P<y3>\d{{4}})"
    rf"){_TIME}\s*$",
    re.IGNORECASE,
)
_NAME = r"[A-Z][\w.'’-]*"
_NAMES = rf"{_NAME}(?:\s+(?:{_NAME}|de|van|von|al|el|bin))*"  # one person's name
_BYLINE = re.compile(
    rf"^By:?\s+(?P<who>{_NAMES}(?:,\s+{_NAMES})*,?\s+(?:and|&)\s+{_NAMES}|{_NAMES})"
    r"(?:\s*(?:[|,–—]|\s-\s)\s*(?P<outlet>[A-Z][^|]{1,40}))?\s*$"
)
_OUTLET_LINE = re.compile(r"^(?:Source|Outlet|Publication|Publisher|Published by)\s*:\s*(.{2,80})$")
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'’-]{1,40}(?:,\s*[A-Z][\w .]{1,30})?(?:,\s*[^()]{3,20})?"
    r"\s*\((?P<outlet>[A-Z][\w&.’' -]{1,30})\)\s*[-—–:]"
)
# Page chrome pasted above a story: never its headline, skipped when reading the lead.
_CHROME = re.compile(
    r"^(?:skip to (?:main )?(?:content|navigation)|(?:main )?menu|search|home|close|share"
    r"|sign (?:in|up)|log ?in|subscribe(?: now)?|advertisement|breaking(?: news)?)\W*$",
    re.IGNORECASE,
)
_MAX_HEADLINE = 200
_LEAD_LINES = 6  # lines read before giving up: headline, kicker, date, byline, outlet


@dataclass(frozen=True, slots=True)
class Heading:
    """What the lead lines say; None where they say nothing."""

    title: str | None = None
    published: str | None = None
    author: str | None = None
    site: str | None = None


def read_heading(text: str) -> Heading:
    """Read the headline, date, byline and outlet from the first lines of `text`."""
    lines = text.lstrip("\ufeff").split("\n")
    found: dict[str, str] = {}
    seen = 0
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line or _CHROME.match(line):
            continue
        seen += 1
        if seen > _LEAD_LINES or not _read_lead(line, found):
            if seen == 1 and _is_headline(line, lines[index + 1 :]):
                found["title"] = line
                continue
            _read_dateline(line, found)
            break
    return Heading(
        found.get("title"), found.get("published"), found.get("author"), found.get("site")
    )


def _read_lead(line: str, found: dict[str, str]) -> bool:
    """Record a date line, byline or outlet line; False when `line` is none of them."""
    if date := parse_date_line(line):
        found.setdefault("published", date)
    elif byline := _BYLINE.match(line):
        found.setdefault("author", byline.group("who").strip(" ,"))
        if byline.group("outlet"):
            found.setdefault("site", byline.group("outlet").strip())
    elif outlet := _OUTLET_LINE.match(line):
        found.setdefault("site", outlet.group(1).strip())
    else:
        return False
    return True


def _is_headline(line: str, rest: list[str]) -> bool:
    """A short line, no closing sentence punctuation, then a blank or another lead line."""
    words = line.split()
    if not 2 <= len(words) <= 30 or len(line) > _MAX_HEADLINE or line[-1] in ".,;:":
        return False
    following = next((r for r in rest if r.strip()), None)
    if following is None:
        return False  # nothing after it: the line is the text, not its headline
    blank_after = bool(rest) and not rest[0].strip()
    return blank_after or _read_lead(following.strip(), {})


def _read_dateline(line: str, found: dict[str, str]) -> None:
    """The outlet a story's dateline names in brackets: `KAZAN, Feb 10 (Wire) - ...`."""
    if dateline := _DATELINE.match(line):
        found.setdefault("site", dateline.group("outlet").strip())


def parse_date_line(line: str) -> str | None:
    """An ISO date (or `YYYY-MM`) when the whole line is a date, else None."""
    match = _DATE_LINE.match(line.strip())
    if not match:
        return None
    g = match.groupdict()
    if g["iso"]:
        return _valid(*map(int, g["iso"].split("-")))
    if g["m3"]:
        month = _month(g["m3"])
        return f"{g['y3']}-{month:02d}" if month else None
    month = _month(g["m1"] or g["m2"])
    day, year = int(g["d1"] or g["d2"]), int(g["y1"] or g["y2"])
    return _valid(year, month, day) if month else None


def _month(word: str) -> int | None:
    key = word.rstrip(".").lower()[:3]
    return next((i for i, m in enumerate(_MONTHS, 1) if m.startswith(key)), None)


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
