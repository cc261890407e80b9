"""Who a sentence says made a claim, and whether the claim is reported as uncertain.

Attribution, in order of precedence: an explicit source phrase ("according to X",
"citing X"); the speaker of a reporting verb that governs the trigger ("X said Iran
sent drones", "officials told CNN that ..."); for denials, admissions and statements,
the speaker is the subject itself ("Tehran denies ...").
"""

from __future__ import annotations

import re
from typing import Any

from dossier.extract.lexicon import ATTRIBUTION_PREPS, HEDGE_WORDS, SOURCE_NOUNS, SPEECH_LEMMAS
from dossier.model import Predicate

# Only a statement is attributed to its own subject: a denial or admission is already
# reported as the subject's act ("Iran has denied ..." has no separate source).
_SELF_REPORTED = (Predicate.STATEMENT,)
# Denials and admissions made in words are voiced by their own subject.
_OWN_VOICE = (Predicate.DENIAL, Predicate.ADMISSION)
# Dependents of the trigger's chain that can carry a hedge ("may send", "likely receive").
_HEDGE_DEPS = frozenset({"aux", "advmod", "auxpass"})
# Words that hedge a denial or admission itself; the plans and reports it denies do not.
_STRONG_HEDGES = frozenset({"reportedly", "allegedly", "purportedly", "apparently"})


def find_attribution(sent: Any, trigger: Any, predicate: Predicate) -> str | None:
    """Return the source the sentence cites for its claim, or None."""
    explicit = _explicit_source(sent)
    if explicit is not None:
        return explicit
    if predicate in _OWN_VOICE and is_speech(trigger):
        # "..., while Tehran and the Kremlin deny the supply": the deniers speak for
        # themselves, whoever reports the rest of the sentence.
        return _speaker(trigger)
    for verb in _speech_verbs(sent, trigger, predicate):
        speaker = _speaker(verb)
        if speaker is not None:
            return speaker
    return _reports(sent, trigger)


def _reports(sent: Any, trigger: Any) -> str | None:
    """ "Amid reports that Russia has used drones": unnamed reports are the source."""
    for head in trigger.ancestors:
        if not sent.start <= head.i < sent.end:
            break  # the parser's sentence ran on past this line
        if head.pos_ == "NOUN" and head.lemma_.casefold() == "report":
            words = [t for t in head.lefts if t.dep_ in ("amod", "advmod", "compound")]
            return " ".join([*(t.text for t in words), head.text])
    return None


def is_hedged(sent: Any, trigger: Any, predicate: Predicate) -> bool:
    """True when the act is reported as planned, alleged or uncertain.

    Only hedges in scope count: the trigger, the words that govern it ("preparing to
    send", "reports that Russia used") and their auxiliaries and adverbs ("may
    receive"). "Companies suspected of producing drones were sanctioned" hedges the
    companies' production, not the sanction. Sentence adverbs ("reportedly") always
    count.
    """
    chain = {t.i for t in [trigger, *trigger.ancestors]}
    if any(t.lower_ in _STRONG_HEDGES and not _in_reason(t, chain) for t in sent):
        return True
    if predicate in (Predicate.DENIAL, Predicate.ADMISSION):
        return False
    scope = [t for t in _hedge_scope(trigger) if sent.start <= t.i < sent.end]
    return _is_to(trigger) or any(tok.lower_ in HEDGE_WORDS for tok in scope)


def _in_reason(tok: Any, chain: set[int]) -> bool:
    """Whether `tok` sits in a reason phrase off the trigger's chain ("sanctioned for
    allegedly supplying drones"): that hedges the conduct the measure answers, not the
    measure."""
    while tok.i not in chain and tok.head.i != tok.i:
        if tok.dep_ == "prep" and tok.lower_ in _REASONS:
            return True
        tok = tok.head
    return False


_REASONS = frozenset({"for", "over"})


def _hedge_scope(trigger: Any) -> list[Any]:
    chain = [trigger, *trigger.ancestors]
    return chain + [c for t in chain for c in t.children if c.dep_ in _HEDGE_DEPS]


def _is_to(trigger: Any) -> bool:
    """ "Britain is to take sanction action": a plan announced, not an act done."""
    chain = [trigger, *trigger.ancestors]
    return any(
        t.lemma_ == "be" and any(c.dep_ == "xcomp" and c in chain for c in t.children)
        for t in chain
    )


def _explicit_source(sent: Any) -> str | None:
    lowered = sent.text.casefold()
    for prep in ATTRIBUTION_PREPS:
        # Scraped text keeps doubled spaces ("As reported  by"): let any run of spaces match.
        found = re.search(r"\s+".join(map(re.escape, prep.split())), lowered)
        if found is not None:
            phrase = _phrase_after(sent, found.end())
            if prep != "citing" or _names_a_source(sent, found.end()):
                return phrase
    return None


def _names_a_source(sent: Any, char_offset: int) -> bool:
    """ "Citing officials" names a source; "citing the supply of drones" gives a reason."""
    after = [t for t in sent if t.idx - sent.start_char >= char_offset and t.pos_ != "DET"]
    first = next((t for t in after if not (t.is_punct or t.is_space)), None)
    if first is None:
        return False
    head = first
    while head.dep_ in _NP_DEPS and head.head.i > head.i:
        head = head.head
    return bool(head.pos_ == "PROPN" or head.lemma_.casefold() in SOURCE_NOUNS)


def _speech_verbs(sent: Any, trigger: Any, predicate: Predicate) -> list[Any]:
    """Reporting verbs that govern the trigger first, then any other in the sentence."""
    chain = [trigger, *trigger.ancestors] if predicate in _SELF_REPORTED else [*trigger.ancestors]
    # The parser's sentence can run across a line break into a headline: stay in `sent`.
    inside = [t for t in chain if sent.start <= t.i < sent.end]
    governing = [t for t in inside if is_speech(t) or t.i == trigger.i]
    others = [t for t in sent if is_speech(t) and t not in governing]
    return governing + others


def is_speech(tok: Any) -> bool:
    """True for a reporting verb ("said", "told"); "added X to the list" is not one."""
    lemma = tok.lemma_.casefold()
    if lemma not in SPEECH_LEMMAS or tok.pos_ not in ("VERB", "AUX"):
        return False
    return lemma != "add" or not any(c.dep_ == "dobj" for c in tok.children)


def _speaker(verb: Any) -> str | None:
    """Who speaks: the subject of an active reporting verb; of a passive one, only its
    `by` agent ("Tehran is said to have provided" names what is spoken of, "it was
    reported by Reuters" the speaker)."""
    for child in verb.children:
        if child.dep_ == "nsubj" and child.pos_ in ("PROPN", "NOUN"):
            return _subtree_text(child)
        if child.dep_ == "agent":
            by = [t for t in child.children if t.dep_ == "pobj" and t.pos_ in ("PROPN", "NOUN")]
            if by:
                return _subtree_text(by[0])
    return None


def _phrase_after(sent: Any, char_offset: int) -> str | None:
    """The noun phrase that starts right after `char_offset` in the sentence."""
    for tok in sent:
        if tok.idx - sent.start_char >= char_offset and not (tok.is_punct or tok.is_space):
            head = tok
            while head.head.i > tok.i and head.dep_ in _NP_DEPS:
                head = head.head
            text = _subtree_text(head)
            return text if text else None
    return None


_NP_DEPS = ("compound", "amod", "det", "poss", "nmod")


def _subtree_text(tok: Any) -> str:
    words = [t for t in tok.subtree if not t.is_punct or t.text in ("-", ".")]
    if not words:
        return str(tok.text)
    span = tok.doc[words[0].i : words[-1].i + 1]
    return str(span.text).strip()
