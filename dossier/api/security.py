"""Write authorisation, CSRF and security headers.

- Writes need `Authorization: Bearer $DOSSIER_API_TOKEN`. Without a configured token the
  server is read-only and every write is refused with 403.
- The web UI logs in (`POST /login` with the token) and gets an HttpOnly session cookie
  holding a random secret of a session stored server-side (`store/sessions.py`): new at
  every login, expiring after `DOSSIER_SESSION_HOURS`, revoked at logout, ended for all
  when the token changes, `Secure` over https or with `DOSSIER_SECURE_COOKIES`.
- Cookie-authenticated writes also need the session's CSRF token (an HMAC of the
  session secret, served only inside pages: the form field `csrf_token` or the
  `X-CSRF-Token` header), and must not come from another origin: a present `Origin` must
  be this server's, and `Sec-Fetch-Site` must be `same-origin` or `none`. Cookies do not
  separate ports, so a page on another port of the same host is same-site, and it was
  exactly such a page that posted a review decision in the red-team pass (issue 20).
  Before login, the login form's token is a double-submit cookie, HttpOnly. Bearer
  requests are not ambient, so they need none of this.
- `POST /match/{dataset}` (yente-compatible) is a POST that only reads: it takes no
  `WriterDep`, so API clients call it without a token, and without a CSRF token (a
  forged cross-site request can learn nothing: CORS keeps the answer from the page).
- A request body over the app's limit is refused with 413 (`BodyLimit`), whether its
  Content-Length says so up front or a chunked body grows past it.
- Every response carries a Content-Security-Policy that allows only same-origin scripts
  and styles, so stored text cannot run even if escaping failed.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dossier.exc import DossierError
from dossier.settings import Settings
from dossier.store.sessions import session_alive

SESSION_COOKIE = "dossier_session"
CSRF_COOKIE = "dossier_csrf"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}
NO_CSP_PATHS = ("/docs", "/redoc")
"""FastAPI's interactive docs load their scripts from a CDN and inline; they keep no CSP."""


class Forbidden(DossierError):
    """The request may not write (read-only server or bad CSRF token)."""

    status = 403


class Unauthorized(DossierError):
    """The request carries no valid credentials for a write."""

    status = 401


def token_mac(token: str) -> str:
    """What a session records of the API token it was opened under (never the token)."""
    return hmac.new(token.encode(), b"dossier-session-v2", hashlib.sha256).hexdigest()


def new_csrf_token() -> str:
    """A fresh random CSRF token (the login form's, before any session)."""
    return secrets.token_urlsafe(32)


def session_csrf(secret: str) -> str:
    """The CSRF token of a session: only a page served to that session carries it."""
    return hmac.new(secret.encode(), b"dossier-csrf-v2", hashlib.sha256).hexdigest()


def session_secret(request: Request, token: str | None) -> str | None:
    """The secret of the request's live session, or None (no cookie, expired, revoked,
    or opened under another token)."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if not (token and cookie):
        return None
    store = request.app.state.store
    return cookie if session_alive(store, cookie, token_mac(token)) else None


def is_logged_in(request: Request, token: str | None) -> bool:
    """Whether the request carries a live session cookie."""
    return session_secret(request, token) is not None


def cookie_flags(request: Request, settings: Settings) -> dict[str, Any]:
    """`set_cookie` options of every cookie: HttpOnly, SameSite=Strict, Secure over https
    (or when `DOSSIER_SECURE_COOKIES` says the server sits behind an https proxy)."""
    secure = settings.secure_cookies or request.url.scheme == "https"
    return {"httponly": True, "samesite": "strict", "path": "/", "secure": secure}


def check_origin(request: Request) -> None:
    """Raise `Forbidden` when a browser says the request comes from another origin."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        raise Forbidden(f"cross-origin write refused (Sec-Fetch-Site: {site})")
    origin = request.headers.get("origin")
    if origin is None:
        return  # not a browser, or an old one: the CSRF token still holds
    host = request.headers.get("host", "").lower()
    if origin == "null" or urlsplit(origin).netloc.lower() != host:
        raise Forbidden(f"cross-origin write refused (Origin {origin} is not {host})")


def check_csrf(request: Request, submitted: str | None, secret: str | None = None) -> None:
    """Raise `Forbidden` unless the request is same-origin and `submitted` is the CSRF
    token: the session's when `secret` is given, else the anonymous cookie's."""
    check_origin(request)
    expected = session_csrf(secret) if secret is not None else request.cookies.get(CSRF_COOKIE)
    if not (expected and submitted and hmac.compare_digest(expected, submitted)):
        raise Forbidden("CSRF token missing or wrong; reload the page and try again")


def authorize(request: Request, token: str | None, csrf: str | None) -> str:
    """Return how a write is authorised (`bearer` or `session`), or raise 403/401."""
    if not token:
        raise Forbidden("this server is read-only; set DOSSIER_API_TOKEN to allow writes")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() == "bearer" and given:
        if hmac.compare_digest(given.strip(), token):
            return "bearer"
        raise Unauthorized("wrong bearer token; send Authorization: Bearer $DOSSIER_API_TOKEN")
    secret = session_secret(request, token)
    if secret is not None:
        check_csrf(request, csrf, secret)
        return "session"
    raise Unauthorized("writes need Authorization: Bearer $DOSSIER_API_TOKEN (or log in at /login)")


class SecurityHeaders:
    """ASGI middleware adding CSP and related headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or str(scope["path"]).startswith(NO_CSP_PATHS):
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for name, value in HEADERS.items():
                    if name.encode() not in present:
                        headers.append((name.encode(), value.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class JsonSuffix:
    """ASGI middleware: `/x.json` is `/x` asked for as JSON (the JSON twin of a page).

    `/index.json` is the twin of `/`. `/openapi.json` and static files are left alone.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if (
            scope["type"] == "http"
            and path.endswith(".json")
            and path != "/openapi.json"
            and not path.startswith("/static/")
        ):
            bare = path[: -len(".json")]
            bare = "/" if bare in ("", "/index") else bare
            headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"accept"]
            headers.append((b"accept", b"application/json"))
            scope = {**scope, "path": bare, "raw_path": bare.encode(), "headers": headers}
        await self.app(scope, receive, send)


class BodyLimit:
    """ASGI middleware: refuse request bodies larger than `max_bytes` with 413.

    The check sits in `receive`, so the route's own body reading raises it and the app's
    error handler answers in the one JSON error shape; a declared Content-Length over
    the limit fails on the first read, before any of the body is taken in.
    """

    def __init__(
        self, app: ASGIApp, max_bytes: int, limits: tuple[tuple[str, int], ...] = ()
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.limits = limits
        """(path prefix, bytes): tighter limits for some routes (`/match/`)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        limit = next((n for prefix, n in self.limits if path.startswith(prefix)), self.max_bytes)
        declared = _content_length(scope)
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            if declared is not None and declared > limit:
                raise _too_large(limit)
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _too_large(limit)
            return message

        await self.app(scope, limited_receive, send)


def _too_large(limit: int) -> HTTPException:
    return HTTPException(413, f"request body larger than {limit} bytes")


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
