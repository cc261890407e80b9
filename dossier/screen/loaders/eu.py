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
from dossier.model import ListRecord
from dossier.screen.loaders.tabular import Row, load_rows, parse_date

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
# from every position, a 300 kB cell took minutes (quadratic backtracking).
_PAREN_AKA = re.compile(r"(?<!\S)(\S+)\s*\(\s*(?:a\.k\.a\.?|aka)\s+([^)]*)\)", re.IGNORECASE)
_INLINE_AKA = re.compile(r"(?<!\s)\s+(?:a\.k\.a\.?|also known as)\s+", re.IGNORECASE)
# `Alias · Alias` occurs next to `; ` in a few transcribed cells.
_ALIAS_SPLIT = re.compile(r"(?<!\s)\s*[;·]\s+")


def load_eu(path: Path) -> Iterator[ListRecord | SourceError]:
    """Yield the records of one EU regulation CSV; bad rows yield errors."""
    return load_rows(path, ",", _COLUMNS, _record)


def name_variants(cell: str) -> list[str]:
    """The names in one printed name cell: `X (a.k.a. Y) Z` gives `X Z` and `Y Z`."""
    names: list[str] = []
    for part in _INLINE_AKA.split(cell):
        base = _PAREN_AKA.sub(r"\1", part).strip(" ,;")
        names.append(base)
        for match in _PAREN_AKA.finditer(part):
            for variant in re.split(r",|\bor\b", match.group(2)):
                variant = variant.strip(" ‘’'\"")
                if variant:
                    names.append(_PAREN_AKA.sub(r"\1", part.replace(match.group(0), variant)))
    return [n.strip(" ,;") for n in dict.fromkeys(names) if n.strip(" ,;")]


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
