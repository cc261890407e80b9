"""Claims on small sentences written for these tests, offsets, and boilerplate exclusion."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dossier.extract.claims import _negated_frame
from dossier.extract.pipeline import extract_document, extract_parsed
from dossier.extract.triggers import trigger_candidates
from dossier.ingest import read_paths
from dossier.model import Claim, Document, Extraction, Predicate
from dossier.pipeline import Analyzer


def _extract(nlp: Any, text: str, published: str | None = "2023-03-02") -> Extraction:
    doc = Document(id="t", text=text, published=published, body_end=len(text))
    return extract_document(doc, nlp)


def _only_claim(nlp: Any, text: str) -> Claim:
    claims = _extract(nlp, text).claims
    assert len(claims) == 1, claims
    return claims[0]


@pytest.mark.parametrize(
    ("text", "predicate", "subject"),
    [
        ("Iran has supplied drones to Russia.", Predicate.SUPPLY, "Iran"),
        ("Drones were delivered to Russia by Iran.", Predicate.SUPPLY, "Iran"),
        ("Tehran denies supplying the drones to Moscow.", Predicate.DENIAL, "Iran"),
        (
            "Britain imposed sanctions on three Iranian generals.",
            Predicate.SANCTION,
            "United Kingdom",
        ),
        ("Officials said Iran is preparing to send missiles to Russia.", Predicate.SUPPLY, "Iran"),
        ("Iran has sent drone trainers to Russia.", Predicate.OTHER, "Iran"),
        ("Iran is training Russian troops to fly drones in Crimea.", Predicate.OTHER, "Iran"),
        ("The Russian side officially denies these accusations.", Predicate.DENIAL, "Russia"),
        ("Iran stated that it has not sold weapons to Russia.", Predicate.DENIAL, "Iran"),
        ("Russia will likely receive more drones from Iran.", Predicate.SUPPLY, "Iran"),
        ("Russia has launched dozens of drones on Ukraine.", Predicate.USE_IN_ATTACK, "Russia"),
        ("Ukrainian officials said they had shot down 300 drones.", Predicate.OTHER, "Ukraine"),
        (
            "A shipment of Iranian-made drones has been delivered to Russia.",
            Predicate.SUPPLY,
            "Iran",
        ),
        (
            "According to the newspaper, the Iranian delegation visited Yelabuga.",
            Predicate.VISIT,
            "Iran",
        ),
    ],
)
def test_claim_predicate_and_subject(
    nlp: Any, text: str, predicate: Predicate, subject: str
) -> None:
    claim = _only_claim(nlp, text)
    assert (claim.predicate, claim.subject) == (predicate, subject)


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        ("Iran has supplied drones to Russia.", False),
        ("Iran reportedly supplied drones to Russia.", True),
        ("Iran is preparing to send drones to Russia.", True),
        ("Russia may receive more drones from Iran.", True),
        ("Iran plans to send missiles to Russia.", True),
        ("Officials said Iran has sent drones to Russia.", False),
        ("Iran denied plans to send missiles to Russia.", False),
        ("Britain is to take sanction action against Iran over drones.", True),
    ],
)
def test_claim_hedging(nlp: Any, text: str, hedged: bool) -> None:
    assert _only_claim(nlp, text).hedged is hedged


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Iran has sent drones to Russia, according to Western officials.", "Western officials"),
        (
            "Citing intelligence sources, Reuters said Iran shipped drones to Russia.",
            "intelligence",
        ),
        ("Ukrainian officials said Iran had sent drones to Russia.", "Ukrainian officials"),
        ("Iran has sent drones to Russia.", None),
    ],
)
def test_claim_attribution(nlp: Any, text: str, source: str | None) -> None:
    attributed = _only_claim(nlp, text).attributed_to
    if source is None:
        assert attributed is None
    else:
        assert attributed is not None
        assert source in attributed


def test_headline_without_full_stop_makes_no_claim(nlp: Any) -> None:
    text = "Iran sends drones to Russia\n\nNothing else happened today."
    assert _extract(nlp, text).claims == []


def test_offsets_index_the_document_text(nlp: Any) -> None:
    text = "HEADER LINE\n" + "Iran has supplied Shahed-136 drones to Russia. The EU condemned it."
    doc = Document(id="t", text=text, body_start=12, body_end=len(text))
    result = extract_document(doc, nlp)
    for claim in result.claims:
        ev = claim.evidence
        assert text[ev.start : ev.end] == ev.text
    for entity in result.entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text
            assert doc.body_start <= m.start < m.end <= doc.body_end


def test_seed_000_reader_comment_yields_nothing(nlp: Any, shared: Path) -> None:
    path = next((shared / "corpus").glob("000_*.txt"))
    docs = [d for d in read_paths([path]) if isinstance(d, Document)]
    assert len(docs) == 1
    cut = docs[0].text.find("1. When two garbage countries")
    assert cut > 0
    (result,) = Analyzer(nlp).analyse(docs)
    assert result.entities
    assert result.claims
    starts = [m.start for e in result.entities for m in e.mentions]
    starts += [c.evidence.start for c in result.claims]
    assert max(starts) < cut


def test_quoted_sentence_without_verb_continues_the_last_speaker(nlp: Any) -> None:
    text = (
        'John Kirby said "Iran is helping Russia." '
        '"We will enforce all sanctions on Iran and Russia."'
    )
    claims = _extract(nlp, text).claims
    assert [(c.predicate, c.subject) for c in claims] == [
        (Predicate.STATEMENT, "John Kirby"),
        (Predicate.STATEMENT, "John Kirby"),
    ]


def test_pronoun_speaker_is_the_last_person(nlp: Any) -> None:
    text = 'Charles Michel spoke in Brussels. "We act against Iran," he said.'
    claims = _extract(nlp, text).claims
    assert [(c.predicate, c.subject) for c in claims] == [(Predicate.STATEMENT, "Charles Michel")]


@pytest.mark.parametrize(
    "second",
    [
        "Two Iranian generals have also been sanctioned.",
        "Their managers were sanctioned.",
        "Shahed Aviation Industries is subject to an asset freeze.",
    ],
)
def test_sanction_told_from_its_target_carries_the_last_sanctioner(nlp: Any, second: str) -> None:
    text = f"Britain imposed sanctions on three Iranian companies over drones. {second}"
    claims = _extract(nlp, text).claims
    assert [(c.predicate, c.subject) for c in claims] == [
        (Predicate.SANCTION, "United Kingdom"),
        (Predicate.SANCTION, "United Kingdom"),
    ]


def test_passive_sanction_without_an_earlier_sanctioner_carries_nothing(nlp: Any) -> None:
    assert _extract(nlp, "Their managers were sanctioned.").claims == []


def test_the_accused_is_the_subject_and_the_claim_is_hedged(nlp: Any) -> None:
    claims = _extract(nlp, "Ukraine accused Iran of delivering drones to Russia.").claims
    # The accusation itself may be listed as Ukraine's statement (as the annotators do);
    # the delivery is Iran's, alleged, and never Ukraine's or Russia's.
    supply = [c for c in claims if c.predicate is Predicate.SUPPLY]
    assert [(c.subject, c.hedged) for c in supply] == [("Iran", True)]
    assert {c.subject for c in claims} <= {"Iran", "Ukraine"}


def test_agreeing_to_impose_sanctions_is_a_planned_sanction(nlp: Any) -> None:
    claim = _only_claim(nlp, "The European Union provisionally agreed to impose sanctions on Iran.")
    assert (claim.predicate, claim.hedged) == (Predicate.SANCTION, True)


def test_a_coordinated_denial_speaks_for_its_own_subject(nlp: Any) -> None:
    text = "Ukraine reported Russian drone attacks, while the Kremlin denied using Iranian drones."
    claims = [c for c in _extract(nlp, text).claims if c.predicate is Predicate.DENIAL]
    assert [(c.subject, c.attributed_to) for c in claims] == [("Russia", "the Kremlin")]


def test_the_newspaper_is_the_outlet_named_before(nlp: Any) -> None:
    text = (
        "The Washington Post reported on the talks. "
        "According to the interlocutors of the publication, Iran sent drones to Russia."
    )
    claims = [c for c in _extract(nlp, text).claims if c.predicate is Predicate.SUPPLY]
    assert [(c.subject, c.attributed_to) for c in claims] == [("Iran", "The Washington Post")]


@pytest.mark.parametrize(
    "text",
    [
        "Russia and Iran plan to launch an enterprise to make drones in Yelabuga.",
        "Drones have played a role since Russia launched its invasion of Ukraine.",
    ],
)
def test_launching_something_other_than_weapons_is_no_attack(nlp: Any, text: str) -> None:
    predicates = {c.predicate for c in _extract(nlp, text).claims}
    assert Predicate.USE_IN_ATTACK not in predicates


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("On July 16, CNN reported that a Russian delegation visited Iran.", None),
        (
            "On July 11, the United States reported that Iran would send drones to Russia.",
            "2022-07-11",
        ),
        ("Iran sent drones to Russia on July 11.", "2022-07-11"),
    ],
)
def test_a_report_date_is_not_the_date_of_a_past_act(nlp: Any, text: str, date: str | None) -> None:
    claims = _extract(nlp, text, published="2022-11-01").claims
    assert [c.date for c in claims if c.predicate is not Predicate.STATEMENT] == [date]


def test_an_organisation_speaking_makes_a_statement(nlp: Any) -> None:
    claim = _only_claim(nlp, "A European Commission spokesperson said the EU should act on Iran.")
    assert (claim.predicate, claim.subject) == (Predicate.STATEMENT, "European Commission")


def test_a_retold_story_is_attributed_to_its_outlet_up_to_the_last_citation(nlp: Any) -> None:
    text = (
        "The United States has imposed sanctions on four Iranian companies over drones. "
        "This is reported by Reuters. "
        "Earlier, Britain imposed sanctions on Iran over drones."
    )
    claims = _extract(nlp, text).claims
    assert [(c.subject, c.attributed_to) for c in claims] == [
        ("United States", "Reuters"),
        ("United Kingdom", None),
    ]


def test_a_single_outlet_citation_carries_nothing(nlp: Any) -> None:
    text = (
        "The United States has imposed sanctions on Iran over drones. "
        "Iran sent drones to Russia, according to Reuters."
    )
    claims = _extract(nlp, text).claims
    assert [c.attributed_to for c in claims] == [None, "Reuters"]


def test_condemning_a_delivery_claims_no_delivery(nlp: Any) -> None:
    text = "The European Union condemns the delivery of Iranian drones to Russia."
    # Condemning is the EU speaking; it asserts no delivery by anyone.
    claims = _extract(nlp, text).claims
    assert all(c.predicate is Predicate.STATEMENT for c in claims)
    assert {c.subject for c in claims} <= {"European Union"}


def test_citing_a_reason_is_no_source(nlp: Any) -> None:
    text = "Britain added Shahed Aviation Industries to its sanctions list, citing drone supplies."
    claim = _only_claim(nlp, text)
    assert (claim.predicate, claim.subject, claim.attributed_to) == (
        Predicate.SANCTION,
        "United Kingdom",
        None,
    )


@pytest.mark.parametrize(
    "second",
    [
        "Those designated are subject to an asset freeze.",
        "John Kirby did not say if the drones were supplied to Russia.",
        "He did not specify the make of the drones delivered to Russia.",
    ],
)
def test_restatements_and_negated_frames_make_no_claim(nlp: Any, second: str) -> None:
    text = f"Britain imposed sanctions on three Iranian companies over drones. {second}"
    claims = _extract(nlp, text).claims
    assert [c.subject for c in claims] == ["United Kingdom"]


def test_unnamed_reports_are_the_source(nlp: Any) -> None:
    claim = _only_claim(
        nlp, "The move comes amid reports that Russia has used drones to strike Kyiv."
    )
    assert (claim.subject, claim.attributed_to) == ("Russia", "reports")


def test_a_headline_line_does_not_hedge_or_source_the_lead(nlp: Any) -> None:
    text = (
        "Iran's diplomat denies reports Tehran plans to send missiles\n"
        "The UK government imposed sanctions on three Iranian generals over drones."
    )
    claims = _extract(nlp, text).claims
    assert [(c.subject, c.attributed_to, c.hedged) for c in claims] == [
        ("United Kingdom", None, False)
    ]


def test_a_person_speaking_about_an_act_makes_a_statement(nlp: Any) -> None:
    text = "Czech Prime Minister Petr Fiala said the sanctions were aimed at drone makers."
    claim = _only_claim(nlp, text)
    assert (claim.predicate, claim.subject) == (Predicate.STATEMENT, "Petr Fiala")


@pytest.mark.parametrize(
    ("text", "subject", "obj"),
    [
        # the receiver is the object, the sender the subject; the teller is neither
        ("Russia has received Shahed-136 drones from Iran, the Pentagon said.", "Iran", "Russia"),
        # the doer of a relative clause is the noun it hangs from, not the department
        (
            "Officials named Mado Industrial Group, which the department said shipped "
            "drone engines to Russia.",
            "Mado Industrial Group",
            "Russia",
        ),
    ],
)
def test_supplier_and_receiver_keep_their_direction(
    nlp: Any, text: str, subject: str, obj: str
) -> None:
    supply = [c for c in _extract(nlp, text).claims if c.predicate is Predicate.SUPPLY]
    assert all((c.subject, c.object) == (subject, obj) for c in supply), supply


def test_a_measure_against_a_list_is_one_claim_per_target(nlp: Any) -> None:
    text = (
        "The UK sanctioned Qods Aviation Industries and the Islamic Revolutionary Guard "
        "Corps over drones."
    )
    sanctions = [c for c in _extract(nlp, text).claims if c.predicate is Predicate.SANCTION]
    assert {c.subject for c in sanctions} == {"United Kingdom"}
    assert {c.object for c in sanctions} == {
        "Qods Aviation Industries",
        "Islamic Revolutionary Guard Corps",
    }


def test_an_undated_measure_is_of_the_news_day(nlp: Any) -> None:
    text = "Britain imposed sanctions on three Iranian generals over drones."
    (claim,) = _extract(nlp, text, published="2024-05-01").claims
    assert claim.date == "2024-05-01"
    assert _extract(nlp, text, published=None).claims[0].date is None


def test_a_quotation_running_on_keeps_its_speaker_as_source(nlp: Any) -> None:
    text = (
        'Penny Wong said: "We stand with Ukraine." '
        '"The delivery of ballistic missiles by Iran to Russia shows its role."'
    )
    supply = [c for c in _extract(nlp, text).claims if c.predicate is Predicate.SUPPLY]
    assert all(c.attributed_to == "Penny Wong" for c in supply)


def test_an_authority_announcing_its_own_measure_is_no_separate_source(nlp: Any) -> None:
    text = "The UK said it had sanctioned Iran Air over drone deliveries to Russia."
    sanctions = [c for c in _extract(nlp, text).claims if c.predicate is Predicate.SANCTION]
    assert sanctions
    assert all(c.attributed_to is None for c in sanctions)


def test_issue15_an_allegation_in_the_reason_does_not_hedge_the_measure(nlp: Any) -> None:
    text = "Britain imposed sanctions on Acme Trading for allegedly supplying drones to Russia."
    sanctions = [c for c in _extract(nlp, text).claims if c.predicate is Predicate.SANCTION]
    assert [(c.subject, c.hedged) for c in sanctions] == [("United Kingdom", False)]


def test_issue15_a_pronoun_in_a_reported_clause_is_its_speaker(nlp: Any) -> None:
    text = "Germany announced on Monday that it would deliver two Patriot systems to Ukraine."
    supply = [c for c in _extract(nlp, text).claims if c.predicate is Predicate.SUPPLY]
    assert [c.subject for c in supply] == ["Germany"]


def test_a_later_date_of_the_act_dates_it_when_the_first_is_the_report(nlp: Any) -> None:
    text = (
        "US Central Command said in a statement on Tuesday that it seized Iranian weapons"
        " bound for the Houthis on July 11."
    )
    acts = [
        c
        for c in _extract(nlp, text, published="2022-11-01").claims
        if c.predicate is not Predicate.STATEMENT
    ]
    assert acts
    assert all(c.date == "2022-07-11" for c in acts)


def test_a_participle_qualifying_a_noun_is_not_the_day_s_measure(nlp: Any) -> None:
    text = "In response, the United Kingdom has unveiled sanctions packages targeting Iran."
    claims = _extract(nlp, text, published="2024-05-01").claims
    assert all(c.date is None for c in claims if c.predicate is Predicate.SANCTION)


def test_what_a_passive_reporting_verb_speaks_of_is_not_its_speaker(nlp: Any) -> None:
    text = "Iran did not supply the launchers that Tehran is said to have provided to Moscow."
    assert all(c.attributed_to != "Tehran" for c in _extract(nlp, text).claims)


@pytest.mark.parametrize(
    "text",
    [
        "Iran sent drones to Russia for the offensive, which began in August.",
        # a clause under a verb trigger dates its own event, not the trigger's
        "Iran sent drones to Russia after Moscow asked for them in August.",
    ],
)
def test_issue15_a_date_of_another_clause_does_not_date_the_act(nlp: Any, text: str) -> None:
    supply = [c for c in _extract(nlp, text).claims if c.predicate is Predicate.SUPPLY]
    assert supply
    assert all(c.date is None for c in supply)


def test_issue15_a_report_of_a_past_promise_does_not_date_the_act(nlp: Any) -> None:
    text = (
        "On April 18, the newspaper reported that Britain had promised"
        " to provide missiles to Ukraine."
    )
    supply = [c for c in _extract(nlp, text).claims if c.predicate is Predicate.SUPPLY]
    assert supply
    assert all(c.date is None for c in supply)


def _rule_claims(nlp: Any, text: str) -> list[tuple[Predicate, str]]:
    doc = Document(id="t", text=text, published="2023-03-02", body_end=len(text))
    found = extract_parsed(doc, nlp(doc.body), claim_model=None)
    return [(c.predicate, c.subject) for c in found.claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject of a passive controls the complement under it
        (
            "According to Ukraine, Iran is believed to have sent drones to Russia.",
            (Predicate.SUPPLY, "Iran"),
        ),
        # a clause coordinated with its own subject is not under the first one's negation
        (
            "The route was not disclosed, but Iran is believed to have smuggled weapons to Syria.",
            (Predicate.SUPPLY, "Iran"),
        ),
        # a clause an evaluative verb takes as its complement is reported, not judged
        (
            "Iran has supplied drones to Sudan, Bloomberg cited officials.",
            (Predicate.SUPPLY, "Iran"),
        ),
        ("Russia continues to arm Malian forces.", (Predicate.SUPPLY, "Russia")),
    ],
)
def test_rule_claims_of_grammatical_classes(
    nlp: Any, text: str, expected: tuple[Predicate, str]
) -> None:
    assert expected in _rule_claims(nlp, text)


def test_a_conjunct_verb_shares_its_head_negation_unless_it_has_its_own_subject(
    nlp: Any,
) -> None:
    shared = nlp("He did not say whether Iran would send or sell drones to Russia.")
    own = nlp("He did not say it, but Iran sold drones to Russia.")
    assert _negated_frame(next(t for t in shared if t.lower_ == "sell"))
    assert not _negated_frame(next(t for t in own if t.lower_ == "sold"))


def test_arms_as_a_noun_is_goods_not_a_trigger(nlp: Any) -> None:
    doc = nlp("Iran sells arms to Russia.")
    found = {tok.lower_ for _, tok in trigger_candidates(doc[:], has_weapon=False)}
    assert "sells" in found
    assert "arms" not in found
