"""Response models: they are the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Health(BaseModel):
    """Service status and table counts."""

    ok: bool = Field(..., examples=[True])
    counts: dict[str, int] = Field(..., examples=[{"documents": 2, "entities": 30}])


class EntitySummary(BaseModel):
    """An entity in a list: id, name, type, how often it is mentioned."""

    id: str
    name: str = Field(..., examples=["Qods Aviation Industries"])
    type: str = Field(..., examples=["organization"])
    mentions: int
    documents: int


class Mention(BaseModel):
    """Where an entity is mentioned."""

    document_id: str
    start: int
    end: int
    text: str


class ListMatch(BaseModel):
    """A list record the entity matched, with the explanation of the score."""

    dataset: str = Field(..., examples=["us_ofac_sdn"])
    list_id: str = Field(..., examples=["16418"])
    name: str
    programs: list[str]
    listed_on: str | None
    score: float
    matched_name: str
    explanation: dict[str, Any]


class ClaimOut(BaseModel):
    """A claim with its evidence span."""

    id: str
    document_id: str
    subject: str
    predicate: str
    object: str | None
    item: str | None
    date: str | None
    quantity: str | None
    attributed_to: str | None
    hedged: bool
    evidence_text: str
    evidence_start: int
    evidence_end: int


class EntityDetail(BaseModel):
    """Everything stored about one entity."""

    id: str
    name: str
    type: str
    aliases: list[str]
    mentions: list[Mention]
    claims: list[ClaimOut]
    matches: list[ListMatch]
