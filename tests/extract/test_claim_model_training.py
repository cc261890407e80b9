"""train.claims: a refit on the same rows is the same model."""

import random

from train.claims import fit


def _rows(seed: int) -> list[tuple[dict[str, float], int]]:
    rng = random.Random(seed)
    rows = []
    for _ in range(200):
        feats = {f"f{k}": 1.0 for k in range(8) if rng.random() < 0.4}
        rows.append((feats, int("f1" in feats and rng.random() < 0.8)))
    return rows


def test_fit_refit_is_identical() -> None:
    first, again = fit(_rows(1), seed=0), fit(_rows(1), seed=0)
    assert first.weights == again.weights
    assert first.bias == again.bias
    assert first.weights["f1"] > 0  # it learned the feature the labels follow
