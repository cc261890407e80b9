"""The entry point: read files, directories, URLs, feeds and stdin into documents.

Every input yields either a `Document` or a `SourceError`; a bad input never stops
the batch. `read_paths` keeps input order so output lines follow the command line.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from dossier.exc import SourceError
from dossier.ingest.dispatch import (
    SUFFIXES,
    Kind,
    Seen,
    Source,
    documents_from_bytes,
    read_url,
)
from dossier.ingest.fetch import Fetcher, FetchOptions
from dossier.ingest.text import Item, read_jsonl, record_to_document, text_to_document

__all__ = [
    "InputError",
    "Item",
    "read_file",
    "read_jsonl",
    "read_paths",
    "read_stdin",
    "record_to_document",
    "text_to_document",
]

log = logging.getLogger(__name__)
STDIN = "-"
MAX_FILE_BYTES = 200_000_000
"""Larger files are refused rather than read into memory (a WARC of a big crawl: split it)."""


class InputError(SourceError):
    """A `SourceError` that also names the input it came from (the file, directory, URL
    or `-` given to `read_paths`), so a failure can be stored as source, location, reason.
    """

    def __init__(self, reason: str, where: str, source: str) -> None:
        super().__init__(reason, where)
        self.reason = reason
        self.source = source

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, str]]:
        return (InputError, (self.reason, self.where, self.source))

    @classmethod
    def of(cls, err: SourceError, source: str) -> InputError:
        """`err` tagged with `source`; its location and reason are kept."""
        if isinstance(err, InputError):
            return err
        reason = err.detail.removeprefix(f"{err.where}: ") if err.where else err.detail
        return cls(reason, err.where or source, source)


def default_fetch_options() -> FetchOptions:
    """Fetch options from the settings (`DOSSIER_FETCH_ALLOW`)."""
    from dossier.settings import get_settings

    return FetchOptions.with_hosts(get_settings().fetch_allow)


def read_paths(
    paths: Iterable[str | Path],
    published: str | None = None,
    fetch: FetchOptions | None = None,
    seen: Seen | None = None,
) -> Iterator[Item]:
    """Yield a `Document` or an `InputError` for every input, in order.

    Args:
        paths: files, directories (recursed in sorted order), http(s) URLs of pages or
            feeds, or `-` for standard input.
        published: publication date for documents that carry none.
        fetch: how URLs are fetched; by default from the settings.
        seen: feed entries already stored (by guid or link), skipped without a fetch.
    """
    fetcher = Fetcher(fetch or default_fetch_options())
    try:
        for raw in paths:
            for item in _read_one(
                str(raw), Source(str(raw), str(raw), published, fetcher=fetcher, seen=seen)
            ):
                yield InputError.of(item, str(raw)) if isinstance(item, SourceError) else item
    finally:
        fetcher.close()


def _read_one(raw: str, given: Source) -> Iterator[Item]:
    """The items of one input; `given` carries the date, fetcher and `seen` for all."""
    published, fetcher = given.published, given.fetcher
    if raw.startswith(("http://", "https://")):
        yield from guarded(read_url(raw, given), raw)
    elif raw == STDIN:
        yield from guarded(read_stdin(published, fetcher, given.seen), raw)
    elif Path(raw).is_dir():
        for child in _walk(Path(raw)):
            yield from guarded(read_file(child, published, fetcher, given.seen), str(child))
    else:
        yield from guarded(read_file(Path(raw), published, fetcher, given.seen), raw)


def guarded(items: Iterator[Item], where: str) -> Iterator[Item]:
    """`items`, with any exception they raise turned into one last error for `where`.

    Readers raise `SourceError` for what they foresee; anything else (a library's
    `httpx.InvalidURL` on a redirect to `http:\\x`, found by the red-team pass) would
    otherwise end the whole run and lose every later input (issue 20)."""
    try:
        yield from items
    except Exception as err:  # any failure of one input is that input's error
        log.debug("input failed: %s", where, exc_info=err)  # the error is recorded
        yield SourceError(f"cannot be read ({type(err).__name__}: {err})", where)


def _walk(folder: Path) -> list[Path]:
    """Files under `folder` in sorted order, skipping hidden ones (.git, .DS_Store)."""
    files = (p for p in folder.rglob("*") if p.is_file())
    return sorted(
        p for p in files if not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def read_stdin(
    published: str | None = None, fetcher: Fetcher | None = None, seen: Seen | None = None
) -> Iterator[Item]:
    """Read one input from standard input; its format is sniffed from the bytes."""
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES or not data.strip():
        what = "empty input" if not data.strip() else f"input larger than {MAX_FILE_BYTES} bytes"
        yield SourceError(what, "<stdin>")
        return
    yield from documents_from_bytes(
        data, None, Source("<stdin>", "stdin", published, fetcher=fetcher, seen=seen)
    )


def read_file(
    path: Path,
    published: str | None = None,
    fetcher: Fetcher | None = None,
    seen: Seen | None = None,
) -> Iterator[Item]:
    """Yield the documents of one file, or one error saying why it cannot be read."""
    try:
        data = _read_bytes(path)
    except SourceError as err:
        yield err
        return
    kind = _suffix_kind(path)
    if kind is None and path.suffix:
        yield SourceError(
            f"unknown format {path.suffix!r} (see `dossier ingest --help`)", str(path)
        )
        return
    source = Source(str(path), path.stem, published, fetcher=fetcher, seen=seen)
    yield from documents_from_bytes(data, kind, source)


def _suffix_kind(path: Path) -> Kind | None:
    """The kind a suffix names; `.warc.gz` is a WARC, any other `.gz` unknown."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        return Kind.WARC if path.name.lower().endswith(".warc.gz") else None
    return SUFFIXES.get(suffix)


def _read_bytes(path: Path) -> bytes:
    where = str(path)
    if not path.exists():
        raise SourceError("no such file", where)
    if not path.is_file():
        raise SourceError("not a regular file", where)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SourceError(f"file larger than {MAX_FILE_BYTES} bytes", where)
        data = path.read_bytes()
    except OSError as err:
        raise SourceError(f"cannot read ({err.strerror})", where) from err
    if not data.strip():
        raise SourceError("empty file", where)
    return data
