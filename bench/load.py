"""Load: mixed API traffic from many concurrent clients against `dossier serve`.

Builds a database (OFAC and UN lists, the shared corpus and generated reports) unless
`--db` names one, starts the real server (`dossier serve`) on 127.0.0.1, and runs
`--clients` clients for `--duration` seconds. Each client is a user: it sends one
request (search, entity list, entity page, document, claims, yente `POST /match`), waits
for the answer, then thinks for a random 0-2x`--think` seconds. `--think 0` saturates the
server instead (closed loop; latency is then clients / throughput by Little's law).
Prints requests/s, p50/p90/p99 latency, the error count (5xx, timeouts, refused
connections) and the mix; `--json` for one JSON line. Clients speak HTTP/1.1 over
asyncio streams (`Connection`), one keep-alive connection each: the generator shares the
cores with the server, so it must cost little.

Only loopback: the server binds 127.0.0.1 and every request goes there.

    SHARED=../shared .venv/bin/python bench/load.py [--clients 200] [--duration 60]
        [--think 1.0] [--db dossier.db] [--workers N] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

SHARED = Path(os.environ.get("SHARED", Path(__file__).resolve().parents[2] / "shared"))
DOSSIER = Path(sys.executable).parent / "dossier"
HOST = "127.0.0.1"
TIMEOUT_S = 30.0
TERMS = ["Qods", "Iran", "Russia", "Alabuga", "drones", "Shahed", "Aviation", "Korea", "zzz"]
MATCH_NAMES = ["Qods Aviation Industries", "Rosoboronexport", "Mahan Air", "Jane Smith"]
REPORT = (
    "Report {i}.\n\nIran supplied {n} Shahed drones to Russia in {month}, officials said. "
    "Qods Aviation Industries shipped engines to Alabuga in 2023.\n"
)


@dataclass
class Results:
    """Latencies (seconds) by request kind, and errors by cause."""

    latencies: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    cold_start_s: float = 0.0
    kinds: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)


def build_db(folder: Path) -> Path:
    """Lists, the shared corpus and 200 generated reports, by the real CLI."""
    db = folder / "load.db"
    docs = folder / "docs"
    docs.mkdir()
    months = ["January", "March", "October"]
    for i in range(200):
        text = REPORT.format(i=i, n=i + 3, month=months[i % 3])
        (docs / f"{i:03d}.txt").write_text(text, encoding="utf-8")
    sanctions = SHARED / "data" / "sanctions"
    lists = [p for p in (sanctions / "us_ofac", sanctions / "un") if p.exists()]
    if lists:
        _cli(db, "lists", "load", *map(str, lists))
    inputs = [str(docs)] + ([str(SHARED / "corpus")] if (SHARED / "corpus").exists() else [])
    _cli(db, "ingest", *inputs)
    return db


def _cli(db: Path, *args: str) -> None:
    subprocess.run([str(DOSSIER), "--db", str(db), *args], check=True, capture_output=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int, workers: int | None) -> subprocess.Popen[bytes]:
    """`dossier serve` (with `--workers` if given), once it answers `/health`."""
    command = [str(DOSSIER), "--db", str(db), "serve", "--host", HOST, "--port", str(port)]
    command += ["--workers", str(workers)] if workers else []
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://{HOST}:{port}/health", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("server did not start within 120 s")


def discover(base: str) -> dict[str, list[str]]:
    """Ids to request: entities, documents."""
    with httpx.Client(base_url=base, timeout=30) as client:
        entities = [e["id"] for e in client.get("/entities", params={"limit": 200}).json()]
        documents = [d["id"] for d in client.get("/documents", params={"limit": 200}).json()]
        has_match = client.get("/openapi.json").json()["paths"].get("/match/{dataset}")
    return {"entities": entities, "documents": documents, "match": ["yes"] if has_match else []}


def next_request(rng: random.Random, ids: dict[str, list[str]]) -> tuple[str, str, str, Any]:
    """(kind, method, path, json body) for one request of the mix."""
    roll = rng.random()
    if roll < 0.25:
        return "search", "GET", f"/search?q={rng.choice(TERMS)}", None
    if roll < 0.40:
        return "entity list", "GET", f"/entities?q={rng.choice(TERMS)}&limit=20", None
    if roll < 0.65 and ids["entities"]:
        return "entity page", "GET", f"/entities/{rng.choice(ids['entities'])}", None
    if roll < 0.75 and ids["documents"]:
        return "document", "GET", f"/documents/{rng.choice(ids['documents'])}", None
    if roll < 0.85:
        return "claims", "GET", "/claims?limit=50", None
    if ids["match"]:
        query = {"schema": "Company", "properties": {"name": [rng.choice(MATCH_NAMES)]}}
        return "match", "POST", "/match/default", {"queries": {"q": query}}
    return "health", "GET", "/health", None


class Connection:
    """One keep-alive HTTP/1.1 connection on asyncio streams: the load generator's client.

    httpx's AsyncClient cost 8-13 ms of CPU per request here, more than the server's
    answer, and on two shared cores the generator then measured its own queue; this
    costs ~0.1 ms. It speaks only what `dossier serve` answers: a status line, headers,
    and a body sized by Content-Length or chunked.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def request(self, method: str, path: str, body: Any = None) -> int:
        """Send one request, read the whole answer, return its status."""
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        payload = json.dumps(body).encode() if body is not None else b""
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\nAccept: application/json\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
        writer.write(head.encode() + b"\r\n" + payload)
        status, headers = _parse_head(await reader.readuntil(b"\r\n\r\n"))
        if headers.get("transfer-encoding") == "chunked":
            await _read_chunked(reader)
        else:
            await reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection") == "close":
            await self.close()
        return status

    async def close(self) -> None:
        """Close the connection (the next request opens a new one)."""
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


def _parse_head(head: bytes) -> tuple[int, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip().lower()
    return int(lines[0].split()[1]), headers


async def _read_chunked(reader: asyncio.StreamReader) -> None:
    while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
        await reader.readexactly(size + 2)
    await reader.readuntil(b"\r\n")


async def client_loop(
    connection: Connection,
    ids: dict[str, list[str]],
    stop: float,
    think: float,
    results: Results,
    seed: int,
) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(rng.uniform(0, think))  # users do not all arrive at once
    while time.monotonic() < stop:
        kind, method, path, body = next_request(rng, ids)
        started = time.perf_counter()
        try:
            status = await asyncio.wait_for(connection.request(method, path, body), TIMEOUT_S)
            elapsed = time.perf_counter() - started
            results.statuses[status] += 1
            if status >= 500:
                results.errors[f"HTTP {status}"] += 1
            results.latencies.append(elapsed)
            results.by_kind.setdefault(kind, []).append(elapsed)
            results.kinds[kind] += 1
        except (TimeoutError, OSError, EOFError, asyncio.LimitOverrunError, ValueError) as err:
            results.errors[type(err).__name__] += 1
            await connection.close()
        if think:
            await asyncio.sleep(rng.uniform(0, 2 * think))
    await connection.close()


def warm_up(base: str, ids: dict[str, list[str]]) -> float:
    """One request of every kind before the clock starts; returns the slowest (seconds).

    `dossier serve` builds the list index before it answers (the server start-up time is
    printed); the first request of each kind fills the caches. Both are printed as the
    cold start, apart from the steady-state latencies.
    """
    rng, slowest, seen = random.Random(0), 0.0, set()
    with httpx.Client(base_url=base, timeout=120) as client:
        for _ in range(200):
            kind, method, path, body = next_request(rng, ids)
            if kind in seen:
                continue
            seen.add(kind)
            started = time.perf_counter()
            client.request(method, path, json=body)
            slowest = max(slowest, time.perf_counter() - started)
    return slowest


async def run_load(base: str, clients: int, duration: float, think: float) -> Results:
    ids = discover(base)
    results = Results(cold_start_s=warm_up(base, ids))
    port = int(base.rsplit(":", 1)[1])
    stop = time.monotonic() + duration
    loops = [
        client_loop(Connection(HOST, port), ids, stop, think, results, n) for n in range(clients)
    ]
    await asyncio.gather(*loops)
    return results


def summary(results: Results, duration: float, clients: int, think: float) -> dict[str, Any]:
    latencies = sorted(results.latencies)
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [0.0] * 99
    return {
        "clients": clients,
        "duration_s": duration,
        "think_s": think,
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / duration, 1),
        "p50_ms": round(cuts[49] * 1000, 1),
        "p90_ms": round(cuts[89] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
        "max_ms": round(latencies[-1] * 1000, 1) if latencies else 0.0,
        "errors": sum(results.errors.values()),
        "error_kinds": dict(results.errors),
        "statuses": {str(k): v for k, v in sorted(results.statuses.items())},
        "mix": dict(results.kinds.most_common()),
        "p99_ms_by_kind": {
            kind: round(_p99(values) * 1000, 1) for kind, values in sorted(results.by_kind.items())
        },
        "cold_start_ms": round(results.cold_start_s * 1000, 1),
        "cpus": os.cpu_count(),
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }


def _p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98] if len(values) >= 2 else max(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200, help="concurrent clients (≤ 1000)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds (≤ 600)")
    parser.add_argument("--think", type=float, default=1.0, help="mean think time, seconds")
    parser.add_argument("--db", type=Path, help="serve this database instead of building one")
    parser.add_argument("--workers", type=int, help="`dossier serve --workers` (default: its own)")
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args()
    clients, duration = min(args.clients, 1000), min(args.duration, 600.0)
    with tempfile.TemporaryDirectory(prefix="dossier-load-") as tmp:
        db = args.db or build_db(Path(tmp))
        port, started = free_port(), time.perf_counter()
        server = start_server(db, port, args.workers)
        start_s = time.perf_counter() - started
        try:
            results = asyncio.run(run_load(f"http://{HOST}:{port}", clients, duration, args.think))
        finally:
            server.terminate()
            server.wait(timeout=30)
    report = summary(results, duration, clients, args.think)
    report |= {"workers": args.workers or "default", "server_start_ms": round(start_s * 1000)}
    if args.json:
        print(json.dumps(report))
        return
    print(
        f"load: {clients} clients, {duration:g} s, think {args.think:g} s (mean), 127.0.0.1, "
        f"workers {report['workers']}"
    )
    print(f"  requests     {report['requests']} ({report['requests_per_s']}/s)")
    print(
        f"  latency      p50 {report['p50_ms']} ms · p90 {report['p90_ms']} ms · "
        f"p99 {report['p99_ms']} ms · max {report['max_ms']} ms"
    )
    print(f"  errors       {report['errors']} {report['error_kinds'] or ''}")
    print(f"  statuses     {report['statuses']}")
    print(f"  mix          {report['mix']}")
    print(f"  p99 by kind  {report['p99_ms_by_kind']} (ms)")
    print(
        f"  cold start   server up in {report['server_start_ms']} ms (lists indexed); slowest "
        f"first request {report['cold_start_ms']} ms (both before the clock)"
    )
    print(f"  machine      {report['cpus']} CPUs, load average {report['load_avg_1m']} at the end")


if __name__ == "__main__":
    main()
