"""Schemathesis against /openapi.json: no server errors, responses match the schema.

Each operation gets a few generated cases (Hypothesis, derandomized so runs repeat);
every case is sent to the real app and checked by schemathesis' default checks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from dossier.api.app import create_app
from dossier.settings import Settings

schemathesis = pytest.importorskip("schemathesis")
hypothesis = pytest.importorskip("hypothesis")

EXAMPLES = 6


@pytest.fixture(scope="module")
def api_app(base_db: Path) -> FastAPI:
    """A read-only app (no token): fuzzed writes are refused, the shared DB stays intact."""
    return create_app(str(base_db), Settings(api_token=None))


def test_api_conforms_to_openapi(api_app: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", api_app)
    failures: list[str] = []
    labels: list[str] = []
    calls: list[int] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        labels.append(operation.label)

        @hypothesis.given(case=operation.as_strategy())
        @hypothesis.settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(hypothesis.HealthCheck),
        )
        def check(case: Any) -> None:
            calls.append(1)
            case.call_and_validate()

        try:
            check()
        except BaseException as err:  # one report for all operations
            if isinstance(err, KeyboardInterrupt):
                raise
            failures.append(f"{operation.label}: {type(err).__name__}: {err}"[:2000])
    assert len(labels) >= 14
    assert len(calls) >= len(labels)
    assert not failures, "\n\n".join(failures)


def test_openapi_lists_every_route(api_app: FastAPI) -> None:
    paths = set(api_app.openapi()["paths"])
    expected = {
        "/",
        "/health",
        "/search",
        "/entities",
        "/entities/{entity_id}",
        "/documents",
        "/documents/{document_id}",
        "/sources",
        "/claims",
        "/claims/{claim_id}",
        "/timeline",
        "/graph",
        "/review",
        "/ingest",
    }
    assert expected <= paths
