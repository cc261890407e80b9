"""yente-compatible matching: `POST /match/{dataset}` and `GET /search/{dataset}`.

Same request and response shapes as OpenSanctions' yente, so its clients can point
at dossier (see `dossier/api/yente.py` for what is compared). `/match` is a POST but
only reads: it needs no token and no CSRF token (see `dossier/api/security.py`).
Malformed bodies are 422, as in yente; unknown datasets 404.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.datastructures import State
from starlette.exceptions import HTTPException

from dossier.api.cache import AnswerCache
from dossier.api.deps import SettingsDep, StoreDep
from dossier.api.models import ErrorOut
from dossier.api.yente import (
    ALGORITHM,
    ALGORITHM_ALIASES,
    Example,
    IndexCache,
    Scope,
    explanations,
    features,
    match_example,
    matcher_docs,
    parse_example,
    present_datasets,
    record_entity,
    resolve_scope,
)
from dossier.api.yente_models import (
    MAX_NAME_CHARS,
    MAX_NAMES,
    EntityMatches,
    EntityMatchQuery,
    EntityMatchResponse,
    QueryEcho,
    SchemaName,
    ScoredEntityResponse,
    SearchResponse,
    TotalSpec,
)
from dossier.exc import DossierError
from dossier.model import MatchResult
from dossier.screen.index import NameIndex
from dossier.screen.screener import ScreenConfig
from dossier.store import Store

router = APIRouter(tags=["matching (yente-compatible)"])

YENTE_PATHS = ("/match/", "/search/")
"""Routes that answer validation errors with 422, as yente does."""
MAX_LIMIT = 100
SEARCH_FLOOR = 0.01
"""`/search` lists every entry whose score is above zero (shares a name token)."""
RESPONSES: dict[int | str, dict[str, object]] = {
    422: {"model": ErrorOut, "description": "Malformed request body or parameters"},
}
MAX_ANSWERS = 4096
"""`/match` answers kept per process: one per (index build, scope, parameters, queries)."""
MAX_ANSWER_BYTES = 64 * 2**20
"""...and at most this many bytes of them (answers are up to 1 MB each)."""
MATCH_MAX_BODY = 2**20
"""Largest `/match` body (413 beyond): 100 queries of a few names and properties take
~100 kB; the app-wide 10 MiB is for `POST /ingest`'s texts."""
MAX_REQUEST_NAME_CHARS = 50_000
"""Name characters screened per request, all queries together (413 beyond). Screening
costs ~10 us of CPU per character of name against OFAC + UN (~3 ms for a 300-character
name), so a request costs at most ~0.5 s; 100 queries of three 40-character names use
12,000. Without it 100 x 20 x 500 characters were ~10 s of CPU."""
MATCH_CONCURRENCY = 4
"""`/match` computations at once per process (429 beyond): all sync routes share one
40-thread pool, so unbounded matching could starve every page. Cached answers skip it."""
__all__ = ["MATCH_MAX_BODY", "MAX_NAMES", "MAX_NAME_CHARS", "MAX_REQUEST_NAME_CHARS", "router"]
_cache_lock = threading.Lock()
Algorithm = StrEnum("Algorithm", {a: a for a in sorted(ALGORITHM_ALIASES)})  # type: ignore[misc]


def index_cache(state: State) -> IndexCache:
    """The app's index cache (created on first use, then shared by every request)."""
    with _cache_lock:
        cache = getattr(state, "match_cache", None)
        if cache is None:
            cache = state.match_cache = IndexCache(data_version=state.data_version)
    return cache


def get_cache(request: Request) -> IndexCache:
    """The app's index cache."""
    return index_cache(request.app.state)


def warm(state: State) -> None:
    """Build the index of every list (`default`) now, so that the first `/match` does not
    wait seconds for it (`dossier serve` calls this at start-up)."""
    store: Store = state.store
    index_cache(state).get(store, resolve_scope("default", lambda: ()))


CacheDep = Annotated[IndexCache, Depends(get_cache)]


def get_answers(request: Request) -> AnswerCache:
    """The app's `/match` answer cache (created on first use)."""
    with _cache_lock:
        answers = getattr(request.app.state, "match_answers", None)
        if answers is None:
            answers = AnswerCache(MAX_ANSWERS, MAX_ANSWER_BYTES)
            request.app.state.match_answers = answers
    return answers


AnswersDep = Annotated[AnswerCache, Depends(get_answers)]


@dataclass(frozen=True, slots=True)
class MatchParams:
    """yente's query parameters."""

    limit: int
    threshold: float | None
    cutoff: float | None
    algorithm: str


def match_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Results per query.")] = 5,
    threshold: Annotated[
        float | None, Query(ge=0, le=1, description="Score from which `match` is true.")
    ] = None,
    cutoff: Annotated[
        float | None, Query(ge=0, le=1, description="Lowest score returned (default: threshold).")
    ] = None,
    algorithm: Annotated[Algorithm, Query(description="Scoring algorithm.")] = Algorithm(ALGORITHM),
) -> MatchParams:
    """Collect the query parameters."""
    return MatchParams(limit, threshold, cutoff, str(algorithm))


ParamsDep = Annotated[MatchParams, Depends(match_params)]


def _scope_index(store: Store, cache: IndexCache, dataset: str) -> tuple[Scope, NameIndex]:
    scope = resolve_scope(dataset, lambda: present_datasets(store))
    return scope, cache.get(store, scope)


def scored(result: MatchResult) -> ScoredEntityResponse:
    """A screening result in yente's scored-entity shape."""
    return ScoredEntityResponse.model_validate(
        {
            **record_entity(result.record),
            "score": result.score,
            "match": result.match,
            "features": features(result),
            "explanations": explanations(result),
        }
    )


def answer(index: NameIndex, example: Example, cfg: ScreenConfig, cutoff: float) -> EntityMatches:
    """The answer to one example."""
    results = [scored(r) for r in match_example(index, example, cfg, cutoff)]
    return EntityMatches(
        results=results,
        total=TotalSpec(value=len(results)),
        query=QueryEcho.model_validate(example.data),
    )


@router.post("/match/{dataset}", response_model=EntityMatchResponse, responses=RESPONSES)
def match(
    request: Request,
    dataset: str,
    body: EntityMatchQuery,
    store: StoreDep,
    settings: SettingsDep,
    cache: CacheDep,
    answers: AnswersDep,
    params: ParamsDep,
) -> Response:
    """Match a batch of example entities against a dataset (`default` for all lists,
    `sanctions`, `export_controls`, `countersanctions`, or one dataset id such as
    `us_ofac_sdn`). Names are compared; `schema` narrows the candidates (`Person`,
    `Organization`/`Company`, `LegalEntity`, `Vessel`, `Airplane`).

    Example body: `{"queries": {"q1": {"schema": "Company", "properties":
    {"name": ["Qods Aviation Industries"]}}}}`

    Answers are kept per (list index build, dataset, parameters, queries) in a LRU
    bounded in entries and bytes: a repeated query costs the index freshness check only.
    Ignored fields (`weights`, `config`) are not part of the key. Bounds: 1 MiB of body,
    20 names per query, 500 characters per name, 50,000 name characters per request
    (413 beyond), and 4 computations at once (429 beyond, with `Retry-After`).
    """
    examples = {
        key: parse_example(key, str(q.schema_), q.properties.model_dump(), q.id)
        for key, q in body.queries.items()
    }
    check_budget(examples)
    scope = resolve_scope(dataset, lambda: present_datasets(store))
    generation, index = cache.current(store, scope)
    threshold = settings.match_threshold if params.threshold is None else params.threshold
    cutoff = min(threshold if params.cutoff is None else params.cutoff, threshold)
    headers = {"x-batch-size": str(len(examples))}
    # Everything the answer depends on; a rebuilt index (lists changed) is a new generation.
    cache_key = (generation, scope.datasets, threshold, cutoff, params, queries_digest(examples))
    if (cached := answers.get(cache_key)) is not None:
        return Response(cached, media_type="application/json", headers=headers)
    cfg = ScreenConfig(threshold, params.limit)
    with match_slot(request):
        responses = {key: answer(index, ex, cfg, cutoff) for key, ex in examples.items()}
    out = EntityMatchResponse(responses=responses, matcher=matcher_docs(), limit=params.limit)
    rendered = JSONResponse(out.model_dump(mode="json", by_alias=True), headers=headers)
    answers.put(cache_key, bytes(rendered.body))
    return rendered


class TooExpensive(DossierError):
    """A `/match` batch over the request's name budget."""

    status = 413


def check_budget(examples: dict[str, Example]) -> None:
    """Raise `TooExpensive` when the batch screens more name characters than allowed."""
    total = sum(len(name) for example in examples.values() for name in example.names)
    if total > MAX_REQUEST_NAME_CHARS:
        raise TooExpensive(
            f"the queries hold {total} characters of names; at most "
            f"{MAX_REQUEST_NAME_CHARS} per request: split the batch"
        )


def queries_digest(examples: dict[str, Example]) -> bytes:
    """A digest of the queries as understood (schema, cleaned properties, id, in order,
    and how many invisible characters the names hid: FtM's cleaning drops some, and the
    answer flags them): what the answer depends on, nothing it ignores; a digest keeps
    keys small."""
    data = [[key, example.data, example.hidden] for key, example in examples.items()]
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).digest()


@contextmanager
def match_slot(request: Request) -> Iterator[None]:
    """Hold one of the app's `/match` slots, or answer 429 when all are taken."""
    with _cache_lock:
        slots = getattr(request.app.state, "match_slots", None)
        if slots is None:
            slots = request.app.state.match_slots = threading.BoundedSemaphore(MATCH_CONCURRENCY)
    if not slots.acquire(blocking=False):
        raise HTTPException(
            429, "too many /match requests at once; retry shortly", {"retry-after": "1"}
        )
    try:
        yield
    finally:
        slots.release()


@router.get("/search/{dataset}", response_model=SearchResponse, responses=RESPONSES)
def search_dataset(
    dataset: str,
    store: StoreDep,
    settings: SettingsDep,
    cache: CacheDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="A name.")],
    schema: Annotated[SchemaName, Query(description="FtM schema to narrow to.")] = SchemaName(
        "Thing"
    ),
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10,
) -> SearchResponse:
    """Entries of a dataset whose names share words with `q`, best first (yente's
    `/search`, answered by name screening; no facets)."""
    example = parse_example("q", str(schema), {"name": [q]}, None)
    _, index = _scope_index(store, cache, dataset)
    cfg = ScreenConfig(settings.match_threshold, limit)
    results = [scored(r) for r in match_example(index, example, cfg, SEARCH_FLOOR)]
    return SearchResponse(results=results, limit=limit, total=TotalSpec(value=len(results)))
