"""Blocking: which stored entities a new name is compared with.

A store keeps each entity's key (`entity_key`) under a unique (type, key) index. The
key of a person or an organisation is a run of token keys, so a range scan on a token
key as prefix finds the entities whose key starts with it, cheaply on any store size.
A new name probes with each of its content tokens, spelled as written and with its
romanisation variants folded (Ghods → Qods), so "Ghods Aviation" meets "Qods Aviation".
Names in the alias table also probe with the exact keys of every name of their group.
"""

from __future__ import annotations

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


def prefix_probes(name: str, etype: EntityType) -> list[str]:
    """Key prefixes that an entity of the same type as `name` may share with it."""
    if not etype.screenable:
        return []
    tokens = [t for t in name_tokens(name) if t not in STOPWORDS]
    probes: set[str] = set()
    for token in tokens:
        variants = {token, romanised(token)}
        if is_abjad(name):
            variants.add(skeleton(token))
        for variant in variants:
            key = _probe_key(variant, etype)
            if len(key) >= MIN_PREFIX:
                probes.add(etype.value[0] + ":" + key)
    return sorted(probes)


def _probe_key(token: str, etype: EntityType) -> str:
    if etype is EntityType.PERSON:
        return person_token_key(token)[:PERSON_PREFIX]
    return token_key(token)


def alias_keys(name: str, etype: EntityType, table: AliasTable) -> list[tuple[str, str]]:
    """(type, key) of every name in `name`'s alias group, for each type the row names."""
    row = table.lookup(name, etype)
    if row is None:
        return []
    return sorted(
        {(t.value, entity_key(n, t)) for n in table.names(row.canonical) for t in row.types}
    )
