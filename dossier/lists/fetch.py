"""Download list files from their publishers (or a mirror): `dossier lists fetch`.

Each file goes through the safe fetcher (SSRF guard on every hop, timeouts, a size cap
suited to list files), is checked before it replaces anything (an HTML error page, an
empty body or a list file its loader cannot read is refused), and is written atomically
(a temporary file in the target folder, then a rename), so a failed download leaves the
previous copy as it was. A failure is reported and the next file is fetched.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from dossier.exc import SourceError
from dossier.ingest.fetch import Fetcher, FetchOptions
from dossier.lists.loaders.registry import LOADERS, detect_kind
from dossier.lists.sources import SourceFile
from dossier.model import ListRecord

LIST_TYPES = (
    "text/csv",
    "application/csv",
    "text/plain",
    "text/tab-separated-values",
    "application/xml",
    "text/xml",
    # Publishers serve downloads under generic types too (OFAC: octet-stream).
    "application/octet-stream",
    "application/vnd.ms-excel",
    "binary/octet-stream",
)
"""Media types a list file may come with."""


def list_fetch_options(allow_hosts: frozenset[str]) -> FetchOptions:
    """Fetch options for list files: big bodies, slow servers, no robots.txt.

    robots.txt governs crawlers; these are named files a user asked for, and the GitHub
    raw host that carries the OpenSanctions transcriptions disallows every robot.
    """
    return FetchOptions(
        allow_hosts=allow_hosts,
        timeout=60.0,
        max_bytes=200_000_000,  # the full OFAC SDN XML is ~100 MB; CSVs are far smaller
        min_interval=0.2,
        respect_robots=False,
    )


@dataclass(frozen=True, slots=True)
class FetchedFile:
    """What happened to one file: `downloaded`, `unchanged` or `failed`."""

    dataset: str
    path: str
    url: str
    status: str
    bytes: int = 0
    sha256: str = ""
    error: str = ""

    def as_json(self) -> dict[str, Any]:
        """The file's line in `dossier lists fetch --json`."""
        return asdict(self)


def check_body(body: bytes, where: str) -> None:
    """Refuse an empty body or an HTML page (a publisher's error page served as 200)."""
    head = body[:512].lstrip().lower()
    if not head:
        raise SourceError("empty file", where)
    if head.startswith((b"<!doctype html", b"<html")):
        raise SourceError("got an HTML page, not a list file", where)


def check_loadable(temp: Path, target: Path, where: str) -> None:
    """Read a downloaded primary file with its loader; refuse it if nothing loads."""
    kind = detect_kind(target)
    if kind is None:
        return  # an OFAC companion file: read with its primary file
    errors: list[str] = []
    for item in LOADERS[kind](temp):
        if isinstance(item, ListRecord):
            return
        errors.append(item.detail.replace(f"{temp}: ", "").replace(str(temp), str(target)))
    reason = errors[0] if errors else "no records"
    raise SourceError(f"not a readable list file ({reason})", where)


def sha256_of(path: Path) -> str:
    """The hex SHA-256 of a file, or "" when it does not exist."""
    if not path.is_file():
        return ""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def save_file(body: bytes, target: Path, where: str) -> None:
    """Check and write `body` to `target` atomically (temporary file, then rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(body)
        check_loadable(temp, target, where)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def fetch_file(
    fetcher: Fetcher, source: SourceFile, out_dir: Path, mirror: str | None
) -> FetchedFile:
    """Download one file into `out_dir`; a failure is returned, never raised."""
    url = source.location(mirror)
    target = out_dir / source.path
    try:
        body = fetcher.fetch(url, LIST_TYPES).body
        check_body(body, url)
        digest = hashlib.sha256(body).hexdigest()
        unchanged = sha256_of(target) == digest
        if not unchanged:
            save_file(body, target, url)
    except SourceError as err:
        return FetchedFile(source.dataset, str(target), url, "failed", error=err.detail)
    status = "unchanged" if unchanged else "downloaded"
    return FetchedFile(source.dataset, str(target), url, status, len(body), digest)


def fetch_lists(
    sources: Iterable[SourceFile], out_dir: Path, options: FetchOptions, mirror: str | None
) -> Iterator[FetchedFile]:
    """Download every source file in turn, going on past failures."""
    fetcher = Fetcher(options)
    try:
        for source in sources:
            yield fetch_file(fetcher, source, out_dir, mirror)
    finally:
        fetcher.close()
