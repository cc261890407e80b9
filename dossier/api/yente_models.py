"""Request and response models of the yente-compatible routes (`/match`, `/search`).

Field names and shapes follow yente's `yente/data/common.py`, so yente clients parse
our answers; they live apart from `models.py` because their style (camelCase FtM
properties, `schema` as a field name) is yente's, not ours.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from followthemoney import model
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

MAX_BATCH = 100
MAX_NAMES = 20
"""Names per query (yente clients send one to a few; 50 x 100 queries was an attack)."""
MAX_NAME_CHARS = 500
"""Characters per name: the longest listed name (UN, OFAC, EU) has 324."""
SchemaName = StrEnum(  # type: ignore[misc]
    "SchemaName",
    {n: n for n in sorted([*(s.name for s in model.schemata.values() if s.matchable), "Thing"])},
)
"""The FtM schemata a query may name: the matchable ones, and `Thing` for any."""
Value = Annotated[str, StringConstraints(min_length=1, max_length=1000)]
NameValue = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME_CHARS)]


def _as_list(value: object) -> object:
    return [value] if isinstance(value, str) else value


class ExampleProperties(BaseModel):
    """FtM properties: `name` is required (dossier matches by name), others are echoed."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, list[Value]] = Field(init=False)

    name: list[NameValue] = Field(..., min_length=1, max_length=MAX_NAMES, examples=[["John Doe"]])

    @model_validator(mode="before")
    @classmethod
    def _listify(cls, data: object) -> object:
        """A single value is a list of one, as in yente."""
        if isinstance(data, dict):
            return {key: _as_list(value) for key, value in data.items()}
        return data


class EntityExample(BaseModel):
    """A query-by-example entity: an FtM schema and its properties."""

    model_config = ConfigDict(populate_by_name=True)

    id: str | None = Field(None, examples=["my-entity-id"])
    schema_: SchemaName = Field(..., alias="schema", examples=["Person"])
    properties: ExampleProperties


class EntityMatchQuery(BaseModel):
    """A batch of examples keyed by names the client chooses."""

    weights: dict[str, float] = Field({}, description="Accepted for yente clients; ignored.")
    config: dict[str, Any] = Field({}, description="Accepted for yente clients; ignored.")
    queries: dict[str, EntityExample] = Field(
        ...,
        min_length=1,
        max_length=MAX_BATCH,
        examples=[{"q1": {"schema": "Company", "properties": {"name": ["Qods Aviation"]}}}],
    )


class QueryEcho(BaseModel):
    """The example as understood: its schema and its cleaned properties."""

    model_config = ConfigDict(populate_by_name=True)

    id: str | None = None
    schema_: str = Field(..., alias="schema", examples=["Person"])
    properties: dict[str, list[str]]


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
    query: QueryEcho


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
