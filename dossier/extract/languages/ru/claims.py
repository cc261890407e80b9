"""Claims in Russian from natasha's dependency parse.

A few principled trigger lemmas, each with its predicate; the subject is the trigger's
`nsubj` and the object its recipient or target (`iobj`, or an `obl`/`obj` that names an
entity), read from the parse, never from word order. A subject that names no entity
makes no claim. The evidence is the sentence; modal and reporting words mark it hedged.
"""

from __future__ import annotations

from typing import Any

from dossier.model import Claim, Document, Entity, Evidence, Predicate

TRIGGERS: dict[str, Predicate] = {
    "поставлять": Predicate.SUPPLY,
    "поставить": Predicate.SUPPLY,
    "передать": Predicate.SUPPLY,
    "передавать": Predicate.SUPPLY,
    "отправить": Predicate.SUPPLY,
    "производить": Predicate.PRODUCTION,
    "произвести": Predicate.PRODUCTION,
    "выпускать": Predicate.PRODUCTION,
    "собирать": Predicate.PRODUCTION,
    "атаковать": Predicate.USE_IN_ATTACK,
    "ударить": Predicate.USE_IN_ATTACK,
    "закупать": Predicate.PURCHASE,
    "купить": Predicate.PURCHASE,
    "покупать": Predicate.PURCHASE,
    "отрицать": Predicate.DENIAL,
}
# "ввести санкции": the verb names a sanction only with this object.
SANCTION_VERBS = frozenset({"ввести", "вводить", "наложить"})
SANCTION_NOUNS = frozenset({"санкция", "ограничение"})
HEDGES = frozenset(
    {"якобы", "предположительно", "возможно", "вероятно", "планировать", "считать", "мочь"}
)
SUBJECT_RELS = frozenset({"nsubj", "nsubj:pass"})
OBJECT_RELS = ("iobj", "obl", "obj")


def extract_claims(doc: Any, document: Document, entities: list[Entity]) -> list[Claim]:
    """Claims whose trigger and parties the parse shows."""
    spans = sorted((m.start, m.end, e) for e in entities for m in e.mentions)
    claims: list[Claim] = []
    base = document.body_start
    for sent in doc.sents:
        for token in sent.tokens:
            predicate = _predicate(token, sent.tokens)
            if predicate is None:
                continue
            subject = _party(token, sent.tokens, SUBJECT_RELS, spans, base)
            if subject is None:
                continue
            target = _target(token, sent.tokens, spans, base, subject)
            evidence = Evidence(
                document.text[base + sent.start : base + sent.stop],
                base + sent.start,
                base + sent.stop,
            )
            hedged = any(t.lemma in HEDGES for t in sent.tokens)
            claims.append(
                Claim(
                    subject.name,
                    predicate,
                    target.name if target else None,
                    evidence,
                    hedged=hedged,
                )
            )
    return claims


def _predicate(token: Any, tokens: list[Any]) -> Predicate | None:
    if token.lemma in TRIGGERS:
        return TRIGGERS[token.lemma]
    if token.lemma in SANCTION_VERBS and any(
        t.head_id == token.id and t.lemma in SANCTION_NOUNS for t in tokens
    ):
        return Predicate.SANCTION
    return None


def _entity_at(token: Any, spans: list[tuple[int, int, Entity]], base: int) -> Entity | None:
    start = base + token.start
    return next((e for a, b, e in spans if a <= start < b), None)


def _party(
    trigger: Any,
    tokens: list[Any],
    rels: frozenset[str],
    spans: list[tuple[int, int, Entity]],
    base: int,
) -> Entity | None:
    """The entity the trigger's dependent of `rels` names: itself, or a name attached
    to it ("компания «Альбатрос»": the noun is the subject, the name its dependent)."""
    for t in tokens:
        if t.head_id == trigger.id and t.rel in rels:
            named = [t, *(d for d in tokens if d.head_id == t.id)]
            found = next((e for d in named if (e := _entity_at(d, spans, base))), None)
            if found is not None:
                return found
    return None


def _target(
    trigger: Any,
    tokens: list[Any],
    spans: list[tuple[int, int, Entity]],
    base: int,
    subject: Entity,
) -> Entity | None:
    for rel in OBJECT_RELS:
        for t in tokens:
            if t.head_id == trigger.id and t.rel == rel:
                found = _entity_at(t, spans, base)
                if found is not None and found is not subject:
                    return found
    return None
