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


def sample_body(route: APIRoute) -> dict[str, Any]:
    """A valid request body for a write route, built from its declared parameters, so a
    refusal is about the credentials, never about a malformed body."""
    from fastapi import params

    body: dict[str, Any] = {}
    for field in route.dependant.body_params:
        if isinstance(field.field_info, params.Form):
            if field.field_info.is_required():
                body[field.alias] = sample_value(field.field_info.annotation)
        else:
            body.update(_model_sample(field.field_info.annotation))
    return body


def _model_sample(model: Any) -> dict[str, Any]:
    fields = getattr(model, "model_fields", {})
    return {
        name: sample_value(info.annotation) for name, info in fields.items() if info.is_required()
    }


def sample_value(annotation: Any) -> Any:
    """A plausible value of a parameter type: the first literal, or a short word."""
    from typing import Literal, get_args, get_origin

    if get_origin(annotation) is Literal:
        return get_args(annotation)[0]
    if hasattr(annotation, "model_fields"):
        return _model_sample(annotation)
    if annotation is int:
        return 1
    return "Iran shipped drones to Russia."
