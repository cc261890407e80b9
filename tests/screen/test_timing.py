"""Listing-date arithmetic, including partial dates."""

from __future__ import annotations

import pytest

from dossier.lists.timing import designation_timing


@pytest.mark.parametrize(
    ("act", "listed", "ended", "expected"),
    [
        ("2023-05-01", "2022-10-20", None, "listed_before"),
        ("2023-05-01", "2023-05-01", None, "listed_before"),
        ("2022-01-15", "2022-10-20", None, "listed_after"),
        ("2022", "2022-10-20", None, "unclear"),
        ("2021", "2022-10-20", None, "listed_after"),
        ("2023-02", "2022", None, "listed_before"),
        ("2024-01-01", "2019-01-01", "2020-06-30", "delisted_before"),
        (None, "2022-10-20", None, "unknown"),
        ("2023-05-01", None, None, "unknown"),
    ],
)
def test_designation_timing(
    act: str | None, listed: str | None, ended: str | None, expected: str
) -> None:
    assert designation_timing(act, listed, ended) == expected
