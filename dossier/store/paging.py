"""Pages of rows with their total, sorting by named columns, and safe substring filters.

Every list the API and the web UI show is read through `fetch_page`: a page of rows
and the count of all rows the filters keep, so no list is ever cut short without
saying so (the caller turns `total` into a next link).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select

LIKE_ESCAPE = "\\"


@dataclass(frozen=True, slots=True)
class PageRequest:
    """Which page of a list: `limit` rows from `offset`, sorted by `sort` (a column name,
    `-name` for descending; None for the list's own order)."""

    limit: int = 50
    offset: int = 0
    sort: str | None = None


@dataclass(frozen=True, slots=True)
class Rows:
    """A page of rows and how many rows the whole list holds."""

    items: list[dict[str, Any]]
    total: int


def escape_like(text: str) -> str:
    """`text` with LIKE's wildcards (`%`, `_`) and the escape character escaped, so a
    search for '%' finds a percent sign instead of every row."""
    for char in (LIKE_ESCAPE, "%", "_"):
        text = text.replace(char, LIKE_ESCAPE + char)
    return text


def contains(column: Any, text: str) -> ColumnElement[bool]:
    """Case-insensitive 'column contains text', wildcards in `text` taken literally."""
    condition: ColumnElement[bool] = column.ilike(f"%{escape_like(text)}%", escape=LIKE_ESCAPE)
    return condition


def sort_key(sort: str | None, allowed: dict[str, Any]) -> tuple[str, bool] | None:
    """(column name, descending) of a `sort` parameter, or None when it names no
    sortable column (the list's own order applies)."""
    if not sort:
        return None
    name, descending = (sort[1:], True) if sort.startswith("-") else (sort, False)
    return (name, descending) if name in allowed else None


def ordered(
    stmt: Select[Any], sort: str | None, allowed: dict[str, Any], default: list[Any]
) -> Select[Any]:
    """`stmt` ordered by the requested column (then the default order, which also
    breaks ties so that pages never overlap)."""
    key = sort_key(sort, allowed)
    if key is None:
        return stmt.order_by(*default)
    column = allowed[key[0]]
    # Empty values last either way (PostgreSQL puts NULL first when descending, SQLite
    # when ascending): "newest first" must not open on the undated.
    first = (column.desc() if key[1] else column.asc()).nulls_last()
    return stmt.order_by(first, *default)


def fetch_page(conn: Connection, stmt: Select[Any], page: PageRequest) -> Rows:
    """One page of an ordered statement, and the number of rows it selects in all."""
    total = conn.execute(
        select(func.count()).select_from(stmt.order_by(None).subquery())
    ).scalar_one()
    rows = conn.execute(stmt.limit(page.limit).offset(page.offset))
    return Rows([dict(r._mapping) for r in rows], int(total))


def slice_page(items: list[dict[str, Any]], page: PageRequest) -> Rows:
    """A page of a list computed in Python (claim groups, the review queue)."""
    return Rows(items[page.offset : page.offset + page.limit], len(items))
