"""Content negotiation: one route answers JSON to API clients and HTML to browsers.

A route returns `respond(request, "page.html", model)`. The JSON API is the default;
HTML is rendered only when the `Accept` header asks for `text/html` (browsers do).
`/path.json` always answers JSON (see `security.JsonSuffix`), so every page has a
JSON twin at the same path plus `.json`, and the OpenAPI schema describes the JSON.
"""

from __future__ import annotations

from typing import Any, TypeVar

from fastapi import Request
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel
from starlette.responses import Response

from dossier.api.security import (
    CSRF_COOKIE,
    cookie_flags,
    new_csrf_token,
    session_csrf,
    session_secret,
)
from dossier.web import TEMPLATES, VENDOR

M = TypeVar("M", bound=BaseModel | list[Any])
templates = Jinja2Templates(directory=str(TEMPLATES))


def is_web_url(url: object) -> bool:
    """Whether a stored URL may become a link: http(s) only, never `javascript:`/`data:`."""
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


templates.env.tests["web_url"] = is_web_url


def wants_html(request: Request) -> bool:
    """Whether the client asked for HTML (a browser navigating)."""
    return "text/html" in request.headers.get("accept", "")


def vendor_available(name: str) -> bool:
    """Whether a vendor JS file was installed by `make install`."""
    return (VENDOR / name).is_file()


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> Response:
    """Render a page with the common context (CSRF token, login state, JSON twin URL)."""
    settings = request.app.state.settings
    secret = session_secret(request, settings.api_token)
    anonymous = request.cookies.get(CSRF_COOKIE) or new_csrf_token()
    csrf = session_csrf(secret) if secret is not None else anonymous
    path = request.url.path.rstrip("/") or "/index"
    twin = f"{path}.json" + (f"?{request.url.query}" if request.url.query else "")
    response = templates.TemplateResponse(
        request,
        template,
        {
            **context,
            "csrf_token": csrf,
            "writable": bool(settings.api_token),
            "logged_in": secret is not None,
            "json_url": twin,
            "vendor": vendor_available,
        },
        status_code=status,
    )
    if CSRF_COOKIE not in request.cookies:
        # HttpOnly: forms get the token from the page; no script needs to read a cookie.
        response.set_cookie(CSRF_COOKIE, anonymous, **cookie_flags(request, settings))
    return response


def respond(request: Request, template: str, data: M, **context: Any) -> M | Response:
    """`data` as JSON (the API), or rendered into `template` for a browser."""
    if not wants_html(request):
        return data
    return render(request, template, {"data": data, **context})
