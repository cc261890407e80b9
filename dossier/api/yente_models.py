"""Request and response models of the yente-compatible routes (`/match`, `/search`).

Field names and shapes follow yente's `yente/data/common.py`, so yente clients parse
our answers; they live apart from `models.py` because their style (camelCase FtM
properties, `schema` as a field name) is yente's, not ours.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class EntityExample(BaseModel):
    """A query-by-example entity: an FtM schema and properties (values or lists)."""

    model_config = ConfigDict(populate_by_name=True)

    id: str | None = Field(None, examples=["my-entity-id"])
    schema_: str = Field(..., alias="schema", examples=["Person"])
    properties: dict[str, str | list[Any]] = Field(..., examples=[{"name": ["John Doe"]}])


class EntityMatchQuery(BaseModel):
    """A batch of examples keyed by names the client chooses."""

    weights: dict[str, float] = Field({}, description="Accepted for yente clients; ignored.")
    config: dict[str, Any] = Field({}, description="Accepted for yente clients; ignored.")
    queries: dict[str, EntityExample] = Field(
        ..., examples=[{"q1": {"schema": "Company", "properties": {"name": ["Qods Aviation"]}}}]
    )


class EntityResponse(BaseModel):
    """A list entry in FtM shape: `properties` may nest entities (e.g. `sanctions`)."""

    model_config = ConfigDict(populate_by_name=True)

    id: str
    caption: str = Field(..., examples=["QODS AVIATION INDUSTRIES"])
    schema_: str = Field(..., alias="schema", examples=["Organization"])
    properties: dict[str, list[Any]]
    datasets: list[str] = Field([], examples=[["us_ofac_sdn"]])
    referents: list[str] = Field([], examples=[["us_ofac_sdn:16418"]])
    target: bool = False
    first_seen: str | None = None
    last_seen: str | None = None
    last_change: str | None = None


class FeatureExplanation(BaseModel):
    """One feature's score and what it measured."""

    score: float
    explanation: str


class ScoredEntityResponse(EntityResponse):
    """A list entry with its score against the example."""

    score: float = Field(..., examples=[0.95])
    match: bool = Field(..., description="Whether the score is at or above the threshold.")
    features: dict[str, float] = Field(..., examples=[{"similarity": 1.0}])
    explanations: dict[str, FeatureExplanation] = {}


class TotalSpec(BaseModel):
    """How many results there were."""

    value: int = Field(..., examples=[1])
    relation: str = "eq"


class EntityMatches(BaseModel):
    """The answer to one example."""

    status: int = 200
    results: list[ScoredEntityResponse]
    total: TotalSpec
    query: EntityExample


class EntityMatchResponse(BaseModel):
    """The answers to a batch, keyed like the queries."""

    responses: dict[str, EntityMatches]
    matcher: dict[str, dict[str, Any]] = Field(..., description="What each feature measures.")
    limit: int = Field(..., examples=[5])


class SearchResponse(BaseModel):
    """yente's `/search` answer: scored entries without facets."""

    results: list[ScoredEntityResponse]
    facets: dict[str, Any] = {}
    limit: int
    offset: int = 0
    total: TotalSpec
