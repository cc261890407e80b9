"""Match cards for stored matches: reads what the texts say of an entity (the words
around its mentions) and builds `matchcard.MatchCard`s for the API, pages and brief.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from sqlalchemy import select

from dossier.extract.gazetteer import country_of, demonym_country
from dossier.intel.matchcard import EntityContext, build_card
from dossier.store import schema as t
from dossier.store.db import Store

# Words read before a mention: "Iranian Foreign Minister X" needs three, and a fourth
# would reach past a short clause into another party ("Russia hosted Iranian ...").
_BEFORE_WORDS = 3
_WORD = re.compile(r"[\w’'-]+")
_AGE = re.compile(r"^(?:,\s*(\d{2}),|\s*\((\d{2})\))")
_APPOSITIVE = re.compile(r"^,\s*(?:the\s+)?([A-Z][\w-]+?)(?:'s|’s)?\s")


def entity_context(store: Store, entity_ids: list[str], entity_type: str) -> EntityContext:
    """The countries and ages the texts tie to these entities' mentions."""
    m, d = t.mentions.c, t.documents.c
    mentions = (
        select(m.document_id, m.start, m.end)
        .where(m.entity_id.in_(entity_ids))
        .order_by(m.document_id, m.start)
        .limit(500)  # a few hundred mentions say all a text says of one party
    )
    context = EntityContext(entity_type)
    with store.engine.connect() as conn:
        spans = list(conn.execute(mentions))
        ids = sorted({doc for doc, _, _ in spans})
        texts = {
            doc: (text, published)
            for doc, text, published in conn.execute(
                select(d.id, d.text, d.published).where(d.id.in_(ids))
            )
        }
    for doc, start, end in spans:
        text, published = texts[doc]
        read_mention(context, text, start, end, published)
    return context


def read_mention(
    context: EntityContext, text: str, start: int, end: int, published: str | None
) -> None:
    """Add what the words around one mention say: a demonym or possessive country just
    before it (or in an appositive after it), an age printed after it."""
    before = re.split(r"[.!?\n]\s", text[max(0, start - 80) : start])[-1]
    for word in reversed(_WORD.findall(before)[-_BEFORE_WORDS:]):
        if (country := _country_word(word)) is not None:
            context.countries.setdefault(country, word)
            break
    after = text[end : end + 60]
    if (found := _APPOSITIVE.match(after)) and (country := _country_word(found.group(1))):
        context.countries.setdefault(country, found.group(1))
    age = _AGE.match(after)
    if age and published and published[:4].isdigit():
        years = int(published[:4]) - int(age.group(1) or age.group(2))
        context.birth_years.append((years - 1, years))


def _country_word(word: str) -> str | None:
    """The country a demonym ("Iranian", "Iranian-born") or a possessive ("Iran's")
    names; a bare country name is a party acting ("the Kremlin said X"), not X's country."""
    if re.search(r"['’]s$", word):
        return country_of(word[:-2]) or None
    return demonym_country(word.split("-")[0]) or None  # "" is a region ("European")


def add_cards(store: Store, matches: list[dict[str, Any]], context: EntityContext) -> None:
    """Set `card` on each match row (rows need `source_row`; read it if missing)."""
    rows = _source_rows(store, [m["id"] for m in matches if "source_row" not in m])
    for match in matches:
        row = {**match, "source_row": match.get("source_row") or rows.get(match["id"], "")}
        match["card"] = asdict(build_card(row, context))


def _source_rows(store: Store, match_ids: list[str]) -> dict[str, str]:
    if not match_ids:
        return {}
    stmt = (
        select(t.matches.c.id, t.list_records.c.source_row)
        .join(t.list_records, t.list_records.c.id == t.matches.c.list_record_id)
        .where(t.matches.c.id.in_(match_ids))
    )
    with store.engine.connect() as conn:
        return {i: r for i, r in conn.execute(stmt)}
