"""`make demo`'s claims against gold written by hand for the bundled example reports.

The demo ingests `dossier/data/examples` (dossier/demo.py); this runs the same analysis
(`Analyzer.analyse` over `read_paths`) and checks every claim against
`demo_claims_gold.json`: a claim on a sentence that makes none, with a subject the
sentence does not support, with its direction reversed ("Russia supply Iran"), or with
an object not listed is a failure, named with its sentence. Most main claims must be found,
so that saying nothing cannot pass.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from dossier.demo import data_path
from dossier.ingest import read_paths
from dossier.model import Claim, Document, Extraction
from dossier.pipeline import Analyzer

GOLD = json.loads((Path(__file__).parent / "demo_claims_gold.json").read_text(encoding="utf-8"))
_PUNCT = re.compile(r"[\W_]+")


def _norm(text: str) -> str:
    text = _PUNCT.sub(" ", text.casefold().replace(".", "").replace("'", "")).strip()
    return text.removeprefix("the ")


def _gold_aliases(name: str) -> set[str]:
    return {_norm(a) for a in [name, *GOLD["entities"].get(name, [])]}


def _pred_aliases(extraction: Extraction, name: str | None) -> set[str]:
    if not name:
        return set()
    entity = next((e for e in extraction.entities if e.name == name), None)
    mentions = [m.text for m in entity.mentions] if entity else []
    return {_norm(a) for a in [name, *mentions]}


def _is(aliases: set[str], gold_name: str) -> bool:
    return bool(aliases & _gold_aliases(gold_name))


def _sentence(doc_id: str, claim: Claim) -> dict[str, Any] | None:
    for entry in GOLD["documents"][doc_id]:
        if _norm(entry["sentence"]) in _norm(claim.evidence.text):
            return dict(entry)
    return None


def _verdict(extraction: Extraction, claim: Claim) -> str | None:
    """None when the gold supports the claim, else what is wrong with it."""
    entry = _sentence(extraction.document.id, claim)
    if entry is None:
        return "a claim on a sentence that makes none"
    subject = _pred_aliases(extraction, claim.subject)
    obj = _pred_aliases(extraction, claim.object)
    readings = entry["claims"]
    for g in readings:
        if obj and _is(obj, g["subject"]) and any(_is(subject, o) for o in g.get("objects", [])):
            return f"direction reversed (gold: {g['subject']} {g['predicate']} ...)"
    fitting = [
        g for g in readings if g["predicate"] == claim.predicate and _is(subject, g["subject"])
    ]
    if not fitting:
        listed = ", ".join(f"{g['predicate']}({g['subject']})" for g in readings)
        return f"subject or predicate not supported (gold: {listed})"
    if obj and not any(
        not g.get("objects") or any(_is(obj, o) for o in g["objects"]) for g in fitting
    ):
        return "object not supported"
    return None


def _main_found(extractions: list[Extraction]) -> tuple[int, int]:
    found = total = 0
    for ex in extractions:
        used: set[int] = set()
        for entry in GOLD["documents"][ex.document.id]:
            for g in (g for g in entry["claims"] if g.get("main")):
                total += 1
                for n, c in enumerate(ex.claims):
                    if n in used or _norm(entry["sentence"]) not in _norm(c.evidence.text):
                        continue
                    same = c.predicate == g["predicate"] and _is(
                        _pred_aliases(ex, c.subject), g["subject"]
                    )
                    obj_ok = c.object is None or any(
                        _is(_pred_aliases(ex, c.object), o) for o in g.get("objects", [])
                    )
                    if same and obj_ok:
                        used.add(n)
                        found += 1
                        break
    return found, total


def test_demo_claims_have_the_right_subject_and_direction(nlp: Any) -> None:
    docs = [d for d in read_paths([data_path("examples")]) if isinstance(d, Document)]
    assert sorted(d.id for d in docs) == sorted(GOLD["documents"])
    extractions = list(Analyzer(nlp).analyse(docs))
    wrong = [
        f"{ex.document.id}: {c.subject} {c.predicate} {c.object}: {verdict}\n    {c.evidence.text}"
        for ex in extractions
        for c in ex.claims
        if (verdict := _verdict(ex, c)) is not None
    ]
    assert not wrong, "\n".join(wrong)
    found, total = _main_found(extractions)
    assert found >= 0.6 * total, f"only {found} of {total} main claims found"
