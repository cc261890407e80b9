"""Sentence-level claims: predicate, subject, object, item, date, quantity, attribution.

A sentence yields a claim when it holds a trigger for a contract predicate and names at
least one entity. Subject and object come from the dependency parse where it names an
entity, else from the order of entity mentions in the sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dossier.extract.attribution import find_attribution, is_hedged
from dossier.extract.dates import find_date
from dossier.extract.lexicon import SPEECH_LEMMAS
from dossier.extract.quantities import find_quantity
from dossier.extract.triggers import find_predicate
from dossier.model import Claim, Entity, EntityType, Evidence, Mention, Predicate

_ACTORS = (EntityType.COUNTRY, EntityType.ORGANIZATION, EntityType.PERSON)
# A claim is a finished sentence; headlines, captions and bylines end without one.
_TERMINAL = (".", "!", "?", '"', "”", "’", "'", ")")


@dataclass(frozen=True, slots=True)
class SentenceContext:
    """What claim extraction needs to know about the document around a sentence."""

    text: str
    """Full document text; sentence offsets index into it."""
    body_start: int
    published: dt.date | None
    owner: dict[int, Entity]
    """Mention start offset → the entity that mention belongs to."""


def extract_claims(doc: Any, ctx: SentenceContext) -> list[Claim]:
    """Return the claims of every sentence in the parsed body `doc`."""
    claims: list[Claim] = []
    for sent in doc.sents:
        for segment in split_lines(sent):
            claim = claim_from_sentence(segment, ctx)
            if claim is not None:
                claims.append(claim)
    return claims


def split_lines(sent: Any) -> list[Any]:
    """Split a parser sentence at line breaks: a headline never runs into the lead."""
    segments: list[Any] = []
    start = sent.start
    for tok in sent:
        if tok.is_space and "\n" in tok.text:
            if tok.i > start:
                segments.append(sent.doc[start : tok.i])
            start = tok.i + 1
    if start < sent.end:
        segments.append(sent.doc[start : sent.end])
    return segments


def claim_from_sentence(sent: Any, ctx: SentenceContext) -> Claim | None:
    """Return the claim a sentence makes, or None when it makes none we know."""
    start, end = _trimmed_span(
        ctx.text, ctx.body_start + sent.start_char, ctx.body_start + sent.end_char
    )
    sentence = ctx.text[start:end]
    if not sentence.endswith(_TERMINAL):
        return None
    mentions = _mentions_in(ctx, start, end)
    actors = [m for m in mentions if ctx.owner[m.start].type in _ACTORS]
    if not actors:
        return None
    has_weapon = any(m.type is EntityType.WEAPON for m in mentions)
    found = find_predicate(sent, has_weapon)
    if found is None:
        return None
    predicate, trigger = found
    subject = _subject(trigger, actors, ctx) or _fallback_subject(sent, actors, ctx)
    if subject is None:
        return None
    if predicate is Predicate.STATEMENT and subject.type not in (
        EntityType.PERSON,
        EntityType.ORGANIZATION,
    ):
        return None
    obj = _object(subject, trigger, actors, ctx)
    return Claim(
        subject=subject.name,
        predicate=predicate,
        object=obj.name if obj else None,
        evidence=Evidence(sentence, start, end),
        item=_item(mentions, ctx, sentence),
        date=find_date(sentence, ctx.published),
        quantity=find_quantity(sentence),
        attributed_to=find_attribution(sent, trigger, predicate),
        hedged=is_hedged(sent, trigger, predicate),
    )


def _mentions_in(ctx: SentenceContext, start: int, end: int) -> list[Mention]:
    found = [m for e in ctx.owner.values() for m in e.mentions if start <= m.start < end]
    unique = {m.start: m for m in found}
    return [unique[k] for k in sorted(unique)]


def _subject(trigger: Any, actors: list[Mention], ctx: SentenceContext) -> Entity | None:
    """The entity named by the trigger's grammatical subject (or passive agent).

    Climbs from the trigger through its heads ("Iran is preparing to send"), but stops
    at a reporting verb: in "X said Iran sent drones" X is the source, not the subject.
    """
    for head in [trigger, *trigger.ancestors]:
        if head.i != trigger.i and _is_speech(head) and trigger.dep_ != "xcomp":
            return None
        for child in head.children:
            if child.dep_ in ("nsubj", "agent", "csubj"):
                entity = _entity_in_subtree(child, actors, ctx)
                if entity is not None:
                    return entity
    return None


def _fallback_subject(sent: Any, actors: list[Mention], ctx: SentenceContext) -> Entity | None:
    """The first actor outside a reporting clause's speaker, else the first actor."""
    speakers = [c for t in sent if _is_speech(t) for c in t.children if c.dep_ == "nsubj"]
    for m in actors:
        if not any(_entity_in_subtree(c, [m], ctx) for c in speakers):
            return ctx.owner[m.start]
    return ctx.owner[actors[0].start]


def _is_speech(tok: Any) -> bool:
    return bool(tok.lemma_.casefold() in SPEECH_LEMMAS and tok.pos_ in ("VERB", "AUX"))


def _entity_in_subtree(tok: Any, actors: list[Mention], ctx: SentenceContext) -> Entity | None:
    lo = ctx.body_start + min(t.idx for t in tok.subtree)
    hi = ctx.body_start + max(t.idx + len(t) for t in tok.subtree)
    for m in actors:
        if lo <= m.start < hi:
            return ctx.owner[m.start]
    return None


def _object(
    subject: Entity, trigger: Any, actors: list[Mention], ctx: SentenceContext
) -> Entity | None:
    """The first other actor after the trigger, else any other actor in the sentence."""
    others = [m for m in actors if ctx.owner[m.start] is not subject]
    trigger_at = ctx.body_start + trigger.idx
    after = [m for m in others if m.start >= trigger_at]
    chosen = after[0] if after else (others[0] if others else None)
    return ctx.owner[chosen.start] if chosen else None


def _item(mentions: list[Mention], ctx: SentenceContext, sentence: str) -> str | None:
    weapons = [ctx.owner[m.start].name for m in mentions if m.type is EntityType.WEAPON]
    if weapons:
        return ", ".join(dict.fromkeys(weapons))
    lowered = sentence.casefold()
    for goods in ("drones", "drone", "missiles", "uavs", "weapons", "ammunition"):
        if goods in lowered:
            return goods
    return None


def _trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
