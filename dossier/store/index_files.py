"""Named numpy arrays in one file, read back memory-mapped: the persisted screening index.

Layout: `MAGIC`, the header's length (8 bytes, little-endian), a JSON header
`{"meta": {...}, "arrays": {name: [dtype, shape, offset]}}`, then each array's bytes
at a 64-byte aligned offset. One file rather than a folder of `.npy` files so that a
writer replaces it in one step: it is written under a temporary name in the same
folder, flushed to disk, then renamed over the old one (`os.replace`). A reader sees
the old file or the new one, never a mix; one that has the old one open keeps reading
it (the rename does not touch its pages), and two writers racing leave whichever
renamed last, whole.

Reading maps the file and makes each array a read-only view of the mapping (no copy):
only the pages a query touches are read. Anything that does not fit (short file, bad
header, an array past the end) is an `IndexFileError`.
"""

from __future__ import annotations

import json
import mmap
import os
import secrets
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

MAGIC = b"DOSSIDX\x01"
ALIGN = 64
# Temporary files older than this are a crashed writer's, and are removed.
STALE_TEMP_S = 3600.0


class IndexFileError(ValueError):
    """An index file that cannot be read: absent, truncated or not ours."""


def write_arrays(
    path: Path, arrays: Mapping[str, npt.NDArray[Any]], meta: Mapping[str, Any]
) -> None:
    """Write `arrays` and `meta` to `path`, replacing it atomically (see the module)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(path)
    contiguous = {name: np.ascontiguousarray(a) for name, a in arrays.items()}
    layout: dict[str, list[Any]] = {}
    offset = 0
    for name, a in contiguous.items():
        if a.dtype.hasobject:
            raise TypeError(f"array {name!r} holds Python objects")
        layout[name] = [a.dtype.str, list(a.shape), offset]
        offset += _aligned(a.nbytes)
    header = json.dumps({"meta": dict(meta), "arrays": layout}, sort_keys=True).encode()
    start = _aligned(len(MAGIC) + 8 + len(header))
    temp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with temp.open("wb") as out:
            out.write(MAGIC + len(header).to_bytes(8, "little") + header)
            out.write(b"\0" * (start - out.tell()))
            for a in contiguous.values():
                out.write(a.data)
                out.write(b"\0" * (_aligned(a.nbytes) - a.nbytes))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def read_meta(path: Path) -> dict[str, Any]:
    """The `meta` of an index file, without mapping its arrays."""
    with _open(path) as handle:
        return _header(handle.read(len(MAGIC) + 8), handle, path)[0]


def read_arrays(path: Path) -> tuple[dict[str, Any], dict[str, npt.NDArray[Any]]]:
    """(meta, arrays) of an index file; the arrays are read-only views of its mapping."""
    with _open(path) as handle:
        meta, layout, start = _header(handle.read(len(MAGIC) + 8), handle, path)
        try:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError) as err:
            raise IndexFileError(f"{path}: cannot map ({err})") from err
    arrays: dict[str, npt.NDArray[Any]] = {}
    try:
        for name, (dtype_str, shape, offset) in layout.items():
            dtype = np.dtype(dtype_str)
            count = int(np.prod(shape, dtype=np.int64))
            begin = start + int(offset)
            if dtype.hasobject or count < 0 or begin + count * dtype.itemsize > len(mapped):
                raise IndexFileError(f"{path}: array {name!r} lies past the end of the file")
            flat = np.frombuffer(mapped, dtype, count, begin) if count else np.zeros(0, dtype)
            arrays[name] = flat.reshape(shape)
    except (TypeError, ValueError) as err:
        if isinstance(err, IndexFileError):
            raise
        raise IndexFileError(f"{path}: bad array layout ({err})") from err
    return meta, arrays


def _open(path: Path) -> Any:
    try:
        return path.open("rb")
    except OSError as err:
        raise IndexFileError(f"{path}: {err.strerror or err}") from err


def _header(
    prefix: bytes, handle: Any, path: Path
) -> tuple[dict[str, Any], dict[str, list[Any]], int]:
    """(meta, array layout, offset of the first array) from a file's start."""
    if len(prefix) < len(MAGIC) + 8 or not prefix.startswith(MAGIC):
        raise IndexFileError(f"{path}: not an index file")
    length = int.from_bytes(prefix[len(MAGIC) :], "little")
    if length > 1 << 24:
        raise IndexFileError(f"{path}: header too long")
    try:
        header = json.loads(handle.read(length))
        meta, layout = header["meta"], header["arrays"]
        if not isinstance(meta, dict) or not isinstance(layout, dict):
            raise TypeError("meta and arrays must be objects")
    except (ValueError, KeyError, TypeError) as err:
        raise IndexFileError(f"{path}: bad header ({err})") from err
    return meta, layout, _aligned(len(MAGIC) + 8 + length)


def _aligned(size: int) -> int:
    return -(-size // ALIGN) * ALIGN


def _remove_stale_temps(path: Path) -> None:
    """Remove temporary files a killed writer left (not those of a writer at work)."""
    now = time.time()
    for temp in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if now - temp.stat().st_mtime > STALE_TEMP_S:
                temp.unlink()
        except OSError:
            continue  # another process removed it first
