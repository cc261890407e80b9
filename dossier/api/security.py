"""Write authorisation, CSRF and security headers.

- Writes need `Authorization: Bearer $DOSSIER_API_TOKEN`. Without a configured token the
  server is read-only and every write is refused with 403.
- The web UI logs in once (`POST /login` with the token) and gets an HttpOnly session
  cookie holding an HMAC of the token, never the token itself.
- Cookie-authenticated writes also need a CSRF token (double submit): the `dossier_csrf`
  cookie must equal the form field `csrf_token` or the `X-CSRF-Token` header. Bearer
  requests are not ambient, so they need none.
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

from fastapi import Request
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dossier.exc import DossierError

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


def session_value(token: str) -> str:
    """The session cookie value for a token: an HMAC, so the cookie never holds the token."""
    return hmac.new(token.encode(), b"dossier-session-v1", hashlib.sha256).hexdigest()


def new_csrf_token() -> str:
    """A fresh random CSRF token."""
    return secrets.token_urlsafe(32)


def is_logged_in(request: Request, token: str | None) -> bool:
    """Whether the request carries a valid session cookie."""
    cookie = request.cookies.get(SESSION_COOKIE)
    return bool(token and cookie and hmac.compare_digest(cookie, session_value(token)))


def check_csrf(request: Request, submitted: str | None) -> None:
    """Raise `Forbidden` unless `submitted` equals the CSRF cookie."""
    cookie = request.cookies.get(CSRF_COOKIE)
    if not (cookie and submitted and hmac.compare_digest(cookie, submitted)):
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
    if is_logged_in(request, token):
        check_csrf(request, csrf)
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
