"""Repeat issue 20's attacks against a fresh `dossier serve` on 127.0.0.1; print figures.

    SHARED=../shared .venv/bin/python bench/redteam.py [--json]

Builds a database (OFAC and UN lists), starts `dossier serve` (one worker) and runs:
the /match memory attack (ignored fields, then many distinct queries) with the worker's
VmRSS read from /proc; the expensive /match; a cross-port CSRF post with a stolen token;
invisible-character names; CSV export of formula-carrying text; an ingest run with a bad
redirect between two files; slow-header connections; SIGTERM.
"""

from __future__ import annotations

import argparse
import csv
import http.server
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
DOSSIER = Path(sys.executable).parent / "dossier"
TOKEN = "redteam-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(DOSSIER), *map(str, args)], capture_output=True, text=True, env=env, timeout=600
    )


def query(names: list[str], **extra: Any) -> dict[str, Any]:
    return {"queries": {"q": {"schema": "Thing", "properties": {"name": names}}}, **extra}


def memory_attack(url: str, pid: int) -> dict[str, Any]:
    out: dict[str, Any] = {"rss_start_mb": round(rss_mb(pid), 1)}
    with httpx.Client(base_url=url, timeout=60) as http:
        big = [
            http.post("/match/default", json=query(["Qods"], config={"x": "y" * 9_000_000}))
            for _ in range(40)
        ]
        out["9mb_ignored_field_statuses"] = sorted({r.status_code for r in big})
        out["rss_after_40x9mb_mb"] = round(rss_mb(pid), 1)
        padded = [
            http.post("/match/default", json=query(["Qods"], config={"x": f"{n:03d}" * 250_000}))
            for n in range(200)
        ]
        out["750kb_ignored_field_statuses"] = sorted({r.status_code for r in padded})
        out["rss_after_200x750kb_mb"] = round(rss_mb(pid), 1)
        for n in range(3000):
            http.post("/match/default", json=query([f"Plonk Trading Company {n}"]))
        out["rss_after_3000_distinct_queries_mb"] = round(rss_mb(pid), 1)
    return out


def cpu_attack(url: str, pid: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    name = ("Aviation Industry Corporation Number " * 30)[:1000]
    attack = {
        "queries": {
            f"q{n}": {"schema": "Thing", "properties": {"name": [name] * 50}} for n in range(100)
        }
    }
    with httpx.Client(base_url=url, timeout=120) as http:
        before, started = cpu_s(pid), time.monotonic()
        response = http.post("/match/default", json=attack)
        out["5mb_attack"] = {
            "status": response.status_code,
            "wall_s": round(time.monotonic() - started, 2),
            "server_cpu_s": round(cpu_s(pid) - before, 2),
        }
        per_query = [f"{name[:490]} {i}" for i in range(5)]
        allowed = {
            "queries": {
                f"q{n}": {"schema": "Thing", "properties": {"name": per_query}} for n in range(20)
            }
        }  # 20 x 5 x ~495 = ~49,500 characters: the most one request may screen
        before, started = cpu_s(pid), time.monotonic()
        response = http.post("/match/default", json=allowed)
        out["largest_allowed"] = {
            "status": response.status_code,
            "wall_s": round(time.monotonic() - started, 2),
            "server_cpu_s": round(cpu_s(pid) - before, 2),
        }
    return out


def csrf_attack(url: str) -> dict[str, Any]:
    with httpx.Client(base_url=url, timeout=30) as http:
        login = http.get("/login", headers={"Accept": "text/html"})
        token = re.search(r'name="csrf_token" value="([^"]+)"', login.text).group(1)  # type: ignore[union-attr]
        http.post("/login", data={"token": TOKEN, "csrf_token": token})
        page = http.get("/review", headers={"Accept": "text/html"}).text
        stolen = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        form = {"target_type": "match", "target_id": "m1", "decision": "reject"}
        other = f"http://127.0.0.1:{free_port()}"
        cross = http.post(
            "/review/form", data={**form, "csrf_token": stolen}, headers={"Origin": other}
        )
        same = http.post(
            "/review/form", data={**form, "csrf_token": stolen}, headers={"Origin": url}
        )
    cookies = login.headers.get_list("set-cookie")
    return {
        "cross_port_post_status": cross.status_code,
        "cross_port_detail": cross.json().get("detail"),
        "same_origin_post_status": same.status_code,  # 404: authorised, no such match
        "csrf_cookie_httponly": all("HttpOnly" in c for c in cookies),
    }


def invisible(url: str) -> list[dict[str, Any]]:
    rows = []
    with httpx.Client(base_url=url, timeout=30) as http:
        for name in ("Quds Aviation Indus\u200btry", "R\u200bosoboronexport", "Rosoboronexport"):
            body = {"queries": {"q": {"schema": "Organization", "properties": {"name": [name]}}}}
            top = http.post("/match/default", json=body).json()["responses"]["q"]["results"][0]
            warned = "warnings" in top["explanations"]
            rows.append(
                {"query": ascii(name), "top": top["caption"], "score": top["score"], "flag": warned}
            )
    return rows


def csv_export(url: str, db: Path, tmp: Path) -> dict[str, Any]:
    text = "=cmd|' /C calc'!A0 Iran supplied Shahed-136 drones to Russia in 2022, officials said."
    with httpx.Client(base_url=url, timeout=300) as http:
        posted = http.post(
            "/ingest",
            json={"text": text, "title": "=1+1"},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
    out = tmp / "tables.zip"
    exported = run("--db", db, "export", "--format", "csv", "-o", out)
    cells: list[str] = []
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            rows = csv.reader(io.StringIO(archive.read(name).decode()))
            cells += [c for row in rows for c in row]
    formulas = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    return {
        "ingest_status": posted.status_code,
        "export_exit": exported.returncode,
        "cells": len(cells),
        "formula_cells": len(formulas),
        "neutralised_title_present": "'=1+1" in cells,
    }


class BadRedirect(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self.send_error(404)
            return
        self.send_response(302)
        self.send_header("Location", "http:\\\\x")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_: Any) -> None:
        return None


def bad_redirect_ingest(tmp: Path) -> dict[str, Any]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), BadRedirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/moved"
    (tmp / "c.txt").write_text("Iran supplied drones to Russia in 2022, officials said.\n")
    (tmp / "d.txt").write_text("North Korea sent shells to Russia in 2023, the ministry said.\n")
    db = tmp / "ingest.db"
    args = ("--db", db, "ingest", tmp / "c.txt", url, tmp / "d.txt", "--allow-host", "127.0.0.1")
    result = run(*args)
    server.shutdown()
    stats = json.loads(run("--db", db, "stats", "--json").stdout)
    return {
        "exit": result.returncode,
        "stderr": result.stderr.strip().splitlines(),
        "documents_stored": stats.get("documents"),
        "traceback": "Traceback" in result.stderr,
    }


def slow_headers(port: int, bound: float) -> dict[str, Any]:
    closed: list[float] = []

    def dribble() -> None:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            started = time.monotonic()
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            sock.settimeout(0.5)
            while time.monotonic() - started < bound + 10:
                try:
                    if sock.recv(1024) == b"":
                        break
                except TimeoutError:
                    pass
                try:
                    sock.sendall(b"X")
                except OSError:
                    break
            closed.append(time.monotonic() - started)

    threads = [threading.Thread(target=dribble) for _ in range(60)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=bound + 15)
    return {"connections": 60, "closed_max_s": round(max(closed), 2), "bound_s": bound}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    shared = Path(os.environ.get("SHARED", ROOT.parent / "shared"))
    tmp = Path(tempfile.mkdtemp(prefix="redteam-"))
    db = tmp / "dossier.db"
    lists = [shared / "data/sanctions/us_ofac", shared / "data/sanctions/un"]
    assert run("--db", db, "lists", "load", *lists).returncode == 0
    port = free_port()
    env = {**os.environ, "DOSSIER_API_TOKEN": TOKEN}
    serve = [str(DOSSIER), "--db", str(db), "serve", "--port", str(port), "--workers", "1"]
    proc = subprocess.Popen(serve, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    figures: dict[str, Any] = {"memory": memory_attack(url, proc.pid)}
    figures["cpu"] = cpu_attack(url, proc.pid)
    figures["csrf"] = csrf_attack(url)
    figures["invisible"] = invisible(url)
    figures["csv"] = csv_export(url, db, tmp)
    figures["bad_redirect"] = bad_redirect_ingest(tmp)
    figures["slow_headers"] = slow_headers(port, 10.0)
    figures["rss_end_mb"] = round(rss_mb(proc.pid), 1)
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    figures["sigterm_exit_s"] = round(time.monotonic() - started, 2)
    print(json.dumps(figures, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
