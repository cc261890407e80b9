"""Claims in Russian from natasha's dependency parse (filled in below)."""

from __future__ import annotations

from typing import Any

from dossier.model import Claim, Document, Entity


def extract_claims(doc: Any, document: Document, entities: list[Entity]) -> list[Claim]:
    """Claims whose trigger and parties the parse shows."""
    return []
