"""Languages: which one a document is in, and the component that reads it.

A language is a component, not a second pipeline: every component returns the same
`Extraction` (entities, mentions, claims of `dossier.model`). English is read by the
spaCy component (`dossier.extract.pipeline`); `registry.SUPPORT` says what each other
language gets, and `registry.LanguageModels` dispatches a document to its component.
"""

from dossier.extract.languages.detect import detect_language
from dossier.extract.languages.registry import (
    SUPPORT,
    LanguageModels,
    claims_note,
    language_name,
    support_for,
)

__all__ = [
    "SUPPORT",
    "LanguageModels",
    "claims_note",
    "detect_language",
    "language_name",
    "support_for",
]
