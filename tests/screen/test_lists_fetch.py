"""`dossier lists fetch` against a real HTTP server on 127.0.0.1 serving the shared list
files as a mirror; `/cut/…` serves the first half of each file, `/short/…` announces the
whole file but closes the connection half way, `/no-un/…` has everything but the UN file."""

from __future__ import annotations

import hashlib
import json
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from dossier import pipeline
from dossier.exc import InvalidInput, SourceError
from dossier.lists.fetch import FetchedFile, fetch_lists, list_fetch_options
from dossier.lists.loaders import find_list_files
from dossier.lists.sources import SOURCES, select_sources
from dossier.model import ListRecord
from dossier.store import open_store

DATASETS = ["us_ofac_cons", "un_sc", "us_bis_mieu", "cn_countersanctions"]


class MirrorHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:  # keep test output clean
        return None

    def do_GET(self) -> None:
        mode, _, rest = self.path.lstrip("/").partition("/")
        if mode == "no-un":  # a mirror that lost the UN file
            if rest.startswith("un/"):
                return self.send_error(404)
            self.path = "/" + rest
            return super().do_GET()
        if mode not in ("cut", "short"):
            return super().do_GET()
        body = (Path(self.directory) / rest).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body) if mode == "short" else len(body) // 2))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.close_connection = True


@pytest.fixture(scope="module")
def mirror(shared: Path) -> Iterator[str]:
    handler = partial(MirrorHandler, directory=str(shared / "data" / "sanctions"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _fetch(run_cli: Any, *args: Any, db: Path | None = None) -> tuple[int, list[Any], str]:
    where = ["--db", db] if db else []
    result = run_cli(*where, "lists", "fetch", *args, "--allow-host", "127.0.0.1", "--json")
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.returncode, lines, result.stderr


def test_lists_fetch_then_load_equals_loading_the_shared_copies(
    run_cli: Any, mirror: str, tmp_path: Path, shared: Path
) -> None:
    out, db = tmp_path / "lists", tmp_path / "fetched.db"
    code, lines, err = _fetch(run_cli, *DATASETS, "-o", out, "--mirror", mirror, "--load", db=db)
    assert code == 0, err
    files, (loaded,) = lines[:-1], lines[-1:]
    assert len(files) == sum(len(SOURCES[d]) for d in DATASETS)
    sanctions = shared / "data" / "sanctions"
    for item, source in zip(files, select_sources(DATASETS), strict=True):
        original = (sanctions / source.mirror_path).read_bytes()
        assert item["status"] == "downloaded"
        assert item["bytes"] == len(original)
        assert item["sha256"] == hashlib.sha256(original).hexdigest()
        assert (out / source.path).read_bytes() == original
    assert not list(out.rglob("*.part"))
    direct = pipeline.load_lists(
        open_store(str(tmp_path / "direct.db")),
        [
            sanctions / "us_ofac_non_sdn",
            sanctions / "un",
            sanctions / "us_bis" / "mieu.csv",
            sanctions / "cn",
        ],
    )
    assert loaded["datasets"] == direct.records
    assert loaded["added"] == direct.added > 0
    code, again, _ = _fetch(run_cli, *DATASETS, "-o", out, "--mirror", mirror)
    assert code == 0
    assert {line["status"] for line in again} == {"unchanged"}


def _fetch_lib(datasets: list[str], out: Path, mirror: str) -> list[FetchedFile]:
    options = list_fetch_options(frozenset({"127.0.0.1"}))
    return list(fetch_lists(select_sources(datasets), out, options, mirror))


def test_lists_fetch_404_and_truncated_files_fail_clearly_and_keep_old_copies(
    run_cli: Any, mirror: str, tmp_path: Path
) -> None:
    out = tmp_path / "lists"
    assert {f.status for f in _fetch_lib(["un_sc", "us_bis_mieu"], out, mirror)} == {"downloaded"}
    before = (out / "un" / "un_consolidated.xml").read_bytes()

    code, lines, err = _fetch(run_cli, "un_sc", "us_bis_mieu", "-o", out, "--mirror", f"{mirror}/x")
    assert code == 1
    assert [line["status"] for line in lines] == ["failed", "failed"]
    assert all("HTTP 404" in line["error"] for line in lines)
    assert "HTTP 404" in err
    assert "/x/un/un_consolidated" in err

    (cut,) = _fetch_lib(["un_sc"], out, f"{mirror}/cut")
    assert cut.status == "failed"
    assert "not a readable list file (invalid UN XML" in cut.error
    (short,) = _fetch_lib(["un_sc"], out, f"{mirror}/short")
    assert short.status == "failed"
    assert "cannot fetch (RemoteProtocolError" in short.error
    assert (out / "un" / "un_consolidated.xml").read_bytes() == before
    assert not list(out.rglob("*.part"))


def test_lists_fetch_refuses_loopback_unless_allowed(
    run_cli: Any, mirror: str, tmp_path: Path
) -> None:
    result = run_cli("lists", "fetch", "us_bis_mieu", "-o", tmp_path, "--mirror", mirror)
    assert result.returncode == 1
    assert "refused to fetch from 127.0.0.1" in result.stderr


def test_lists_fetch_unknown_dataset_is_an_error(run_cli: Any, tmp_path: Path) -> None:
    result = run_cli("lists", "fetch", "us_ofac_sdnn", "-o", tmp_path)
    assert result.returncode == 1
    assert "unknown dataset us_ofac_sdnn" in result.stderr
    with pytest.raises(InvalidInput):
        select_sources(["nope"])


def test_sources_cover_every_dataset_with_official_https_urls() -> None:
    assert set(SOURCES) == {
        "us_ofac_sdn",
        "us_ofac_cons",
        "un_sc",
        "eu_fsf",
        "us_bis_dpl",
        "us_bis_mieu",
        "us_dod_1260h",
        "cn_countersanctions",
    }
    for source in select_sources([]):
        assert source.url.startswith("https://")
        assert source.location("http://m/") == f"http://m/{source.mirror_path}"


def test_lists_fetch_ofac_sdn_group_reads_like_the_shared_copies(
    mirror: str, tmp_path: Path, shared: Path
) -> None:
    fetched = _fetch_lib(["us_ofac_sdn"], tmp_path, mirror)
    assert [f.status for f in fetched] == ["downloaded"] * 4
    assert {Path(f.path).name for f in fetched} == {
        "sdn.csv",
        "alt.csv",
        "add.csv",
        "sdn_comments.csv",
    }

    def records(folder: Path) -> list[ListRecord]:
        found = [f for f in find_list_files([folder]) if not isinstance(f, SourceError)]
        return [r for f in found for r in f.load() if isinstance(r, ListRecord)]

    mine, theirs = records(tmp_path / "us_ofac"), records(shared / "data" / "sanctions" / "us_ofac")
    assert len(mine) == len(theirs) > 10_000
    assert {r.id: r.aliases for r in mine} == {r.id: r.aliases for r in theirs}


def test_lists_fetch_load_keeps_records_of_a_dataset_that_failed(
    run_cli: Any, mirror: str, tmp_path: Path
) -> None:
    out, db = tmp_path / "lists", tmp_path / "dossier.db"
    assert _fetch(run_cli, "un_sc", "-o", out, "--mirror", mirror, "--load", db=db)[0] == 0
    _keep_three_entities(out / "un" / "un_consolidated.xml")  # an older, smaller copy
    code, lines, _ = _fetch(
        run_cli, "un_sc", "us_bis_mieu", "-o", out, "--mirror", f"{mirror}/no-un", "--load", db=db
    )
    assert code == 1
    assert [line["status"] for line in lines[:2]] == ["failed", "downloaded"]
    loaded = lines[2]
    # The old UN copy is loaded, but as part of the list only: the download failed.
    assert loaded["datasets"] == {"un_sc": 3, "us_bis_mieu": 13}
    assert loaded["removed"] == 0
    stats = run_cli("--db", db, "stats", "--json")
    assert json.loads(stats.stdout)["list_records"] == 1003 + 13


def _keep_three_entities(path: Path) -> None:
    tree = ET.parse(path)
    root = tree.getroot()
    for group, keep in (("INDIVIDUALS", 0), ("ENTITIES", 3)):
        parent = root.find(group)
        assert parent is not None
        for child in list(parent)[keep:]:
            parent.remove(child)
    tree.write(path, encoding="utf-8")
