"""`create_app()`: the FastAPI application, its routers and its one error shape.

One app serves the JSON API and the web UI. Routes are shared: a browser (`Accept:
text/html`) gets a server-rendered page, every other client gets JSON, and any page's
path plus `.json` is its JSON twin (`/entities/{id}` and `/entities/{id}.json`,
`/search?q=` and `/search.json?q=`, `/` and `/index.json`). Errors are always the one
JSON shape of `error_body`. Writes (`POST /ingest`, `POST /review`) need the API token.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from dossier import __version__
from dossier.api.cache import JsonCache, data_version
from dossier.api.errors import ERRORS
from dossier.api.routers import (
    alerts,
    claims,
    documents,
    entities,
    groups,
    health,
    ingest,
    match,
    reports,
    review,
    search,
    session,
    watch,
)
from dossier.api.routers.match import YENTE_PATHS
from dossier.api.security import BodyLimit, JsonSuffix, SecurityHeaders
from dossier.exc import DossierError, InvalidInput
from dossier.settings import Settings, get_settings
from dossier.store import open_store
from dossier.web import STATIC

log = logging.getLogger(__name__)


def error_body(status: int, detail: str, errors: list[Any] | None = None) -> dict[str, Any]:
    """The one JSON shape of every API error."""
    return {"ok": False, "status": status, "detail": detail, "errors": errors or []}


async def _dossier_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DossierError)
    if exc.status >= 500:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    errors = exc.errors if isinstance(exc, InvalidInput) else []
    headers = {"www-authenticate": "Bearer"} if exc.status == 401 else None
    return JSONResponse(
        error_body(exc.status, exc.detail, errors), status_code=exc.status, headers=headers
    )


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": ".".join(str(p) for p in e["loc"]), "msg": e["msg"]} for e in exc.errors()]
    # yente answers a malformed body with 422; its clients expect the same from us.
    status = 422 if request.url.path.startswith(YENTE_PATHS) else 400
    return JSONResponse(error_body(status, "invalid request", errors), status_code=status)


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return JSONResponse(
        error_body(exc.status_code, str(exc.detail)),
        status_code=exc.status_code,
        headers=exc.headers,
    )


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return JSONResponse(error_body(500, "internal error; see the server log"), status_code=500)


async def _data_error(_: Request, exc: Exception) -> JSONResponse:
    # The database refused a value the request carried (PostgreSQL: a NUL character):
    # the request is at fault, not the server.
    detail = "a parameter holds a value the database cannot take (a NUL character?)"
    return JSONResponse(error_body(400, detail), status_code=400)


Handler = Callable[[Request, Exception], Awaitable[JSONResponse]]
HANDLERS: dict[type[Exception], Handler] = {
    DossierError: _dossier_error,
    RequestValidationError: _validation_error,
    StarletteHTTPException: _http_error,
    DataError: _data_error,
    Exception: _unexpected_error,
}


def _openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """OpenAPI without FastAPI's default 422: validation errors are 400 `ErrorOut` (the
    yente-compatible routes keep 422, as yente answers)."""

    def build() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            for path, operations in schema["paths"].items():
                if path.startswith(YENTE_PATHS):
                    continue
                for operation in operations.values():
                    operation.get("responses", {}).pop("422", None)
            app.openapi_schema = schema
        return app.openapi_schema

    return build


MAX_BODY_BYTES = 10 * 2**20
"""Largest request body accepted (413 beyond): `POST /ingest` takes up to 2,000,000
characters of text, up to 8 MB as UTF-8 in JSON; nothing else comes close."""


@asynccontextmanager
async def _warm_lifespan(app: FastAPI) -> AsyncIterator[None]:
    await anyio.to_thread.run_sync(match.warm, app.state)
    yield


def create_app(db: str, settings: Settings | None = None, *, warm: bool = False) -> FastAPI:
    """Build the API and web UI over the database `db`; with `warm`, build the list
    index at start-up rather than on the first `/match`."""
    app = FastAPI(
        lifespan=_warm_lifespan if warm else None,
        title="dossier",
        version=__version__,
        description="Sourced knowledge graph of arms transfers, military cooperation and "
        "sanctions: entities, claims with evidence, and list matches. Browsers get HTML "
        "pages; append `.json` to any page path for its JSON twin.",
    )
    app.state.store = open_store(db)
    app.state.settings = settings or get_settings()
    app.state.data_version = data_version(app.state.store.engine)
    for exc_type, handler in HANDLERS.items():
        app.add_exception_handler(exc_type, handler)
    routers = (
        health,
        search,
        entities,
        reports,
        documents,
        claims,
        groups,
        review,
        ingest,
        session,
        match,
        watch,
        alerts,
    )
    for module in routers:
        app.include_router(module.router, responses=ERRORS)
    app.openapi = _openapi(app)  # type: ignore[method-assign]
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    limits = (("/match/", match.MATCH_MAX_BODY),)
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY_BYTES, limits=limits)
    app.add_middleware(JsonCache, version=app.state.data_version)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(JsonSuffix)
    return app


def serve_app() -> FastAPI:
    """The app `dossier serve --workers N` starts in each worker process (a uvicorn
    factory): the database is `DOSSIER_DB`, which the command sets from `--db`."""
    return create_app(os.environ.get("DOSSIER_DB") or get_settings().db, warm=True)
