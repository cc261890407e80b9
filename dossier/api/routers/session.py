"""Browser login: exchange the API token for a session cookie (forms then use CSRF).

Each login opens a new random session (`store/sessions.py`) and revokes the one the
browser held, so a cookie planted before login (session fixation) is worth nothing after.
"""

from __future__ import annotations

import datetime as dt
import hmac
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from dossier.api.deps import SettingsDep, StoreDep
from dossier.api.render import render
from dossier.api.routers.review import safe_next
from dossier.api.security import (
    SESSION_COOKIE,
    Forbidden,
    check_csrf,
    cookie_flags,
    session_secret,
    token_mac,
)
from dossier.store.sessions import open_session, revoke_session

router = APIRouter(tags=["session"], include_in_schema=False)


@router.get("/login")
def login_page(request: Request, next: str = "/review") -> Response:
    """The login form."""
    return render(request, "login.html", {"next": safe_next(next), "error": None})


@router.post("/login")
def login(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    token: Annotated[str, Form()],
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/review",
) -> Response:
    """Check the token and set a new session cookie."""
    check_csrf(request, csrf_token, session_secret(request, settings.api_token))
    if not settings.api_token:
        raise Forbidden("this server is read-only; set DOSSIER_API_TOKEN to allow writes")
    if not hmac.compare_digest(token, settings.api_token):
        context = {"next": safe_next(next), "error": "Wrong token."}
        return render(request, "login.html", context, status=401)
    if previous := request.cookies.get(SESSION_COOKIE):
        revoke_session(store, previous)
    lifetime = dt.timedelta(hours=settings.session_hours)
    secret = open_session(store, token_mac(settings.api_token), lifetime)
    response = RedirectResponse(safe_next(next), status_code=303)
    flags = cookie_flags(request, settings)
    response.set_cookie(SESSION_COOKIE, secret, max_age=int(lifetime.total_seconds()), **flags)
    return response


@router.post("/logout")
def logout(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    csrf_token: Annotated[str, Form()] = "",
) -> Response:
    """End the session (revoked server-side) and drop its cookie."""
    secret = session_secret(request, settings.api_token)
    check_csrf(request, csrf_token, secret)
    if secret is not None:
        revoke_session(store, secret)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
