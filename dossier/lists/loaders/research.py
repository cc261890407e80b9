"""Lists without ids of their own: BIS DPL and MIEU, DoD 1260H, PRC countersanctions.

Each record's `list_id` is the 1-based data row number of its file (CONTRACT.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from dossier.exc import SourceError
from dossier.lists.loaders.tabular import Row, load_rows, parse_date, split_multi
from dossier.model import ListRecord
from dossier.screen.names import ORG_WORDS, name_tokens

_TYPES = {"Person": "Person", "Company": "Organization", "Organization": "Organization"}


def _source(number: int, row: Row) -> str:
    return f"row {number}: " + ",".join(row.values())[:4000]


def guess_schema(name: str) -> str:
    """DPL has no type column: a name with a legal-form word is an organisation."""
    return "Organization" if ORG_WORDS.intersection(name_tokens(name)) else "Person"


def _dpl(number: int, row: Row) -> ListRecord | None:
    name = row["Name"]
    if not name:
        return None
    return ListRecord(
        "us_bis_dpl",
        str(number),
        guess_schema(name),
        name,
        programs=("US-BIS-DPL",),
        listed_on=parse_date(row["Effective_Date"]),
        ended_on=parse_date(row["Expiration_Date"]),
        source_row=_source(number, row),
    )


def _mieu(number: int, row: Row) -> ListRecord | None:
    if not row["Name"]:
        return None
    return ListRecord(
        "us_bis_mieu",
        str(number),
        _TYPES.get(row["Type"], "Organization"),
        row["Name"],
        aliases=tuple(split_multi(row["Alias"])),
        programs=tuple(split_multi(row["Program"])),
        listed_on=parse_date(row["Date"]),
        ended_on=parse_date(row["End date"]),
        source_row=_source(number, row),
    )


def _dod(number: int, row: Row) -> ListRecord | None:
    name = row["Clean Name"] or row["Name"]
    if not name:
        return None
    others = [row["Name"], *split_multi(row["Alias"]), *split_multi(row["Previous Name"])]
    return ListRecord(
        "us_dod_1260h",
        str(number),
        "Organization",
        name,
        aliases=tuple(dict.fromkeys(n for n in others if n and n != name)),
        programs=("US-DOD-1260H",),
        listed_on=parse_date(row["Start date"]),
        ended_on=parse_date(row["End date"]),
        source_row=_source(number, row),
    )


def _cn(number: int, row: Row) -> ListRecord | None:
    if not row["Name"]:
        return None
    others = [*split_multi(row["Alias"]), *split_multi(row["Chinese name"])]
    return ListRecord(
        "cn_countersanctions",
        str(number),
        _TYPES.get(row["Type"], "Organization"),
        row["Name"],
        aliases=tuple(dict.fromkeys(n for n in others if n != row["Name"])),
        programs=tuple(p for p in (row["Body"], row["List"]) if p),
        listed_on=parse_date(row["Date"]),
        ended_on=parse_date(row["End date"]),
        source_row=_source(number, row),
    )


def load_dpl(path: Path) -> Iterator[ListRecord | SourceError]:
    """BIS Denied Persons List (tab-separated)."""
    return load_rows(path, "\t", ("Name", "Effective_Date", "Expiration_Date"), _dpl)


def load_mieu(path: Path) -> Iterator[ListRecord | SourceError]:
    """BIS Military End-User list."""
    return load_rows(path, ",", ("Type", "Name", "Alias", "Program", "Date", "End date"), _mieu)


def load_dod(path: Path) -> Iterator[ListRecord | SourceError]:
    """DoD Section 1260H Chinese military companies."""
    columns = ("Name", "Clean Name", "Alias", "Previous Name", "Start date", "End date")
    return load_rows(path, ",", columns, _dod)


def load_cn(path: Path) -> Iterator[ListRecord | SourceError]:
    """PRC countersanctions."""
    columns = ("Type", "Name", "Alias", "Chinese name", "Body", "List", "Date", "End date")
    return load_rows(path, ",", columns, _cn)
