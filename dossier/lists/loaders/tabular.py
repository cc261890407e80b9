"""Shared reading for CSV and TSV list files: strict UTF-8, checked column counts.

A file that is not valid UTF-8 yields one error and is then read with the bad bytes
replaced, so one stray byte costs one name, not the file. A row with the wrong number
of cells (a truncated file, a stray delimiter) yields one error naming its row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from dossier.exc import SourceError
from dossier.model import ListRecord

Row = dict[str, str]

_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%m/%d/%Y", "%d %B %Y", "%d %b %Y")
_MONTH_DOT = re.compile(r"(\d{1,2} [A-Za-z]{3})[a-z]*\.? (\d{4})")


def read_text(path: Path) -> tuple[str, SourceError | None]:
    """Decode a file as UTF-8 (BOM allowed); on bad bytes, also return one error."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise SourceError(f"cannot read ({err.strerror})", str(path)) from err
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        error = SourceError(
            f"not valid UTF-8 at byte {err.start} (line {line}); bad bytes replaced", str(path)
        )
        return raw.decode("utf-8-sig", errors="replace"), error


def csv_rows(text: str, where: str, delimiter: str = ",") -> Iterator[list[str] | SourceError]:
    """The CSV rows of `text`; a row the csv module cannot read (a field over its size
    limit) is one error naming its line, and reading goes on after it."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield SourceError(f"line {reader.line_num}: unreadable CSV ({err})", where)


def read_table(path: Path, delimiter: str = ",") -> Iterator[tuple[int, Row] | SourceError]:
    """Yield (1-based data row number, row by header) or an error per malformed row."""
    text, error = read_text(path)
    if error is not None:
        yield error
    rows = csv_rows(text, str(path), delimiter)
    header = next(rows, None)
    if isinstance(header, SourceError):
        yield header
        return
    if not header:
        yield SourceError("empty file: expected a header row", str(path))
        return
    header = [h.strip() for h in header]
    for number, cells in enumerate(rows, start=1):
        if isinstance(cells, SourceError):
            yield cells
            continue
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            yield SourceError(
                f"row {number}: {len(cells)} cells, header has {len(header)} (truncated?)",
                str(path),
            )
            continue
        yield number, dict(zip(header, (c.strip() for c in cells), strict=True))


def require_columns(path: Path, row: Row, columns: tuple[str, ...]) -> SourceError | None:
    """An error when the file lacks a column the loader needs."""
    missing = [c for c in columns if c not in row]
    if missing:
        return SourceError(f"missing column(s) {', '.join(missing)}", str(path))
    return None


def split_multi(value: str, separator: str = ";") -> list[str]:
    """Split a multi-valued cell; empty parts dropped."""
    return [part.strip() for part in value.split(separator) if part.strip()]


def parse_date(value: str) -> str | None:
    """An ISO date from the formats the lists use; None when unreadable or empty."""
    value = value.strip()
    if not value:
        return None
    value = _MONTH_DOT.sub(r"\1 \2", value)
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


RowMapper = Callable[[int, Row], ListRecord | None]


def load_rows(
    path: Path, delimiter: str, columns: tuple[str, ...], mapper: RowMapper
) -> Iterator[ListRecord | SourceError]:
    """Map every data row of a list file to a record; a row without a name is an error.

    The header is checked once, on the first row: a file missing `columns` yields one
    error and nothing else.
    """
    checked = False
    for item in read_table(path, delimiter):
        if isinstance(item, SourceError):
            yield item
            continue
        number, row = item
        if not checked:
            checked = True
            if (missing := require_columns(path, row, columns)) is not None:
                yield missing
                return
        record = mapper(number, row)
        if record is None:
            yield SourceError(f"row {number}: empty name", str(path))
        else:
            yield record
