"""Escaping of stored text, security headers, and the loopback default."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from dossier.settings import Settings
from tests.api.built import AUTH, HTML

PAYLOAD = '<script>alert("pwned")</script>'


def test_stored_script_renders_as_text(rw_client: TestClient) -> None:
    text = f"Iran supplied drones to Russia. {PAYLOAD} <img src=x onerror=alert(1)> said Tehran."
    out = rw_client.post("/ingest", json={"text": text, "title": PAYLOAD}, headers=AUTH).json()
    doc_id = out["document_id"]
    for path in (f"/documents/{doc_id}", "/documents", "/sources"):
        page = rw_client.get(path, headers=HTML).text
        assert PAYLOAD not in page
        assert "<img src=x" not in page
        assert "&lt;script&gt;alert(" in page
    assert rw_client.get(f"/documents/{doc_id}").json()["text"] == text


def test_csp_and_headers_on_pages_json_and_errors(client: TestClient) -> None:
    for response in (
        client.get("/", headers=HTML),
        client.get("/graph.json"),
        client.get("/nope"),
        client.get("/static/app.css"),
    ):
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "object-src 'none'" in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"


def test_pages_have_no_inline_script(client: TestClient, qods_id: str) -> None:
    for path in ("/", f"/entities/{qods_id}", "/graph", "/timeline", "/review"):
        page = client.get(path, headers=HTML).text
        assert "<script>" not in page
        assert "onclick=" not in page


def test_forms_carry_the_csrf_token(client: TestClient) -> None:
    page = client.get("/login", headers=HTML)
    token = client.cookies["dossier_csrf"]
    assert f'name="csrf_token" value="{token}"' in page.text


def test_server_binds_loopback_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOSSIER_HOST", raising=False)
    assert Settings().host == "127.0.0.1"
