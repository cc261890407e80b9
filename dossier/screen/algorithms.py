"""The name score: rare-token-weighted alignment of two names, with its explanation.

Both names are transliterated to Latin and split into tokens; each token weighs its
rarity (inverse document frequency in the loaded lists, or 1 with a low built-in
weight for legal forms and filler words when no lists are at hand). Tokens are
aligned one-to-one by spelling, sound, initial or consonant skeleton. Then:

- `similarity`: weighted mean similarity of the aligned tokens;
- `substitution`: both names keep unaligned tokens (a different surname or father's
  name), which is strong evidence of two parties: the score falls with the share
  left unaligned;
- `extra_tokens`: only one name has more tokens (a middle name, a longer legal
  name): a milder penalty, milder still when the short name is the head of the long
  one ("Paravar" of "Paravar Pars Company"), harsher when the long name of an
  organisation leads with the extra words (its tail names the body it belongs to);
- `numbers`: names that carry numbers must carry the same ones;
- `initials`: an acronym stands for the run of words it spells ("US"/"United States");
- `joined`: names equal once spaces are dropped ("Pol Pot", "PolPot") score high, and
  so do names one typo apart without spaces ("FridrichBuchenberg") or, from a script
  without short vowels, with the same consonants ("عبد الله", "Abdullah");
- names written only in Han characters or Hangul on both sides compare character by
  character (homophones are different names); against a name in Latin letters, such
  a name is compared by its best Latin reading (`readings`: Mandarin, Japanese or
  Korean), a guess at its language only when all its words align; a name with
  alternatives ("A/B") is compared by its best alternative; titles ("President") do
  not count in a person's name;
- a person's single given name never matches a full name on its own, and no
  one-word person's name matches when its word is common in the lists.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from dossier.screen.features import (
    MIN_TOKEN_SIMILARITY,
    TokenPair,
    align_tokens,
    collapse_country_forms,
    collapse_initials,
    country_of,
    forms_substituted,
    joined_edits,
    merge_split_tokens,
    numbers_disagree,
    patronyms_swapped,
    qualifiers_conflict,
    repeat_left_over,
    token_similarity,
    unaligned_countries,
)
from dossier.screen.legal_forms import remove_person_prefixes
from dossier.screen.names import (
    collapse_body_kinds,
    ideographs,
    is_abjad,
    is_filler,
    is_patronymic,
    name_tokens,
    reorder_person,
    skeleton,
)
from dossier.screen.readings import Reading, latin_readings

Weigher = Callable[[str], float]

SUBSTITUTION_POWER = 2.0
EXTRA_PENALTY = {"Person": 0.35, "Organization": 0.6}
# Chosen on the name-bench pairs split by row parity: 0.3 and 0.45 score alike on both
# halves (F1 0.898 even rows / 0.867 odd rows), 0.6 loses (0.896 / 0.859); the stricter
# 0.45 lets fewer made-up names match a one-word list name ("Sara Ray" ~ "SARA").
HEAD_EXTRA_PENALTY = 0.45
# An organisation's short name that is only the tail of the long one ("X under the
# Y" vs "Y") loses the whole unaligned share: the head names a different body.
LEADING_EXTRA_PENALTY = 1.0
SINGLE_TOKEN_PERSON_CAP = 0.7
# A one-word person's name identifies only if its word is rare: weight 0.7 is a word
# carried by about one list name in seven hundred.
COMMON_SINGLE_WEIGHT = 0.7
JOINED_SCORE = 0.95
# Names one typo apart once spaces are dropped, or with the same consonant skeleton
# across scripts: as good as a one-typo token (`features.token_similarity`).
JOINED_TYPO_SCORE = 0.9
JOINED_TYPO_MIN_LENGTH = 8
# A number only one organisation's name carries ("Management Company 23") names a
# different body (a series, a fund vintage): the score stays well below a match.
NUMBER_EXTRA_CAP = 0.5
PATRONYM_SWAP_CAP = 0.5
# Names that carry different numbers ("Shahed-129" / "Shahed-136") are different
# things; the rest of the names still scores, under the match line, for the model.
NUMBERS_CAP = 0.5
# An alternative reading of a name counts only when all of its words align this well.
FULL_COVERAGE = 0.999
# Calibration: the raw score where matches and non-matches of judged name pairs
# separate best (0.71) is mapped to the match threshold (0.8) by a monotone
# piecewise-linear map, so `score >= 0.8` means "match" for compare and screen alike.
RAW_CUT = 0.71
MATCH_CUT = 0.8
# Under this score two names are not the same party and the learned scorer is not
# asked (`model.MODEL_FLOOR`): the evidence it reads is gathered only from here up.
EVIDENCE_FROM = 0.3


@dataclass(frozen=True, slots=True)
class NameScore:
    """A score in [0, 1] and what produced it."""

    score: float
    explanation: dict[str, object]


def default_weight(token: str) -> float:
    """Without list statistics: legal forms and fillers weigh 0.1, other tokens 1."""
    return 0.1 if is_filler(token) else 1.0


def compare_names(
    query: str,
    candidate: str,
    weight: Weigher = default_weight,
    schema: str = "Any",
    explain: bool = True,
    explain_from: float = 0.0,
) -> NameScore:
    """Score how likely two names name the same party (in [0, 1]).

    `SURNAME, Given` forms are tried both ways; the best reading wins. Without
    `explain`, or below `explain_from`, the explanation holds only the features
    (screening explains token by token only the matches it returns); below
    `explain_from` the features are not rounded (`rounded`).
    """
    explain_at = explain_from if explain else math.inf
    scored = [
        _compare_one(q, c, weight, schema, explain_at)
        for q in _alternatives(query)
        for c in _alternatives(candidate)
    ]
    best = max(scored, key=lambda s: s.score)
    features = best.explanation.get("features")
    if query.isupper() and isinstance(features, dict):
        features["query_capitals"] = 1.0  # the query's casing: "IRGC" is an acronym
    return rounded(best) if not explain else best


def rounded(scored: NameScore) -> NameScore:
    """A score with its features rounded for display (below `explain_from` they are
    left as computed: screening rounds only the few it returns)."""
    features = scored.explanation.get("features")
    if not isinstance(features, dict):
        return scored
    shown = {k: round(v, 3) for k, v in features.items()}
    return NameScore(scored.score, {**scored.explanation, "features": shown})


def _compare_one(
    query: str, candidate: str, weight: Weigher, schema: str, explain_at: float
) -> NameScore:
    ideo_q, ideo_c = ideographs(query), ideographs(candidate)
    if ideo_q is not None and ideo_c is not None:
        return _score(ideo_q, ideo_c, weight, schema, False, explain_at)
    read_q, read_c = latin_readings(query), latin_readings(candidate)
    if read_q or read_c:
        as_written_q, as_written_c = (Reading("", query),), (Reading("", candidate),)
        return _best_reading(
            read_q or as_written_q, read_c or as_written_c, weight, schema, explain_at
        )
    return _compare_latin(query, candidate, weight, schema, explain_at)


def _best_reading(
    read_q: tuple[Reading, ...],
    read_c: tuple[Reading, ...],
    weight: Weigher,
    schema: str,
    explain_at: float,
) -> NameScore:
    """The best score over the readings of each side; the explanation says which won."""
    scored = [
        (_compare_latin(rq.latin, rc.latin, weight, schema, explain_at), rq, rc)
        for rq in read_q
        for rc in read_c
        if _may_hold(rq, rc) and _may_hold(rc, rq)
    ]
    scored = [
        s
        for s in scored
        if _reading_holds(s[0], s[1], "query") and _reading_holds(s[0], s[2], "name")
    ]
    if not scored:
        return NameScore(0.0, {"features": {}, "reason": "no reading aligns"})
    best, rq, rc = max(scored, key=lambda s: s[0].score)
    reading = {
        side: {"language": r.language, "latin": r.latin}
        for side, r in (("query", rq), ("name", rc))
        if r.language
    }
    return NameScore(best.score, {**best.explanation, "reading": reading})


def _may_hold(reading: Reading, other: Reading) -> bool:
    """A cheap test that an alternative reading could align all its words: each word is
    like a word of the other name, or part of one, or the other's word part of it."""
    if not reading.alternative:
        return True
    words, others = name_tokens(reading.latin), name_tokens(other.latin)
    skeletal = is_abjad(other.latin)
    return len(words) >= 2 and all(
        any(
            o.startswith(w)
            or o.endswith(w)
            or w.startswith(o)
            or w.endswith(o)
            or token_similarity(w, o, skeletal) >= MIN_TOKEN_SIMILARITY
            for o in others
        )
        for w in words
    )


def _reading_holds(scored: NameScore, reading: Reading, side: str) -> bool:
    """Whether a reading may stand for its name: the name's own reading always, an
    alternative one only if all of its two or more words align (more guesses at a
    name's language are more chances of a chance likeness, "Oki" for 王毅)."""
    if not reading.alternative:
        return True
    features = scored.explanation.get("features")
    if not isinstance(features, dict) or len(reading.latin.split()) < 2:
        return False
    return "joined" in features or float(features.get(f"{side}_coverage", 0.0)) >= FULL_COVERAGE


def _compare_latin(
    query: str, candidate: str, weight: Weigher, schema: str, explain_at: float
) -> NameScore:
    skeletal = is_abjad(query) or is_abjad(candidate)
    if "," not in query and "," not in candidate:  # one reading (the common case)
        return _score(
            _tokens(query, schema), _tokens(candidate, schema), weight, schema, skeletal, explain_at
        )
    readings = {(query, candidate), (query, reorder_person(candidate))}
    readings.add((reorder_person(query), candidate))
    best = NameScore(-1.0, {})
    for q, c in sorted(readings):
        q_tokens, c_tokens = _tokens(q, schema), _tokens(c, schema)
        scored = _score(q_tokens, c_tokens, weight, schema, skeletal, explain_at)
        if scored.score > best.score:
            best = scored
        if best.score >= 1.0:
            break  # no reading scores higher
    return best


def _alternatives(name: str) -> list[str]:
    """A name and, if it lists alternatives ("Al-Qa'ida/Islamic Army"), each of them."""
    if "/" not in name:
        return [name]
    parts = [p.strip() for p in name.split("/")]
    # "A/S" and "w/o" are abbreviations, not alternatives
    if len(parts) < 2 or any(sum(ch.isalpha() for ch in p) < 4 for p in parts):
        return [name]
    return [name, *parts]


@lru_cache(maxsize=200_000)
def _tokens(name: str, schema: str) -> tuple[str, ...]:
    """Name tokens; a person's leading titles ("President", "Dr") dropped."""
    tokens = name_tokens(name)
    if schema != "Person" or not tokens:
        return tokens
    return tuple(remove_person_prefixes(" ".join(tokens)).split()) or tokens


def _score(
    q: tuple[str, ...],
    c: tuple[str, ...],
    weight: Weigher,
    schema: str,
    skeletal: bool,
    explain_at: float,
) -> NameScore:
    # How the words were regrouped is kept as a signal: the learned scorer (`model`)
    # weighs an acronym or a joined word by what it has seen them be worth.
    signals: dict[str, float] = {}
    if schema != "Person" or min(len(q), len(c)) > 1:
        # initials stand for a person's given names ("JC Juncker"), never the whole ("N.N.")
        collapsed = collapse_initials(q, c)
        grouped = collapsed, collapse_initials(collapsed, q)
        if grouped != (c, q):
            signals["acronym"] = 1.0
        c, q = grouped
    if not q or not c:
        return NameScore(0.0, {"reason": "empty name"})
    joined_c = merge_split_tokens(c, q)
    merged = joined_c, merge_split_tokens(q, joined_c)
    if merged != (c, q):
        signals["regrouped"] = 1.0
    c, q = merged
    if schema != "Person":
        c, q = collapse_country_forms(c, q), collapse_country_forms(q, c)
        c, q = collapse_body_kinds(c, q), collapse_body_kinds(q, c)
    if skeletal:
        signals["skeletal"] = 1.0
    disagree = numbers_disagree(q, c)
    if disagree:
        signals["numbers_disagree"] = 1.0
    if "".join(q) == "".join(c) and not disagree:
        score = 1.0 if q == c else JOINED_SCORE
        joined = {"joined": score, **signals, **_shape(q, c)}
        return NameScore(score, {"features": joined, "joined": q != c})
    pairs = align_tokens(q, c, skeletal)
    weights = {t: weight(t) for t in (*q, *c)}
    features = _features(q, c, pairs, weights, schema)
    features.update(signals)
    score = round(calibrate(max(0.0, min(1.0, features["similarity"] * features["penalty"]))), 4)
    if disagree:  # the rest of the names still tells the model how alike they are
        score = min(score, NUMBERS_CAP)
    if score >= EVIDENCE_FROM:  # what the learned scorer reads (`model`), where it scores
        features.update(_evidence(q, c, pairs, weights, schema))
    if disagree:  # "Fund VII" / "Fund VIII" are kin, not one: scored at most `NUMBERS_CAP`
        return NameScore(score, {"features": features, "numbers_disagree": True})
    if score < JOINED_TYPO_SCORE and _joined_alike(q, c, skeletal):
        features = {"joined": JOINED_TYPO_SCORE, "joined_typo": 1.0, **signals, **_shape(q, c)}
        return NameScore(JOINED_TYPO_SCORE, {"features": features, "joined": True})
    if score < explain_at:  # features rounded once, for the best reading (`compare_names`)
        return NameScore(score, {"features": features})
    return NameScore(score, _explain(q, c, pairs, weight, features))


def _joined_alike(q: tuple[str, ...], c: tuple[str, ...], skeletal: bool) -> bool:
    """Names split differently that are one typo apart, or share their consonants."""
    if len(q) == len(c) or any(not t.isalpha() for t in (*q, *c)):
        return False
    if skeletal:
        bare = skeleton("".join(q))
        return len(bare) >= 3 and bare == skeleton("".join(c))
    shortest = min(sum(map(len, q)), sum(map(len, c)))
    return shortest >= JOINED_TYPO_MIN_LENGTH and joined_edits(q, c) <= 1


def calibrate(raw: float) -> float:
    """Map a raw score in [0, 1] onto the scale where `MATCH_CUT` is the match line."""
    if raw <= RAW_CUT:
        return raw * MATCH_CUT / RAW_CUT
    return MATCH_CUT + (raw - RAW_CUT) * (1.0 - MATCH_CUT) / (1.0 - RAW_CUT)


def _features(
    q: tuple[str, ...],
    c: tuple[str, ...],
    pairs: list[TokenPair],
    weights: dict[str, float],
    schema: str,
) -> dict[str, float]:
    wq = sum(weights[t] for t in dict.fromkeys(q))
    wc = sum(weights[t] for t in dict.fromkeys(c))
    mq = mc = matched = 0.0
    for p in pairs:
        mq += weights[p.query]
        mc += weights[p.candidate]
        matched += (weights[p.query] + weights[p.candidate]) * p.similarity
    similarity = matched / (mq + mc) if pairs else 0.0
    fq, fc = (mq / wq if wq else 0.0), (mc / wc if wc else 0.0)
    features = {"similarity": similarity, "query_coverage": fq, "name_coverage": fc}
    if fq < 0.999 and fc < 0.999 and not _forms_only(q, c, pairs, schema):
        features["substitution"] = min(fq, fc) ** SUBSTITUTION_POWER
    elif min(fq, fc) < 0.999:
        k = _extra_penalty_for(q, c, pairs, fc < fq, similarity, schema)
        features["extra_tokens"] = 1.0 - k * (1.0 - min(fq, fc))
    penalty = features.get("substitution", 1.0) * features.get("extra_tokens", 1.0)
    features["penalty"] = _capped(q, c, pairs, penalty, similarity, min(wq, wc), schema)
    if features["penalty"] < penalty:
        features["capped"] = 1.0
    if schema == "Person" and patronyms_swapped(q, c, pairs):
        features["patronyms_swapped"] = 1.0  # a weight of its own, apart from other caps
    features.update(_shape(q, c))
    return features


def _forms_only(
    q: tuple[str, ...], c: tuple[str, ...], pairs: list[TokenPair], schema: str
) -> bool:
    """Whether an organisation's names differ only by their legal forms (each keeps one
    the other lacks): one form written another way, scored as an extra word, not as a
    substituted name (`features.forms_substituted`)."""
    return schema != "Person" and forms_substituted(q, c, pairs)


def _shape(q: tuple[str, ...], c: tuple[str, ...]) -> dict[str, float]:
    """How many content words each name has (a one-word query is weak evidence)."""
    return {
        "query_words": float(content_len(q)),
        "name_words": float(content_len(c)),
        "query_letters": float(sum(map(len, q))),
    }


def _evidence(
    q: tuple[str, ...],
    c: tuple[str, ...],
    pairs: list[TokenPair],
    weights: dict[str, float],
    schema: str,
) -> dict[str, float]:
    """What the alignment leaves: unaligned weight on each side, the rarest aligned word,
    countries qualifying one name against the other, and for people whether only the
    surname agrees (a namesake)."""
    aligned_q = {p.query for p in pairs}
    aligned_c = {p.candidate for p in pairs}
    evidence = {
        "query_unaligned": float(sum(1 for t in q if t not in aligned_q and not is_filler(t))),
        "name_unaligned": float(sum(1 for t in c if t not in aligned_c and not is_filler(t))),
        "query_unaligned_weight": sum(weights[t] for t in dict.fromkeys(q) if t not in aligned_q),
        "name_unaligned_weight": sum(weights[t] for t in dict.fromkeys(c) if t not in aligned_c),
        "rarest_aligned": max((weights[p.query] for p in pairs), default=0.0),
        "weakest_aligned": min((p.similarity for p in pairs), default=0.0),
    }
    part = _part_of(q, aligned_q, c, aligned_c) or _part_of(c, aligned_c, q, aligned_q)
    if repeat_left_over(q, c, pairs):
        evidence["repeat_left_over"] = 1.0
    if _forms_only(q, c, pairs, schema):
        kinds = any(t.isupper() for t in (*q, *c))  # `names.collapse_body_kinds`
        evidence["kinds_substituted" if kinds else "forms_substituted"] = 1.0
    if part and (part != "words_inserted" or schema != "Person"):  # a middle name is not
        evidence[part] = 1.0
    if (
        part == "head_of_name"
        and schema != "Person"
        and (_qualified_head(q, aligned_q) or _qualified_head(c, aligned_c))
    ):
        evidence["head_qualified"] = 1.0
    if schema != "Person":
        q_countries = unaligned_countries(q, aligned_q)
        c_countries = unaligned_countries(c, aligned_c)
        if qualifiers_conflict(q_countries, c_countries):
            evidence["country_conflict"] = 1.0
        elif q_countries & c_countries or _aligned_country(pairs):
            evidence["country_agrees"] = 1.0  # "Russian X" / "X of the Russian Federation"
        elif q_countries or c_countries:
            evidence["country_one_side"] = 1.0
    else:
        if len(q) > 1 and len(c) > 1 and q[-1] in aligned_q and q[0] not in aligned_q:
            evidence["given_name_differs"] = 1.0
        extra = [t for t in c if t not in aligned_c]
        if extra and all(map(is_patronymic, extra)):
            evidence["patronymic_extra"] = 1.0  # "Dmitry Peskov" of "Dmitry Sergeevich Peskov"
    return evidence


def _part_of(
    short: tuple[str, ...], short_aligned: set[str], long: tuple[str, ...], long_aligned: set[str]
) -> str | None:
    """Whether all of the short name's words align with the leading words of the long one
    ("Turkik Union" of "Turkik Union Dig Tech Transformation JSC": `head_of_name`), with
    its last words ("Kupol" of "JSC IEMZ Kupol": `tail_of_name`), or with its first and
    last, words inserted between ("State Department" of "State Security Department":
    `words_inserted`); legal forms and fillers do not count."""
    if not short_aligned or any(t not in short_aligned for t in short if not is_filler(t)):
        return None
    words = [t in long_aligned for t in long if not is_filler(t)]
    if all(words) or not any(words):
        return None
    shared = sum(words)
    if all(words[:shared]):
        return "head_of_name"
    if all(words[-shared:]):
        return "tail_of_name"
    if words[0] and words[-1]:
        return "words_inserted"
    return None


QUALIFIER_LINKS = frozenset({"of", "in", "for", "under", "at"})


def _qualified_head(tokens: tuple[str, ...], aligned: set[str]) -> bool:
    """Whether a name goes on past its aligned words with a qualifying phrase ("Public
    Security Department | of XUAR"): the body of one place or a branch, not the whole."""
    last = max((i for i, t in enumerate(tokens) if t in aligned), default=-1)
    rest = tokens[last + 1 :]
    return (
        last >= 0
        and len(rest) >= 2
        and rest[0] in QUALIFIER_LINKS
        and any(not is_filler(t) for t in rest[1:])
    )


def _aligned_country(pairs: list[TokenPair]) -> bool:
    """Whether two aligned words name the same country."""
    return any((c := country_of(p.query)) and c == country_of(p.candidate) for p in pairs)


def _extra_penalty_for(
    q: tuple[str, ...],
    c: tuple[str, ...],
    pairs: list[TokenPair],
    name_longer: bool,
    similarity: float,
    schema: str,
) -> float:
    """How much of the longer name's unaligned share is lost (k of 1 - k × share)."""
    long_side = c if name_longer else q
    short_aligned = {p.candidate if name_longer else p.query for p in pairs}
    head = similarity >= 0.95 and all(t in short_aligned for t in long_side[: len(short_aligned)])
    # the head of a longer name stands for it only if it is most of it: "Paravar Pars" for
    # "Paravar Pars Company", but not "Maria" for "Maria Luisa Cassiano"
    head = head and content_len(long_side) <= 2 * len(short_aligned)
    # a ship's name is all of it: "Sofia" is not the head of "Sofia Martinez"
    k = (
        HEAD_EXTRA_PENALTY
        if head and schema not in ("Person", "Vessel")
        else _extra_penalty(schema)
    )
    if schema != "Person" and _leading_extra(long_side, short_aligned):
        k = LEADING_EXTRA_PENALTY
    return k


def _capped(
    q: tuple[str, ...],
    c: tuple[str, ...],
    pairs: list[TokenPair],
    penalty: float,
    similarity: float,
    lighter: float,
    schema: str,
) -> float:
    """The penalty, capped where the aligned words cannot identify a party on their own."""
    lq, lc = content_len(q), content_len(c)
    cap = SINGLE_TOKEN_PERSON_CAP / max(similarity, 1e-9)
    if schema == "Person" and len(pairs) <= 1 and max(lq, lc) > 1:
        penalty = min(penalty, cap)  # one shared word of a person's longer name
    if (
        min(lq, lc) == 1
        and (schema == "Person" or max(lq, lc) > 1)
        and (lighter < COMMON_SINGLE_WEIGHT)
    ):
        # One common word ("Mohammed") names thousands of parties, however well it
        # aligns; only a one-word company name equal to the other ("Alabuga") stands.
        penalty = min(penalty, cap)
    if min(lq, lc) == 0 < max(lq, lc):
        penalty = min(penalty, 0.5)  # "Corp" alone names no one
    if schema != "Person" and _unaligned_number(q, c, pairs):
        penalty = min(penalty, NUMBER_EXTRA_CAP)  # "Fund II" is not "Fund"
    if schema == "Person" and patronyms_swapped(q, c, pairs):
        penalty = min(penalty, PATRONYM_SWAP_CAP)  # "A bin B" is B's son, not B
    return penalty


def _unaligned_number(q: tuple[str, ...], c: tuple[str, ...], pairs: list[TokenPair]) -> bool:
    """Whether either name carries a number the other does not align."""
    aligned = {p.query for p in pairs} | {p.candidate for p in pairs}
    return any(t.isdigit() and t not in aligned for t in (*q, *c))


def _leading_extra(long_side: tuple[str, ...], aligned: set[str]) -> bool:
    """Whether the long name puts unaligned words before all it shares with the short one.

    An organisation's name leads with what the body is: "Public Council under the
    Ministry of X" is a council; the ministry it is attached to is only its tail.
    """
    for token in long_side:
        if token in aligned:
            return False
        if not is_filler(token):
            return True
    return False


def _extra_penalty(schema: str) -> float:
    return EXTRA_PENALTY.get(schema, EXTRA_PENALTY["Organization"])


@lru_cache(maxsize=200_000)
def content_len(tokens: tuple[str, ...]) -> int:
    """How many words of a name are not legal forms or fillers."""
    return sum(1 for t in tokens if not is_filler(t))


def _explain(
    q: tuple[str, ...],
    c: tuple[str, ...],
    pairs: list[TokenPair],
    weight: Weigher,
    features: dict[str, float],
) -> dict[str, object]:
    aligned_q = {p.query for p in pairs}
    aligned_c = {p.candidate for p in pairs}
    return {
        "features": {k: round(v, 3) for k, v in features.items()},
        "aligned": [
            {
                "query": p.query,
                "name": p.candidate,
                "similarity": round(p.similarity, 3),
                "weight": round((weight(p.query) + weight(p.candidate)) / 2, 3),
            }
            for p in pairs
        ],
        "unmatched_query": [t for t in q if t not in aligned_q],
        "unmatched_name": [t for t in c if t not in aligned_c],
    }
