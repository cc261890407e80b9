"""The fuzz budget: at least 10,000 examples, and every target in it is used by a test."""

from __future__ import annotations

import re
from pathlib import Path

from tests.fuzz import BUDGET

HERE = Path(__file__).parent


def test_budget_sums_to_at_least_ten_thousand() -> None:
    assert sum(BUDGET.values()) >= 10_000


def test_every_budget_entry_drives_a_test() -> None:
    used: set[str] = set()
    for module in HERE.glob("test_*.py"):
        used |= set(re.findall(r"BUDGET\[\"(\w+)\"\]", module.read_text(encoding="utf-8")))
    assert used == set(BUDGET)
