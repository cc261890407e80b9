"""Claim groups: claims from different documents that assert the same thing (same
resolved subject, predicate and object, compatible date and item), with their sources
counted so that syndicated copies and repeated attributions are not taken for
corroboration.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from dossier.intel.compare import dates_compatible, item_family
from dossier.intel.records import ClaimRecord, load_claims
from dossier.model import make_id
from dossier.store.db import Store


@dataclass(slots=True)
class ClaimGroup:
    """Claims asserting one thing, each kept with its document and evidence."""

    subject_key: str
    predicate: str
    object_key: str | None
    members: list[ClaimRecord] = field(default_factory=list)
    independent_sources: int = 0
    echoes: int = 0
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    _dates: set[str] = field(default_factory=set, repr=False)
    _families: set[str] = field(default_factory=set, repr=False)

    @property
    def id(self) -> str:
        """A stable id: the hash of the group's key and its first member."""
        first = min(m.id for m in self.members)
        return make_id("claim-group", self.subject_key, self.predicate, self.object_key, first)

    @property
    def documents(self) -> list[str]:
        """Ids of the documents the members come from, in first-seen order."""
        return list(dict.fromkeys(m.document_id for m in self.members))

    @property
    def date(self) -> str | None:
        """The most precise date any member gives."""
        dates = [m.date for m in self.members if m.date]
        return max(dates, key=len) if dates else None

    def accepts(self, record: ClaimRecord) -> bool:
        """Whether the record's date and item agree with every member's."""
        family = item_family(record.item)
        return all(dates_compatible(d, record.date) for d in self._dates) and (
            family is None or self._families <= {family}
        )

    def add(self, record: ClaimRecord) -> None:
        """Add a member, keeping the distinct dates and item families for `accepts`."""
        self.members.append(record)
        if record.date:
            self._dates.add(record.date)
        family = item_family(record.item)
        if family:
            self._families.add(family)


# Predicates whose parties can be named in either order ("Russia and Iran agreed").
SYMMETRIC = frozenset({"agreement"})


def party_keys(record: ClaimRecord) -> tuple[str, str | None]:
    """The (subject, object) key of a claim; for symmetric predicates, in sorted order."""
    subject, obj = record.subject_key, record.object_key
    if record.predicate in SYMMETRIC and obj is not None and obj < subject:
        return obj, subject
    return subject, obj


def _by_specificity(record: ClaimRecord) -> tuple[int, int, str]:
    """Claims with an object first, then the most precise dates, so groups form around them."""
    return (record.object_key is None, -len(record.date or ""), record.id)


def _place(groups: list[ClaimGroup], record: ClaimRecord) -> None:
    """Add a record to its group, or start one.

    A claim without an object ("Russia produces drones") joins the compatible group
    spanning the most documents; ties go to the first object in sort order.
    """
    subject, obj = party_keys(record)
    if obj is not None:
        fits = [g for g in groups if g.object_key == obj and g.accepts(record)]
    else:
        fits = sorted(
            (g for g in groups if g.accepts(record)),
            key=lambda g: (-len(g.documents), g.object_key or "~"),
        )
    group = fits[0] if fits else ClaimGroup(subject, record.predicate, obj)
    if not fits:
        groups.append(group)
    group.add(record)


def cluster_claims(records: list[ClaimRecord]) -> list[ClaimGroup]:
    """Group claims by subject and predicate, then by object, date and item."""
    buckets: dict[tuple[str, str], list[ClaimGroup]] = defaultdict(list)
    for record in sorted(records, key=_by_specificity):
        _place(buckets[(party_keys(record)[0], record.predicate)], record)
    groups = [g for bucket in buckets.values() for g in bucket]
    for group in groups:
        group.members.sort(key=lambda m: (m.published or "9999", m.document, m.start))
        count_sources(group)
    return sorted(groups, key=lambda g: (-len(g.documents), g.predicate, g.subject_key, g.id))


def count_sources(group: ClaimGroup) -> None:
    """Set `independent_sources` and `echoes`: copies of one story, and documents citing
    the same original source, count as one source; the other documents are echoes.
    """
    parent = {doc: doc for doc in group.documents}

    def find(doc: str) -> str:
        while parent[doc] != doc:
            parent[doc] = parent[parent[doc]]
            doc = parent[doc]
        return doc

    first_by_key: dict[str, str] = {}
    for member in group.members:
        for key in (f"story:{member.story_id}", f"source:{member.source_key}"):
            if key == "source:None":
                continue
            other = first_by_key.setdefault(key, member.document_id)
            parent[find(member.document_id)] = find(other)
    roots = {find(doc) for doc in group.documents}
    group.independent_sources = len(roots)
    group.echoes = len(group.documents) - len(roots)


def group_claims(store: Store, entity_ids: list[str] | None = None) -> list[ClaimGroup]:
    """Claim groups over the store (or those touching the given canonical entities),
    with contradictions marked.
    """
    from dossier.intel.contradictions import mark_contradictions

    groups = cluster_claims(load_claims(store, entity_ids))
    mark_contradictions(groups)
    return groups


def _most_common(names: list[str | None]) -> str | None:
    counted = Counter(n for n in names if n)
    return counted.most_common(1)[0][0] if counted else None


def party_names(group: ClaimGroup) -> tuple[str | None, str | None]:
    """The names most members give the group's subject and object (a symmetric claim
    stored the other way round names them in swapped roles).
    """
    subjects: list[str | None] = []
    objects: list[str | None] = []
    for member in group.members:
        straight = member.subject_key == group.subject_key
        subjects.append(member.subject if straight else member.object)
        objects.append(member.object if straight else member.subject)
    return _most_common(subjects), _most_common(objects)


def _entity_id(key: str | None) -> str | None:
    """An entity id from a group key (free-text parties have none)."""
    return None if key is None or key.startswith("text:") else key


def member_dict(member: ClaimRecord) -> dict[str, Any]:
    """One group member as JSON: its document, evidence and attribution."""
    return {
        "claim_id": member.id,
        "document": member.document,
        "document_id": member.document_id,
        "story_id": member.story_id,
        "title": member.title,
        "url": member.url,
        "published": member.published,
        "site": member.site,
        "author": member.author,
        "date": member.date,
        "quantity": member.quantity,
        "item": member.item,
        "hedged": member.hedged,
        "attribution": member.attributed_to,
        "evidence": {"text": member.evidence, "start": member.start, "end": member.end},
    }


def group_dict(group: ClaimGroup) -> dict[str, Any]:
    """One claim group as JSON (the `dossier claims --grouped --json` line)."""
    subject, obj = party_names(group)
    return {
        "id": group.id,
        "subject": subject,
        "subject_id": _entity_id(group.subject_key),
        "predicate": group.predicate,
        "object": obj,
        "object_id": _entity_id(group.object_key),
        "item": _most_common([m.item for m in group.members]),
        "date": group.date,
        "documents": len(group.documents),
        "independent_sources": group.independent_sources,
        "echoes": group.echoes,
        "contradiction": bool(group.contradictions),
        "contradictions": group.contradictions,
        "members": [member_dict(m) for m in group.members],
    }


def build_groups(store: Store, entity_ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Claim groups as JSON-ready dicts, most documents first."""
    return [group_dict(g) for g in group_claims(store, entity_ids)]
