"""Every write route refuses missing, wrong and forged credentials.

Routes are enumerated from the app object (`tests/security/routes.py`): a new route that
takes POST, PUT, PATCH or DELETE is in this matrix as soon as it exists, and must either
refuse unauthenticated writes or be listed in `OPEN_POSTS` with the reason it may not.
Each refused request carries a valid body, so the refusal is about the credentials; the
database counts are compared before and after.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dossier.api.app import create_app
from dossier.api.security import CSRF_COOKIE, SESSION_COOKIE, token_mac
from dossier.settings import Settings
from dossier.store.sessions import open_session
from tests.security.routes import READ_METHODS, api_routes, body_type, sample_body

TOKEN = "write-auth-token-1"
OPEN_POSTS = {
    "/login": "exchanges the token for a session; a wrong token is refused (tested below)",
    "/logout": "only drops the caller's own session cookie; needs the CSRF token",
    "/match/{dataset}": "yente-compatible matching: a POST that only reads",
}
APP = create_app(":memory:", Settings(api_token=TOKEN))
_OLD_SESSION = hmac.new(TOKEN.encode(), b"dossier-session-v1", hashlib.sha256).hexdigest()
WRITES = [
    (route, method)
    for route in api_routes(APP)
    for method in sorted(set(route.methods) - READ_METHODS)
    if route.path not in OPEN_POSTS
]
BAD_HEADERS: dict[str, dict[str, str]] = {
    "none": {},
    "wrong-bearer": {"Authorization": "Bearer not-the-token"},
    "empty-bearer": {"Authorization": "Bearer "},
    "prefix-of-token": {"Authorization": f"Bearer {TOKEN[:-1]}"},
    "token-plus-suffix": {"Authorization": f"Bearer {TOKEN}x"},
    "no-scheme": {"Authorization": TOKEN},
    "basic": {"Authorization": f"Basic {TOKEN}"},
    "token-header": {"X-API-Token": TOKEN},
    "forged-session": {"Cookie": f"{SESSION_COOKIE}=0000; {CSRF_COOKIE}=c", "X-CSRF-Token": "c"},
    # What the session cookie was before sessions were stored (issue 20): the same for
    # every login, forever; it must open nothing now.
    "fixed-hmac-session": {
        "Cookie": f"{SESSION_COOKIE}={_OLD_SESSION}; {CSRF_COOKIE}=c",
        "X-CSRF-Token": "c",
    },
}


def _ids(item: tuple[Any, str]) -> str:
    return f"{item[1]} {item[0].path}"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("auth") / "dossier.db"
    with TestClient(create_app(str(path), Settings(api_token=TOKEN))) as seed:
        seeded = seed.post(
            "/ingest",
            json={"text": "Iran supplied drones to Russia."},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert seeded.status_code == 201
    return str(path)


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db, Settings(api_token=TOKEN))) as c:
        yield c


@pytest.fixture(scope="module")
def readonly(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db, Settings(api_token=None))) as c:
        yield c


def _send(client: TestClient, route: Any, method: str, headers: dict[str, str]) -> Any:
    body = sample_body(route)
    path = route.path.replace("{", "").replace("}", "")
    client.cookies.clear()
    if body_type(route).endswith("json"):
        return client.request(method, path, json=body, headers=headers)
    return client.request(method, path, data=body, headers=headers)


def test_the_matrix_has_write_routes() -> None:
    assert {route.path for route, _ in WRITES} >= {"/ingest", "/review", "/review/form"}


@pytest.mark.parametrize("write", WRITES, ids=_ids)
@pytest.mark.parametrize("credentials", sorted(BAD_HEADERS))
def test_write_without_valid_credentials_is_refused(
    client: TestClient, write: tuple[Any, str], credentials: str
) -> None:
    before = client.get("/health").json()["counts"]
    response = _send(client, *write, BAD_HEADERS[credentials])
    assert response.status_code in (401, 403), response.text
    assert response.json()["ok"] is False
    assert client.get("/health").json()["counts"] == before


def _session(client: TestClient, token: str) -> str:
    store = client.app.state.store  # type: ignore[attr-defined]
    return open_session(store, token_mac(token), dt.timedelta(hours=1))


@pytest.mark.parametrize("write", WRITES, ids=_ids)
def test_session_of_another_token_is_refused(client: TestClient, write: tuple[Any, str]) -> None:
    # A real stored session, opened under a token this server no longer has.
    headers = {"Cookie": f"{SESSION_COOKIE}={_session(client, 'other')}"}
    response = _send(client, *write, headers)
    assert response.status_code == 401, response.text


@pytest.mark.parametrize("write", WRITES, ids=_ids)
def test_session_without_csrf_token_is_refused(client: TestClient, write: tuple[Any, str]) -> None:
    headers = {"Cookie": f"{SESSION_COOKIE}={_session(client, TOKEN)}; {CSRF_COOKIE}=abc"}
    response = _send(client, *write, headers)
    assert response.status_code == 403, response.text
    assert "CSRF" in response.json()["detail"]


@pytest.mark.parametrize("write", WRITES, ids=_ids)
def test_readonly_server_refuses_even_a_token(readonly: TestClient, write: tuple[Any, str]) -> None:
    response = _send(readonly, *write, {"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403, response.text
    assert "read-only" in response.json()["detail"]


def test_ingest_with_the_token_is_accepted(client: TestClient) -> None:
    # The matrix's bodies are valid: with the right token the same request succeeds.
    route = next(route for route, _ in WRITES if route.path == "/ingest")
    response = _send(client, route, "POST", {"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201, response.text


def test_login_with_wrong_token_sets_no_session(client: TestClient) -> None:
    client.cookies.clear()
    client.get("/login", headers={"Accept": "text/html"})
    csrf = client.cookies[CSRF_COOKIE]
    response = client.post(
        "/login", data={"token": "wrong", "csrf_token": csrf}, follow_redirects=False
    )
    assert response.status_code == 401
    assert SESSION_COOKIE not in response.cookies


def test_login_without_csrf_is_refused(client: TestClient) -> None:
    client.cookies.clear()
    response = client.post("/login", data={"token": TOKEN}, follow_redirects=False)
    assert response.status_code == 403
    assert SESSION_COOKIE not in response.cookies


def test_logout_without_csrf_is_refused(client: TestClient) -> None:
    client.cookies.clear()
    assert client.post("/logout", data={}).status_code == 403


def test_open_posts_exist() -> None:
    # An exemption for a route that no longer exists would hide nothing, but rots.
    paths = {route.path for route in api_routes(APP)}
    assert set(OPEN_POSTS) <= paths
