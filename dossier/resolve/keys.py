"""The resolution key of an entity: documents that produce the same key share an entity.

Countries and weapons already carry canonical names; people and organisations are keyed
by their transliterated, normalised name, with legal-form words removed, so
"Quds Aviation Industry" in one report and "Quds Aviation Industry" in another merge.
"""

from __future__ import annotations

from dossier.model import EntityType
from dossier.screen.names import STOPWORDS, name_tokens


def entity_key(name: str, etype: EntityType) -> str:
    """A normalised key for cross-document merging."""
    tokens = [t for t in name_tokens(name) if t not in STOPWORDS or etype is EntityType.PERSON]
    return " ".join(tokens) or " ".join(name_tokens(name)) or name.casefold()
