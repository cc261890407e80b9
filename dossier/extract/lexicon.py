"""Trigger words for each claim predicate, attribution cues and hedging cues.

Order matters: the first predicate whose trigger appears in a sentence wins, so the
more specific acts (denial, sanction) come before the general ones (supply, statement).
"""

from __future__ import annotations

from dossier.model import Predicate

# predicate -> lemmas (single tokens) that trigger it
TRIGGER_LEMMAS: list[tuple[Predicate, frozenset[str]]] = [
    (Predicate.DENIAL, frozenset({"deny", "denial", "refute", "dismiss", "reject"})),
    (Predicate.ADMISSION, frozenset({"acknowledge", "admit", "confess", "concede"})),
    (Predicate.EXPORT_RESTRICTION, frozenset()),  # phrase-only, see TRIGGER_PHRASES
    (Predicate.SANCTION, frozenset({"sanction", "blacklist", "designate", "freeze"})),
    (Predicate.USE_IN_ATTACK, frozenset({"attack", "strike", "launch", "target", "bomb", "shell"})),
    # Acts around the weapons that are neither transfer nor use: training crews to fly
    # them, and shooting them down ("downed", "intercepted", "eliminated").
    (
        Predicate.OTHER,
        frozenset({"train", "trainer", "instructor", "down", "intercept", "eliminate"}),
    ),
    (
        Predicate.SUPPLY,
        frozenset(
            {
                "supply",
                "deliver",
                "delivery",
                "send",
                "ship",
                "shipment",
                "provide",
                "transfer",
                "receive",
                "arrive",
                "export",
                "smuggle",
                "supplier",
                "sell",
                "sale",
                # Verbs only (`triggers._VERB_ONLY`): "continues to arm Malian forces".
                "arm",
                "equip",
            }
        ),
    ),
    (Predicate.PURCHASE, frozenset({"buy", "purchase", "acquire", "order", "procure"})),
    (
        Predicate.PRODUCTION,
        frozenset(
            {
                "produce",
                "production",
                "manufacture",
                "build",
                "assemble",
                "make",
                "factory",
                "plant",
            }
        ),
    ),
    (Predicate.AGREEMENT, frozenset({"agree", "agreement", "deal", "contract", "sign", "accord"})),
    (Predicate.VISIT, frozenset({"visit", "travel", "delegation", "trip"})),
    (Predicate.STATEMENT, frozenset({"say", "warn", "tell", "state", "announce", "add"})),
]

# multi-word triggers, matched on the lowercased sentence
TRIGGER_PHRASES: list[tuple[Predicate, tuple[str, ...]]] = [
    (
        Predicate.EXPORT_RESTRICTION,
        (
            "export restriction",
            "export control",
            "entity list",
            "restrictions on exports",
            "export ban",
            "licence requirement",
            "license requirement",
        ),
    ),
    (
        Predicate.SANCTION,
        (
            "restrictive measures",
            "asset freeze",
            "travel ban",
            "sanctions list",
            "sanction list",
            "sanction action",
        ),
    ),
]

# Predicates about goods: they make a claim only when the sentence names goods, so that
# "electricity supplies" or "power plants" do not read as arms transfers.
NEEDS_GOODS = frozenset(
    {
        Predicate.SUPPLY,
        Predicate.PURCHASE,
        Predicate.PRODUCTION,
        Predicate.USE_IN_ATTACK,
        Predicate.OTHER,
    }
)
# Sending people rather than goods ("sent drone trainers") is not an arms transfer.
PERSONNEL_WORDS = frozenset(
    {"trainer", "instructor", "personnel", "adviser", "advisor", "specialist", "expert"}
)
GOODS_WORDS = frozenset(
    {
        "drone",
        "uav",
        "missile",
        "rocket",
        "weapon",
        "arm",
        "arms",
        "ammunition",
        "munition",
        "shell",
        "aircraft",
        "vehicle",
        "equipment",
        "component",
        "engine",
        "technology",
        "tank",
        "artillery",
    }
)

# Verbs that judge or invoke an act rather than report it: "the EU condemns the delivery
# of drones", "citing the supply of drones" make no claim about the delivery or supply.
EVALUATIVE_LEMMAS = frozenset(
    {"condemn", "cite", "denounce", "deplore", "criticize", "criticise", "welcome", "protest"}
)

# "using X to", "used drones" make an attack claim only with an attack word nearby.
ATTACK_CONTEXT = frozenset({"attack", "strike", "target", "civilian", "infrastructure", "city"})
USE_LEMMAS = frozenset({"use"})

SPEECH_LEMMAS = frozenset(
    {
        "say",
        "tell",
        "report",
        "write",
        "note",
        "claim",
        "state",
        "announce",
        "warn",
        "add",
        "confirm",
        "accuse",
        "allege",
        "cite",
        "acknowledge",
        "deny",
    }
)
# Head nouns that make "citing X" a source rather than a reason ("citing its sources").
SOURCE_NOUNS = frozenset(
    {
        "source",
        "official",
        "intelligence",
        "report",
        "data",
        "document",
        "diplomat",
        "person",
        "people",
        "officer",
        "expert",
        "analyst",
        "statement",
        "ministry",
        "government",
    }
)
ATTRIBUTION_PREPS = ("according to", "citing", "reported by", "as reported by", "cited by")

HEDGE_WORDS = frozenset(
    {
        "reportedly",
        "allegedly",
        "purportedly",
        "apparently",
        "possibly",
        "likely",
        "probably",
        "may",
        "might",
        "could",
        "would",
        "plan",
        "plans",
        "planned",
        "planning",
        "intend",
        "prepare",
        "prepares",
        "preparing",
        "seek",
        "seeks",
        "expect",
        "expects",
        "intends",
        "expected",
        "suspected",
        "alleged",
        "considering",
        "reports",
        "reported",
        "accused",
        "accuses",
        "promised",
        "signalled",
        "signaled",
        "provisionally",
    }
)

# Words that name an act only as candidates for the claim model (the rules never pick
# them): seizures, interdictions, arrests, charges, vetoes, deployments, findings, and
# speech verbs that carry a statement ("called", "described", "stressed").
CANDIDATE_LEMMAS: list[tuple[Predicate, frozenset[str]]] = [
    (Predicate.DENIAL, frozenset({"deny", "dismiss", "reject", "refute", "rebuff"})),
    (
        Predicate.OTHER,
        frozenset(
            {
                "seize",
                "seizure",
                "interdict",
                "interdiction",
                "confiscate",
                "arrest",
                "charge",
                "indict",
                "extradite",
                "veto",
                "deploy",
                "deployment",
                "spot",
                "find",
                "identify",
                "analyze",
                "analyse",
                "examine",
                "rename",
                "carry",
                "transport",
                "fight",
                "establish",
                "capture",
                "detain",
                "convict",
                "sentence",
                "plead",
                "destroy",
                "recover",
                "halt",
                "block",
            }
        ),
    ),
    (
        Predicate.USE_IN_ATTACK,
        frozenset({"fire", "use", "hit", "bombard", "bombardment", "target", "attack"}),
    ),
    (
        Predicate.SANCTION,
        frozenset(
            {
                "impose",
                "penalize",
                "penalise",
                "penalty",
                "ban",
                "add",
                "target",
                "include",
                "package",
                "measure",
                "designation",
                "list",
                "name",
                "embargo",
            }
        ),
    ),
    (
        Predicate.EXPORT_RESTRICTION,
        frozenset({"restrict", "restriction", "suspend", "pause", "license", "licence", "add"}),
    ),
    (
        Predicate.SUPPLY,
        frozenset(
            {"give", "pledge", "donate", "donation", "donor", "hand", "aid", "package", "provision"}
        ),
    ),
    (Predicate.PRODUCTION, frozenset({"develop", "manufacturer", "producer"})),
    (Predicate.AGREEMENT, frozenset({"treaty", "pact", "partnership", "cooperate"})),
    (Predicate.VISIT, frozenset({"meet", "arrive", "host", "tour"})),
    (
        Predicate.STATEMENT,
        frozenset(
            {
                "call",
                "describe",
                "stress",
                "claim",
                "note",
                "write",
                "confirm",
                "report",
                "accuse",
                "allege",
                "argue",
                "emphasize",
                "urge",
                "statement",
                "criticize",
                "criticise",
                "condemn",
                "blame",
                "insist",
                "believe",
                "estimate",
                "conclude",
                "show",
                "highlight",
                "reiterate",
                "reassure",
                "mention",
                "explain",
                "declare",
                "assert",
                "comment",
                "vow",
                "promise",
                "threaten",
                "release",
                "issue",
                "publish",
                "quote",
                "say",
                "tell",
                "state",
                "announce",
                "warn",
                "add",
            }
        ),
    ),
    (Predicate.ADMISSION, frozenset({"acknowledge", "admit", "confirm"})),
    (Predicate.PURCHASE, frozenset({"acquire", "obtain", "import", "source"})),
]
