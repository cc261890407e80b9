"""The brief on one entity (`dossier report`), to download and attach to an email."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from starlette.responses import Response

from dossier.api.deps import StoreDep
from dossier.intel.report import write_report

router = APIRouter(tags=["entities"])

MEDIA = {"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8"}


@router.get(
    "/entities/{entity_id}/report",
    response_class=Response,
    responses={200: {"content": {m: {} for m in MEDIA.values()}}},
)
def report(
    store: StoreDep,
    entity_id: str,
    format: Annotated[Literal["html", "md"], Query(description="html or md")] = "html",
) -> Response:
    """The entity's brief: aliases, designations, timeline chart, acts before/after each
    listing, corroboration, contradictions and numbered sources. HTML is one
    self-contained file (chart embedded); Markdown comes without the chart."""
    written = write_report(store, entity_id, format, None)
    filename = f"dossier-{entity_id}.{format}"
    return Response(
        written.text,
        media_type=MEDIA[format],
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )
