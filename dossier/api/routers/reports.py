"""The brief on one entity (`dossier report`), to download and attach to an email."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from dossier.api.deps import StoreDep
from dossier.api.security import CSP
from dossier.intel.report import style_hash, write_report

router = APIRouter(tags=["entities"])

MEDIA = {"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8"}


@router.get(
    "/entities/{entity_id}/report",
    response_class=Response,
    responses={200: {"content": {m: {} for m in MEDIA.values()}}},
)
def report(
    request: Request,
    store: StoreDep,
    entity_id: str,
    format: Annotated[Literal["html", "md"], Query(description="html or md")] = "html",
) -> Response:
    """The entity's brief: aliases, designations, timeline chart, acts before/after each
    listing, corroboration, contradictions and numbered sources (each linked to its
    stored copy on this server). HTML is one self-contained, printable file (chart
    embedded); Markdown comes without the chart."""
    base = str(request.base_url).rstrip("/")
    written = write_report(store, entity_id, format, None, base_url=base)
    filename = f"dossier-{entity_id}.{format}"
    # The brief's one inline style sheet is allowed by its hash; nothing else inline.
    policy = CSP.replace("style-src 'self'", f"style-src 'self' {style_hash()}")
    return Response(
        written.text,
        media_type=MEDIA[format],
        headers={
            "Content-Disposition": f'inline; filename="{filename}"',
            "Content-Security-Policy": policy,
        },
    )
