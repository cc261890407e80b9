"""The resolution key of an entity: documents that produce the same key share an entity.

Countries and weapons already carry canonical names and keep their normalised name.
Organisations are keyed by the sound of their name: each token is transliterated,
singularised and reduced to its metaphone code, legal-form words are dropped, so "Quds
Aviation Industry" and "Qods Aviation Industries" share a key. People are keyed by the
spelling of their name with romanisation variants folded (Ghassem/Qasem, Sergei/Sergey)
but vowels kept, because a sound code would make John Smith and Jane Smith one person;
their tokens are sorted, so "Damavandian Ghassem" and "Ghassem Damavandian" share a key.
Variants a key cannot catch (Ghods/Qods) are merged by `dossier.resolve.resolver`, which
uses the screening name comparison and the alias table.
"""

from __future__ import annotations

from dossier.model import EntityType
from dossier.screen.features import phonetic_key, romanised
from dossier.screen.names import STOPWORDS, name_tokens


def singular(token: str) -> str:
    """A crude English singular: industries → industry, systems → system."""
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


def token_key(token: str) -> str:
    """A token's key: digits as written, words by the sound of their singular."""
    if any(ch.isdigit() for ch in token) or len(token) <= 2:
        return token
    return phonetic_key(singular(token)) or token


def person_token_key(token: str) -> str:
    """A person's name token by its spelling, romanisation variants folded."""
    if any(ch.isdigit() for ch in token):
        return token
    return romanised(token)


def entity_key(name: str, etype: EntityType) -> str:
    """A normalised key for cross-document merging."""
    tokens = name_tokens(name)
    if etype not in (EntityType.PERSON, EntityType.ORGANIZATION):
        return " ".join(tokens) or name.casefold()
    content = [t for t in tokens if t not in STOPWORDS] or list(tokens)
    if etype is EntityType.PERSON:
        keys = sorted(person_token_key(t) for t in content)
    else:
        keys = [token_key(t) for t in content]
    return etype.value[0] + ":" + " ".join(keys) if keys else name.casefold()
