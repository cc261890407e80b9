"""`--format claimreview`: claims as schema.org `ClaimReview` JSON-LD.

One JSON-LD document, `{"@context": "https://schema.org", "@graph": [...]}`, with one
`ClaimReview` per claim:

- `claimReviewed`: the evidence sentence, exactly as the source printed it;
- `itemReviewed`: a `Claim` whose `appearance` is the source article (`url`,
  `headline`, `datePublished`, `author`, `publisher`), with `author` the party the
  claim is attributed to (if any), `about` the entities it names, `temporalCoverage`
  the date the claim is about;
- `reviewRating`: only where a reviewer decided on the claim (review target type
  `claim`): `accept` rates 5 ("Confirmed by review"), `reject` 1 ("Rejected by
  review"), on a 1–5 scale; claims nobody reviewed carry no rating.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dossier.export.base import documents_by_id, latest_decisions, prepare_output, table_rows
from dossier.store import Store
from dossier.store import schema as t

RATINGS = {"accept": (5, "Confirmed by review"), "reject": (1, "Rejected by review")}
PUBLISHER = {"@type": "Organization", "name": "dossier"}


def review_rating(decision: dict[str, Any] | None) -> dict[str, Any] | None:
    """The schema.org `Rating` of a review decision (None when there is none)."""
    if decision is None or decision["decision"] not in RATINGS:
        return None
    value, label = RATINGS[decision["decision"]]
    rating = {
        "@type": "Rating",
        "ratingValue": value,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": label,
    }
    if decision.get("note"):
        rating["ratingExplanation"] = decision["note"]
    return rating


def appearance(doc: dict[str, Any]) -> dict[str, Any]:
    """The source article as a schema.org `NewsArticle`."""
    work: dict[str, Any] = {"@type": "NewsArticle", "identifier": doc["id"]}
    optional = {
        "url": doc["url"],
        "headline": doc["title"],
        "datePublished": doc["published"],
        "author": {"@type": "Person", "name": doc["author"]} if doc["author"] else None,
        "publisher": {"@type": "Organization", "name": doc["site"]} if doc["site"] else None,
    }
    return {**work, **{k: v for k, v in optional.items() if v is not None}}


def claim_review(
    claim: dict[str, Any], doc: dict[str, Any], decision: dict[str, Any] | None
) -> dict[str, Any]:
    """One claim as a `ClaimReview`."""
    about = [
        {"@type": "Thing", "name": name}
        for name in (claim["subject"], claim["object"], claim["item"])
        if name
    ]
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance(doc), "about": about}
    if claim["attributed_to"]:
        item["author"] = {"@type": "Thing", "name": claim["attributed_to"]}
    if claim["date"]:
        item["temporalCoverage"] = claim["date"]
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "@id": f"urn:dossier:claim:{claim['id']}",
        "claimReviewed": claim["evidence_text"],
        "itemReviewed": item,
        "author": PUBLISHER,
        "keywords": claim["predicate"],
    }
    rating = review_rating(decision)
    if rating is not None and decision is not None:
        review["reviewRating"] = rating
        review["datePublished"] = decision["decided_at"][:10]
    return review


def export_claimreview(store: Store, path: Path) -> dict[str, int]:
    """Write every claim as a ClaimReview JSON-LD document to `path`."""
    prepare_output(path)
    docs = documents_by_id(store)
    decisions = latest_decisions(store, "claim")
    graph = [
        claim_review(c, docs[c["document_id"]], decisions.get(c["id"]))
        for c in table_rows(store, t.claims)
    ]
    body = {"@context": "https://schema.org", "@graph": graph}
    path.write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {"claims": len(graph), "rated": sum("reviewRating" in r for r in graph)}
