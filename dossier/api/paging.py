"""Paged list answers: every list the API returns says how many rows there are in all
and where the next page is, so nothing is ever cut off silently (Datasette's `next`).

A list route takes `PageDep` (limit, offset, sort), reads a `store.paging.Rows` and
answers `respond_page(...)`: the JSON body stays the list of rows it always was (no
client breaks), and the answer carries `X-Total-Count: n` and, unless it is the last
page, `Link: <url>; rel="next"` (GitHub's convention; `/alerts` does the same). The
HTML page shows "rows x–y of n" with next/previous links. `?format=csv` gives the
page's rows as CSV (the current view, filters and sort kept).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeVar

from fastapi import Depends, Query, Request
from pydantic import BaseModel
from starlette.responses import Response

from dossier.api.deps import MAX_OFFSET
from dossier.api.models import Page as Page  # re-exported for the routers
from dossier.api.render import render, wants_html
from dossier.export.tables import neutralise_cell
from dossier.store.paging import PageRequest, Rows

T = TypeVar("T", bound=BaseModel)

MAX_LIMIT = 1000
"""Largest page: beyond it, follow `next`."""


@dataclass(frozen=True, slots=True)
class Paging:
    """The paging parameters of a request, and whether it asked for CSV."""

    request: PageRequest
    csv: bool


def get_paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page")] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip")] = 0,
    sort: Annotated[
        str | None,
        Query(max_length=40, pattern=r"^-?\w+$", description="Column; '-column' descends"),
    ] = None,
    format: Annotated[Literal["json", "csv"], Query(description="json or csv")] = "json",
) -> Paging:
    """The `limit`, `offset`, `sort` and `format` query parameters of a list."""
    return Paging(PageRequest(limit, offset, sort), format == "csv")


PageDep = Annotated[Paging, Depends(get_paging)]

Flag = Literal["true", "false", ""]
"""A yes/no filter; empty (a form's "any") filters nothing."""


def flag(value: Flag | None) -> bool | None:
    """The filter a `Flag` parameter asks for: True, False or None (no filter)."""
    return {"true": True, "false": False}.get(value or "")


def next_url(request: Request, page: PageRequest, total: int) -> str | None:
    """The URL of the page after this one (same path, filters and sort), or None."""
    if page.offset + page.limit >= total:
        return None
    url = request.url.include_query_params(offset=page.offset + page.limit, limit=page.limit)
    path = url.path + ("?" + url.query if url.query else "")
    return path


def page_of(request: Request, model: type[T], rows: Rows, paging: Paging) -> Page[T]:
    """The page model of `rows`, with its next link."""
    return Page[model](  # type: ignore[valid-type]  # a runtime-chosen generic argument
        items=[model(**r) for r in rows.items],
        total=rows.total,
        offset=paging.request.offset,
        limit=paging.request.limit,
        next=next_url(request, paging.request, rows.total),
    )


def respond_page(
    request: Request, template: str, page: Page[Any], paging: Paging, **context: Any
) -> Response:
    """The page as JSON (with a `Link` header), CSV, or rendered into `template`."""
    if paging.csv:
        return csv_response(page.items, request.url.path.strip("/") or "index")
    if wants_html(request):
        return render(request, template, {"data": page, "page": page, **context})
    body = "[" + ",".join(item.model_dump_json() for item in page.items) + "]"
    return Response(body, media_type="application/json", headers=page_headers(page))


TOTAL_HEADER = "X-Total-Count"
PAGE_HEADERS: dict[str, Any] = {
    TOTAL_HEADER: {
        "description": "Rows in the whole list (all pages)",
        "schema": {"type": "integer"},
    },
    "Link": {
        "description": 'The next page: `<url>; rel="next"` (absent on the last page)',
        "schema": {"type": "string"},
    },
}
"""The headers of every paged list answer, for the OpenAPI schema."""
PAGED: dict[int | str, dict[str, Any]] = {
    200: {
        "headers": PAGE_HEADERS,
        "content": {"text/csv": {"schema": {"type": "string"}}},  # with ?format=csv
    }
}


def page_headers(page: Page[Any]) -> dict[str, str]:
    """`X-Total-Count`, and `Link` to the next page unless this is the last."""
    headers = {TOTAL_HEADER: str(page.total)}
    if page.next:
        headers["Link"] = f'<{page.next}>; rel="next"'
    return headers


def csv_response(items: list[BaseModel], name: str) -> Response:
    """Rows as a CSV download: scalars as they are, lists joined by '; ', objects as JSON."""
    out = io.StringIO()
    rows = [item.model_dump() for item in items]
    columns = list(rows[0]) if rows else []
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in columns])
    filename = name.replace("/", "-") + ".csv"
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _cell(value: Any) -> str:
    """A CSV cell; text a spreadsheet would read as a formula is neutralised (OWASP, one
    rule for every CSV the app writes: `export.tables.neutralise_cell`), joined lists
    included: `=cmd|...; Russia` was written verbatim (issue 20)."""
    return str(neutralise_cell(_text(value)))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
