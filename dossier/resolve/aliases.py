"""The alias table: names that public reporting documents as one party or one weapon.

`dossier/data/aliases.csv` has one row per alias: `canonical,type,alias`. `type` names
the entity types the row applies to, joined by `|` ("organization|location": a site is
reported as a place or as the company on it). Names are compared once transliterated to
Latin and tokenised (`name_tokens`), so "Елабуга" finds "Elabuga"; a name in Arabic or
Persian script, written without short vowels, is also compared by consonant skeleton.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from dossier.exc import InvalidInput
from dossier.model import EntityType
from dossier.screen.names import is_abjad, name_tokens, skeleton

ALIASES_CSV = Path(__file__).resolve().parent.parent / "data" / "aliases.csv"
COLUMNS = ("canonical", "type", "alias")


@dataclass(frozen=True, slots=True)
class AliasRow:
    """One row of the table: `alias` names the same thing as `canonical`."""

    canonical: str
    types: tuple[EntityType, ...]
    alias: str
    line: int

    def as_reason(self) -> dict[str, object]:
        """The row as it is cited in a merge's reason."""
        types = "|".join(t.value for t in self.types)
        return {"canonical": self.canonical, "type": types, "alias": self.alias, "line": self.line}


def normal(name: str) -> str:
    """A name as the table compares it: Latin, casefolded, one space between tokens."""
    return " ".join(name_tokens(name))


def skeletal(name: str) -> str:
    """A name by consonant skeleton, for names written in Arabic or Persian script."""
    return " ".join(skeleton(t) for t in name_tokens(name))


@dataclass(slots=True)
class AliasTable:
    """Alias rows indexed by normalised name and by consonant skeleton."""

    rows: list[AliasRow] = field(default_factory=list)
    by_name: dict[str, list[AliasRow]] = field(default_factory=dict)
    by_skeleton: dict[str, list[AliasRow]] = field(default_factory=dict)

    def add(self, row: AliasRow) -> None:
        """Index a row under both its names."""
        self.rows.append(row)
        for name in (row.canonical, row.alias):
            self.by_name.setdefault(normal(name), []).append(row)
            self.by_skeleton.setdefault(skeletal(name), []).append(row)

    def lookup(self, name: str, etype: EntityType) -> AliasRow | None:
        """The first row that names `name` for entities of type `etype`, if any."""
        found = self.by_name.get(normal(name), [])
        if not found and is_abjad(name):
            found = self.by_skeleton.get(skeletal(name), [])
        return next((row for row in found if etype in row.types), None)

    def names(self, canonical: str) -> list[str]:
        """Every name of the group `canonical` heads, the canonical name first."""
        aliases = [r.alias for r in self.rows if r.canonical == canonical]
        return list(dict.fromkeys([canonical, *aliases]))

    def same_group(self, row: AliasRow, name: str, etype: EntityType) -> bool:
        """Whether `name` (of type `etype`) is a name of the group `row` belongs to."""
        other = self.lookup(name, etype)
        return other is not None and other.canonical == row.canonical


def parse_rows(lines: Iterable[str], source: str) -> AliasTable:
    """Read alias rows (with a `canonical,type,alias` header) into a table."""
    reader = csv.reader(lines)
    header = tuple(next(reader, ()))
    if header != COLUMNS:
        raise InvalidInput(f"{source}: header must be {','.join(COLUMNS)}, not {header!r}")
    table = AliasTable()
    for line, cells in enumerate(reader, start=2):
        if cells:
            table.add(_row(cells, line, source))
    return table


def _row(cells: list[str], line: int, source: str) -> AliasRow:
    if len(cells) != 3 or not all(c.strip() for c in cells):
        raise InvalidInput(f"{source}:{line}: expected three non-empty cells, got {cells!r}")
    canonical, types, alias = (c.strip() for c in cells)
    try:
        parsed = tuple(EntityType(t) for t in types.split("|"))
    except ValueError:
        raise InvalidInput(f"{source}:{line}: unknown entity type in {types!r}") from None
    return AliasRow(canonical, parsed, alias, line)


@lru_cache(maxsize=4)
def load_aliases(path: Path = ALIASES_CSV) -> AliasTable:
    """The alias table at `path` (the packaged one by default), read once."""
    with path.open(encoding="utf-8", newline="") as handle:
        return parse_rows(handle, path.name)
