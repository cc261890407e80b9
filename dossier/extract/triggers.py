"""Choose a sentence's predicate: the trigger word highest in the dependency tree wins.

Every token whose lemma is a trigger (see `lexicon`) is a candidate. The one closest to
the root of the parse is what the sentence asserts ("Tehran denies supplying drones" is
a denial, not a supply); ties go to the more specific predicate (lexicon order).
Transfer, production and attack predicates also need goods in the sentence (a weapon
or a goods word), so that "electricity supplies" or "power plants" make no claim.
"""

from __future__ import annotations

from typing import Any

from dossier.extract.lexicon import (
    ATTACK_CONTEXT,
    CANDIDATE_LEMMAS,
    EVALUATIVE_LEMMAS,
    GOODS_WORDS,
    NEEDS_GOODS,
    PERSONNEL_WORDS,
    TRIGGER_LEMMAS,
    TRIGGER_PHRASES,
    USE_LEMMAS,
)
from dossier.model import Predicate

# A trigger used as a modifier names a kind of thing, not an act ("attack drones",
# "Iranian-made").
_MODIFIER_DEPS = frozenset({"compound", "amod", "npadvmod", "nmod"})
# Lemmas that name the act only as verbs: "the make of the drones", "arms", "sources".
_VERB_ONLY = frozenset({"make", "build", "order", "arm", "equip", "source"})
_RANK = {predicate: i for i, (predicate, _) in enumerate(TRIGGER_LEMMAS)}


def find_predicate(sent: Any, has_weapon: bool = False) -> tuple[Predicate, Any] | None:
    """Return the sentence's predicate and its trigger token, or None.

    Args:
        sent: a spaCy `Span` (one sentence).
        has_weapon: whether the sentence names a weapon entity (counts as goods).
    """
    goods = has_weapon or _mentions_goods(sent)
    candidates = [c for c in _candidates(sent) if goods or c[0] not in NEEDS_GOODS]
    if not candidates:
        return None
    asserted = [c for c in candidates if c[0] is not Predicate.STATEMENT]
    if asserted:
        candidates = asserted
    predicate, trigger = min(candidates, key=lambda c: (_depth(c[1]), _RANK[c[0]], c[1].i))
    if predicate is Predicate.AGREEMENT:
        predicate, trigger = _agreed_act(trigger, candidates) or (predicate, trigger)
    if predicate is Predicate.SUPPLY and _sends_people(trigger):
        return Predicate.OTHER, trigger
    return predicate, trigger


def _agreed_act(
    trigger: Any, candidates: list[tuple[Predicate, Any]]
) -> tuple[Predicate, Any] | None:
    """ "Agreed to impose sanctions" asserts the sanction (as planned), not a deal."""
    if trigger.pos_ != "VERB":
        return None
    clauses = [c for c in trigger.children if c.dep_ == "xcomp"]
    inside = [c for c in candidates for x in clauses if c[1] in set(x.subtree)]
    return min(inside, key=lambda c: _depth(c[1])) if inside else None


def _sends_people(trigger: Any) -> bool:
    """True when what is sent is personnel: "sent trainers", "sending drone instructors"."""
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(o.lemma_.casefold() in PERSONNEL_WORDS for o in objects)


def _candidates(sent: Any) -> list[tuple[Predicate, Any]]:
    found = [_phrase_trigger(sent, p, phrases) for p, phrases in TRIGGER_PHRASES]
    out = [(p, tok) for p, tok in found if tok is not None and not _judged(tok)]
    lemmas = {tok.lemma_.casefold() for tok in sent}
    attack_use = bool(lemmas & ATTACK_CONTEXT)
    for tok in sent:
        # "According to" cites a source; its lemma "accord" is no agreement.
        if tok.dep_ in _MODIFIER_DEPS or tok.lower_ == "according":
            continue
        if tok.lemma_.casefold() in _VERB_ONLY and tok.pos_ != "VERB":
            continue  # "the make or model of the drones" is no production
        predicate = lemma_predicate(tok.lemma_.casefold(), attack_use) or _shoot_down(tok)
        if predicate is None or _judged(tok):  # the walk up the parse last: it costs most
            continue
        if predicate is Predicate.USE_IN_ATTACK and not _launches_weapons(tok):
            continue
        out.append((predicate, tok))
    return out


def _judged(tok: Any) -> bool:
    """True when an evaluative verb governs the word: "condemns the delivery of". A clause
    it takes as its complement is reported, not judged: "Iran has supplied drones,
    Bloomberg cited officials"."""
    while tok.head.i != tok.i:
        if tok.head.lemma_.casefold() in EVALUATIVE_LEMMAS and tok.dep_ not in _REPORTED:
            return True
        tok = tok.head
    return False


_REPORTED = frozenset({"ccomp", "parataxis"})


def _launches_weapons(tok: Any) -> bool:
    """ "Launched drones" is an attack; "launched an enterprise" or "its invasion" is not."""
    if tok.lemma_.casefold() != "launch":
        return True
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    # "dozens of drones": the counted noun is what is launched.
    counted = [g for o in objects for p in o.children if p.lower_ == "of" for g in p.children]
    return not objects or any(o.lemma_.casefold() in _LAUNCHED for o in objects + counted)


_LAUNCHED = frozenset({"drone", "missile", "rocket", "attack", "strike", "wave", "barrage"})


def _shoot_down(tok: Any) -> Predicate | None:
    """ "Shot down" / "shooting down": the particle makes "shoot" a shoot-down."""
    particle = any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children)
    return Predicate.OTHER if tok.lemma_.casefold() == "shoot" and particle else None


def lemma_predicate(lemma: str, attack_use: bool = False) -> Predicate | None:
    """The predicate a single lemma triggers ("use" only in an attack context)."""
    for predicate, words in TRIGGER_LEMMAS:
        if lemma in words:
            return predicate
    if attack_use and lemma in USE_LEMMAS:
        return Predicate.USE_IN_ATTACK
    return None


def _phrase_trigger(
    sent: Any, predicate: Predicate, phrases: tuple[str, ...]
) -> tuple[Predicate, Any]:
    lowered = sent.text.casefold()
    for phrase in phrases:
        at = lowered.find(phrase)
        if at >= 0:
            return predicate, _token_at(sent, sent.start_char + at)
    return predicate, None


def _token_at(sent: Any, char: int) -> Any:
    for tok in sent:
        if tok.idx <= char < tok.idx + len(tok.text) + 1:
            return tok
    return sent.root


def _mentions_goods(sent: Any) -> bool:
    return any(tok.lemma_.casefold() in GOODS_WORDS or tok.lower_ in GOODS_WORDS for tok in sent)


def _depth(tok: Any) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok = tok.head
        depth += 1
    return depth


def trigger_candidates(sent: Any, has_weapon: bool = False) -> list[tuple[Predicate, Any]]:
    """Every trigger of the sentence, for the claim model to weigh (`find_predicate`
    keeps only the highest). The goods condition is left to the model as a feature;
    words that name acts only as candidates (`CANDIDATE_LEMMAS`: "seized", "vetoed")
    join the lexicon's, and a word may propose more than one predicate ("targeted" an
    attack or a sanction, "added" to a list). A negated act under a reporting verb
    proposes that verb as a denial ("said it had not sent"), and "according to" a
    statement by its source."""
    out = []
    for predicate, tok in _candidates(sent):
        if predicate is Predicate.SUPPLY and _sends_people(tok):
            predicate = Predicate.OTHER
        out.append((predicate, tok))
    seen = {(p, tok.i) for p, tok in out}
    for tok in sent:
        if tok.dep_ in _MODIFIER_DEPS:
            continue
        lemma = tok.lemma_.casefold()
        if lemma in _VERB_ONLY and tok.pos_ != "VERB":
            continue
        named = [p for p, words in CANDIDATE_LEMMAS if lemma in words and (p, tok.i) not in seen]
        according = lemma == "accord" and tok.lower_ == "according"
        if not (named or according) or _judged(tok):
            continue
        for predicate in named:
            out.append((predicate, tok))
            seen.add((predicate, tok.i))
        if according:
            out.append((Predicate.STATEMENT, tok))
    for predicate, tok in list(out):
        # An admission may be reported as a plain statement ("acknowledged that ...").
        if predicate is Predicate.ADMISSION and (Predicate.STATEMENT, tok.i) not in seen:
            out.append((Predicate.STATEMENT, tok))
            seen.add((Predicate.STATEMENT, tok.i))
    for _, tok in list(out):
        if any(c.dep_ == "neg" for c in tok.children):
            speech = next((h for h in tok.ancestors if h.lemma_.casefold() in _SAYING), None)
            if speech is not None and (Predicate.DENIAL, speech.i) not in seen:
                out.append((Predicate.DENIAL, speech))
                seen.add((Predicate.DENIAL, speech.i))
    return out


_SAYING = frozenset({"say", "state", "insist", "tell", "write", "stress", "announce", "claim"})


def mentions_goods(sent: Any, has_weapon: bool = False) -> bool:
    """Whether the sentence names goods (a weapon entity or a goods word)."""
    return has_weapon or _mentions_goods(sent)


def depth(tok: Any) -> int:
    """How many heads lie above `tok` in its parse."""
    return _depth(tok)
