"""Photo captions are recognised by their dateline or credit, prose is not."""

from __future__ import annotations

import pytest

from dossier.extract.captions import is_caption


@pytest.mark.parametrize(
    ("sentence", "caption"),
    [
        ("Police officers shoot at a drone in Kyiv, Ukraine October 17, 2022.", True),
        ("Firefighters work after a drone attack in Kyiv, amid the invasion (AFP)", True),
        ("Firefighters at work in Kyiv (Reuters/Gleb Garanich)", True),
        ("Iran sent drones to Russia on October 17, 2022.", False),
        ("The EU sanctioned makers of unmanned aerial vehicles (UAVs).", False),
    ],
)
def test_is_caption(sentence: str, caption: bool) -> None:
    assert is_caption(sentence) is caption
