"""OFAC legacy CSVs: SDN and consolidated (non-SDN) primary, alias and comment files.

The files have no header; `-0- ` marks an empty field; `sdn.csv` ends with a `\\x1a`
byte. Aliases live in `alt.csv` and also in Remarks as `a.k.a. '...'`; long Remarks
continue in `sdn_comments.csv`; addresses are in `add.csv`, kept as lines after the row
in `source_row` (`ADDRESS_MARK`), so a match card can show them. Individuals are
written `SURNAME, Given names`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from dossier.exc import SourceError
from dossier.lists.loaders.tabular import csv_rows, read_text
from dossier.model import ListRecord

_AKA = re.compile(r"\b[af]\.k\.a\.\s+'([^']+)'", re.IGNORECASE)
_SCHEMAS = {"individual": "Person", "vessel": "Vessel", "aircraft": "Aircraft", "": "Organization"}
_LISTING_DATE = re.compile(r"Listing Date[^:]*:\s*(\d{1,2} \w{3} \d{4})")
ADDRESS_MARK = "\n[address] "
"""Starts each address line appended to an OFAC record's `source_row`."""


def clean(value: str) -> str:
    """Strip OFAC's `-0-` empty marker and surrounding space."""
    value = value.strip()
    return "" if value == "-0-" else value


def read_rows(
    path: Path, errors: list[SourceError] | None = None
) -> Iterator[tuple[int, list[str]]]:
    """Yield (1-based row number, cells) of a headerless OFAC CSV; bad bytes go to `errors`."""
    text, error = read_text(path)
    if error is not None and errors is not None:
        errors.append(error)
    text = text.replace("\x1a", "")
    for number, row in enumerate(csv_rows(text, str(path)), start=1):
        if isinstance(row, SourceError):
            if errors is not None:
                errors.append(row)
        elif row:
            yield number, row


def read_aliases(path: Path | None) -> dict[str, list[str]]:
    """Map ent_num → alias names from an `alt.csv` file (missing file: no aliases)."""
    aliases: dict[str, list[str]] = {}
    if path is None or not path.exists():
        return aliases
    for _, row in read_rows(path):
        if len(row) >= 4 and clean(row[3]):
            aliases.setdefault(clean(row[0]), []).append(clean(row[3]))
    return aliases


def read_comments(path: Path | None) -> dict[str, str]:
    """Map ent_num → the continuation of its Remarks."""
    comments: dict[str, str] = {}
    if path is None or not path.exists():
        return comments
    for _, row in read_rows(path):
        if len(row) >= 2:
            comments[clean(row[0])] = clean(row[1])
    return comments


def read_addresses(path: Path | None) -> dict[str, list[str]]:
    """Map ent_num → its addresses from an `add.csv` file (street, city, country)."""
    addresses: dict[str, list[str]] = {}
    if path is None or not path.exists():
        return addresses
    for _, row in read_rows(path):
        text = ", ".join(p for p in (clean(c) for c in row[2:5]) if p)
        if len(row) >= 5 and text:
            addresses.setdefault(clean(row[0]), []).append(text)
    return addresses


def load_ofac(
    primary: Path,
    dataset: str,
    alt: Path | None,
    comments: Path | None,
    addresses: Path | None = None,
) -> Iterator[ListRecord | SourceError]:
    """Yield the records of an OFAC primary file joined with its alias, comment and
    address files."""
    aliases = read_aliases(alt)
    extended = read_comments(comments)
    places = read_addresses(addresses)
    errors: list[SourceError] = []
    for number, row in read_rows(primary, errors):
        yield from errors
        errors.clear()
        if len(row) < 12 or not clean(row[0]).isdigit():
            yield SourceError(f"row {number}: expected 12 columns with an ent_num", str(primary))
            continue
        record = _record(row, dataset, aliases, extended)
        lines = places.get(record.list_id, [])
        yield replace(
            record, source_row=record.source_row + "".join(ADDRESS_MARK + a for a in lines)
        )
    yield from errors


def _record(
    row: list[str], dataset: str, aliases: dict[str, list[str]], extended: dict[str, str]
) -> ListRecord:
    ent_num = clean(row[0])
    remarks = clean(row[11]) + " " + extended.get(ent_num, "")
    names = [*aliases.get(ent_num, []), *_AKA.findall(remarks)]
    programs = tuple(p.strip() for p in clean(row[3]).split("] [") if p.strip())
    listed = _LISTING_DATE.search(remarks)
    return ListRecord(
        dataset=dataset,
        list_id=ent_num,
        schema=_SCHEMAS.get(clean(row[2]).lower(), "Organization"),
        name=clean(row[1]),
        aliases=tuple(dict.fromkeys(n for n in names if n != clean(row[1]))),
        programs=programs,
        listed_on=_iso(listed.group(1)) if listed else None,
        source_row=",".join(row),
    )


def _iso(day_month_year: str) -> str | None:
    import datetime as dt

    try:
        return dt.datetime.strptime(day_month_year, "%d %b %Y").date().isoformat()
    except ValueError:
        return None
