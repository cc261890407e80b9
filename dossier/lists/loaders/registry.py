"""Pick the loader for each list file; directories are walked recursively.

OFAC files come in groups (primary + alias + comments in one folder), so discovery
works on folders: a primary file brings its siblings along. Other families are known
by file name, or failing that by their header row, so a renamed download still loads.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dossier.exc import SourceError
from dossier.lists.loaders.eu import load_eu
from dossier.lists.loaders.ftm import load_ftm
from dossier.lists.loaders.ofac import load_ofac
from dossier.lists.loaders.research import load_cn, load_dod, load_dpl, load_mieu
from dossier.lists.loaders.un import load_un
from dossier.model import ListRecord
from dossier.screen.invisible import strip_controls

Loaded = ListRecord | SourceError


@dataclass(frozen=True, slots=True)
class ListFile:
    """One list file and the loader that reads it."""

    path: Path
    kind: str

    @property
    def dataset(self) -> str | None:
        """The dataset id the file's records carry; None when the file names it (FtM)."""
        return KIND_DATASETS.get(self.kind)

    def load(self) -> Iterator[Loaded]:
        """Yield the file's records, or errors for what cannot be read; names carry no
        invisible or bidi control characters (`screen.invisible`)."""
        return (clean_names(item) for item in LOADERS[self.kind](self.path))


def clean_names(item: Loaded) -> Loaded:
    """A record with its names stripped of invisible characters (errors pass through)."""
    if isinstance(item, SourceError):
        return item
    names = [strip_controls(n)[0].strip() for n in item.names]
    if tuple(names) == item.names:
        return item
    kept = [n for n in dict.fromkeys(names) if n] or [item.name]
    return dataclasses.replace(item, name=kept[0], aliases=tuple(kept[1:]))


def _sibling(path: Path, prefix: str) -> Path | None:
    matches = sorted(path.parent.glob(f"{prefix}*.csv"))
    return matches[0] if matches else None


def _load_sdn(path: Path) -> Iterator[Loaded]:
    alt, comments = _sibling(path, "alt"), _sibling(path, "sdn_comments")
    return load_ofac(path, "us_ofac_sdn", alt, comments, _sibling(path, "add"))


def _load_cons(path: Path) -> Iterator[Loaded]:
    alt, comments = _sibling(path, "cons_alt"), _sibling(path, "cons_comments")
    return load_ofac(path, "us_ofac_cons", alt, comments, _sibling(path, "cons_add"))


LOADERS: dict[str, Callable[[Path], Iterator[Loaded]]] = {
    "ofac_sdn": _load_sdn,
    "ofac_cons": _load_cons,
    "un_xml": load_un,
    "eu_csv": load_eu,
    "bis_dpl": load_dpl,
    "bis_mieu": load_mieu,
    "dod_1260h": load_dod,
    "cn_sanctions": load_cn,
    "ftm_json": load_ftm,
}

# The dataset id (CONTRACT.md) of each kind; FtM files name their own datasets.
KIND_DATASETS: dict[str, str] = {
    "ofac_sdn": "us_ofac_sdn",
    "ofac_cons": "us_ofac_cons",
    "un_xml": "un_sc",
    "eu_csv": "eu_fsf",
    "bis_dpl": "us_bis_dpl",
    "bis_mieu": "us_bis_mieu",
    "dod_1260h": "us_dod_1260h",
    "cn_sanctions": "cn_countersanctions",
}

# Files that are read as part of another file's group, never on their own.
_COMPANIONS = ("alt", "add", "sdn_comments", "cons_alt", "cons_add", "cons_comments")
# The CSL sample is a schema reference, not a list: loading it would duplicate SDN/DPL.
_IGNORED = ("csl", "manifest", "readme")
_EU_CELEX = re.compile(r"^3\d{4}[rdl]\d{4}", re.IGNORECASE)
_BY_NAME: tuple[tuple[Callable[[str], bool], str], ...] = (
    (lambda n: n.startswith("sdn") and n.endswith(".csv"), "ofac_sdn"),
    (lambda n: n.startswith("cons_prim") and n.endswith(".csv"), "ofac_cons"),
    (lambda n: n.endswith(".xml") and "un" in n, "un_xml"),
    (lambda n: bool(_EU_CELEX.match(n)) and n.endswith(".csv"), "eu_csv"),
    (lambda n: n.startswith("dpl") and n.endswith((".txt", ".tsv")), "bis_dpl"),
    (lambda n: "mieu" in n and n.endswith(".csv"), "bis_mieu"),
    (lambda n: ("1260h" in n or "milcorps" in n) and n.endswith(".csv"), "dod_1260h"),
    (lambda n: n.startswith("cn_") and n.endswith(".csv"), "cn_sanctions"),
    (lambda n: n.endswith((".json", ".jsonl", ".ndjson")), "ftm_json"),
)
# Header prefixes that identify a family when the file name does not.
_BY_HEADER = (
    ("celex,recordid,programkey", "eu_csv"),
    ("amendedcelex,amendmentcelex,recordid", "eu_csv"),
    ('"name"\t"street_address"', "bis_dpl"),
    ("name\tstreet_address", "bis_dpl"),
    ("name,clean name,alias", "dod_1260h"),
    ("type,qid,name,alias,chinese name", "cn_sanctions"),
    ("type,name,alias,country,topics,program", "bis_mieu"),
)


def _sniff(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            head = handle.readline(400).decode("utf-8", errors="replace").lower().lstrip("\ufeff")
    except OSError:
        return None
    return next((kind for prefix, kind in _BY_HEADER if head.startswith(prefix)), None)


def detect_kind(path: Path) -> str | None:
    """Return the loader kind for a file, or None when it is not a list file."""
    name = path.name.lower()
    if name.startswith(_COMPANIONS) or name.startswith(_IGNORED):
        return None
    kind = next((kind for test, kind in _BY_NAME if test(name)), None)
    if kind is None and name.endswith((".csv", ".txt", ".tsv")):
        kind = _sniff(path)
    return kind


def find_list_files(paths: Iterable[str | Path]) -> Iterator[ListFile | SourceError]:
    """Yield every list file under `paths`; an unknown explicit file is an error."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield SourceError("no such file or directory", str(path))
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if "eval" in child.relative_to(path).parts[:-1]:
                    continue  # judged pairs and queries, not lists
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
