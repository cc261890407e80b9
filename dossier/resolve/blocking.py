"""Blocking: which stored entities a new name is compared with.

A store keeps each entity's key (`entity_key`) under a unique (type, key) index. The
key of a person or an organisation is a run of token keys, so a range scan on a token
key as prefix finds the entities whose key starts with it, cheaply on any store size.
A new name probes with each of its content tokens, spelled as written and with its
romanisation variants folded (Ghods → Qods), so "Ghods Aviation" meets "Qods Aviation".
Names in the alias table also probe with the exact keys of every name of their group.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dossier.model import EntityType
from dossier.resolve.aliases import AliasTable
from dossier.resolve.keys import entity_key, person_token_key, token_key
from dossier.screen.features import romanised
from dossier.screen.names import STOPWORDS, is_abjad, name_tokens, skeleton

# Token keys shorter than this probe too wide a range to be worth it.
MIN_PREFIX = 2
# A person's token probes with its first letters, so spellings that differ later meet
# ("Damavandi", "Damavandian").
PERSON_PREFIX = 3


@dataclass(frozen=True, slots=True)
class Probe:
    """Stored entities to compare with: of `type`, whose key is `value` (`exact`), starts
    with the whole token `value` (`word`), or starts with the letters `value` (`prefix`).
    """

    type: str
    value: str
    kind: Literal["exact", "word", "prefix"]

    def hits(self, etype: str, key: str) -> bool:
        """Whether a stored entity's type and key fall in this probe."""
        if etype != self.type:
            return False
        if self.kind == "exact":
            return key == self.value
        if self.kind == "word":
            return key == self.value or key.startswith(self.value + " ")
        return key.startswith(self.value)

    def bounds(self) -> tuple[str, str]:
        """The key range [low, high) that holds every hit of a `word` or `prefix` probe.

        The range is that of the letters (`KT` → [`KT`, `KU`)), never one bounded by
        punctuation or spaces, so it holds under a database's linguistic collation
        (which ignores those) as under byte order; `hits` then keeps the true hits.
        """
        return self.value, self.value[:-1] + chr(ord(self.value[-1]) + 1)


def probes(name: str, etype: EntityType, table: AliasTable) -> list[Probe]:
    """Every probe for a new entity: its tokens' key prefixes and its alias group's keys."""
    exact = [Probe(t, k, "exact") for t, k in alias_keys(name, etype, table)]
    return sorted({*exact, *token_probes(name, etype)}, key=lambda p: (p.type, p.value, p.kind))


def token_probes(name: str, etype: EntityType) -> list[Probe]:
    """Probes by token: keys that start with one of the name's token keys.

    An organisation's token key must be a whole first token of the stored key; a
    person's is only its first letters (people's tokens are spelled, not coded).
    """
    if not etype.screenable:
        return []
    tokens = [t for t in name_tokens(name) if t not in STOPWORDS]
    found: set[Probe] = set()
    for token in tokens:
        variants = {token, romanised(token)}
        if is_abjad(name):
            variants.add(skeleton(token))
        for variant in variants:
            found.update(_token_probes(variant, etype))
    return sorted(found, key=lambda p: (p.value, p.kind))


def _token_probes(token: str, etype: EntityType) -> list[Probe]:
    head = etype.value[0] + ":"
    if etype is EntityType.PERSON:
        key = person_token_key(token)[:PERSON_PREFIX]
        if len(key) < MIN_PREFIX:
            return []
        # Stores written before people were keyed by spelling hold sound keys ("p:JN SM0").
        legacy = Probe(etype.value, head + token_key(token), "word")
        return [Probe(etype.value, head + key, "prefix"), legacy]
    key = token_key(token)
    return [Probe(etype.value, head + key, "word")] if len(key) >= MIN_PREFIX else []


def alias_keys(name: str, etype: EntityType, table: AliasTable) -> list[tuple[str, str]]:
    """(type, key) of every name in `name`'s alias group, for each type the row names."""
    row = table.lookup(name, etype)
    if row is None:
        return []
    return sorted(
        {(t.value, entity_key(n, t)) for n in table.names(row.canonical) for t in row.types}
    )
