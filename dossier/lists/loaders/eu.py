"""EU sanctions regulations as CSV (consolidated texts and amending regulations).

One row per designation per legal context; `list_id` is `programKey:annex:recordId`,
or `programKey:annex:#N` (N the 1-based data row) where the row has no recordId.
The text is transcribed as printed, so a name cell may hold `X a.k.a. Y` or
`Maher (a.k.a. Mahir) AL-ASSAD`; both spellings become names of the record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from dossier.exc import SourceError
from dossier.lists.loaders.tabular import Row, load_rows, parse_date
from dossier.model import ListRecord

DATASET = "eu_fsf"
_COLUMNS = ("recordId", "programKey", "annex", "startDate", "schema", "name", "alias")
_ALIAS_COLUMNS = ("alias", "weakAlias", "previousName")
_SCHEMAS = {
    "Person": "Person",
    "LegalEntity": "Organization",
    "Company": "Organization",
    "Organization": "Organization",
    "Vessel": "Vessel",
}
# Each run of non-space (or space) is tried once from its start (the lookbehinds): tried
# from every position, a 300 kB cell took minutes (quadratic backtracking). An alias list
# stops at the next parenthesis, open or closed: `[^)]*` scanned an unclosed `(aka` to the
# end of the cell from every one of them (a 1 MB cell: minutes).
_PAREN_AKA = re.compile(r"(?<!\S)(\S+)\s*\(\s*(?:a\.k\.a\.?|aka)\s+([^()]*)\)", re.IGNORECASE)
_INLINE_AKA = re.compile(r"(?<!\s)\s+(?:a\.k\.a\.?|also known as)\s+", re.IGNORECASE)
# `Alias · Alias` occurs next to `; ` in a few transcribed cells.
_ALIAS_SPLIT = re.compile(r"(?<!\s)\s*[;·]\s+")
_ALTERNATIVES = re.compile(r",|\bor\b")
MAX_VARIANTS = 64
"""Spellings read from `(a.k.a. ...)` groups per cell part. Each costs a pass over the
part, so the cap keeps a cell linear; real cells carry a handful."""


def load_eu(path: Path) -> Iterator[ListRecord | SourceError]:
    """Yield the records of one EU regulation CSV; bad rows yield errors."""
    return load_rows(path, ",", _COLUMNS, _record)


def name_variants(cell: str) -> list[str]:
    """The names in one printed name cell: `X (a.k.a. Y) Z` gives `X Z` and `Y Z`."""
    names: list[str] = []
    for part in _INLINE_AKA.split(cell):
        names += _paren_variants(part)
    return [n.strip(" ,;") for n in dict.fromkeys(names) if n.strip(" ,;")]


def _paren_variants(part: str) -> list[str]:
    """The part with every group reduced to its word, then each alternative in place of
    its group's word (the others reduced): linear, one pass per variant, at most
    `MAX_VARIANTS` of them."""
    pieces: list[str] = []  # the text before each group, then the text after the last
    words: list[str] = []
    groups: list[str] = []
    last = 0
    for match in _PAREN_AKA.finditer(part):
        pieces.append(part[last : match.start()])
        words.append(match.group(1))
        groups.append(match.group(2))
        last = match.end()
    pieces.append(part[last:])
    names = [_joined(pieces, words)]
    for i, group in enumerate(groups):
        for variant in _ALTERNATIVES.split(group):
            variant = variant.strip(" ‘’'\"")
            if variant:
                names.append(_joined(pieces, [*words[:i], variant, *words[i + 1 :]]))
            if len(names) > MAX_VARIANTS:
                return names
    return names


def _joined(pieces: list[str], words: list[str]) -> str:
    return "".join(p + w for p, w in zip(pieces, [*words, ""], strict=True))


def _record(number: int, row: Row) -> ListRecord | None:
    record_id = row["recordId"] or f"#{number}"
    names = name_variants(row["name"])
    aliases = [a for col in _ALIAS_COLUMNS for a in _ALIAS_SPLIT.split(row.get(col, "")) if a]
    all_names = list(dict.fromkeys([*names, *aliases]))
    if not all_names:
        return None  # no name at all: `load_rows` reports the row
    return ListRecord(
        dataset=DATASET,
        list_id=f"{row['programKey']}:{row['annex']}:{record_id}",
        schema=_SCHEMAS.get(row["schema"], "Other"),
        name=all_names[0],
        aliases=tuple(all_names[1:]),
        programs=tuple(p for p in (row["programKey"], row.get("measure", "")) if p),
        listed_on=parse_date(row["startDate"]),
        source_row=f"row {number}: " + ",".join(row.values())[:4000],
    )
