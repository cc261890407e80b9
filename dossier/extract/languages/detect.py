"""Which language a document is written in: py3langid, whose model ships in its wheel.

py3langid scores 97 languages offline in a few milliseconds. A text too short to tell
(a headline, a line of names) gets a low top probability; it is then read as the
likeliest of the languages dossier reads natively, because a short text in a feed
about this subject is far more often one of those than anything else.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Below this normalised probability the top language is a guess.
CONFIDENT = 0.5
# The detector reads at most this many characters: more says nothing new and costs time.
SAMPLE = 5_000
UNDETERMINED = "und"


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


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
