"""The app's routes, enumerated from the app object, so new routes are covered by the
security matrix without anyone remembering to add them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

READ_METHODS = {"GET", "HEAD", "OPTIONS"}


def api_routes(app: FastAPI) -> list[APIRoute]:
    """Every FastAPI route of `app`, including those of included routers."""
    return sorted(_walk(app.routes), key=lambda r: (r.path, sorted(r.methods)))


def _walk(routes: list[Any]) -> Iterator[APIRoute]:
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _walk(inner.routes)
        elif isinstance(route, APIRoute):
            yield route


def write_routes(app: FastAPI) -> list[str]:
    """Paths of routes that take a method other than GET/HEAD/OPTIONS."""
    return sorted({r.path for r in api_routes(app) if set(r.methods) - READ_METHODS})


def read_routes(app: FastAPI) -> list[APIRoute]:
    """Routes answering GET."""
    return [r for r in api_routes(app) if "GET" in r.methods]


def body_type(route: APIRoute) -> str:
    """The content type a write route reads: a form, or JSON."""
    from fastapi import params

    fields = route.dependant.body_params
    forms = [f for f in fields if isinstance(f.field_info, params.Form)]
    return "application/x-www-form-urlencoded" if forms else "application/json"


def write_route_types(app: FastAPI) -> list[tuple[str, str]]:
    """(path, content type) of every write route."""
    routes = api_routes(app)
    return sorted({(r.path, body_type(r)) for r in routes if set(r.methods) - READ_METHODS})
