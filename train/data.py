"""The annotated reports as typed records, and the leave-one-topic-out folds.

Bodies are read with the shared scorer's own `build_docs` (imported from
`$SHARED/eval/score_extract.py` at training time), so a record's text is exactly the
text `dossier extract` is scored on: the header stripped, offsets comparable.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEV = "dev"


def shared_dir() -> Path:
    """The shared data directory: `$SHARED`, else `../shared` next to the checkout."""
    return Path(os.environ.get("SHARED", ROOT.parent / "shared")).resolve()


@cache
def scorer() -> ModuleType:
    """The shared scorer module (stdlib only), imported from its file."""
    path = shared_dir() / "eval" / "score_extract.py"
    if not path.is_file():
        raise SystemExit(f"train: scorer not found at {path}; set SHARED")
    spec = importlib.util.spec_from_file_location("score_extract", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """A gold entity: canonical name, contract type, surface strings."""

    name: str
    type: str
    mentions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One annotated report: its body as scored, its gold, and its boilerplate regions."""

    id: str
    topic: str
    text: str
    published: str | None
    entities: tuple[GoldEntity, ...]
    claims: tuple[dict[str, Any], ...]
    boilerplate: tuple[tuple[int, int], ...]
    gold: dict[str, Any] = field(repr=False, compare=False)

    @property
    def key(self) -> str:
        """Unique across folders (ids repeat between topics): `topic/id`."""
        return f"{self.topic}/{self.id}"

    def in_boilerplate(self, pos: int) -> bool:
        """True when `pos` falls inside a comment section or a widget."""
        return any(lo <= pos < hi for lo, hi in self.boilerplate)

    def as_input(self) -> dict[str, str]:
        """The `dossier extract` JSONL line for this document."""
        line = {"id": self.id, "text": self.text}
        if self.published:
            line["published"] = self.published
        return line


def gold_dir(topic: str) -> Path:
    """The gold folder of a topic (`dev` or a train topic)."""
    base = shared_dir() / "eval"
    return base / "dev" / "gold" if topic == DEV else base / "train" / topic / "gold"


def topics() -> list[str]:
    """The training topics (the CV folds), sorted; dev is not one of them."""
    base = shared_dir() / "eval" / "train"
    return sorted(p.name for p in base.iterdir() if (p / "gold").is_dir())


@cache
def load_topic(topic: str) -> tuple[GoldDoc, ...]:
    """Every annotated report of a topic folder, in id order."""
    folder = gold_dir(topic)
    sc = scorer()
    golds = sc.load_gold(folder)
    out = []
    for doc in sc.build_docs(folder, []):
        gold = golds[doc["id"]]
        regions = tuple(tuple(r) for r in sc.boilerplate_regions(gold, doc["text"]))
        ents = tuple(
            GoldEntity(e["name"], e["type"], tuple(e.get("mentions") or ()))
            for e in gold.get("entities", [])
        )
        claims = tuple(gold.get("claims", []))
        pub = doc.get("published")
        out.append(GoldDoc(doc["id"], topic, doc["text"], pub, ents, claims, regions, gold))
    return tuple(out)


def all_docs() -> list[GoldDoc]:
    """Dev and every train topic."""
    return [d for t in [DEV, *topics()] for d in load_topic(t)]


def fold(held_out: str) -> tuple[list[GoldDoc], list[GoldDoc]]:
    """(train, test) for one CV fold: train on the other topics plus dev.

    `held_out` may also be `dev`: then train is every train topic and test is dev.
    """
    names = [DEV, *topics()]
    if held_out not in names:
        raise SystemExit(f"train: unknown topic {held_out!r} (have {', '.join(names)})")
    train = [d for t in names if t != held_out for d in load_topic(t)]
    return train, list(load_topic(held_out))


def data_hash(docs: list[GoldDoc]) -> str:
    """A short hash of the texts and gold a model is trained on."""
    h = hashlib.sha256()
    for d in sorted(docs, key=lambda d: d.key):
        h.update(d.key.encode())
        h.update(d.text.encode())
        h.update(json.dumps(d.gold, sort_keys=True).encode())
    return h.hexdigest()[:16]


_WORDCHAR = re.compile(r"\w")


def occurrences(doc: GoldDoc) -> list[tuple[int, int, GoldEntity]]:
    """Every occurrence of a gold mention string in the body, outside boilerplate.

    Matched case-sensitively on word boundaries; where occurrences overlap the longer
    one wins ("Qods Aviation Industries" over "Qods"), then the earlier one.
    """
    found: list[tuple[int, int, GoldEntity]] = []
    for ent in doc.entities:
        for surface in {*ent.mentions}:
            if not surface.strip():
                continue
            start = doc.text.find(surface)
            while start >= 0:
                end = start + len(surface)
                if _bounded(doc.text, start, end) and not doc.in_boilerplate(start):
                    found.append((start, end, ent))
                start = doc.text.find(surface, start + 1)
    found.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    kept: list[tuple[int, int, GoldEntity]] = []
    for span in found:
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s[0])


def _bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    word_start = _WORDCHAR.match(text[start]) is not None
    word_end = _WORDCHAR.match(text[end - 1]) is not None
    left_ok = not (word_start and _WORDCHAR.match(before))
    right_ok = not (word_end and _WORDCHAR.match(after))
    return left_ok and right_ok
