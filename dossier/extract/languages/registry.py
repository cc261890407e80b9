"""What dossier reads in each language, and the dispatch to each language's component.

| language | entities | claims |
|---|---|---|
| English | spaCy (+ patterns) | yes |
| Russian | natasha (+ the same rules) | yes: trigger lemmas, parties from the parse |
| Ukrainian | natasha (trained on Russian): most names, forms by stem keys | no (Russian parse) |
| any other | weapon designations only (script-independent patterns) | no |

No language is read as if it were English: a document in a language without claim
rules has `claims_extracted = False`, which `ingest` and the document page report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dossier.extract.languages.ru import RussianModels, extract_russian, load_russian
from dossier.extract.languages.ru.weapons import find_weapons
from dossier.model import Document, Entity, EntityType, Extraction, Mention
from dossier.resolve.aliases import AliasTable, load_aliases


@dataclass(frozen=True, slots=True)
class LanguageSupport:
    """How far dossier reads one language."""

    code: str
    name: str
    entities: bool
    """Names are found by a model of the language (else only by patterns)."""
    claims: bool
    """Claims are extracted."""


SUPPORT: dict[str, LanguageSupport] = {
    "en": LanguageSupport("en", "English", entities=True, claims=True),
    "ru": LanguageSupport("ru", "Russian", entities=True, claims=True),
    "uk": LanguageSupport("uk", "Ukrainian", entities=True, claims=False),
}

# Names of languages a reader may meet, for messages; any other shows its code.
NAMES = {
    "ar": "Arabic",
    "be": "Belarusian",
    "bg": "Bulgarian",
    "de": "German",
    "es": "Spanish",
    "fa": "Persian",
    "fr": "French",
    "he": "Hebrew",
    "it": "Italian",
    "ja": "Japanese",
    "kk": "Kazakh",
    "ko": "Korean",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "sr": "Serbian",
    "tr": "Turkish",
    "zh": "Chinese",
    "und": "undetermined",
}


def support_for(code: str) -> LanguageSupport:
    """What dossier reads in language `code`; patterns only, no claims, if unsupported."""
    return SUPPORT.get(code) or LanguageSupport(code, language_name(code), False, False)


def language_name(code: str) -> str:
    """The English name of a language code (the code itself when unknown)."""
    known = SUPPORT.get(code)
    return known.name if known else NAMES.get(code, code)


def claims_note(code: str) -> str:
    """What a document page and `ingest` say of a document whose claims were not read."""
    return (
        f"claims not extracted: dossier has no claim rules for {language_name(code)} ({code}); "
        "entities are what its tools for this language find"
    )


@dataclass(slots=True)
class LanguageModels:
    """The non-English components' models, each loaded the first time it is needed."""

    table: AliasTable = field(default_factory=load_aliases)
    russian: RussianModels | None = None

    def extract(self, document: Document) -> Extraction:
        """Extract a non-English document with its language's component."""
        support = support_for(document.language)
        if document.language in ("ru", "uk"):
            if self.russian is None:
                self.russian = load_russian()
            found = extract_russian(document, self.russian, self.table, claims=support.claims)
        else:
            found = Extraction(document, patterns_only(document), [])
        found.claims_extracted = support.claims
        return found


def patterns_only(document: Document) -> list[Entity]:
    """The entities a language without a model still yields: weapon designations."""
    entities: dict[str, Entity] = {}
    for span in find_weapons(document.body, document.body_start):
        mention = Mention(span.start, span.end, span.text, EntityType.WEAPON)
        entities.setdefault(span.name, Entity(span.name, EntityType.WEAPON)).mentions.append(
            mention
        )
    return list(entities.values())
