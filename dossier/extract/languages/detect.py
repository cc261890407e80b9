"""Which language a document is written in: py3langid, whose model ships in its wheel.

py3langid scores 97 languages offline in a few milliseconds. A text too short to tell
(a headline, a line of names) gets a low top probability; it is then read as the
likeliest of the languages dossier reads natively, because a short text in a feed
about this subject is far more often one of those than anything else.
"""

from __future__ import annotations

import lzma
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from dossier.cache import named_by, user_cache

# Below this normalised probability the top language is a guess.
CONFIDENT = 0.5
# The detector reads at most this many characters: more says nothing new and costs time.
SAMPLE = 5_000
UNDETERMINED = "und"


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's identifier. Its model ships LZMA-compressed, and unpacking it costs
    about 0.35 CPU-s in every process; the unpacked file is kept in the user cache folder
    (made once) and read from there, 0.07 s. Without a writable cache, py3langid's own
    loader reads the compressed file as before."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    source = Path(MODEL_DIR) / MODEL_FILE
    unpacked = _unpacked(source, _cache_folder())
    if unpacked is None:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _from_unpacked(LanguageIdentifier, unpacked)


def _cache_folder() -> Path:
    return user_cache("langid")


def unpacked_path(source: Path, folder: Path) -> Path:
    """Where the unpacked model of `source` lives in `folder` (named by the file, so
    another py3langid gets its own)."""
    return named_by(source, folder, "model", ".npz")


def _unpacked(source: Path, folder: Path) -> Path | None:
    """The unpacked model (written first when missing, atomically), or None when the
    cache folder cannot be written."""
    try:
        path = unpacked_path(source, folder)
        if path.is_file():
            return path
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
        try:
            with os.fdopen(fd, "wb") as out, lzma.open(source) as src:
                shutil.copyfileobj(src, out, length=1 << 20)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return path
    except (OSError, lzma.LZMAError):
        return None


def _from_unpacked(identifier: Any, path: Path) -> Any:
    """The identifier from the unpacked model, built as py3langid's `from_model_file`
    builds it from the compressed one (`py3langid.modelio.load_model`)."""
    import numpy as np
    from py3langid.modelio import _to_array

    with np.load(path, allow_pickle=False) as data:
        return identifier(
            np.asarray(data["ptc"]),
            np.asarray(data["pc"]),
            data["classes"].tolist(),
            _to_array(data["nextmove"]),
            data["out_feat"].tolist(),
            norm_probs=True,
            tk_row=_to_array(data["nextmove_row"]),
        )


def detect_language(text: str, native: tuple[str, ...] = ("en", "ru", "uk")) -> str:
    """The ISO 639-1 code of the language of `text` (`und` when it has no letters).

    Args:
        text: the document body.
        native: languages preferred when the detector is unsure (short texts).
    """
    sample = text[:SAMPLE]
    if not any(ch.isalpha() for ch in sample):
        return UNDETERMINED
    ranked: list[tuple[str, float]] = _identifier().rank(sample)
    best, probability = ranked[0]
    if probability >= CONFIDENT:
        return best
    return next((code for code, _ in ranked if code in native), best)
