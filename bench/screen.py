"""Screening speed: dossier's index vs brute-force JaroWinkler over every list name.

Two ways, each against its own baseline measured in the same run:

- in process: names/s for both, their ratio, p99 per-name latency, index build time
  and peak RSS with all lists loaded. Goals: ratio >= 15x, p99 < 20 ms, RSS < 1.5 GB.
  Times are CPU time of this process (`time.process_time`), so other work on a shared
  machine does not tilt the ratio; `--wall` uses wall-clock time.
- whole process: `dossier screen --file` of the same names against a database with
  every list loaded (`lists load` persisted its index), start-up included, vs a
  script that reads the list names from that database and brute-forces each name
  with rapidfuzz, alternated for `--rounds` rounds (3), medians. CPU time of the
  finished child (and wall time). Goal: >= 15x.
  The database is built once under `build/bench-screen/` and reused.
- single (`--single N`): N whole-process `dossier screen NAME` runs, one name each
  (cycled through the bench's names), after one warm-up run: min, median and p90 of
  wall and CPU time. Goal: < 1 s wall. Wall time stretches with the machine's load
  (printed), CPU time does not.

    SHARED=../shared .venv/bin/python bench/screen.py [--names 2000] [--baseline 200] [--cutoff X]
        [--whole-only | --no-whole] [--rounds 3] [--single N]

Screening runs with the `screen_cutoff` setting (0.5, as `dossier screen`); `--cutoff 0`
gives the behaviour before the cutoff (every list filled with the nearest records).
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from dossier.lists.loaders import find_list_files
from dossier.model import ListRecord
from dossier.screen.index import build_index
from dossier.screen.names import normalise_name
from dossier.screen.readings import load_dictionaries
from dossier.screen.screener import ScreenConfig, screen_name
from dossier.settings import get_settings

SHARED = Path(os.environ.get("SHARED", Path(__file__).resolve().parents[2] / "shared"))
EVAL = SHARED / "data" / "sanctions" / "eval"
WORK = Path(__file__).resolve().parents[1] / "build" / "bench-screen"
DOSSIER = Path(sys.executable).parent / "dossier"
# The whole-process baseline: list names read from the database, each query
# brute-forced over all of them as the in-process baseline does.
BRUTE = """
import json, sqlite3, sys
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler
from dossier.screen.names import normalise_name
conn = sqlite3.connect(sys.argv[1])
choices = [normalise_name(n) for name, aliases in conn.execute(
    "SELECT name, aliases FROM list_records") for n in (name, *json.loads(aliases))]
with open(sys.argv[2], encoding="utf-8") as names:
    for line in names:
        found = process.extract(normalise_name(line.strip()), choices,
                                scorer=JaroWinkler.similarity, limit=5)
        print(json.dumps([c for c, _, _ in found]))
"""


def load_records() -> list[ListRecord]:
    """Every record of every list file under the shared sanctions folder."""
    records: list[ListRecord] = []
    for found in find_list_files([SHARED / "data" / "sanctions"]):
        if not isinstance(found, Exception):
            records.extend(r for r in found.load() if isinstance(r, ListRecord))
    return records


def query_names(count: int) -> list[str]:
    """Half listed people (perturbed), half look-alike negatives, cycled to `count`."""
    names: list[str] = []
    for file in ("yente_positives_un_treated.csv", "yente_validation_negatives_global.csv"):
        with (EVAL / file).open(encoding="utf-8", newline="") as handle:
            names.extend(row["full_name"] for row in csv.DictReader(handle) if row["full_name"])
    return [names[i % len(names)] for i in range(count)]


ROUNDS = 10


def _rounds(items: list[str], count: int) -> list[list[str]]:
    """`items` in `count` consecutive parts of (nearly) equal size."""
    size = -(-len(items) // count)
    return [items[i * size : (i + 1) * size] for i in range(count)]


def _timed(command: list[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of a finished child process; its output discarded."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, timeout=1800)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return cpu, time.perf_counter() - start


def bench_db() -> Path:
    """The bench's database: every list loaded and its index persisted (built once)."""
    WORK.mkdir(parents=True, exist_ok=True)
    db = WORK / "lists.db"
    if not db.exists():
        lists = SHARED / "data" / "sanctions"
        paths = [p for p in sorted(lists.iterdir()) if p.is_dir() and p.name != "eval"]
        subprocess.run(
            [str(DOSSIER), "--db", str(db), "lists", "load", *map(str, paths)],
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=1800,
        )
    return db


def _spread(values: list[float]) -> str:
    """min / median / p90 of some timings, in seconds."""
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return f"{ordered[0]:.3f} / {ordered[len(ordered) // 2]:.3f} / {p90:.3f}"


def single_screens(names: list[str], runs: int, cutoff: float) -> None:
    """`runs` whole-process `dossier screen NAME`, one name each, after one warm-up."""
    db = bench_db()
    command = [str(DOSSIER), "--db", str(db), "screen", "--cutoff", str(cutoff)]
    _timed([*command, names[0]])  # warm: page cache, and the index rebuilt if stale
    cpu, wall = zip(*(_timed([*command, names[i % len(names)]]) for i in range(runs)), strict=True)
    print(f"single screen, {runs} whole processes (`dossier screen NAME`), min / median / p90:")
    print(f"  wall  {_spread(list(wall))} s  (goal < 1 s)")
    print(f"  CPU   {_spread(list(cpu))} s")
    print(f"  load average {os.getloadavg()[0]:.1f}")


def whole_process(names: list[str], cutoff: float, rounds: int) -> None:
    """`dossier screen --file` vs a brute-force script, each a whole process, `rounds`
    times each."""
    db = bench_db()
    file = WORK / "names.txt"
    file.write_text("\n".join(names) + "\n", encoding="utf-8")
    ours_cmd = [str(DOSSIER), "--db", str(db), "screen", "--file", str(file), "--json"]
    ours_cmd += ["--cutoff", str(cutoff)]
    brute_cmd = [sys.executable, "-c", BRUTE, str(db), str(file)]
    _timed(ours_cmd)  # warm: the page cache, the index and dictionary files, as a second run
    ours: list[tuple[float, float]] = []
    brute: list[tuple[float, float]] = []
    for _ in range(rounds):  # alternated, so a change in the machine's load weighs on both
        ours.append(_timed(ours_cmd))
        brute.append(_timed(brute_cmd))
    (ours_cpu, ours_wall), (brute_cpu, brute_wall) = _medians(ours), _medians(brute)
    print(f"whole process, {len(names)} names, start-up included (CPU time of the child,")
    print(f"median of {rounds} alternated rounds):")
    print(f"  dossier screen --file  {ours_cpu:.2f} s CPU  {ours_wall:.2f} s wall")
    print(f"  rapidfuzz brute force  {brute_cpu:.2f} s CPU  {brute_wall:.2f} s wall")
    print(
        f"  ratio    {brute_cpu / ours_cpu:.1f}x CPU, {brute_wall / ours_wall:.1f}x wall"
        "  (goal >= 15x)"
    )
    print(f"  load average {os.getloadavg()[0]:.1f}")


def _medians(timings: list[tuple[float, float]]) -> tuple[float, float]:
    """The median CPU and the median wall time of some (CPU, wall) timings."""
    cpu, wall = zip(*timings, strict=True)
    return statistics.median(cpu), statistics.median(wall)


def main() -> None:
    """Run the benchmark and print its numbers."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--names", type=int, default=2000)
    parser.add_argument("--baseline", type=int, default=200, help="names for brute force")
    parser.add_argument("--wall", action="store_true", help="wall-clock instead of CPU time")
    parser.add_argument("--cutoff", type=float, default=get_settings().screen_cutoff)
    parser.add_argument("--whole-only", action="store_true", help="only the whole-process way")
    parser.add_argument("--no-whole", action="store_true", help="only the in-process way")
    parser.add_argument("--rounds", type=int, default=3, help="whole-process rounds")
    parser.add_argument(
        "--single", type=int, default=0, metavar="N", help="only N single-name CLI screens"
    )
    args = parser.parse_args()
    if args.single:
        single_screens(query_names(args.names), args.single, args.cutoff)
        return
    if not args.no_whole:
        whole_process(query_names(args.names), args.cutoff, args.rounds)
    if args.whole_only:
        return
    clock = time.perf_counter if args.wall else time.process_time
    records = load_records()
    start = clock()
    index = build_index(records)
    build_s = clock() - start
    start = clock()
    load_dictionaries()
    dictionaries_s = clock() - start
    queries = query_names(args.names)
    cfg = ScreenConfig(limit=5, schema="Any", cutoff=args.cutoff)
    choices = [normalise_name(name) for _, name in index.names]
    latencies: list[float] = []
    brute_s = 0.0
    # Both run in interleaved rounds, so a change in the machine's load mid-run
    # weighs on both alike and the ratio holds.
    for ours_part, brute_part in zip(
        _rounds(queries, ROUNDS), _rounds(queries[: args.baseline], ROUNDS), strict=True
    ):
        for query in ours_part:
            t0 = clock()
            screen_name(index, query, cfg)
            latencies.append(clock() - t0)
        t0 = clock()
        for query in brute_part:
            process.extract(normalise_name(query), choices, scorer=JaroWinkler.similarity, limit=5)
        brute_s += clock() - t0
    ours = len(queries) / sum(latencies)
    brute = args.baseline / brute_s
    latencies.sort()
    p99 = latencies[int(0.99 * (len(latencies) - 1))] * 1000
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"records {len(records)}  names {len(index.names)}  index build {build_s:.2f} s")
    print(f"Japanese readings dictionary loaded in {dictionaries_s:.2f} s (once per process)")
    print(f"dossier  {ours:,.0f} names/s  ({len(queries)} names, cutoff {args.cutoff})")
    print(f"baseline {brute:,.0f} names/s  (rapidfuzz JaroWinkler brute force, {args.baseline})")
    print(f"ratio    {ours / brute:.1f}x  (goal >= 15x)")
    print(f"p99      {p99:.1f} ms per name  (goal < 20 ms)")
    print(f"peak RSS {rss_mb:,.0f} MB  (goal < 1,500 MB)")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
