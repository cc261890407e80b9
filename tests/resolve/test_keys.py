"""Cross-document resolution: spelling variants share a key or resolve to one entity."""

from __future__ import annotations

import pytest

from dossier.model import EntityType
from dossier.resolve.keys import entity_key
from dossier.resolve.resolver import Resolver

ORG, PERSON = EntityType.ORGANIZATION, EntityType.PERSON


@pytest.mark.parametrize(
    ("a", "b", "etype"),
    [
        ("Quds Aviation Industry", "Qods Aviation Industries", ORG),
        ("Paravar Pars Company", "Paravar Pars", ORG),
        ("Damavandian Ghassem", "Ghassem Damavandian", PERSON),
    ],
)
def test_same_key(a: str, b: str, etype: EntityType) -> None:
    assert entity_key(a, etype) == entity_key(b, etype)


@pytest.mark.parametrize(
    ("a", "b", "etype"),
    [
        ("Shahed Aviation Industries", "Qods Aviation Industries", ORG),
        ("Armed Forces of Ukraine", "Armed Forces of the Russian Federation", ORG),
        ("Qods Aviation Industries", "Qods Aviation Industries", PERSON),
    ],
)
def test_different_key(a: str, b: str, etype: EntityType) -> None:
    assert entity_key(a, etype) != entity_key(b, ORG)


def test_resolver_merges_what_the_key_misses() -> None:
    resolver = Resolver()
    first = resolver.resolve("Qods Aviation Industries", ORG)
    assert resolver.resolve("Ghods Aviation Industries", ORG) == first
    assert resolver.resolve("Quds Aviation Industry", ORG) == first
    assert resolver.resolve("Shahed Aviation Industries", ORG) != first
    assert resolver.resolve("George Bush", PERSON) != resolver.resolve("George Habbash", PERSON)
