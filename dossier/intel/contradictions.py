"""Contradictions between claim groups, each shown with both sides:

- `quantity`: members of one group, from different stories, give counts that cannot
  both be true;
- `date`: groups with the same subject, predicate and object (and item) whose dates
  cannot be the same, reported by different stories;
- `denial`: one party denies an act that another claim asserts (Russia denies using
  Iranian drones; Iran admits supplying them).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from dossier.extract.lexicon import TRIGGER_LEMMAS
from dossier.intel.compare import item_family, quantities_conflict, quantity_bounds
from dossier.intel.groups import ClaimGroup
from dossier.intel.records import ClaimRecord

# Predicates naming an act a party can deny; an admission asserts one of them.
ACTS = frozenset({"supply", "purchase", "production", "use_in_attack", "agreement"})
ASSERTIONS = ACTS | {"admission"}
# "denies these accusations" refers back to the act claimed at most this many
# characters before the denial (about two sentences).
REFERENT_WINDOW = 400


@dataclass(frozen=True, slots=True)
class Topic:
    """What a denial denies: who denies, the other party (if named) and the item."""

    denier: str
    other: str | None
    family: str | None
    act: str | None = None


DENIAL_CUE = re.compile(r"\b(?:den(?:y|ie|ial)|reject|dismiss|refut)\w*", re.IGNORECASE)
# "use" is too short a stem to match by prefix; its forms are listed.
USE_FORMS = frozenset({"use", "uses", "used", "using"})


def _act_stems() -> list[tuple[str, str]]:
    """(stem, predicate) for the act triggers: "supply" → "suppl", "produce" → "produc"."""
    stems = []
    for predicate, lemmas in TRIGGER_LEMMAS:
        if predicate.value in ACTS:
            stems += [(lemma.rstrip("ey") or lemma, predicate.value) for lemma in lemmas]
    return [(stem, pred) for stem, pred in stems if len(stem) >= 4]


ACT_STEMS = _act_stems()


def denied_act(evidence: str) -> str | None:
    """The act a denial sentence names after its cue ("denied supplying" → supply)."""
    cue = DENIAL_CUE.search(evidence)
    if cue is None:
        return None
    for word in re.findall(r"[a-z]+", evidence[cue.end() :].lower())[:12]:
        if word in USE_FORMS:
            return "use_in_attack"
        found = next((pred for stem, pred in ACT_STEMS if word.startswith(stem)), None)
        if found:
            return found
    return None


def side(group: ClaimGroup, member: ClaimRecord) -> dict[str, Any]:
    """One side of a contradiction: the group and the member that shows it."""
    return {
        "group_id": group.id,
        "subject": member.subject,
        "predicate": member.predicate,
        "object": member.object,
        "date": member.date,
        "quantity": member.quantity,
        "document": member.document,
        "attribution": member.attributed_to,
        "evidence": member.evidence,
    }


def _flag(
    kind: str, detail: str, a: tuple[ClaimGroup, ClaimRecord], b: tuple[ClaimGroup, ClaimRecord]
) -> None:
    entry = {"kind": kind, "detail": detail, "sides": [side(*a), side(*b)]}
    for group in {id(a[0]): a[0], id(b[0]): b[0]}.values():
        if all(c["sides"] != entry["sides"] for c in group.contradictions):
            group.contradictions.append(entry)


def quantity_conflicts(group: ClaimGroup) -> None:
    """Flag the first two members of one group, from different stories, whose counts
    conflict. Counts are compared once per distinct value, so a large group repeating
    one figure costs little.
    """
    by_count: dict[tuple[int, bool], dict[str, ClaimRecord]] = defaultdict(dict)
    for member in group.members:
        bounds = quantity_bounds(member.quantity, member.item)
        if bounds is not None:
            by_count[bounds].setdefault(member.story_id, member)
    for (qa, stories_a), (qb, stories_b) in combinations(by_count.items(), 2):
        if not quantities_conflict(qa, qb):
            continue
        pair = next(
            ((ma, mb) for sa, ma in stories_a.items() for sb, mb in stories_b.items() if sa != sb),
            None,
        )
        if pair is not None:
            ma, mb = pair
            detail = f"{ma.document} says {ma.quantity}, {mb.document} says {mb.quantity}"
            _flag("quantity", detail, (group, ma), (group, mb))
            return


def date_conflicts(groups: list[ClaimGroup]) -> None:
    """Flag same-key groups whose dates disagree, when different stories report them."""
    by_key: dict[tuple[str, str, str], list[ClaimGroup]] = defaultdict(list)
    for group in groups:
        if group.date and group.object_key is not None:
            by_key[(group.subject_key, group.predicate, group.object_key)].append(group)
    for same_key in by_key.values():
        for ga, gb in combinations(same_key, 2):
            ma = next(m for m in ga.members if m.date)
            mb = next(m for m in gb.members if m.date)
            if ma.story_id == mb.story_id or item_family(ma.item) != item_family(mb.item):
                continue
            detail = f"{ma.document} dates it {ma.date}, {mb.document} dates it {mb.date}"
            _flag("date", detail, (ga, ma), (gb, mb))


def _referent(denial: ClaimRecord, records: list[ClaimRecord]) -> ClaimRecord | None:
    """The act a bare denial ("denies these accusations") answers: the nearest act
    claimed shortly before it in the same document, naming the denier.
    """
    before = [
        r
        for r in records
        if r.document_id == denial.document_id
        and r.predicate in ACTS
        and r.start < denial.start
        and denial.start - r.end <= REFERENT_WINDOW
        and denial.subject_key in (r.subject_key, r.object_key)
    ]
    return max(before, key=lambda r: r.start) if before else None


def denial_topic(denial: ClaimRecord, records: list[ClaimRecord]) -> Topic | None:
    """What a denial denies, from its own object and item or, if it names neither,
    from the act it answers; None when that cannot be told.
    """
    if denial.object_key or denial.item:
        family = item_family(denial.item)
        return Topic(denial.subject_key, denial.object_key, family, denied_act(denial.evidence))
    act = _referent(denial, records)
    if act is None:
        return None
    parties = {act.subject_key, act.object_key} - {denial.subject_key, None}
    other = next(iter(sorted(p for p in parties if p is not None)), None)
    return Topic(denial.subject_key, other, item_family(act.item), act.predicate)


def asserts(topic: Topic, claim: ClaimRecord) -> bool:
    """Whether a claim asserts what the topic denies: an admission involving the denier,
    or the denied act (any act, if the denial does not say) done by the denier.
    """
    parties = (claim.subject_key, claim.object_key)
    if claim.predicate == "admission":
        if topic.denier not in parties:
            return False
    elif claim.predicate not in ACTS or claim.subject_key != topic.denier:
        return False
    if claim.predicate != "admission" and topic.act not in (None, claim.predicate):
        return False
    if topic.other is not None and topic.other not in parties:
        return False
    family = item_family(claim.item)
    return topic.family is None or family is None or topic.family == family


def denial_conflicts(groups: list[ClaimGroup]) -> None:
    """Flag each denial against the groups asserting what it denies."""
    by_document: dict[str, list[ClaimRecord]] = defaultdict(list)
    by_party: dict[str, list[ClaimGroup]] = defaultdict(list)
    for group in groups:
        for member in group.members:
            by_document[member.document_id].append(member)
        if group.predicate in ASSERTIONS:
            for party in {m.subject_key for m in group.members} | {group.object_key}:
                if party is not None:
                    by_party[party].append(group)
    seen: set[tuple[str, int]] = set()
    for group in (g for g in groups if g.predicate == "denial"):
        for denial in group.members:
            topic = denial_topic(denial, by_document[denial.document_id])
            if topic is None or (topic.other is None and topic.family is None):
                continue
            for other in by_party[topic.denier]:
                if (denial.id, id(other)) in seen:
                    continue
                hit = closest_assertion(denial, [m for m in other.members if asserts(topic, m)])
                if hit is not None:
                    seen.add((denial.id, id(other)))
                    _flag("denial", denial_detail(denial, hit), (group, denial), (other, hit))


def closest_assertion(denial: ClaimRecord, hits: list[ClaimRecord]) -> ClaimRecord | None:
    """The assertion to show against a denial: one from the same document (where a
    report sets the two side by side), else from the same story, else the first.
    """
    if not hits:
        return None
    return min(
        hits,
        key=lambda m: (m.document_id != denial.document_id, m.story_id != denial.story_id),
    )


def denial_detail(denial: ClaimRecord, hit: ClaimRecord) -> str:
    """One line naming both sides and their documents."""
    said = f"{hit.subject} {hit.predicate.replace('_', ' ')} {hit.object or ''}".strip()
    return f"{denial.subject} denies ({denial.document}); {said} ({hit.document})"


def mark_contradictions(groups: list[ClaimGroup]) -> None:
    """Find every kind of contradiction and attach it to the groups on both sides."""
    for group in groups:
        quantity_conflicts(group)
    date_conflicts(groups)
    denial_conflicts(groups)
