"""Sentence-level claims: predicate, subject, object, item, date, quantity, attribution.

A sentence yields a claim when it holds a trigger for a contract predicate and names at
least one entity. Subject and object come from the dependency parse where it names an
entity, else from the order of entity mentions in the sentence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from dossier.extract.attribution import find_attribution, is_hedged, is_speech
from dossier.extract.bodies import OUTLETS
from dossier.extract.captions import is_caption
from dossier.extract.claim_model import (
    Candidate,
    ClaimModel,
    bucket,
    crossed,
    dependency_path,
    select_candidates,
    span_head,
)
from dossier.extract.dates import find_date_at
from dossier.extract.discourse import (
    carry_retold_outlet,
    cites_the_story,
    last_speaker,
    last_subject,
    outlet_citation,
    resolve_outlet,
    restates_sanction,
    sanctions_a_patient,
)
from dossier.extract.gazetteer import demonym_country
from dossier.extract.quantities import find_quantity
from dossier.extract.triggers import (
    depth,
    find_predicate,
    lemma_predicate,
    mentions_goods,
    trigger_candidates,
)
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
    history: list[Claim] = field(default_factory=list)
    """The rules' claims of the sentences read so far: discourse (the last speaker, the
    last sanctioning authority) carries from one sentence to the next."""
    model: ClaimModel | None = None
    """The trained candidate scorer; None leaves the hand rules to decide alone."""
    collect: list[tuple[int, int, list[Candidate]]] | None = None
    """When set (training), every sentence's span and candidates are appended here."""


def extract_claims(doc: Any, ctx: SentenceContext) -> list[Claim]:
    """Return the claims of every sentence in the parsed body `doc`."""
    claims: list[Claim] = []
    citations: list[tuple[int, str, bool]] = []
    for sent in doc.sents:
        for segment in split_lines(sent):
            claims.extend(claims_from_sentence(segment, ctx))
            cited = outlet_citation(segment, _outlets_in(segment, ctx))
            if cited is not None:
                end = ctx.body_start + segment.end_char
                citations.append((end, cited, cites_the_story(segment)))
    return carry_retold_outlet(claims, citations)


def _outlets_in(segment: Any, ctx: SentenceContext) -> list[tuple[int, str]]:
    """Outlets a sentence names, or points back at ("the newspaper")."""
    start, end = ctx.body_start + segment.start_char, ctx.body_start + segment.end_char
    named = [
        (m.start, e.name)
        for m in _mentions_in(ctx, start, end)
        if (e := ctx.owner[m.start]).name in OUTLETS
    ]
    if named:
        return named
    outlet = resolve_outlet(str(segment.text), ctx.owner.values(), start)
    return [(start, outlet)] if outlet in OUTLETS else []


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


def claims_from_sentence(sent: Any, ctx: SentenceContext) -> list[Claim]:
    """Return the claims a sentence makes: one per subject of its main trigger.

    "The US, the EU and Britain imposed sanctions" is three sanction claims; a second
    clause with its own subject and trigger ("..., and the Kremlin denied ...") adds
    its own claim.
    """
    start, end = _trimmed_span(
        ctx.text, ctx.body_start + sent.start_char, ctx.body_start + sent.end_char
    )
    if not ctx.text[start:end].endswith(_TERMINAL) or is_caption(ctx.text[start:end]):
        return []
    mentions = _mentions_in(ctx, start, end)
    actors = [m for m in mentions if ctx.owner[m.start].type in _ACTORS]
    frame = _Frame(sent, start, end, mentions, actors)
    rule = _rule_claims(frame, ctx)
    if ctx.model is None and ctx.collect is None:
        ctx.history.extend(rule)
        return rule
    candidates = _candidates(frame, ctx, rule)
    ctx.history.extend(rule)
    if ctx.collect is not None:
        ctx.collect.append((frame.start, frame.end, candidates))
    if ctx.model is None:
        return rule
    kept = [_finish(c, frame, ctx) for c in select_candidates(candidates, ctx.model)]
    return [c for claim in kept for c in _per_target(claim, frame, ctx)]


def _per_target(claim: Claim, frame: _Frame, ctx: SentenceContext) -> list[Claim]:
    """A measure against a list of targets is one claim per target: "sanctions on Paravar
    Pars Company and Baharestan Kish Company" sanctions each (the parse coordinates them)."""
    if claim.predicate not in _NEWS_ACTS or claim.object is None:
        return [claim]
    named = [m for m in frame.mentions if ctx.owner[m.start].name == claim.object]
    if not named:
        return [claim]
    doc = frame.sent.doc
    head = span_head(doc, named[0].start - ctx.body_start, named[0].end - ctx.body_start)
    out, seen = [claim], {claim.object, claim.subject}
    for conj in _listed_with(head):
        entity = _entity_in_span(conj.left_edge, conj, frame.mentions, ctx)
        if entity is not None and entity.name not in seen and entity.type in _TARGETS:
            seen.add(entity.name)
            out.append(replace(claim, object=entity.name))
    return out


_TARGETS = (EntityType.ORGANIZATION, EntityType.PERSON, EntityType.OTHER)


def _listed_with(head: Any) -> list[Any]:
    """The words listed with `head`: its conjuncts and appositions, and theirs, up to the
    noun that heads the list ("four companies: A, B, C and D"; "two businesses, A and B,
    were designated")."""
    top = head
    while top.dep_ in ("conj", "appos") and top.head.i != top.i:
        top = top.head
    found, todo = [], [top]
    while todo:
        tok = todo.pop()
        found.append(tok)
        todo += [c for c in tok.children if c.dep_ in ("conj", "appos")]
    return sorted((t for t in found if t.i != head.i), key=lambda t: t.i)


def _rule_claims(frame: _Frame, ctx: SentenceContext) -> list[Claim]:
    """The hand rules' claims: one per subject of the main trigger (and of a second
    clause). They are candidates and features for the model, and the fallback without it."""
    sent, mentions, actors = frame.sent, frame.mentions, frame.actors
    found = find_predicate(sent, any(m.type is EntityType.WEAPON for m in mentions))
    if found is None:
        return []
    found = _negated_report(*found) or found
    if _negated_frame(found[1]) or (
        found[0] is Predicate.SANCTION and restates_sanction(sent, found[1])
    ):
        return []
    carried = _carried_sanctioner(frame, ctx, *found)
    if carried is not None:
        return [c for c in [_claim(frame, ctx, Predicate.SANCTION, found[1], carried)] if c]
    if not actors:
        return _demonym_claims(frame, ctx, *found)
    speech = _quoted_speech(frame, ctx, found[1])
    if speech is not None:
        return [c for c in [_claim(frame, ctx, Predicate.STATEMENT, *speech)] if c]
    claims = [
        _claim(frame, ctx, *_speaking_person(frame, ctx, *found, subject), subject)
        for subject in _subjects(frame, ctx, found[1])
    ]
    for predicate, trigger in second_clauses(found[1]):
        subjects = _parsed_subjects(trigger, actors, ctx)
        claims += [_claim(frame, ctx, predicate, trigger, subject) for subject in subjects]
    return [c for c in claims if c is not None]


def _negated_report(predicate: Predicate, trigger: Any) -> tuple[Predicate, Any] | None:
    """ "Iran stated that it has not sold weapons to Russia" is Iran's denial."""
    if predicate in (Predicate.STATEMENT, Predicate.DENIAL, Predicate.ADMISSION):
        return None
    if not any(c.dep_ == "neg" for c in trigger.children):
        return None
    speech = next((h for h in trigger.ancestors if is_speech(h)), None)
    return (Predicate.DENIAL, speech) if speech is not None else None


def _negated_frame(trigger: Any) -> bool:
    """ "He did not specify the drones delivered": an act under a negated verb is no claim."""
    return any(c.dep_ == "neg" for head in _governors(trigger) for c in head.children)


def _governors(tok: Any) -> list[Any]:
    """The words `tok` hangs from, up to a clause coordinated with its own subject: in
    "the route was not disclosed, but Iran is believed to have sent drones" the second
    clause is not under the first one's negation ("did not send or sell" still is)."""
    heads: list[Any] = []
    while tok.head.i != tok.i:
        if tok.dep_ == "conj" and any(c.dep_ in _OWN_SUBJECT for c in tok.children):
            break
        tok = tok.head
        heads.append(tok)
    return heads


_OWN_SUBJECT = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


def _demonym_claims(
    frame: _Frame, ctx: SentenceContext, predicate: Predicate, trigger: Any
) -> list[Claim]:
    """Claims whose only actor is a demonym subject: "The Russian side denies ...",
    "the Iranian delegation arrived in Yelabuga"."""
    subjects = _parsed_subjects(trigger, [], ctx)
    return [c for s in subjects if (c := _claim(frame, ctx, predicate, trigger, s))]


def _carried_sanctioner(
    frame: _Frame, ctx: SentenceContext, predicate: Predicate, trigger: Any
) -> Entity | None:
    """The authority of the article's last sanction, for a sanction told from its target."""
    if predicate is not Predicate.SANCTION or not sanctions_a_patient(frame.sent, trigger):
        return None
    return last_subject(ctx.history, Predicate.SANCTION, ctx.owner.values())


def _speaking_person(
    frame: _Frame, ctx: SentenceContext, predicate: Predicate, trigger: Any, subject: Entity
) -> tuple[Predicate, Any]:
    """A person who only speaks about an act makes a statement, not the act.

    "Petr Fiala said the sanctions were aimed at ...": with no other actor, the speaker
    is left as subject, and what he did was speak.
    """
    if subject.type is not EntityType.PERSON or predicate in _SPOKEN:
        return predicate, trigger
    governing = [v for v in trigger.ancestors if is_speech(v)]
    if any(_speaker_entity(v, frame, ctx) is subject for v in governing):
        return Predicate.STATEMENT, governing[0]
    return predicate, trigger


_SPOKEN = (Predicate.STATEMENT, Predicate.DENIAL, Predicate.ADMISSION)


def claim_from_sentence(sent: Any, ctx: SentenceContext) -> Claim | None:
    """Return the first claim a sentence makes, or None when it makes none we know."""
    claims = claims_from_sentence(sent, ctx)
    return claims[0] if claims else None


@dataclass(frozen=True, slots=True)
class _Frame:
    """One sentence being read: its span, trimmed offsets and the mentions inside it."""

    sent: Any
    start: int
    end: int
    mentions: list[Mention]
    actors: list[Mention]
    proposed: list[tuple[Predicate, Any, Entity]] = field(default_factory=list)
    """(predicate, trigger, subject) of every claim the rules made: model candidates."""


def _subjects(frame: _Frame, ctx: SentenceContext, trigger: Any) -> list[Entity]:
    speaker = _speaker_entity(trigger, frame, ctx) if is_speech(trigger) else None
    if speaker is not None:
        return [speaker]
    origin = _origin_of_shipped(trigger)
    if origin is not None:
        return [origin]
    parsed = _parsed_subjects(trigger, frame.actors, ctx)
    if parsed:
        return parsed
    if _unnamed_subject(trigger):
        return []
    fallback = _fallback_subject(frame.sent, frame.actors, ctx)
    return [fallback] if fallback else []


def _unnamed_subject(trigger: Any) -> bool:
    """Whether the trigger's own subject is a plural common noun that names no actor
    ("the countries", "the two sides", "officials"): whoever it is, it is not simply
    the first actor the sentence names."""
    return any(
        c.dep_ == "nsubj" and c.tag_ == "NNS" and c.ent_type_ == "" for c in trigger.children
    )


def _quoted_speech(frame: _Frame, ctx: SentenceContext, trigger: Any) -> tuple[Any, Entity] | None:
    """The reporting verb and its speaker when the trigger sits inside their quotation.

    "“We are sanctioning those who supplied the drones,” he said" is a statement by the
    speaker, not a sanction: quoted words are what someone said, whatever they say.
    """
    if not _inside_quotes(frame.sent, trigger):
        return None
    for verb in frame.sent:
        if is_speech(verb) and not _inside_quotes(frame.sent, verb):
            speaker = _speaker_entity(verb, frame, ctx)
            if speaker is not None:
                return verb, speaker
    return _continued_quote(frame, ctx, trigger)


def _continued_quote(
    frame: _Frame, ctx: SentenceContext, trigger: Any
) -> tuple[Any, Entity] | None:
    """A sentence wholly in quotes with no reporting verb continues the last speaker.

    '"..." the official was quoted as saying. "We will enforce all sanctions."' — the
    second sentence is still the official talking, not a sanction.
    """
    if not str(frame.sent.text).lstrip().startswith(('"', "“")):
        return None
    speaker = last_speaker(ctx.history, ctx.owner.values())
    return (trigger, speaker) if speaker is not None else None


def _inside_quotes(sent: Any, tok: Any) -> bool:
    before = str(sent.doc[sent.start : tok.i].text) if tok.i > sent.start else ""
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _speaker_entity(verb: Any, frame: _Frame, ctx: SentenceContext) -> Entity | None:
    """Who speaks: the verb's subject, or the subject of the verb it hangs from ("X was
    quoted as saying"); a person among the words beats the office they hold."""
    for head in [verb, *list(verb.ancestors)[:2]]:
        for child in head.children:
            if child.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if child.lower_ in ("he", "she"):
                return _last_person(ctx, frame.start)
            people = [m for m in frame.actors if m.type is EntityType.PERSON]
            return _entity_in_subtree(child, people, ctx) or _entity_in_subtree(
                child, frame.actors, ctx
            )
    return None


def _pronoun(tok: Any, ctx: SentenceContext) -> Entity | None:
    """ "He" or "she" as a subject is the person named last before it; "they" or "we"
    in reported speech is the speakers ("Ukrainian officials said they had shot down")."""
    if tok.lower_ in ("they", "we", "it"):
        return _reporting_speakers(tok, ctx)
    if tok.lower_ in ("former", "latter") and any(c.lower_ == "the" for c in tok.children):
        return _previous_actor(tok, ctx, first=tok.lower_ == "former")
    if tok.lower_ not in ("he", "she"):
        return None
    return _last_person(ctx, ctx.body_start + tok.idx)


def _previous_actor(tok: Any, ctx: SentenceContext, first: bool) -> Entity | None:
    """ "The former" is the first actor the sentence before named, "the latter" the last."""
    if tok.sent.start == 0:
        return None
    previous = tok.doc[tok.sent.start - 1].sent
    lo, hi = ctx.body_start + previous.start_char, ctx.body_start + previous.end_char
    named = [m for m in _mentions_in(ctx, lo, hi) if ctx.owner[m.start].type in _ACTORS]
    if not named:
        return None
    return ctx.owner[named[0 if first else -1].start]


def _reporting_speakers(tok: Any, ctx: SentenceContext) -> Entity | None:
    """ "Germany announced it would deliver", "officials said they had shot down": the
    pronoun subject of a reported clause is its speaker (a named actor or a demonym's
    country; "it" only an organisation or a country, never a person)."""
    speech = next((h for h in tok.ancestors if is_speech(h)), None)
    speakers = [c for c in speech.children if c.dep_ == "nsubj"] if speech is not None else []
    if not speakers:
        return None
    lo = ctx.body_start + tok.sent.start_char
    named_here = _mentions_in(ctx, lo, lo + len(tok.sent.text))
    actors = [m for m in named_here if ctx.owner[m.start].type in _ACTORS]
    named = _entity_in_subtree(speakers[0], actors, ctx) or _demonym_entity(speakers[0])
    if named is not None and tok.lower_ == "it" and named.type is EntityType.PERSON:
        return None
    return named


def _last_person(ctx: SentenceContext, before: int) -> Entity | None:
    """The person last named before `before`: who "he" or "she" most likely is."""
    people = [
        (m.start, e) for e in ctx.owner.values() if e.type is EntityType.PERSON for m in e.mentions
    ]
    earlier = [p for p in people if p[0] < before]
    return max(earlier, key=lambda p: p[0])[1] if earlier else None


def _claim(
    frame: _Frame, ctx: SentenceContext, predicate: Predicate, trigger: Any, subject: Entity
) -> Claim | None:
    if predicate is Predicate.STATEMENT and not _can_state(frame, ctx, subject, trigger):
        return None
    frame.proposed.append((predicate, trigger, subject))
    return _build_claim(frame, ctx, predicate, trigger, subject)


def _build_claim(
    frame: _Frame, ctx: SentenceContext, predicate: Predicate, trigger: Any, subject: Entity
) -> Claim:
    obj = _object(subject, trigger, frame.actors, ctx)
    sentence = ctx.text[frame.start : frame.end]
    return Claim(
        subject=subject.name,
        predicate=predicate,
        object=obj.name if obj else None,
        evidence=Evidence(sentence, frame.start, frame.end),
        item=_item(frame.mentions, ctx, sentence),
        date=_event_date(frame, ctx, trigger, predicate),
        quantity=find_quantity(sentence),
        attributed_to=_canonical_source(
            resolve_outlet(
                _attribution(frame, ctx, trigger, predicate, subject),
                ctx.owner.values(),
                frame.start,
            ),
            ctx,
            frame.end,
        ),
        hedged=is_hedged(frame.sent, trigger, predicate),
    )


def _canonical_source(source: str | None, ctx: SentenceContext, before: int) -> str | None:
    """A source that is one of an organisation's or a person's mentions is that entity:
    "the AP reported" is the Associated Press the article names; "the company said" is
    the last company named before `before` (the sentence's end). (A capital stays as
    written: "the Kremlin said" is sourced to the Kremlin, not to Russia.)"""
    if source is None:
        return None
    bare = source.casefold().strip().removeprefix("the ").strip()
    for entity in ctx.owner.values():
        if entity.type is EntityType.COUNTRY:
            continue
        if any(m.text.casefold() == bare for m in entity.mentions):
            return entity.name
    if source.casefold().startswith("the ") and bare in _ORG_POINTERS:
        named = _last_organization(ctx, before, bare)
        return named.name if named is not None else source
    return source


# Head nouns with which "the company said" points back at an organisation named before.
_ORG_POINTERS = frozenset({"company", "firm", "manufacturer", "department", "agency", "ministry"})
# Of those, the ones any organisation can be called; the rest need the word in its name.
_ANY_ORG = frozenset({"company", "firm", "manufacturer"})


def _last_organization(ctx: SentenceContext, before: int, word: str) -> Entity | None:
    """The organisation last named before `before` ("the ministry": one whose name holds
    the word; "the company": any)."""
    best: tuple[int, Entity] | None = None
    for entity in {id(e): e for e in ctx.owner.values()}.values():
        if entity.type is not EntityType.ORGANIZATION or entity.name in OUTLETS:
            continue
        if word not in _ANY_ORG and word not in entity.name.casefold():
            continue
        starts = [m.start for m in entity.mentions if m.start < before]
        if starts and (best is None or max(starts) > best[0]):
            best = (max(starts), entity)
    return best[1] if best else None


def _event_date(
    frame: _Frame, ctx: SentenceContext, trigger: Any, predicate: Predicate
) -> str | None:
    """The date of the claimed act, not of its reporting.

    "On July 16, CNN reported that a delegation visited Iran": the date is the report's
    and the visit lies before it. A report of something ongoing or coming ("reported that
    Iran would soon provide", "said Iranians are training") keeps the report's date.
    "X said there was consensus on a meeting on October 17": it dates the meeting, not
    the statement. A date counts when it hangs from the trigger's own clause.
    """
    found = find_date_at(ctx.text[frame.start : frame.end], ctx.published)
    if found is None:
        return _news_day(ctx, trigger, predicate)
    at = _token_at(frame.sent, frame.start - ctx.body_start + found[0])
    anchor = _clause_verb(at)
    if anchor is None or anchor.i == trigger.i:
        return found[1]
    act = trigger if trigger.pos_ in ("VERB", "AUX") else (_clause_verb(trigger) or trigger)
    after = at.idx + len(at.text) - frame.start + ctx.body_start  # past the found date
    if (
        _reports(anchor)
        and trigger in anchor.subtree
        and act.i != anchor.i
        and _told_past(act, anchor)
    ):
        return _act_date(frame, ctx, after, act)
    if is_speech(trigger) and anchor in trigger.subtree:
        return None
    if _dates_another_clause(anchor, trigger, act):
        return _act_date(frame, ctx, after, act)
    return found[1]


def _dates_another_clause(anchor: Any, trigger: Any, act: Any) -> bool:
    """The date hangs from a clause that neither is nor governs the act: "the offensive,
    which began in August", "said Russia had received missiles" where "last month" hangs
    from another clause date what that clause tells, not the claim. A participle qualifying
    a noun trigger ("sanctions imposed on Tuesday") still dates it; a clause under a verb
    trigger ("sent drones after Russia asked on Tuesday") does not."""
    if anchor.i == act.i or anchor in act.ancestors:
        return False
    return bool(anchor.head.i != trigger.i or trigger.pos_ not in ("NOUN", "PROPN"))


def _act_date(frame: _Frame, ctx: SentenceContext, after: int, act: Any) -> str | None:
    """A later date of the sentence that hangs from the act's own clause: "said on
    Tuesday that it seized weapons on January 11" dates the seizure January 11 (the
    first date is the report's). `after` is where the search starts in the sentence."""
    sentence = ctx.text[frame.start : frame.end]
    offset = frame.start - ctx.body_start
    while (found := find_date_at(sentence[after:], ctx.published)) is not None:
        tok = _token_at(frame.sent, offset + after + found[0])
        anchor = _clause_verb(tok)
        if anchor is not None and anchor.i == act.i:
            return found[1]
        after = max(after + found[0] + 1, tok.idx + len(tok.text) - offset)
    return None


def _news_day(ctx: SentenceContext, trigger: Any, predicate: Predicate) -> str | None:
    """An undated measure told as the report's news is of its day.

    "The UK listed Iran Air with an asset freeze": a designation the story reports was
    made when it was published; an undated supply, attack or visit ("have continued to
    provide") may lie anywhere before it, and a present tense states no event ("the
    sanctions block all properties").
    """
    if ctx.published is None or predicate not in _NEWS_ACTS:
        return None
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else _clause_verb(trigger)
    if verb is not None and verb.dep_ == "acl":
        # "have unveiled sanctions packages targeting Iran": a participle that qualifies
        # a noun is dated by the clause it sits in, not read as the day's act.
        verb = _clause_verb(verb)
    if verb is None or verb.tag_ not in ("VBD", "VBG") or _perfect(verb) or _passive(verb):
        # "has imposed", "were sanctioned", "the sanctions block": a result or a state,
        # which the annotators leave undated; "imposed", "is imposing" tell the day's act.
        return None
    return ctx.published.isoformat()


def _passive(verb: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _perfect(verb: Any) -> bool:
    return any(c.lemma_ == "have" and c.dep_ == "aux" for c in verb.children)


# Measured on the training topics' matched claims: the news day is right for measures
# (sanctions, export restrictions) and wrong as often as right for statements.
_NEWS_ACTS = frozenset({Predicate.SANCTION, Predicate.EXPORT_RESTRICTION})


def _reports(verb: Any) -> bool:
    """A reporting verb, or "it became known that"."""
    known = any(c.lower_ == "known" for c in verb.children)
    return is_speech(verb) or known or verb.lemma_.casefold() == "report"


def _past(verb: Any) -> bool:
    """Simple past or perfect: "visited", "has supplied"."""
    return bool(verb.tag_ in ("VBD", "VBN"))


def _told_past(act: Any, report: Any) -> bool:
    """The report tells the act, or the intent that governs it, as already past: "visited",
    "had promised to provide", "was thinking about imposing", "proposed a package
    targeting". "Would send" has no past verb between the act and the report: what is
    to come is dated by its report."""
    verb = act
    while verb.i != report.i:
        past_aux = any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)
        if verb.pos_ in ("VERB", "AUX") and (_past(verb) or past_aux):
            return True
        if verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def _clause_verb(tok: Any) -> Any:
    """The nearest verb above `tok`: the clause a date phrase belongs to."""
    for head in tok.ancestors:
        if head.pos_ in ("VERB", "AUX"):
            return head
    return None


def _token_at(sent: Any, char: int) -> Any:
    for tok in sent:
        if tok.idx <= char < tok.idx + len(tok.text):
            return tok
    return sent.root


def _mentions_in(ctx: SentenceContext, start: int, end: int) -> list[Mention]:
    found = [m for e in ctx.owner.values() for m in e.mentions if start <= m.start < end]
    unique = {m.start: m for m in found}
    return [unique[k] for k in sorted(unique)]


def _parsed_subjects(trigger: Any, actors: list[Mention], ctx: SentenceContext) -> list[Entity]:
    """The entities named by the trigger's grammatical subject (or passive agent).

    Climbs from the trigger through its heads ("Iran is preparing to send"), but stops
    at a reporting verb: in "X said Iran sent drones" X is the source, not the subject.
    Coordinated subjects ("the US and Britain") give one entity each. The accused of
    "X accused Y of delivering drones" is the one said to deliver them.
    """
    sender = _sender(trigger, actors, ctx)
    if sender is not None:
        return [sender]
    controlled = True  # every word climbed so far is a non-finite complement
    for head in [trigger, *trigger.ancestors]:
        if not _same_line(head, trigger):
            return []
        if head.i != trigger.i and is_speech(head) and trigger.dep_ != "xcomp":
            return _accused(head, actors, ctx)
        deps = _SUBJECT_DEPS if head.i == trigger.i or not controlled else _CONTROLLER_DEPS
        controlled = controlled and head.dep_ in _NONFINITE
        for child in head.children:
            # A headline the parser ran into the lead can hang from its verb: its words
            # are not the lead's subject.
            if child.dep_ in deps and _same_line(child, trigger):
                found = _relative_antecedent(child, actors, ctx) or _conjunct_entities(
                    child, actors, ctx
                )
                if found:
                    return found
        if head.dep_ == "acl" and head.tag_ == "VBG":
            doer = _participle_doer(head, actors, ctx)
            if doer is not None:
                return [doer]
    return []


_SUBJECT_DEPS = frozenset({"nsubj", "agent", "csubj"})
# A passive's subject does what a non-finite complement under it says: "Iran is believed
# to have been smuggling weapons", "a firm sanctioned for shipping components", "ships
# involved in transferring missiles" (the trigger's own passive subject is its goods).
_CONTROLLER_DEPS = _SUBJECT_DEPS | {"nsubjpass"}
_NONFINITE = frozenset({"xcomp", "pcomp", "prep"})


def _relative_antecedent(tok: Any, actors: list[Mention], ctx: SentenceContext) -> list[Entity]:
    """ "IRISL, which the department said transferred drones": the doer of a relative
    clause whose subject is "which" or "who" is the noun the clause hangs from."""
    if tok.tag_ not in ("WDT", "WP") and tok.lower_ not in ("which", "who", "that"):
        return []
    clause = next((h for h in tok.ancestors if h.dep_ == "relcl"), None)
    if clause is None:
        return []
    noun = clause.head
    named = _entity_in_span(noun.left_edge, noun, actors, ctx)
    return [named] if named is not None else []


def _participle_doer(verb: Any, actors: list[Mention], ctx: SentenceContext) -> Entity | None:
    """Who does what a participle modifying a noun says: the actor named in that noun's
    words before it ("reports of Russia using drones", "Russian attacks using drones"),
    not the main clause's subject ("Iran's role has escalated, with reports of ...")."""
    noun = verb.head
    before = [t for t in noun.subtree if t.i < verb.i]
    if not before:
        return None
    named = _entity_in_span(before[0], before[-1], actors, ctx)
    if named is not None:
        return named
    for tok in before:
        country = demonym_country(tok.text)
        if country and tok.dep_ in ("amod", "compound") and tok.head.i == noun.i:
            return Entity(name=country, type=EntityType.COUNTRY)
    return None


def _sender(trigger: Any, actors: list[Mention], ctx: SentenceContext) -> Entity | None:
    """Who goods are received from: "Russia will receive drones from Iran" is Iran's."""
    if trigger.lemma_.casefold() != "receive":
        return None
    sources = [
        p
        for p in trigger.subtree
        if p.lower_ == "from" and p.head.i in (trigger.i, *(c.i for c in trigger.children))
    ]
    objects = [c for p in sources for c in p.children if c.dep_ == "pobj"]
    return _entity_in_subtree(objects[0], actors, ctx) if objects else None


def _same_line(tok: Any, trigger: Any) -> bool:
    """The parser's sentence can run across a line break; a claim's words stay on one."""
    lo, hi = sorted((tok.i, trigger.i))
    # Token by token: `Doc.text` would join the whole document on every call.
    return not any("\n" in t.text_with_ws for t in tok.doc[lo:hi])


def _accused(verb: Any, actors: list[Mention], ctx: SentenceContext) -> list[Entity]:
    if verb.lemma_.casefold() not in ("accuse", "blame", "suspect"):
        return []
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return []
    # The accused is named before "of ...": "the former of delivering drones to Russia"
    # names no one but "the former" (`_pronoun`), not Russia.
    if _entity_in_span(objects[0].left_edge, objects[0], actors, ctx) is None:
        named = _pronoun(objects[0], ctx)
        return [named] if named else []
    return _conjunct_entities(objects[0], actors, ctx)


def _conjunct_entities(tok: Any, actors: list[Mention], ctx: SentenceContext) -> list[Entity]:
    if tok.dep_ == "agent":
        tok = next((c for c in tok.children if c.dep_ == "pobj"), tok)
    first = _entity_in_subtree(tok, actors, ctx) or _demonym_entity(tok) or _pronoun(tok, ctx)
    found = [first] if first else []
    conjuncts = list(tok.conjuncts)
    if first is not None and not conjuncts:
        # "Authorities in the Netherlands and Denmark began sending": the coordination
        # is inside the subject's words, on the name itself.
        conjuncts = _named_conjuncts(tok, first, ctx)
    for conj in conjuncts:
        entity = _entity_in_span(conj.left_edge, conj, actors, ctx)
        if entity is not None and all(entity.name != e.name for e in found):
            found.append(entity)
    return found


def _named_conjuncts(tok: Any, entity: Entity, ctx: SentenceContext) -> list[Any]:
    """The conjuncts of the name of `entity` inside the phrase headed by `tok`."""
    lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
    for m in entity.mentions:
        start, end = m.start - ctx.body_start, m.end - ctx.body_start
        if lo <= start < hi:
            return list(span_head(tok.doc, start, end).conjuncts)
    return []


def _attribution(
    frame: _Frame, ctx: SentenceContext, trigger: Any, predicate: Predicate, subject: Entity
) -> str | None:
    found = find_attribution(frame.sent, trigger, predicate)
    if found is None and predicate is Predicate.STATEMENT:
        return subject.name  # "..., he said": the resolved speaker is the source
    if found is not None and predicate in _NEWS_ACTS and _names(found, subject):
        # "The UK's actions targeted IRISL ..., which the UK said": an authority announcing
        # its own measure is not a source apart from it. (A government saying it sent
        # weapons is: the annotators keep that, and so do we.)
        return None
    if found is None and _quoted_on(frame, trigger):
        # A quotation that runs on from the sentence before ('X said: "..." "Iran's
        # delivery of missiles ..."') is still X speaking.
        speaker = last_subject(ctx.history, Predicate.STATEMENT, ctx.owner.values())
        return speaker.name if speaker is not None else None
    return found


def _names(source: str, entity: Entity) -> bool:
    """Whether a source phrase is the entity itself (names it: "the UK", "the Treasury
    Department"); an official with a title ("U.S. Secretary of State Antony Blinken")
    only names it in the title and is a source of their own."""
    lowered = source.casefold()
    if _OFFICE_WORDS & set(lowered.replace(",", " ").split()):
        return False
    forms = {entity.name, *(m.text for m in entity.mentions)}
    return any(len(f) > 1 and f.casefold() in lowered for f in forms)


# Words that make a source phrase a person in office rather than the body they serve.
_OFFICE_WORDS = frozenset(
    {
        "secretary",
        "minister",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "ambassador",
        "envoy",
        "president",
        "director",
        "chief",
        "official",
        "officials",
    }
)


def _quoted_on(frame: _Frame, trigger: Any) -> bool:
    """The trigger is quoted and the sentence names no reporting verb outside the quote."""
    text = str(frame.sent.text).lstrip()
    opened = text.startswith(('"', "“")) or _inside_quotes(frame.sent, trigger)
    if not opened:
        return False
    return not any(is_speech(t) and not _inside_quotes(frame.sent, t) for t in frame.sent)


def _can_state(frame: _Frame, ctx: SentenceContext, subject: Entity, trigger: Any) -> bool:
    """A statement claim needs a speaker who is a person, or an organisation that is
    quoted or is the grammatical speaker ("a Commission spokesperson said that ...")."""
    if subject.type is EntityType.PERSON:
        return True
    if subject.type is not EntityType.ORGANIZATION:
        return False
    quoted = any(q in str(frame.sent.text) for q in ('"', "“", "”"))
    return quoted or (is_speech(trigger) and _speaker_entity(trigger, frame, ctx) is subject)


def _origin_of_shipped(trigger: Any) -> Entity | None:
    """The supplier of goods delivered in the passive with no agent is their origin.

    "A first shipment of Iranian-made drones has been delivered to Russia": Iran.
    """
    if lemma_predicate(trigger.lemma_.casefold()) is not Predicate.SUPPLY:
        return None
    if any(c.dep_ == "agent" for c in trigger.children):
        return None
    goods = [c for c in trigger.children if c.dep_ == "nsubjpass"]
    for tok in (t for g in goods for t in g.subtree):
        country = demonym_country(tok.text.split("-")[0])
        if country is not None:
            return Entity(name=country, type=EntityType.COUNTRY)
    return None


def _demonym_entity(tok: Any) -> Entity | None:
    """The country behind "the Iranian government" or "a Russian delegation"."""
    for t in tok.subtree:
        country = demonym_country(t.text)
        if country and t.dep_ in ("amod", "compound"):
            return Entity(name=country, type=EntityType.COUNTRY)
    return None


def second_clauses(trigger: Any) -> list[tuple[Predicate, Any]]:
    """Triggers of clauses coordinated with the main one that have a subject of their own."""
    out: list[tuple[Predicate, Any]] = []
    for conj in trigger.conjuncts:
        predicate = lemma_predicate(conj.lemma_.casefold())
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children)
        if predicate is not None and has_subject and conj.i > trigger.i:
            out.append((predicate, conj))
    return out


def _fallback_subject(sent: Any, actors: list[Mention], ctx: SentenceContext) -> Entity | None:
    """The first actor outside a reporting clause's speaker and audience ("told
    Politico", "briefed reporters"), else the first actor."""
    speakers = [
        c
        for t in sent
        if is_speech(t)
        for c in t.children
        if c.dep_ == "nsubj" or (c.dep_ in ("dobj", "dative") and t.lemma_ in _TELLING)
    ]
    for m in actors:
        if not any(_entity_in_subtree(c, [m], ctx) for c in speakers):
            return ctx.owner[m.start]
    return ctx.owner[actors[0].start]


# Reporting verbs whose object is the audience, not what is reported.
_TELLING = frozenset({"tell", "inform", "brief", "assure", "warn"})


def _entity_in_span(
    first: Any, last: Any, actors: list[Mention], ctx: SentenceContext
) -> Entity | None:
    lo = ctx.body_start + first.idx
    hi = ctx.body_start + last.idx + len(last)
    for m in actors:
        if lo <= m.start < hi:
            return ctx.owner[m.start]
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
    """The first other actor after the trigger, else any other actor in the sentence; what
    is produced is the weapon named after the trigger ("producing Shahed-136 drones")."""
    if lemma_predicate(trigger.lemma_.casefold()) is Predicate.PRODUCTION:
        made = list({id(e): e for e in ctx.owner.values() if e.type is EntityType.WEAPON}.values())
        at = ctx.body_start + trigger.idx
        products = sorted(
            (m.start, n) for n, e in enumerate(made) for m in e.mentions if at <= m.start < at + 80
        )
        if products:
            return made[products[0][1]]
    if lemma_predicate(trigger.lemma_.casefold()) is Predicate.VISIT:
        # What is visited is a place as often as a party: "visited the site at Yelabuga".
        at = ctx.body_start + trigger.idx
        places = [
            ctx.owner[m.start]
            for m in _mentions_in(ctx, at, at + 80)
            if ctx.owner[m.start].type in (EntityType.LOCATION, EntityType.COUNTRY)
            and ctx.owner[m.start] is not subject
        ]
        if places:
            return places[0]
    if trigger.lemma_.casefold() == "receive":
        # "Russia received drones from Iran": the receiver is the verb's own subject.
        receivers = [c for c in trigger.children if c.dep_ == "nsubj"]
        got = _entity_in_subtree(receivers[0], actors, ctx) if receivers else None
        if got is not None and got is not subject:
            return got
    # The speaker and the cited source ("the Pentagon said", "according to Reuters") are
    # who tells of the act, not a party to it.
    others = [
        m for m in actors if ctx.owner[m.start] is not subject and not _telling(trigger.doc, m, ctx)
    ]
    trigger_at = ctx.body_start + trigger.idx
    after = [m for m in others if m.start >= trigger_at]
    if not after:
        # "the weapons that Russia uses against Ukrainian cities": a country named by its
        # demonym under the trigger is the party before any actor named ahead of it.
        named = _demonym_after(trigger, subject, ctx)
        if named is not None:
            return named
    chosen = after[0] if after else (others[0] if others else None)
    return ctx.owner[chosen.start] if chosen else None


def _demonym_after(trigger: Any, subject: Entity, ctx: SentenceContext) -> Entity | None:
    """The country a demonym after the trigger, in its subtree, names ("Ukrainian")."""
    known = {e.name: e for e in ctx.owner.values()}
    for tok in trigger.subtree:
        if tok.i <= trigger.i or tok.dep_ not in ("amod", "compound"):
            continue
        country = demonym_country(tok.text.split("-")[0])
        if country and country != subject.name:
            return known.get(country) or Entity(name=country, type=EntityType.COUNTRY)
    return None


def _telling(doc: Any, mention: Mention, ctx: SentenceContext) -> bool:
    head = span_head(doc, mention.start - ctx.body_start, mention.end - ctx.body_start)
    return bool(_roles(head) & {"speaker", "source"})


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


# ---------------------------------------------------------------- model candidates


def _candidates(frame: _Frame, ctx: SentenceContext, rule: list[Claim]) -> list[Candidate]:
    """Every (trigger, subject) pair the sentence could assert, with its features.

    Triggers are every trigger word of the sentence (`trigger_candidates`); subjects are
    the entities the parse ties to it (grammatical subject, passive agent, the origin
    of goods shipped, the sender of goods received, the speaker), every actor the
    sentence names, and the authority discourse carries in for a sanction.
    """
    sent = frame.sent
    has_weapon = any(m.type is EntityType.WEAPON for m in frame.mentions)
    triggers = trigger_candidates(sent, has_weapon)
    if not triggers and not frame.proposed:
        return []
    top = find_predicate(sent, has_weapon)
    shared = _sentence_features(frame, ctx, rule, triggers, has_weapon)
    out: list[Candidate] = []
    evidence = Evidence(ctx.text[frame.start : frame.end], frame.start, frame.end)
    around = _around(frame, ctx)
    pairs = [(p, t, _candidate_subjects(frame, ctx, p, t, around)) for p, t in triggers]
    for predicate, trigger, subject in frame.proposed:
        if not any(p is predicate and t.i == trigger.i for p, t, _ in pairs):
            pairs.append((predicate, trigger, [(subject, {"rule_only"})]))
    for predicate, trigger, subjects in pairs:
        if _not_asserted(predicate, trigger, triggers):
            continue
        if predicate is Predicate.SANCTION and restates_sanction(sent, trigger):
            continue  # "Those designated are subject to an asset freeze"
        for subject, sources in subjects:
            # The claim's other fields (object, date, source, hedging) are worked out
            # only for the candidates the model keeps (`_finish`): most are dropped.
            claim = Claim(subject.name, predicate, None, evidence)
            feats = dict(shared)
            feats.update(_pair_features(frame, ctx, predicate, trigger, subject, sources))
            feats.update(_rule_features(rule, claim, trigger, top))
            feats["inner_act"] = float(_tells_an_act(trigger, triggers))
            features = crossed(feats, f"p={predicate.value}")
            out.append(Candidate(claim, features, trigger.i, subject))
    return out


def _tells_an_act(trigger: Any, triggers: list[tuple[Predicate, Any]]) -> bool:
    """Whether another trigger, of an act rather than speech, sits under this one ("said
    Iran had sent drones"): what is said is then usually listed as that act, attributed;
    a statement stands as the claim when what is said is no act ("said sanctions are
    no solution")."""
    inside = {t.i for t in trigger.subtree}
    return any(p not in _SPOKEN and t.i != trigger.i and t.i in inside for p, t in triggers)


def _finish(cand: Candidate, frame: _Frame, ctx: SentenceContext) -> Claim:
    """The full claim of a candidate the model kept."""
    trigger = frame.sent.doc[cand.trigger_i]
    return _build_claim(frame, ctx, cand.claim.predicate, trigger, cand.subject)


def _not_asserted(
    predicate: Predicate, trigger: Any, triggers: list[tuple[Predicate, Any]]
) -> bool:
    """Candidates the sentence does not assert, whatever the model would say: "he did not
    say" states nothing; "Tehran denies supplying drones" and "did not specify the drones
    delivered" assert no supply; "agreed to impose sanctions" is the sanction, not a deal."""
    spoken = predicate in _SPOKEN
    if spoken and any(c.dep_ == "neg" for c in trigger.children):
        return predicate is Predicate.STATEMENT
    # Only heads on the trigger's own line: a headline run into the lead governs nothing.
    heads = [h for h in _governors(trigger) if _same_line(h, trigger)]
    negated = any(c.dep_ == "neg" for h in heads for c in h.children)
    denied = any(lemma_predicate(h.lemma_.casefold()) is Predicate.DENIAL for h in heads)
    if not spoken and (negated or denied):
        return True
    if predicate is Predicate.AGREEMENT and trigger.pos_ == "VERB":
        clauses = [set(c.subtree) for c in trigger.children if c.dep_ == "xcomp"]
        return any(t in x for _, t in triggers for x in clauses)
    return False


def _candidate_subjects(
    frame: _Frame,
    ctx: SentenceContext,
    predicate: Predicate,
    trigger: Any,
    around: _Around,
) -> list[tuple[Entity, set[str]]]:
    """Possible subjects of a trigger, each with how it was proposed."""
    found: dict[str, tuple[Entity, set[str]]] = {}

    def add(entity: Entity | None, source: str) -> None:
        # Keyed by name (unique within a document): a demonym's country is the
        # document's entity of that name when there is one. "" is a region's demonym.
        if entity is None or not entity.name:
            return
        entity = around.known.get(entity.name, entity)
        found.setdefault(entity.name, (entity, set()))[1].add(source)

    if is_speech(trigger):
        add(_speaker_entity(trigger, frame, ctx), "speaker")
    add(_origin_of_shipped(trigger), "origin")
    for entity in _parsed_subjects(trigger, frame.actors, ctx):
        add(entity, "parsed")
    for entity, source in around.sentence:
        add(entity, source)
    add(around.carried(predicate), "carried")
    if predicate in (Predicate.SANCTION, Predicate.EXPORT_RESTRICTION):
        add(around.authority, "authority")
    if predicate is Predicate.STATEMENT:
        add(around.speaker, "carried")
    return list(found.values())


@dataclass(slots=True)
class _Around:
    """What every trigger of a sentence shares: the document's entities by name, the
    actors, demonym countries and pointers back the sentence names, and what discourse
    carries in (worked out once per sentence, not per trigger)."""

    known: dict[str, Entity]
    sentence: list[tuple[Entity, str]]
    authority: Entity | None
    speaker: Entity | None
    history: list[Claim]
    _carried: dict[Predicate, Entity | None] = field(default_factory=dict)

    def carried(self, predicate: Predicate) -> Entity | None:
        if predicate not in self._carried:
            self._carried[predicate] = last_subject(self.history, predicate, self.known.values())
        return self._carried[predicate]


def _around(frame: _Frame, ctx: SentenceContext) -> _Around:
    known = {e.name: e for e in ctx.owner.values()}
    sentence: list[tuple[Entity, str]] = [(ctx.owner[m.start], "actor") for m in frame.actors]
    for tok in frame.sent:
        country = demonym_country(tok.text.split("-")[0])
        if country is not None and tok.dep_ in ("amod", "compound"):
            sentence.append((Entity(name=country, type=EntityType.COUNTRY), "demonym"))
        if tok.pos_ == "NOUN" and any(c.lower_ == "the" for c in tok.children):
            named = _named_before(tok, frame, known.values())
            if named is not None:
                sentence.append((named, "anaphor"))
    speaker = last_speaker(ctx.history, known.values())
    return _Around(known, sentence, _main_authority(ctx, known), speaker, ctx.history)


def _named_before(noun: Any, frame: _Frame, entities: Iterable[Entity]) -> Entity | None:
    """The organisation "the institute" or "the department" points back at: the last one
    named before the sentence whose name holds that word."""
    word = noun.lemma_.casefold()
    if len(word) < 4:
        return None
    best: tuple[int, Entity] | None = None
    for e in entities:
        if e.type is not EntityType.ORGANIZATION or word not in e.name.casefold():
            continue
        starts = [m.start for m in e.mentions if m.start < frame.start]
        if starts and (best is None or max(starts) > best[0]):
            best = (max(starts), e)
    return best[1] if best else None


def _main_authority(ctx: SentenceContext, known: dict[str, Entity]) -> Entity | None:
    """The authority behind most of the article's sanctions so far."""
    counts: dict[str, int] = {}
    for claim in ctx.history:
        if claim.predicate in (Predicate.SANCTION, Predicate.EXPORT_RESTRICTION):
            counts[claim.subject] = counts.get(claim.subject, 0) + 1
    if not counts:
        return None
    return known.get(max(counts, key=lambda k: counts[k]))


def _sentence_features(
    frame: _Frame,
    ctx: SentenceContext,
    rule: list[Claim],
    triggers: list[tuple[Predicate, Any]],
    has_weapon: bool,
) -> dict[str, float]:
    # No feature of where the sentence stands in the body: it moved the tuned thresholds
    # from fold to fold and gained nothing out of topic (issue 15).
    sent = frame.sent
    text = str(sent.text)
    return {
        f"nact={bucket(len({ctx.owner[m.start].name for m in frame.actors}))}": 1.0,
        f"ntrig={bucket(len(triggers))}": 1.0,
        "goods": float(mentions_goods(sent, has_weapon)),
        "quotes": float(any(q in text for q in ('"', "“", "”"))),
        "rule_none": float(not rule),
        "according": float(any(p in text.casefold() for p in ("according to", "citing"))),
    }


def _pair_features(
    frame: _Frame,
    ctx: SentenceContext,
    predicate: Predicate,
    trigger: Any,
    subject: Entity,
    sources: set[str],
) -> dict[str, float]:
    feats: dict[str, float] = {f"src={s}": 1.0 for s in sources}
    feats[f"lemma={trigger.lemma_.casefold()}"] = 1.0
    feats[f"tdep={trigger.dep_}"] = 1.0
    feats[f"tpos={trigger.pos_}"] = 1.0
    feats[f"tdepth={bucket(depth(trigger), (0, 1, 2, 3))}"] = 1.0
    feats[f"stype={subject.type.value}"] = 1.0
    feats["outlet"] = float(subject.name in OUTLETS)
    feats["in_quotes"] = float(_inside_quotes(frame.sent, trigger))
    feats["negated"] = float(any(c.dep_ == "neg" for c in trigger.children))
    feats["under_neg"] = float(_negated_frame(trigger))
    feats["under_speech"] = float(any(is_speech(h) for h in trigger.ancestors))
    feats["speech"] = float(is_speech(trigger))
    feats["hedged"] = float(is_hedged(frame.sent, trigger, predicate))
    feats["can_state"] = float(_can_state(frame, ctx, subject, trigger))
    feats["passive"] = float(any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children))
    feats.update(_mood_features(trigger))
    found = _subject_words(frame, ctx, trigger, subject)
    if found is None:
        feats["absent"] = 1.0
        return feats
    mention, head = found
    path = dependency_path(head, trigger)
    feats[f"path={path}"] = 1.0
    feats[f"path1={path.split('^')[0] if '^' in path else path}"] = 1.0
    feats["before"] = float(mention.start < ctx.body_start + trigger.idx)
    feats[f"dist={bucket(abs(head.i - trigger.i), (1, 2, 4, 8, 16))}"] = 1.0
    names = [ctx.owner[m.start].name for m in frame.actors]
    feats["first_actor"] = float(names[0] == subject.name)
    feats["last_actor"] = float(names[-1] == subject.name)
    feats[f"doc_mentions={bucket(len(subject.mentions), (1, 2, 4, 8))}"] = 1.0
    roles = _roles(head)
    feats.update({f"role={r}": 1.0 for r in roles})
    feats["noun_agent"] = float(_agent_of_noun(head, trigger))
    return feats


def _agent_of_noun(head: Any, trigger: Any) -> bool:
    """Whether the words are the doer of a trigger told as a noun: "Iran's delivery of
    missiles", "the delivery of missiles by Iran", "Iranian shipments"."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    if head.head.i == trigger.i and head.dep_ in ("poss", "compound", "amod", "nmod"):
        return True
    by = head.head
    return bool(head.dep_ == "pobj" and by.lower_ == "by" and by.head.i == trigger.i)


_IF = frozenset({"if", "unless"})
_MODALS = frozenset({"will", "would", "could", "may", "might", "can", "should", "shall", "must"})


def _mood_features(trigger: Any) -> dict[str, float]:
    """How the act is told: planned or possible ("will deliver", "could send"), under a
    condition ("if the plant opens"), as a noun or a verb form (tag): annotators list
    what was done, and a plan or a condition often only as what someone said."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else (_clause_verb(trigger) or trigger)
    heads = [verb, *verb.ancestors][:3]
    return {
        f"ttag={trigger.tag_}": 1.0,
        "modal": float(any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children)),
        "conditional": float(any(c.lower_ in _IF for h in heads for c in h.children)),
    }


def _subject_words(
    frame: _Frame, ctx: SentenceContext, trigger: Any, subject: Entity
) -> tuple[Mention, Any] | None:
    """The subject's mention nearest the trigger in the sentence, and its head token."""
    own = [m for m in frame.actors if ctx.owner[m.start] is subject]
    if not own:
        return None
    mention = min(own, key=lambda m: abs(m.start - ctx.body_start - trigger.idx))
    head = span_head(frame.sent.doc, mention.start - ctx.body_start, mention.end - ctx.body_start)
    return mention, head


def _roles(head: Any) -> set[str]:
    """What the subject's words are in their clause: a speaker, an audience ("told
    Reuters"), a source ("according to X"), a possessor, a passive's patient."""
    roles: set[str] = set()
    for tok in [head, *head.ancestors][:4]:
        if tok.dep_ == "nsubj" and is_speech(tok.head):
            roles.add("speaker")
        if tok.dep_ in ("dobj", "dative") and tok.head.lemma_ in _TELLING:
            roles.add("audience")
        if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
            roles.add("source")
        if tok.dep_ == "poss":
            roles.add("possessor")
        if tok.dep_ == "nsubjpass" or (tok.dep_ == "nsubj" and tok.head.lemma_ in _UNDERGOING):
            roles.add("patient")  # "were designated", "now face asset freezes"
    if _recipient(head):
        roles.add("recipient")
    return roles


# Verbs whose subject undergoes what the object names ("X faces sanctions").
_UNDERGOING = frozenset({"face", "suffer", "undergo", "incur"})
# Verbs whose direct object is who gets the goods: "provide Ukraine with missiles".
_ENDOWING = frozenset({"provide", "supply", "arm", "equip", "furnish", "give", "send", "sell"})


_GETTING = frozenset({"receive", "get", "obtain", "accept"})


def _recipient(head: Any) -> bool:
    """Whether the words are whom goods go to ("delivered to Ukraine", "sent into Russia",
    "provide Ukraine with shells", "gave Russia drones"): the goal of a transfer, which
    is never its doer."""
    if head.dep_ == "pobj" and head.head.lower_ in ("to", "into") and head.head.dep_ == "prep":
        return lemma_predicate(head.head.head.lemma_.casefold()) is not None
    if head.dep_ == "nsubj" and head.head.lemma_.casefold() in _GETTING:
        return True  # "Sudan received shipments of the Mohajer-6"
    if head.dep_ in ("dative", "dobj") and head.head.lemma_.casefold() in _ENDOWING:
        verb = head.head
        return head.dep_ == "dative" or any(
            c.dep_ == "prep" and c.lower_ == "with" for c in verb.children
        )
    return False


def _rule_features(
    rule: list[Claim], claim: Claim, trigger: Any, top: tuple[Predicate, Any] | None
) -> dict[str, float]:
    same_p = [c for c in rule if c.predicate is claim.predicate]
    return {
        "rule": float(any(c.subject == claim.subject for c in same_p)),
        "rule_pred": float(bool(same_p)),
        "rule_subj": float(any(c.subject == claim.subject for c in rule)),
        "top_trigger": float(top is not None and top[1].i == trigger.i),
    }
