"""Files dossier keeps in the user cache folder (platformdirs: `~/.cache/dossier/` on
Linux): each made once from data a package ships (the persisted screening index of a
PostgreSQL database, pykakasi's split dictionary, py3langid's unpacked model), and safe
to delete."""

from __future__ import annotations

import hashlib
from pathlib import Path


def user_cache(*parts: str) -> Path:
    """The user cache folder of dossier, or a folder below it."""
    from platformdirs import user_cache_path

    return user_cache_path("dossier", appauthor=False).joinpath(*parts)


def named_by(source: Path, folder: Path, prefix: str, suffix: str) -> Path:
    """Where a file made from `source` lives in `folder`: named by the source's path, size
    and change time, so another version of the package that ships it gets its own."""
    stat = source.stat()
    key = f"{source.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}"
    return folder / f"{prefix}-{hashlib.sha256(key.encode()).hexdigest()[:16]}{suffix}"
