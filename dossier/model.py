"""The typed objects that flow between stages.

Hot internal objects are frozen slotted dataclasses; pydantic models live only at the
edges (API, contract JSON). Every stored object has a deterministic id (`make_id`), so a
re-run produces the same ids and adds nothing.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum


def make_id(*parts: object) -> str:
    """Return a stable 16-hex-digit id for the given key fields."""
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


class EntityType(StrEnum):
    """Entity types of the output contract."""

    PERSON = "person"
    ORGANIZATION = "organization"
    COUNTRY = "country"
    LOCATION = "location"
    WEAPON = "weapon"
    OTHER = "other"

    @property
    def screenable(self) -> bool:
        """Whether entities of this type are screened against the lists."""
        return self in (EntityType.PERSON, EntityType.ORGANIZATION)

    @property
    def list_schema(self) -> str:
        """The list schema an entity of this type is compared against."""
        return "Person" if self is EntityType.PERSON else "Organization"


class Predicate(StrEnum):
    """Claim predicates of the output contract."""

    AGREEMENT = "agreement"
    PRODUCTION = "production"
    SUPPLY = "supply"
    PURCHASE = "purchase"
    USE_IN_ATTACK = "use_in_attack"
    SANCTION = "sanction"
    EXPORT_RESTRICTION = "export_restriction"
    VISIT = "visit"
    DENIAL = "denial"
    ADMISSION = "admission"
    STATEMENT = "statement"
    OTHER = "other"


def page_at(page_starts: tuple[int, ...] | list[int], offset: int) -> int | None:
    """The 1-based page holding `offset`, given where each page starts; None if unpaged."""
    if not page_starts:
        return None
    return max(1, bisect.bisect_right(page_starts, offset))


@dataclass(frozen=True, slots=True)
class Document:
    """One input document. `text` is kept exactly as given; offsets index into it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    language: str = "en"
    body_start: int = 0
    body_end: int = -1
    source: str = ""
    """Where the document came from (path, URL, `path:line`)."""
    author: str | None = None
    """The byline, when the page or record names one."""
    site: str | None = None
    """The outlet or site name (`og:site_name`, an `OUTLET:` header, a record's `site`)."""
    text_source: str | None = None
    """Where `text` came from when it is not the page itself: `feed item` when a feed's own
    content stood in for a linked page that could not be fetched (the reason follows)."""
    page_starts: tuple[int, ...] = ()
    """Offsets in `text` where each page of a paged source (PDF) starts; page 1 first."""

    def page_of(self, offset: int) -> int | None:
        """The page number (1-based) holding `offset`, or None for an unpaged document."""
        return page_at(self.page_starts, offset)

    @property
    def body(self) -> str:
        """The article body, without trailing comments or widgets."""
        return self.text[self.body_start : self.body_end]

    @property
    def content_hash(self) -> str:
        """Hash of the whitespace-normalised body: equal for exact duplicates."""
        normalised = " ".join(self.body.split()).casefold()
        return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of document text that names an entity."""

    start: int
    end: int
    text: str
    type: EntityType


@dataclass(slots=True)
class Entity:
    """An entity within one document: a canonical name and all its mentions."""

    name: str
    type: EntityType
    mentions: list[Mention] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Evidence:
    """The exact text a claim rests on: `document.text[start:end] == text`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Claim:
    """Who did what to whom, when, how many, according to whom, and how surely."""

    subject: str
    predicate: Predicate
    object: str | None
    evidence: Evidence
    item: str | None = None
    date: str | None = None
    quantity: str | None = None
    attributed_to: str | None = None
    hedged: bool = False


@dataclass(frozen=True, slots=True)
class ListRecord:
    """One entry of a sanctions or export-control list."""

    dataset: str
    list_id: str
    schema: str
    """`Person`, `Organization`, `Vessel`, `Aircraft` or `Other`."""
    name: str
    aliases: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    listed_on: str | None = None
    ended_on: str | None = None
    source_row: str = ""

    @property
    def id(self) -> str:
        """Deterministic id of this record."""
        return make_id(self.dataset, self.list_id)

    @property
    def names(self) -> tuple[str, ...]:
        """The primary name followed by every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class MatchResult:
    """A list record scored against a query name, with its explanation."""

    record: ListRecord
    score: float
    match: bool
    explanation: dict[str, object]


@dataclass(slots=True)
class Extraction:
    """What extraction found in one document."""

    document: Document
    entities: list[Entity]
    claims: list[Claim]
    matches: dict[str, list[MatchResult]] = field(default_factory=dict)
    """Screening results keyed by entity name."""
    claims_extracted: bool = True
    """False when dossier has no claim rules for the document's language: an empty
    `claims` then means "not read", not "none found" (the UI and `ingest` say so)."""
