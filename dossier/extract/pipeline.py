"""Run extraction over one document: parse the body, find mentions, link, find claims."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

from dossier.extract.claim_model import Candidate, ClaimModel, shipped_model
from dossier.extract.claims import SentenceContext, extract_claims
from dossier.extract.dates import parse_iso
from dossier.extract.languages import LanguageModels, detect_language
from dossier.extract.linking import link_mentions
from dossier.extract.ner import find_mentions
from dossier.extract.widgets import in_spans, widget_spans
from dossier.model import Document, Entity, Extraction


def extract_document(document: Document, nlp: Any) -> Extraction:
    """Extract entities and claims from the body of `document` with the spaCy pipeline."""
    return extract_parsed(document, nlp(document.body))


def extract_parsed(
    document: Document,
    parsed: Any,
    claim_model: ClaimModel | Literal["shipped"] | None = "shipped",
    collect: list[tuple[int, int, list[Candidate]]] | None = None,
) -> Extraction:
    """Extract from an already parsed body (lets callers batch with `nlp.pipe`).

    `claim_model` scores candidate claims (by default the shipped model; None: the hand
    rules alone); `collect`, when given, receives every sentence's candidates (training).
    """
    raw = find_mentions(parsed, document.text, document.body_start)
    entities = link_mentions(raw, document.text, document.body_end)
    owner = _owner_index(entities)
    model = shipped_model() if isinstance(claim_model, str) else claim_model
    published = parse_iso(document.published)
    ctx = SentenceContext(
        document.text, document.body_start, published, owner, model=model, collect=collect
    )
    claims = extract_claims(parsed, ctx)
    # page furniture asserts nothing (its mentions are already dropped by find_mentions)
    furniture = widget_spans(document.text, document.body_start, document.body_end)
    claims = [c for c in claims if not in_spans(c.evidence.start, furniture)]
    return Extraction(document=document, entities=entities, claims=claims)


def with_language(document: Document) -> Document:
    """The document with the language detected from its body (every document gets one)."""
    return replace(document, language=detect_language(document.body))


def extract_other(document: Document, languages: LanguageModels) -> Extraction:
    """Extract a non-English document with its language's component (`languages`)."""
    return languages.extract(document)


def _owner_index(entities: list[Entity]) -> dict[int, Entity]:
    return {m.start: e for e in entities for m in e.mentions}
