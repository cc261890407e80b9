"""Sentence-level claims: predicate, subject, object, item, date, quantity, attribution.

A sentence yields a claim when it holds a trigger for a contract predicate and names at
least one entity. Subject and object come from the dependency parse where it names an
entity, else from the order of entity mentions in the sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dossier.extract.dates import find_date
from dossier.extract.lexicon import (
    ATTACK_CONTEXT,
    ATTRIBUTION_PREPS,
    HEDGE_WORDS,
    SPEECH_LEMMAS,
    TRIGGER_LEMMAS,
    TRIGGER_PHRASES,
    USE_LEMMAS,
)
from dossier.extract.quantities import find_quantity
from dossier.model import Claim, Entity, EntityType, Evidence, Mention, Predicate

_ACTORS = (EntityType.COUNTRY, EntityType.ORGANIZATION, EntityType.PERSON)


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
        claim = claim_from_sentence(sent, ctx)
        if claim is not None:
            claims.append(claim)
    return claims


def claim_from_sentence(sent: Any, ctx: SentenceContext) -> Claim | None:
    """Return the claim a sentence makes, or None when it makes none we know."""
    start, end = _trimmed_span(
        ctx.text, ctx.body_start + sent.start_char, ctx.body_start + sent.end_char
    )
    mentions = _mentions_in(ctx, start, end)
    actors = [m for m in mentions if ctx.owner[m.start].type in _ACTORS]
    if not actors:
        return None
    found = find_predicate(sent)
    if found is None:
        return None
    predicate, trigger = found
    subject = _subject(trigger, actors, ctx) or ctx.owner[actors[0].start]
    obj = _object(subject, trigger, actors, ctx)
    if predicate is Predicate.STATEMENT and subject.type not in (
        EntityType.PERSON,
        EntityType.ORGANIZATION,
    ):
        return None
    sentence = ctx.text[start:end]
    return Claim(
        subject=subject.name,
        predicate=predicate,
        object=obj.name if obj else None,
        evidence=Evidence(sentence, start, end),
        item=_item(mentions, ctx, sentence),
        date=find_date(sentence, ctx.published),
        quantity=find_quantity(sentence),
        attributed_to=find_attribution(sent),
        hedged=is_hedged(sent),
    )


def find_predicate(sent: Any) -> tuple[Predicate, Any] | None:
    """Return the sentence's predicate and its trigger token, most specific first."""
    lowered = sent.text.casefold()
    lemmas = {tok.lemma_.casefold(): tok for tok in sent}
    for predicate, phrases in TRIGGER_PHRASES:
        for phrase in phrases:
            if phrase in lowered:
                return predicate, sent.root
    for predicate, words in TRIGGER_LEMMAS:
        if predicate is Predicate.STATEMENT and not _has_quote(sent.text):
            continue
        for lemma, tok in lemmas.items():
            if lemma in words:
                return predicate, tok
        if predicate is Predicate.USE_IN_ATTACK and _uses_in_attack(lemmas):
            return predicate, next(t for lem, t in lemmas.items() if lem in USE_LEMMAS)
    return None


def _uses_in_attack(lemmas: dict[str, Any]) -> bool:
    return any(lem in USE_LEMMAS for lem in lemmas) and any(lem in ATTACK_CONTEXT for lem in lemmas)


def _has_quote(text: str) -> bool:
    return any(q in text for q in ('"', "“", "”"))


def find_attribution(sent: Any) -> str | None:
    """Who the sentence says made the claim: "according to X", "X said", "citing X"."""
    lowered = sent.text.casefold()
    for prep in ATTRIBUTION_PREPS:
        at = lowered.find(prep)
        if at >= 0:
            return _phrase_after(sent, at + len(prep))
    for tok in sent:
        if tok.lemma_.casefold() in SPEECH_LEMMAS and tok.pos_ == "VERB":
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("PROPN", "NOUN"):
                    return _subtree_text(child)
    return None


def is_hedged(sent: Any) -> bool:
    """True when the sentence reports the act as planned, alleged or uncertain."""
    words = {tok.lower_ for tok in sent}
    return bool(words & HEDGE_WORDS)


def _phrase_after(sent: Any, char_offset: int) -> str | None:
    """The noun phrase that starts right after `char_offset` in the sentence."""
    for tok in sent:
        if tok.idx - sent.start_char >= char_offset and not tok.is_punct:
            head = tok
            while (
                head.head is not head
                and head.head.i > tok.i
                and head.dep_ in ("compound", "amod", "det", "poss", "nmod")
            ):
                head = head.head
            text = _subtree_text(head)
            return text if text else None
    return None


def _subtree_text(tok: Any) -> str:
    words = [t for t in tok.subtree if not t.is_punct or t.text in ("-", ".")]
    if not words:
        return str(tok.text)
    doc = tok.doc
    span = doc[words[0].i : words[-1].i + 1]
    return str(span.text).strip()


def _mentions_in(ctx: SentenceContext, start: int, end: int) -> list[Mention]:
    found = [m for e in ctx.owner.values() for m in e.mentions if start <= m.start < end]
    unique = {m.start: m for m in found}
    return [unique[k] for k in sorted(unique)]


def _subject(trigger: Any, actors: list[Mention], ctx: SentenceContext) -> Entity | None:
    """The entity named by the trigger's grammatical subject (or agent), if any."""
    for head in [trigger, *trigger.ancestors]:
        for child in head.children:
            if child.dep_ in ("nsubj", "agent", "nsubjpass"):
                entity = _entity_in_subtree(child, actors, ctx)
                if entity is not None and child.dep_ != "nsubjpass":
                    return entity
    return None


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
