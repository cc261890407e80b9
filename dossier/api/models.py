"""Request and response models: they are the OpenAPI schema."""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field, model_validator

from dossier.extract.languages import claims_note, language_name

T = TypeVar("T", bound=BaseModel)


class Page(BaseModel, Generic[T]):
    """One page of a list, the number of rows in the whole list, and the next page:
    no list is cut off without saying so."""

    items: list[T]
    total: int = Field(..., description="Rows in the whole list (all pages), filters applied.")
    offset: int
    limit: int
    next: str | None = Field(None, description="URL of the next page; null on the last.")


class ErrorOut(BaseModel):
    """The one shape of every error."""

    ok: Literal[False] = False
    status: int = Field(..., examples=[404])
    detail: str = Field(..., examples=["no entity with id 'x'"])
    errors: list[dict[str, Any]] = Field(default_factory=list, examples=[[]])


class Health(BaseModel):
    """Service status and table counts."""

    ok: bool = Field(..., examples=[True])
    counts: dict[str, int] = Field(..., examples=[{"documents": 2, "entities": 30}])


class Index(BaseModel):
    """The home page: table counts and where to go next."""

    counts: dict[str, int]
    writable: bool = Field(..., description="Whether the server accepts writes (token set).")
    links: dict[str, str]


class Citation(BaseModel):
    """How to cite a stored document: outlet · headline · byline · date, with the original
    URL and the link to the copy stored in dossier (rendered by `_citation.html`).
    """

    document_id: str
    outlet: str | None = Field(None, examples=["Reuters"], description="Site or outlet.")
    headline: str | None = Field(None, examples=["Iran ships drones to Russia"])
    byline: str | None = Field(None, examples=["Jane Doe"])
    published: str | None = Field(None, examples=["2023-02-10"], description="ISO date prefix.")
    url: str | None = Field(None, description="Where the report was read from, if a URL.")
    stored: str = Field(..., examples=["/documents/ab12"], description="The stored copy.")
    label: str = Field(..., description="The document's external id: shown when untitled.")

    @classmethod
    def of(cls, row: dict[str, Any]) -> Citation | None:
        """The citation of a flat row naming a document (`document_id` or `id`, with
        `title`, `site`, `author`, `published`, `url` and `document`/`external_id` when
        the query selected them); None when the row names no document.
        """
        doc_id = row.get("document_id") or row.get("id")
        if not isinstance(doc_id, str):
            return None
        label = row.get("document") or row.get("external_id") or doc_id
        return cls(
            document_id=doc_id,
            outlet=row.get("site") or None,
            headline=row.get("title") or None,
            byline=row.get("author") or None,
            published=row.get("published") or None,
            url=row.get("url") or None,
            stored=f"/documents/{doc_id}",
            label=str(label),
        )


class Cited(BaseModel):
    """A model read from a flat row about a document: `citation` is filled from the row."""

    citation: Citation | None = Field(None, description="The source, ready to cite.")

    @model_validator(mode="before")
    @classmethod
    def _cite(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("citation") is None:
            return {**data, "citation": Citation.of(data)}
        return data


class EntitySummary(BaseModel):
    """A canonical entity in a list: id, name, type, its names, how often it is mentioned
    (entities merged into it counted together).
    """

    id: str
    name: str = Field(..., examples=["Qods Aviation Industries"])
    type: str = Field(..., examples=["organization"])
    mentions: int
    documents: int
    aliases: list[str] = Field([], examples=[["Ghods Aviation Industries", "Quds Aviation"]])
    lists: list[str] = Field(
        [],
        description="Datasets the entity is matched on (not rejected)",
        examples=[["us_ofac_sdn"]],
    )


class Mention(BaseModel):
    """Where an entity is mentioned."""

    document_id: str
    start: int
    end: int
    text: str


class CardFeature(BaseModel):
    """One bar of a match card: a feature's value (or contribution) and what it measures."""

    feature: str = Field(..., examples=["query_coverage"])
    value: float
    width: float = Field(..., description="Bar width in percent.")
    detail: str
    against: bool = Field(..., description="Whether this feature speaks against the match.")


class CardFact(BaseModel):
    """A particular of the listed party, marked when it contradicts what the text says."""

    label: str = Field(..., examples=["nationality"])
    texts: list[str] = Field(..., examples=[["Uganda"]], description="As the list prints them.")
    against: bool = False
    note: str | None = Field(None, examples=["Uganda vs the text's Iranian"])


class MatchCardOut(BaseModel):
    """A match in words: the explanation as a sentence, a bar per feature, the listed
    party's particulars, and what speaks against the match."""

    sentence: str = Field(
        ..., examples=["all 2 words of the name align; nationality Uganda vs the text's Iranian"]
    )
    features: list[CardFeature]
    facts: list[CardFact]
    against: list[str]
    source_url: str | None = Field(None, description="Where the listing can be read.")


class ListMatch(BaseModel):
    """A list record the entity matched, with the explanation of the score."""

    id: str = ""
    dataset: str = Field(..., examples=["us_ofac_sdn"])
    list_id: str = Field(..., examples=["16418"])
    name: str
    programs: list[str]
    listed_on: str | None
    ended_on: str | None = None
    aliases: list[str] = []
    score: float
    matched_name: str
    explanation: dict[str, Any]
    review: Literal["pending", "accept", "reject"] = "pending"
    card: MatchCardOut | None = Field(None, description="The match in words (entity pages).")


class TimedMatch(BaseModel):
    """A party's list match, and whether the listing was in force on the claim's date."""

    dataset: str = Field(..., examples=["us_ofac_sdn"])
    list_id: str = Field(..., examples=["16418"])
    name: str
    programs: list[str]
    listed_on: str | None
    ended_on: str | None = None
    score: float
    timing: Literal["listed_before", "listed_after", "delisted_before", "unclear", "unknown"] = (
        Field(..., examples=["listed_before"])
    )


class Party(BaseModel):
    """A party of a dated claim that matches list records."""

    role: Literal["subject", "object"]
    entity_id: str
    name: str
    matches: list[TimedMatch]


class ClaimOut(Cited):
    """A claim with its evidence span."""

    id: str
    document_id: str
    document: str | None = None
    author: str | None = Field(None, description="Byline of the reporting document.")
    site: str | None = Field(None, description="Outlet or site of the reporting document.")
    title: str | None = Field(None, description="Headline of the reporting document.")
    published: str | None = Field(None, description="When the reporting document was published.")
    url: str | None = Field(None, description="Where the reporting document was read from.")
    subject: str
    subject_entity_id: str | None = None
    predicate: str
    object: str | None
    object_entity_id: str | None = None
    item: str | None
    date: str | None
    date_precision: Literal["year", "month", "day"] | None = None
    quantity: str | None
    attributed_to: str | None
    hedged: bool
    evidence_text: str
    evidence_start: int
    evidence_end: int
    page: int | None = Field(
        None, description="Page holding the evidence, for a paged source (PDF).", examples=[4]
    )
    parties: list[Party] = Field(
        default_factory=list,
        description="For a dated claim: each listed party, and per match whether it was "
        "listed before or after the act (only on entity pages and receipts).",
    )


class EntityRef(BaseModel):
    """An entity named by id."""

    id: str
    name: str


class Neighbour(BaseModel):
    """An entity linked to another by claims."""

    id: str
    name: str
    type: str
    claims: int
    predicates: list[str]


class MergeRecord(BaseModel):
    """Why one entity was folded into another (`dossier merges`; undo: `dossier unmerge`)."""

    id: str
    winner_id: str
    loser_id: str
    score: float
    reason: dict[str, Any] = Field(..., examples=[{"method": "alias table", "row": {}}])
    merged_at: str


class AlertOut(BaseModel):
    """An entity whose list matches changed when a list was reloaded, or news about a
    watched party: a new claim naming it (`new_claim`, the claim in `detail`) or a list
    match of it seen in a new document (`new_match`)."""

    id: str
    entity_id: str
    canonical_id: str = Field(..., description="The entity this one is merged into, or itself.")
    entity: str
    entity_type: str
    dataset: str = Field(..., examples=["us_ofac_sdn"])
    list_id: str = Field(..., examples=["16418"])
    change: Literal[
        "newly_designated",
        "newly_matched",
        "delisted",
        "no_longer_matched",
        "programs_added",
        "programs_removed",
        "listing_date_changed",
        "listing_ended",
        "new_claim",
        "new_match",
    ]
    detail: dict[str, Any] = Field(
        ..., examples=[{"name": "QODS AVIATION INDUSTRIES", "added": ["RUSSIA-EO14024"]}]
    )
    created_at: str = Field(..., description="When the list was loaded (UTC).")


class WatchIn(BaseModel):
    """A party to follow."""

    name: str = Field(..., min_length=1, max_length=300, examples=["Qods Aviation Industries"])


class WatchOut(BaseModel):
    """A watch-list entry and how many stored entities it follows."""

    id: str
    name: str
    added_at: str
    entities: int = Field(0, description="Stored entities (with merged ones) it follows.")


class WhatsNew(BaseModel):
    """Alerts about watched parties, newest first, one page of them."""

    watchlist: list[WatchOut]
    alerts: list[AlertOut]
    total: int = Field(..., description="Alerts about watched parties in all pages.")
    offset: int
    limit: int


class RejectedMatch(BaseModel):
    """A list candidate an analyst rejected, with the decision (who, when, why)."""

    id: str
    dataset: str
    list_id: str
    name: str
    score: float
    decision_id: str
    note: str | None = None
    decided_at: str
    decided_by: str | None = None


class EntityDetail(BaseModel):
    """Everything stored about one canonical entity and those merged with it (by the
    resolver, an analyst or review).
    """

    id: str
    name: str
    type: str
    aliases: list[str]
    merged_with: list[EntityRef] = []
    merges: list[MergeRecord] = []
    mentions: list[Mention]
    claims: list[ClaimOut]
    matches: list[ListMatch]
    alerts: list[AlertOut] = []
    neighbours: list[Neighbour] = []
    documents: list[str] = []
    sources: list[Citation] = Field([], description="The documents naming it, ready to cite.")
    rejected: list[RejectedMatch] = Field(
        [], description="List candidates rejected by review: who, when and why."
    )


class DocumentSummary(Cited):
    """A stored document with its counts."""

    id: str
    external_id: str
    title: str | None
    url: str | None
    published: str | None
    source: str
    author: str | None = None
    site: str | None = None
    language: str
    ingested_at: str
    length: int
    claims: int
    mentions: int


class DocumentMention(BaseModel):
    """A mention in a document, with the entity it names."""

    entity_id: str
    entity: str
    start: int
    end: int
    text: str
    type: str


class DocumentDetail(Cited):
    """A document's text, body span, mentions and claims."""

    id: str
    external_id: str
    title: str | None
    url: str | None
    published: str | None
    language: str
    source: str
    author: str | None = None
    site: str | None = None
    ingested_at: str
    text: str
    body_start: int
    body_end: int
    mentions: list[DocumentMention]
    claims: list[ClaimOut]
    text_source: str | None = Field(
        None,
        description="Set when the text is not the page's: a feed item's own text stood in "
        "for a page that could not be fetched (why is in brackets).",
        examples=["feed item (page: HTTP 403)"],
    )
    page_starts: list[int] | None = Field(
        None, description="Offsets in `text` where each page of a PDF starts."
    )
    claims_extracted: bool = Field(
        True, description="False when dossier has no claim rules for the document's language."
    )
    language_name: str = Field("", examples=["Russian"], description="The detected language.")
    claims_note: str | None = Field(
        None, description="Says that claims were not extracted, and why, when they were not."
    )

    @model_validator(mode="after")
    def _describe_language(self) -> DocumentDetail:
        self.language_name = language_name(self.language)
        self.claims_note = None if self.claims_extracted else claims_note(self.language)
        return self


class Source(Cited):
    """Where a document came from, with what it contributed."""

    document_id: str
    document: str
    title: str | None
    url: str | None
    source: str
    published: str | None
    claims: int
    mentions: int


class Span(BaseModel):
    """The exact evidence span of a claim in its document, with context."""

    document_id: str
    start: int
    end: int
    text: str
    before: str
    after: str


class ListEntry(ListMatch):
    """A list match with the raw list row it came from."""

    source_row: str = ""


class ReceiptEntity(BaseModel):
    """An entity of a claim, with its list matches."""

    role: Literal["subject", "object"]
    id: str
    name: str
    type: str
    matches: list[ListEntry]


class Receipt(BaseModel):
    """Sentence → claim → span → entity → list match → list entry."""

    claim: ClaimOut
    span: Span
    entities: list[ReceiptEntity]


class GraphNode(BaseModel):
    """An entity in the claim graph."""

    id: str
    name: str
    type: str
    lists: list[str] = Field([], description="Datasets the entity is matched on.")


class GraphEdge(BaseModel):
    """Claims of one predicate from one entity to another."""

    id: str
    source: str
    target: str
    predicate: str
    count: int
    documents: list[str]


class Graph(BaseModel):
    """Entities linked by claims."""

    nodes: list[GraphNode]
    edges: list[GraphEdge]
    sources: dict[str, Citation] = Field(
        {}, description="Each edge document's citation, by document id."
    )


class TimelineItem(ClaimOut):
    """A dated claim on the timeline; copies of one story are one item."""

    copies: int = Field(1, description="Documents of one story repeating this claim.")
    documents: list[str] = Field([], description="Those documents' ids.")


class Listing(BaseModel):
    """A listing date of a party's list match: a marker on the timeline."""

    entity_id: str
    dataset: str = Field(..., examples=["us_ofac_sdn"])
    list_id: str
    name: str
    listed_on: str
    ended_on: str | None = None
    programs: list[str] = []


class Timeline(BaseModel):
    """Dated claims (copies folded) and listing dates, of one entity or of all."""

    entity: EntityRef | None = Field(None, description="The entity asked for, if any.")
    items: list[TimelineItem]
    listings: list[Listing]
    claims: int = Field(..., description="Dated claims in all (copies counted).")
    shown: int = Field(0, description="Dated claims read (at most 5,000; narrow the dates).")


class FoundEntity(EntitySummary):
    """An entity found by search: the name that met the query and how well."""

    matched_name: str | None = Field(None, description="The name that met the query.")
    score: float | None = Field(None, description="Name score (screening index); null: substring.")


class FoundRecord(BaseModel):
    """A list record found by name (the screening index of the loaded lists)."""

    id: str
    dataset: str = Field(..., examples=["us_ofac_sdn"])
    list_id: str
    record_schema: str = Field(..., examples=["Organization"], description="FtM schema")
    name: str
    aliases: list[str] = []
    programs: list[str] = []
    listed_on: str | None = None
    matched_name: str
    score: float
    entities: list[EntityRef] = Field([], description="Corpus entities matched to it.")


class SearchResult(BaseModel):
    """Entities (by name, through the screening index, and by substring), list records,
    documents and claims (full text) for `q`: one page of each, `totals` counting all
    of them and `next` the URL of each kind's next page."""

    q: str
    kind: str | None = Field(None, description="The one kind paged (`offset` applies to it).")
    entities: list[FoundEntity]
    records: list[FoundRecord]
    documents: list[DocumentSummary]
    claims: list[ClaimOut]
    totals: dict[str, int] = Field(
        {}, examples=[{"entities": 2, "records": 1, "documents": 5, "claims": 3}]
    )
    next: dict[str, str | None] = Field({}, description="Next page of each kind, or null.")


class ReviewSentence(BaseModel):
    """The sentence of the entity's first mention, the mention's offsets in it."""

    document_id: str
    document: str
    text: str
    mention_start: int
    mention_end: int


class ReviewDecisionOut(BaseModel):
    """The decision that holds: what, why, who and when."""

    id: str
    decision: str
    note: str | None = None
    decided_at: str
    decided_by: str | None = None


class ReviewItem(ListMatch):
    """A match waiting for (or having had) review, with what a reviewer needs to decide:
    the sentence naming the entity, the list record's particulars, the score parts."""

    entity_id: str
    entity: str
    entity_type: str
    canonical_id: str = ""
    schema_name: str | None = Field(None, description="FtM schema of the list record.")
    sentence: ReviewSentence | None = None
    decision: ReviewDecisionOut | None = None


class ReviewIn(BaseModel):
    """A review decision: accept/reject a match, or merge/split two entities."""

    target_type: Literal["match", "entity_pair"] = Field(..., examples=["match"])
    target_id: str = Field(
        ...,
        min_length=1,
        max_length=64,
        description="Match id, or two entity ids joined by '|' for an entity pair.",
    )
    decision: Literal["accept", "reject", "merge", "split"] = Field(..., examples=["reject"])
    note: str | None = Field(None, max_length=2000, description="Why (kept in the audit trail).")
    reviewer: str | None = Field(
        None, max_length=200, description="Who decides (the audit trail's `decided_by`)."
    )


class BulkReviewIn(BaseModel):
    """One decision on every pending match of an entity (and those merged with it)."""

    entity_id: str = Field(..., min_length=1, max_length=64)
    decision: Literal["accept", "reject"] = Field(..., examples=["reject"])
    note: str | None = Field(None, max_length=2000)
    reviewer: str | None = Field(None, max_length=200)


class UndoIn(BaseModel):
    """Undo a decision: whatever held before it holds again."""

    decision_id: str = Field(..., min_length=1, max_length=64)
    reviewer: str | None = Field(None, max_length=200)


class ReviewOut(BaseModel):
    """A stored review decision."""

    id: str
    target_type: str
    target_id: str
    decision: str
    note: str | None
    decided_at: str
    decided_by: str | None = None
    undone_at: str | None = None
    undone_by: str | None = None


class IngestIn(BaseModel):
    """A document to ingest as plain text."""

    text: str = Field(..., min_length=1, max_length=2_000_000)
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    id: str | None = Field(None, max_length=200, description="External id; a hash if absent.")


class IngestOut(BaseModel):
    """What ingesting one document stored."""

    document_id: str
    stored: bool = Field(..., description="False when the same body was already stored.")
    entities: int
    claims: int
    matches: int


class GroupEvidence(BaseModel):
    """The sentence a group member was read from."""

    text: str
    start: int
    end: int


class GroupMember(Cited):
    """One claim of a claim group, with its document, evidence and attribution."""

    claim_id: str
    document: str
    document_id: str
    story_id: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    date: str | None = None
    quantity: str | None = None
    item: str | None = None
    hedged: bool
    attribution: str | None = None
    evidence: GroupEvidence


class ContradictionSide(BaseModel):
    """One side of a contradiction: a group and the member that shows it."""

    group_id: str
    subject: str
    predicate: str
    object: str | None = None
    date: str | None = None
    quantity: str | None = None
    document: str
    attribution: str | None = None
    evidence: str


class Contradiction(BaseModel):
    """Two claims that cannot both hold: different counts, dates, or a denial."""

    kind: Literal["quantity", "date", "denial"]
    detail: str
    sides: list[ContradictionSide]


class ClaimGroupOut(BaseModel):
    """Claims from several documents asserting one thing, with their sources counted."""

    id: str
    subject: str | None
    subject_id: str | None = None
    predicate: str
    object: str | None = None
    object_id: str | None = None
    item: str | None = None
    date: str | None = None
    documents: int = Field(description="Documents the members come from")
    independent_sources: int = Field(
        description="Documents left once copies of one story and documents citing the same "
        "original source count as one"
    )
    echoes: int = Field(description="documents - independent_sources")
    contradiction: bool
    contradictions: list[Contradiction]
    members: list[GroupMember]


class Home(Index):
    """The home page: recent list alerts, the newest reports, the sanctioned parties in
    the corpus and the contested claim groups, with the table counts."""

    alerts: list[AlertOut] = []
    newest: list[DocumentSummary] = Field([], description="Newest reports by publication date.")
    sanctioned: list[EntitySummary] = Field([], description="Most mentioned listed entities.")
    sanctioned_total: int = 0
    contested: list[ClaimGroupOut] = Field([], description="Claim groups with a contradiction.")
    contested_total: int = 0
