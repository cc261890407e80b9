"""The JSON that `dossier extract`, `screen` and `compare` print (shared/eval/CONTRACT.md)."""

from __future__ import annotations

from typing import Any

from dossier.model import Claim, Entity, Extraction, MatchResult


def extraction_json(extraction: Extraction) -> dict[str, Any]:
    """One contract object for an extracted document."""
    d = extraction.document
    return {
        "document": {
            "id": d.id,
            "title": d.title,
            "url": d.url,
            "published": d.published,
            "language": d.language,
            "body_start": d.body_start,
            "body_end": d.body_end,
        },
        "entities": [
            _entity_json(e, extraction.matches.get(e.name, [])) for e in extraction.entities
        ],
        "claims": [claim_json(c) for c in extraction.claims],
    }


def _entity_json(entity: Entity, matches: list[MatchResult]) -> dict[str, Any]:
    return {
        "name": entity.name,
        "type": entity.type.value,
        "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in entity.mentions],
        "matches": [
            {
                "dataset": r.record.dataset,
                "list_id": r.record.list_id,
                "name": r.record.name,
                "score": r.score,
            }
            for r in matches
        ],
    }


def claim_json(claim: Claim) -> dict[str, Any]:
    """One contract claim object."""
    return {
        "subject": claim.subject,
        "predicate": claim.predicate.value,
        "object": claim.object,
        "item": claim.item,
        "date": claim.date,
        "quantity": claim.quantity,
        "attributed_to": claim.attributed_to,
        "hedged": claim.hedged,
        "evidence": {
            "text": claim.evidence.text,
            "start": claim.evidence.start,
            "end": claim.evidence.end,
        },
    }


def result_json(result: MatchResult) -> dict[str, Any]:
    """One screening result object."""
    record = result.record
    return {
        "dataset": record.dataset,
        "list_id": record.list_id,
        "name": record.name,
        "schema": record.schema,
        "score": result.score,
        "match": result.match,
        "programs": list(record.programs),
        "listed_on": record.listed_on,
        "explanation": result.explanation,
    }


def screen_json(query: str, results: list[MatchResult]) -> dict[str, Any]:
    """One contract object per screened query."""
    return {"query": query, "results": [result_json(r) for r in results]}
