"""Russian (and, as far as natasha carries it, Ukrainian) extraction.

The same outputs as the English component (`Entity`, `Mention`, `Claim` in
`dossier.model`), from natasha's parse instead of spaCy's. natasha's models are
trained on Russian news, and pymorphy2's dictionaries are Russian only: on Ukrainian
text its NER still finds most names (the two languages share most name shapes), but its
dictionary forms and its parse are unreliable, so names are matched by stem keys
(`forms.py`) and claims are only extracted from Russian (`SUPPORT` in the registry).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dossier.extract.languages.ru.claims import extract_claims
from dossier.extract.languages.ru.entities import Found, find_mentions
from dossier.extract.languages.ru.linking import link_mentions
from dossier.extract.languages.ru.models import RussianModels, load_russian
from dossier.model import Document, EntityType, Extraction
from dossier.resolve.aliases import AliasTable

__all__ = ["RussianModels", "extract_russian", "load_russian"]


def extract_russian(
    document: Document, models: RussianModels, table: AliasTable, claims: bool = True
) -> Extraction:
    """Entities (and claims, when `claims`) of a Russian or Ukrainian document's body."""
    doc = models.parse(document.body)
    found = find_mentions(doc, document.text, document.body_start, table)
    found = _gloss_series(found, _sentence_bounds(doc, document.body_start))
    entities = link_mentions(found)
    found_claims = extract_claims(doc, document, entities) if claims else []
    return Extraction(document=document, entities=entities, claims=found_claims)


def _sentence_bounds(doc: Any, body_start: int) -> list[tuple[int, int]]:
    return [(body_start + s.start, body_start + s.stop) for s in doc.sents]


def _gloss_series(found: list[Found], sentences: list[tuple[int, int]]) -> list[Found]:
    """A bare «Герань» in the sentence that names «Шахед-136» glosses that designation."""
    out: list[Found] = []
    for item in found:
        named = item.canonical or ""
        if item.mention.type is EntityType.WEAPON and named.endswith(" (series)"):
            model = _designation_near(item, found, sentences)
            item = replace(item, canonical=model) if model else item
        out.append(item)
    return out


def _designation_near(
    item: Found, found: list[Found], sentences: list[tuple[int, int]]
) -> str | None:
    family = (item.canonical or "").removesuffix(" (series)")
    span = next(((a, b) for a, b in sentences if a <= item.mention.start < b), None)
    if span is None:
        return None
    models = {
        f.canonical
        for f in found
        if f.mention.type is EntityType.WEAPON
        and f.canonical
        and not f.canonical.endswith(" (series)")
        and f.canonical.startswith(family)
        and span[0] <= f.mention.start < span[1]
    }
    return models.pop() if len(models) == 1 else None
