"""Merge mentions across documents with the screening name comparison.

`entity_key` catches spelling and sound variants; `Resolver` also merges names the
key misses ("Ghods" and "Qods") by scoring a new name against the canonical names
already seen of the same type, through the same `compare_names` that screening uses.
A store can keep one `Resolver` per run and call `resolve` instead of `entity_key`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dossier.model import EntityType
from dossier.resolve.keys import entity_key
from dossier.screen.algorithms import MATCH_CUT, compare_names


@dataclass(slots=True)
class Resolver:
    """Assigns each (name, type) the key of the first matching entity seen."""

    threshold: float = MATCH_CUT
    names: dict[str, str] = field(default_factory=dict)
    """key → canonical name (the first name seen with that key)."""
    types: dict[str, EntityType] = field(default_factory=dict)

    def resolve(self, name: str, etype: EntityType) -> str:
        """Return the key of the entity `name` refers to, adding a new one if none matches."""
        key = entity_key(name, etype)
        if key in self.names or not etype.screenable:
            self.names.setdefault(key, name)
            self.types.setdefault(key, etype)
            return key
        schema = etype.list_schema
        best = max(
            (
                (compare_names(name, known, schema=schema).score, known_key)
                for known_key, known in self.names.items()
                if self.types[known_key] is etype
            ),
            default=(0.0, key),
        )
        if best[0] >= self.threshold:
            return best[1]
        self.names[key] = name
        self.types[key] = etype
        return key
