"""`create_app()`: the FastAPI application, its routers and its one error shape."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from dossier import __version__
from dossier.api.routers import entities, health
from dossier.exc import DossierError, InvalidInput
from dossier.store import open_store


def error_body(status: int, detail: str, errors: list[Any] | None = None) -> dict[str, Any]:
    """The one JSON shape of every API error."""
    return {"ok": False, "status": status, "detail": detail, "errors": errors or []}


async def _dossier_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DossierError)
    errors = exc.errors if isinstance(exc, InvalidInput) else []
    return JSONResponse(error_body(exc.status, exc.detail, errors), status_code=exc.status)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": ".".join(str(p) for p in e["loc"]), "msg": e["msg"]} for e in exc.errors()]
    return JSONResponse(error_body(400, "invalid request", errors), status_code=400)


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return JSONResponse(error_body(exc.status_code, str(exc.detail)), status_code=exc.status_code)


Handler = Callable[[Request, Exception], Awaitable[JSONResponse]]
HANDLERS: dict[type[Exception], Handler] = {
    DossierError: _dossier_error,
    RequestValidationError: _validation_error,
    StarletteHTTPException: _http_error,
}


def create_app(db: str) -> FastAPI:
    """Build the API over the database `db`."""
    app = FastAPI(
        title="dossier",
        version=__version__,
        description="Sourced knowledge graph of arms transfers, military cooperation and "
        "sanctions: entities, claims with evidence, and list matches.",
    )
    app.state.store = open_store(db)
    for exc_type, handler in HANDLERS.items():
        app.add_exception_handler(exc_type, handler)
    app.include_router(health.router)
    app.include_router(entities.router)
    return app
