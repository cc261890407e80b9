"""Sessions and CSRF (issue 20, items 2 and 9).

Found: the session cookie was a fixed HMAC of the API token (the same for every login,
valid after logout, no expiry, never `Secure`); the CSRF token was a script-readable
cookie tied to nothing, and cookies do not separate ports, so a page on 127.0.0.1:18766
read it and posted a review decision to the server on :18765, which accepted it.

Now a login makes a random session stored server-side (migration 0009) that expires and
is revoked at logout; the CSRF token is derived from it and served only in the page; the
anonymous CSRF cookie (for the login form) is HttpOnly; and a cookie-authenticated write
must not come from another origin (`Origin`, `Sec-Fetch-Site`).

A write that passes authorisation answers 404 here (the match does not exist); a refused
one answers 401 or 403, so the status says which side of the check a request fell on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.testclient import TestClient

from dossier.api.app import create_app
from dossier.api.security import CSRF_COOKIE, SESSION_COOKIE
from dossier.settings import Settings
from dossier.store import schema as t
from tests.browser import bounded
from tests.live import served

TOKEN = "csrf-session-token-7"
DECISION = {"target_type": "match", "target_id": "m1", "decision": "reject"}
AUTHORISED = 404  # past the credential checks: the match does not exist


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "dossier.db")


@pytest.fixture
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db, Settings(api_token=TOKEN))) as c:
        yield c


def _form_token(client: TestClient, path: str = "/login") -> str:
    page = client.get(path, headers={"Accept": "text/html"}).text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, page[:500]
    return found.group(1)


def _login(client: TestClient) -> Any:
    csrf = _form_token(client)
    response = client.post(
        "/login", data={"token": TOKEN, "csrf_token": csrf}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return response


def _cookie_header(response: Any, name: str) -> str:
    return next(h for h in response.headers.get_list("set-cookie") if h.startswith(name + "="))


def test_each_login_gets_a_new_random_httponly_session(client: TestClient) -> None:
    first = _login(client).cookies[SESSION_COOKIE]
    client.cookies.clear()
    second = _login(client)
    assert second.cookies[SESSION_COOKIE] != first
    header = _cookie_header(second, SESSION_COOKIE).lower()
    assert "httponly" in header
    assert "samesite=strict" in header
    assert "max-age=" in header
    assert "secure" not in header  # served over http here


def test_session_cookie_is_secure_when_set_so(db: str) -> None:
    app = create_app(db, Settings(api_token=TOKEN, secure_cookies=True))
    with TestClient(app) as plain:  # behind an https proxy the app itself sees http
        page = plain.get("/login", headers={"Accept": "text/html"})
        assert "; secure" in _cookie_header(page, CSRF_COOKIE).lower()
    with TestClient(create_app(db, Settings(api_token=TOKEN)), base_url="https://testserver") as c:
        assert "; secure" in _cookie_header(_login(c), SESSION_COOKIE).lower()  # https: always


def test_anonymous_csrf_cookie_is_httponly(client: TestClient) -> None:
    response = client.get("/login", headers={"Accept": "text/html"})
    assert "httponly" in _cookie_header(response, CSRF_COOKIE).lower()


def test_session_write_needs_the_session_bound_token(client: TestClient) -> None:
    _login(client)
    token = _form_token(client, "/review")
    assert client.post("/review", json=DECISION, headers={"X-CSRF-Token": token}).status_code == (
        AUTHORISED
    )
    # Double submit no longer works: a cookie the attacker set and the same value sent.
    client.cookies.set(CSRF_COOKIE, "planted")
    planted = client.post("/review", json=DECISION, headers={"X-CSRF-Token": "planted"})
    assert planted.status_code == 403


def test_token_of_another_session_is_refused(db: str) -> None:
    app = create_app(db, Settings(api_token=TOKEN))
    with TestClient(app) as alice, TestClient(app) as mallory:
        _login(alice)
        _login(mallory)
        stolen = _form_token(mallory, "/review")
        response = alice.post("/review", json=DECISION, headers={"X-CSRF-Token": stolen})
        assert response.status_code == 403


def test_logout_revokes_the_session(client: TestClient) -> None:
    cookie = _login(client).cookies[SESSION_COOKIE]
    token = _form_token(client, "/review")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 200
    client.cookies.clear()
    client.cookies.set(SESSION_COOKIE, cookie)  # the old cookie, kept by an attacker
    replay = client.post("/review", json=DECISION, headers={"X-CSRF-Token": token})
    assert replay.status_code == 401


def test_expired_session_is_refused(client: TestClient) -> None:
    _login(client)
    token = _form_token(client, "/review")
    store = client.app.state.store  # type: ignore[attr-defined]
    with store.engine.begin() as conn:
        conn.execute(sa.update(t.sessions).values(expires_at="2000-01-01T00:00:00+00:00"))
    response = client.post("/review", json=DECISION, headers={"X-CSRF-Token": token})
    assert response.status_code == 401


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://127.0.0.1:18766"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "same-site"},
        {"Sec-Fetch-Site": "cross-site"},
    ],
    ids=["other-port-origin", "null-origin", "same-site", "cross-site"],
)
def test_cross_origin_write_with_a_stolen_token_is_refused(
    client: TestClient, headers: dict[str, str]
) -> None:
    _login(client)
    token = _form_token(client, "/review")
    response = client.post("/review", json=DECISION, headers={"X-CSRF-Token": token, **headers})
    assert response.status_code == 403, response.text
    same = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    ok = client.post("/review", json=DECISION, headers={"X-CSRF-Token": token, **same})
    assert ok.status_code == AUTHORISED


def _evil_app(target: str, token: str) -> FastAPI:
    """What an attacker runs on another port: a page that reads the victim's cookies (as
    the red-team page did) and posts a review form to the target, with `token` (a stolen
    CSRF token, the attacker's best case) when script finds none."""
    evil = FastAPI()
    page = f"""<!doctype html><body><form id="f" method="post" action="{target}/review/form">
<input name="target_type" value="match"><input name="target_id" value="m1">
<input name="decision" value="reject"><input id="t" name="csrf_token" value="{token}">
</form><p id="seen"></p><script>
var m = document.cookie.match(/dossier_csrf=([^;]*)/);
document.getElementById("seen").textContent = document.cookie;
if (m) {{ document.getElementById("t").value = m[1]; }}
document.getElementById("f").submit();
</script></body>"""

    @evil.get("/")
    def attack() -> HTMLResponse:
        return HTMLResponse(page)

    return evil


@pytest.mark.slow  # two real servers and a browser: ~10 s
def test_page_on_another_port_cannot_post_a_review(db: str, browser: Any) -> None:
    app = create_app(db, Settings(api_token=TOKEN))
    with served(app) as target:
        context = bounded(browser.new_context())
        try:
            page = context.new_page()
            page.goto(f"{target}/login")
            page.fill("input[name=token]", TOKEN)
            with page.expect_navigation():
                page.click("form[action='/login'] button")
            cookies = {c["name"]: c for c in context.cookies()}
            assert cookies[SESSION_COOKIE]["httpOnly"] is True
            stolen = page.get_attribute("input[name=csrf_token]", "value") or ""
            assert stolen
            with served(_evil_app(target, stolen)) as evil:
                assert evil.rsplit(":", 1)[1] != target.rsplit(":", 1)[1]
                with page.expect_navigation(url=f"{target}/review/form"):
                    page.goto(evil)
                answer = page.content()
        finally:
            context.close()
    assert '"status":403' in answer, answer[:400]
    assert "cross-origin" in answer or "Origin" in answer
