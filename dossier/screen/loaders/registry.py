"""Pick the loader for each list file; directories are walked recursively.

OFAC files come in groups (primary + alias + comments in one folder), so discovery
works on folders: a primary file brings its siblings along.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dossier.exc import SourceError
from dossier.model import ListRecord
from dossier.screen.loaders.ofac import load_ofac
from dossier.screen.loaders.un import load_un

Loaded = ListRecord | SourceError


@dataclass(frozen=True, slots=True)
class ListFile:
    """One list file and the loader that reads it."""

    path: Path
    kind: str

    def load(self) -> Iterator[Loaded]:
        """Yield the file's records, or errors for what cannot be read."""
        return LOADERS[self.kind](self.path)


def _sibling(path: Path, prefix: str) -> Path | None:
    matches = sorted(path.parent.glob(f"{prefix}*.csv"))
    return matches[0] if matches else None


def _load_sdn(path: Path) -> Iterator[Loaded]:
    return load_ofac(path, "us_ofac_sdn", _sibling(path, "alt"), _sibling(path, "sdn_comments"))


def _load_cons(path: Path) -> Iterator[Loaded]:
    return load_ofac(
        path, "us_ofac_cons", _sibling(path, "cons_alt"), _sibling(path, "cons_comments")
    )


LOADERS: dict[str, Callable[[Path], Iterator[Loaded]]] = {
    "ofac_sdn": _load_sdn,
    "ofac_cons": _load_cons,
    "un_xml": load_un,
}

# Files that are read as part of another file's group, never on their own.
_COMPANIONS = ("alt", "add", "sdn_comments", "cons_alt", "cons_add", "cons_comments")


def detect_kind(path: Path) -> str | None:
    """Return the loader kind for a file name, or None when it is not a list file."""
    name = path.name.lower()
    if name.startswith(_COMPANIONS):
        return None
    if name.startswith("sdn") and name.endswith(".csv"):
        return "ofac_sdn"
    if name.startswith("cons_prim") and name.endswith(".csv"):
        return "ofac_cons"
    if name.endswith(".xml") and "un" in name:
        return "un_xml"
    return None


def find_list_files(paths: Iterable[str | Path]) -> Iterator[ListFile | SourceError]:
    """Yield every list file under `paths`; an unknown explicit file is an error."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield SourceError("no such file or directory", str(path))
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                kind = detect_kind(child)
                if kind:
                    yield ListFile(child, kind)
        elif (kind := detect_kind(path)) is not None:
            yield ListFile(path, kind)
        elif not path.name.lower().startswith(_COMPANIONS):
            yield SourceError("not a list file dossier knows how to read", str(path))


def load_list_file(list_file: ListFile) -> Iterator[Loaded]:
    """Yield the records of one list file (errors inline)."""
    return list_file.load()
