"""Small generated corpora: many short reports that share entities, so writers collide."""

from __future__ import annotations

import json
from pathlib import Path

COMPANIES = [
    "Rosoboronexport",
    "Alabuga Special Economic Zone",
    "Quds Aviation Industry",
    "Shahed Aviation Industries",
    "Kalashnikov Concern",
    "Norinco",
    "Iran Aircraft Manufacturing Industrial Company",
]
COUNTRIES = ["Russia", "Iran", "Belarus", "China", "North Korea", "Syria"]
PEOPLE = ["John Kirby", "Antony Blinken", "Josep Borrell", "Ned Price"]
ITEMS = ["drones", "artillery shells", "missiles", "rifles"]


def report(n: int) -> str:
    """The `n`-th generated report: short, unique, and naming entities others name too."""
    company = COMPANIES[n % len(COMPANIES)]
    buyer = COUNTRIES[(n // 3) % len(COUNTRIES)]
    person = PEOPLE[(n // 5) % len(PEOPLE)]
    item = ITEMS[n % len(ITEMS)]
    return (
        f"{company} agreed to supply {10 + n} {item} to {buyer}, {person} said on Tuesday. "
        f"The United States sanctioned {company} in report number {n}."
    )


def write_jsonl(path: Path, count: int) -> Path:
    """Write `count` generated reports as JSON Lines (`id`, `text`, `published`)."""
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            record = {"id": f"gen-{n:05d}", "text": report(n), "published": "2024-03-05"}
            out.write(json.dumps(record) + "\n")
    return path
