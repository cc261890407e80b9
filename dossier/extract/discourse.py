"""What carries from one sentence to the next: the last speaker, the last sanctioner.

News prose names an actor once and then leans on it: a run of quoted sentences
continues whoever spoke last, and "their managers were sanctioned" or "X is subject to
an asset freeze" are sanctions by the authority the article has been describing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from dossier.extract.bodies import OUTLETS
from dossier.extract.lexicon import ATTRIBUTION_PREPS, SPEECH_LEMMAS
from dossier.model import Claim, Entity, EntityType, Predicate

# Words by which an article points back at the outlet it is retelling.
_OUTLET_ANAPHORS = ("newspaper", "publication", "the paper", "the outlet")

# "X is subject to an asset freeze", "the sanctions also included X": the sentence's
# grammatical subject is the one sanctioned, not the one sanctioning.
_PATIENT_PHRASES = ("subject to",)
_PATIENT_HEADS = frozenset({"include", "cover", "target", "hit"})


def last_subject(
    history: list[Claim], predicate: Predicate, entities: Iterable[Entity]
) -> Entity | None:
    """The entity behind the latest claim with `predicate`, if it is a known entity."""
    for claim in reversed(history):
        if claim.predicate is predicate:
            return next((e for e in entities if e.name == claim.subject), None)
    return None


def last_speaker(history: list[Claim], entities: Iterable[Entity]) -> Entity | None:
    """The person behind the latest statement: who an unattributed quote continues."""
    speaker = last_subject(history, Predicate.STATEMENT, entities)
    return speaker if speaker is not None and speaker.type is EntityType.PERSON else None


def sanctions_a_patient(sent: Any, trigger: Any) -> bool:
    """True when the sentence names who was sanctioned but not who sanctioned.

    "Two generals have also been sanctioned", "X is subject to an asset freeze", "The
    sanctions also included six executives": passive or patient-subject phrasings
    whose actor is the sanctioning authority named earlier in the article.
    """
    if any(c.dep_ == "nsubjpass" for c in trigger.children) and not _has_agent(trigger):
        return True
    if trigger.dep_ == "nsubj" and trigger.head.lemma_.casefold() in _PATIENT_HEADS:
        return True
    return _subject_to(sent) and _named_patient(trigger)


def restates_sanction(sent: Any, trigger: Any) -> bool:
    """ "Those designated are subject to a travel ban": what a sanction entails, no new one."""
    return _subject_to(sent) and not _named_patient(trigger)


def _subject_to(sent: Any) -> bool:
    lowered = str(sent.text).casefold()
    return any(phrase in lowered for phrase in _PATIENT_PHRASES)


def _named_patient(trigger: Any) -> bool:
    """ "Shahed Aviation Industries is subject to an asset freeze" is a new designation;
    "Those designated are subject to a travel ban" restates what the last one entails."""
    clause = next((t for t in [trigger, *trigger.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    subjects = [c for c in clause.children if c.dep_ == "nsubj"] if clause is not None else []
    return any(t.pos_ == "PROPN" for s in subjects for t in s.subtree)


def _has_agent(tok: Any) -> bool:
    return any(c.dep_ == "agent" for c in tok.children)


def resolve_outlet(source: str | None, entities: Iterable[Entity], before: int) -> str | None:
    """Replace "the newspaper" or "the interlocutors of the publication" by the outlet.

    The outlet is the last news outlet the article named before offset `before`; a
    source that does not point back at an outlet is returned unchanged.
    """
    if source is None or not any(word in source.casefold() for word in _OUTLET_ANAPHORS):
        return source
    named = [(m.start, e.name) for e in entities if e.name in OUTLETS for m in e.mentions]
    earlier = [n for n in named if n[0] < before]
    return max(earlier)[1] if earlier else source


def cites_the_story(sent: Any) -> bool:
    """ "This is reported by Reuters": the citation covers the story, not one claim."""
    return any(t.lower_ == "this" and t.dep_ in ("nsubj", "nsubjpass", "pobj") for t in sent)


def outlet_citation(sent: Any, outlets: list[tuple[int, str]]) -> str | None:
    """The outlet this sentence cites as its source, if any.

    `outlets` are (offset, outlet name) of the outlets the sentence names or points
    back at ("the publication"). An outlet cites when it is a reporting verb's subject
    ("The Wall Street Journal writes") or follows a source phrase ("according to the
    WSJ", "reported by Reuters").
    """
    lowered = str(sent.text).casefold()
    prep = any(p in " ".join(lowered.split()) for p in ATTRIBUTION_PREPS)
    speakers = " ".join(
        str(c.text)
        for t in sent
        if t.lemma_.casefold() in SPEECH_LEMMAS
        for c in t.children
        if c.dep_ in ("nsubj", "nsubjpass")
        for c in c.subtree
    ).casefold()
    anaphor = any(word in speakers for word in _OUTLET_ANAPHORS)
    for _, name in outlets:
        if prep or anaphor or name.casefold().removeprefix("the ") in speakers:
            return name
    return None


def carry_retold_outlet(claims: list[Claim], citations: list[tuple[int, str, bool]]) -> list[Claim]:
    """Attribute the unattributed claims of a retold story to the outlet it retells.

    A regional outlet retelling a Reuters or WSJ story cites that outlet more than
    once, or credits it with the whole story ("This is reported by Reuters", "The WSJ
    writes about this"); every claim up to
    the last such citation without a source of its own is the outlet's. Background
    after it ("Earlier, the Treasury ...") is the article's own.
    """
    counts = Counter(name for _, name, _ in citations)
    strong = {name for _, name, story in citations if story}
    retold = [name for name, n in counts.most_common(1) if n >= 2 or name in strong]
    if not retold:
        return claims
    last = max(at for at, name, _ in citations if name == retold[0])
    return [
        replace(c, attributed_to=retold[0])
        if c.attributed_to is None
        and c.predicate is not Predicate.STATEMENT
        and c.evidence.start <= last
        else c
        for c in claims
    ]
