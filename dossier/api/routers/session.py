"""Browser login: exchange the API token for a session cookie (forms then use CSRF)."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from dossier.api.deps import SettingsDep
from dossier.api.render import render
from dossier.api.routers.review import safe_next
from dossier.api.security import SESSION_COOKIE, Forbidden, check_csrf, session_value

router = APIRouter(tags=["session"], include_in_schema=False)


@router.get("/login")
def login_page(request: Request, next: str = "/review") -> Response:
    """The login form."""
    return render(request, "login.html", {"next": safe_next(next), "error": None})


@router.post("/login")
def login(
    request: Request,
    settings: SettingsDep,
    token: Annotated[str, Form()],
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/review",
) -> Response:
    """Check the token and set the session cookie."""
    check_csrf(request, csrf_token)
    if not settings.api_token:
        raise Forbidden("this server is read-only; set DOSSIER_API_TOKEN to allow writes")
    if not hmac.compare_digest(token, settings.api_token):
        context = {"next": safe_next(next), "error": "Wrong token."}
        return render(request, "login.html", context, status=401)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE, session_value(settings.api_token), httponly=True, samesite="strict"
    )
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
    """Drop the session cookie."""
    check_csrf(request, csrf_token)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
