"""pykakasi's kanji dictionary read one first character at a time.

pykakasi unpickles its whole kanji dictionary (`kanwadict4.db`, 9.7 MB, 6,800 first
characters, 270,000 words) on its first conversion: 0.5 s of CPU, as much as the rest
of a `screen --file` start-up, for the few hundred characters a batch of names meets.
Its `Kanwa` is a Borg whose table is only ever asked `.get(ord(first character))`, so
it is given a `SplitKanwa`: one file holding each first character's entry pickled
alone, behind a table of offsets, made once from pykakasi's own file (`split_kanwa`)
and kept in the user cache folder. An entry read is the very dict pykakasi's file
holds for that character, so conversions are unchanged (`tests/screen/test_readings.py`
compares every entry).

When the file cannot be made, pykakasi's whole table is used as read; a damaged file is
made again; and when pykakasi's layout is not the one this was written against, it
loads its own dictionary as it always did.
"""

from __future__ import annotations

import mmap
import os
import pickle
import struct
import tempfile
import threading
from pathlib import Path
from typing import Any

from dossier.cache import named_by, user_cache

_MAGIC = b"dossier-kanwa-1\n"
_HEADER = struct.Struct("<Q")  # the offsets table's pickled size, after the magic
_LOCK = threading.Lock()


class SplitKanwa:
    """A kanwa table (first character's number -> {word: readings}) read on demand."""

    def __init__(self, offsets: dict[int, tuple[int, int]], data: mmap.mmap):
        self._offsets = offsets
        self._data = data
        self._read: dict[int, Any] = {}

    def get(self, key: int, default: Any = None) -> Any:
        """The entry of first character `key` (as `dict.get`), unpickled once."""
        entry = self._read.get(key)
        if entry is None:
            place = self._offsets.get(key)
            if place is None:
                return default
            start, end = place
            entry = self._read[key] = pickle.loads(
                self._data[start:end]
            )  # our own file, made from pykakasi's
        return entry

    def __len__(self) -> int:
        return len(self._offsets)


def split_kanwa(table: dict[int, Any], path: Path) -> None:
    """Write `table` as a split file at `path` (atomically: a reader sees all or none)."""
    blobs = [(key, pickle.dumps(entry, pickle.HIGHEST_PROTOCOL)) for key, entry in table.items()]
    offsets: dict[int, tuple[int, int]] = {}
    place = 0
    for key, blob in blobs:
        offsets[key] = (place, place + len(blob))
        place += len(blob)
    head = pickle.dumps(offsets, pickle.HIGHEST_PROTOCOL)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".kanwa-", delete=False) as out:
        out.write(_MAGIC + _HEADER.pack(len(head)) + head)
        for _, blob in blobs:
            out.write(blob)
    os.chmod(out.name, 0o644)  # (a temporary file is made private; this is a cache)
    os.replace(out.name, path)


def read_split(path: Path) -> SplitKanwa | None:
    """The split file at `path`, mapped; None when it is missing or not one."""
    try:
        with path.open("rb") as handle:
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    start = len(_MAGIC) + _HEADER.size
    if data[: len(_MAGIC)] != _MAGIC or len(data) < start:
        return None
    (size,) = _HEADER.unpack(data[len(_MAGIC) : start])
    try:
        offsets = pickle.loads(data[start : start + size])  # our own file
    except (pickle.UnpicklingError, EOFError, ValueError):
        return None  # damaged: made again
    base = start + size
    if not isinstance(offsets, dict) or base + max(
        (b for _, b in offsets.values()), default=0
    ) != len(data):
        return None  # cut short
    return SplitKanwa({k: (base + a, base + b) for k, (a, b) in offsets.items()}, data)


def split_path(source: Path, folder: Path) -> Path:
    """Where the split of pykakasi's dictionary file `source` lives in `folder` (named by
    the file, so another pykakasi gets its own)."""
    return named_by(source, folder, "kanwa", ".split")


def _cache_folder() -> Path:
    return user_cache("pykakasi")


def install_split_kanwa(folder: Path | None = None) -> bool:
    """Give pykakasi's `Kanwa` the split dictionary (made first if missing), before its
    first conversion; False (pykakasi then loads its own) when that is not possible."""
    from pykakasi import kanji
    from pykakasi.properties import Configurations

    state = getattr(kanji.Kanwa, "_shared_state", None)
    if not isinstance(state, dict) or "_jisyo_table" not in state:
        return False  # not the pykakasi this was written for
    with _LOCK:
        if state["_jisyo_table"] is not None:
            return isinstance(state["_jisyo_table"], SplitKanwa)
        source = Path(str(Configurations.data_path)) / Configurations.jisyo_kanwa
        table = _split_of(source, folder or _cache_folder())
        if table is not None:
            state["_jisyo_table"] = table
        return isinstance(table, SplitKanwa)


def _split_of(source: Path, folder: Path) -> SplitKanwa | dict[int, Any] | None:
    """The split of `source` in `folder`, made from it when missing; pykakasi's whole
    table when it was read but the split could not be written (so it is read once)."""
    whole: dict[int, Any] | None = None
    try:
        path = split_path(source, folder)
        split = read_split(path)
        if split is None:
            with source.open("rb") as handle:
                whole = pickle.load(handle)  # pykakasi's own file
            split_kanwa(whole or {}, path)
            split = read_split(path)
    except OSError:
        return whole
    return split or whole
