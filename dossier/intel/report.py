"""`dossier report ENTITY`: a brief a journalist can attach to an email — who the entity
is, its aliases in every script, its list designations, dated claims on a timeline,
whether each act came before or after each party's designation, corroboration counts,
contradictions and a numbered source list. Markdown (chart written next to it) or
self-contained HTML (inline CSS, chart as a data URI, printable). Each designation comes
as a match card in words (`cards.py`); each source as outlet · headline · byline · date
with its URL and, when the server's address is known, its stored copy. Stored text is
escaped in both formats (`escape.py` for Markdown).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, select_autoescape

from dossier.exc import InvalidInput
from dossier.intel.cards import add_cards, entity_context
from dossier.intel.chart import Event, timeline_png
from dossier.intel.escape import md_text, md_url
from dossier.intel.groups import build_groups
from dossier.lists.timing import designation_timing
from dossier.store.db import Store
from dossier.store.queries import entity_detail, entity_matches, find_entity_id, merge_group

Format = Literal["md", "html"]
FORMATS: tuple[Format, ...] = ("md", "html")
TEMPLATES = Path(__file__).parent / "templates"
BRIEF_CSS = (TEMPLATES / "brief.css").read_text(encoding="utf-8")


def style_hash() -> str:
    """The CSP source allowing the brief's inline style sheet, and nothing else inline."""
    digest = hashlib.sha256(BRIEF_CSS.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@dataclass(frozen=True, slots=True)
class WrittenReport:
    """Where a report (and, for Markdown, its chart) was written."""

    path: Path | None
    chart: Path | None
    text: str


def script_of(name: str) -> str:
    """The writing system of a name, from its first letter ("Latin", "Arabic", ...)."""
    letter = next((ch for ch in name if ch.isalpha()), "")
    return unicodedata.name(letter, "OTHER").split()[0].title() if letter else "Other"


def alias_table(detail: dict[str, Any]) -> dict[str, list[str]]:
    """Aliases from the articles and from matched list records, by script; a record
    whose card has facts against the match (another nationality, a programme on another
    country) lends it no names."""
    names = set(detail["aliases"]) | {detail["name"]}
    for match in detail["matches"]:
        if (match.get("card") or {}).get("against"):
            continue
        names |= {match["name"], *match["aliases"]}
    scripts: dict[str, list[str]] = {}
    for name in sorted(names, key=str.casefold):
        scripts.setdefault(script_of(name), []).append(name)
    return scripts


def who(detail: dict[str, Any]) -> dict[str, Any]:
    """How often the entity is named, and the entities claims link it to most."""
    return {
        "mentions": len(detail["mentions"]),
        "documents": len(detail["documents"]),
        "neighbours": [
            {"name": n["name"], "type": n["type"], "predicates": n["predicates"]}
            for n in detail["neighbours"][:8]
        ],
    }


class Designations:
    """Each party's list matches (rejected ones left out), read once per party."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._by_party: dict[str, list[dict[str, Any]]] = {}

    def of(self, entity_id: str | None) -> list[dict[str, Any]]:
        """A party's matches; none for free-text parties."""
        if not entity_id:
            return []
        if entity_id not in self._by_party:
            ids = merge_group(self.store, entity_id)
            self._by_party[entity_id] = entity_matches(self.store, ids)
        return self._by_party[entity_id]


def claim_timing(
    designations: Designations, claim: dict[str, Any], doubtful: frozenset[str] = frozenset()
) -> list[dict[str, Any]]:
    """For each party of a dated claim and each of its listings: before or after the act;
    `doubtful` matches (their card has facts against them) are said to be."""
    rows = []
    for role in ("subject", "object"):
        for match in designations.of(claim[f"{role}_entity_id"]):
            timing = designation_timing(claim["date"], match["listed_on"], match["ended_on"])
            rows.append(
                {
                    "party": claim[role],
                    "dataset": match["dataset"],
                    "list_id": match["list_id"],
                    "listed_on": match["listed_on"],
                    "timing": timing,
                    "doubtful": match["id"] in doubtful,
                }
            )
    return rows


class Sources:
    """The numbered source list: each document gets a number the first time it is cited."""

    def __init__(self, base_url: str | None = None) -> None:
        self.items: list[dict[str, Any]] = []
        self._numbers: dict[str, int] = {}
        self.base_url = base_url.rstrip("/") if base_url else None

    def cite(self, doc: dict[str, Any]) -> int:
        """The number of a document (keys `document_id`, `document`, and the citation's
        `title`, `site`, `author`, `published`, `url` where the row has them)."""
        key = doc["document_id"]
        if key not in self._numbers:
            self._numbers[key] = len(self.items) + 1
            stored = f"{self.base_url}/documents/{key}" if self.base_url else None
            self.items.append(
                {
                    "n": self._numbers[key],
                    "title": doc.get("title") or doc["document"],
                    "headline": doc.get("title"),
                    "outlet": doc.get("site"),
                    "byline": doc.get("author"),
                    "url": doc.get("url"),
                    "published": doc.get("published"),
                    "document": doc["document"],
                    "document_id": key,
                    "stored": stored,
                }
            )
        return self._numbers[key]


def build_brief(store: Store, ref: str, base_url: str | None = None) -> dict[str, Any]:
    """Everything the brief shows about one entity, as plain data (also `--json`);
    `base_url`: the server's address, to link each source's stored copy."""
    entity_id = find_entity_id(store, ref)
    detail = entity_detail(store, entity_id)
    ids = merge_group(store, detail["id"])
    add_cards(store, detail["matches"], entity_context(store, ids, detail["type"]))
    sources, designations = Sources(base_url), Designations(store)
    doubtful = frozenset(m["id"] for m in detail["matches"] if m["card"]["against"])
    claims = [
        {
            **c,
            "source": sources.cite(c),
            "timing": claim_timing(designations, c, doubtful) if c["date"] else [],
        }
        for c in detail["claims"]
    ]
    groups = build_groups(store, ids)
    for group in groups:
        group["sources"] = sorted({sources.cite(m) for m in group["members"]})
    return {
        "entity": {k: detail[k] for k in ("id", "name", "type")},
        "who": who(detail),
        "aliases": alias_table(detail),
        "designations": detail["matches"],
        "dated_claims": [c for c in claims if c["date"]],
        "undated_claims": [c for c in claims if not c["date"]],
        "groups": [g for g in groups if g["documents"] > 1 or g["contradiction"]],
        "contradictions": _contradictions(groups),
        "sources": sources.items,
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _contradictions(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every contradiction once, in the order the groups list them."""
    seen: dict[str, dict[str, Any]] = {}
    for group in groups:
        for entry in group["contradictions"]:
            seen.setdefault(entry["detail"] + str(entry["sides"]), entry)
    return list(seen.values())


def chart_png(brief: dict[str, Any]) -> bytes:
    """The brief's timeline chart."""
    events = [Event(c["date"], c["predicate"], c["predicate"]) for c in brief["dated_claims"]]
    marks = [
        Event(m["listed_on"], f"{m['dataset']} listing", "designation")
        for m in brief["designations"]
        if m["listed_on"]
    ]
    return timeline_png(events, marks, f"{brief['entity']['name']}: claims and designations")


def render_brief(brief: dict[str, Any], fmt: Format, chart_src: str | None) -> str:
    """Render the brief as Markdown or HTML; `chart_src` is the image's link or data URI."""
    if fmt not in FORMATS:
        raise InvalidInput(f"unknown report format {fmt!r}; use md or html")
    env = Environment(
        loader=PackageLoader("dossier.intel", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        # Markdown has no autoescape: every printed value is escaped text (escape.py).
        finalize=md_text if fmt == "md" else None,
    )
    env.filters["md_url"] = md_url
    env.tests["web_url"] = lambda url: md_url(url) is not None
    template = env.get_template(f"brief.{fmt}.j2")
    return template.render(brief=brief, chart_src=chart_src, css=BRIEF_CSS)


def write_report(
    store: Store, ref: str, fmt: Format, out: Path | None, base_url: str | None = None
) -> WrittenReport:
    """Build, chart and render the brief; write it (and a Markdown chart) if `out` is set.

    HTML embeds the chart, so the one file can be mailed; Markdown links a PNG written
    next to the report (without `out`, Markdown has no chart). `base_url` links each
    source's stored copy on that server.
    """
    if out is not None and not out.parent.is_dir():
        raise InvalidInput(f"cannot write {out}: folder {out.parent} does not exist")
    brief = build_brief(store, ref, base_url)
    png = chart_png(brief)
    chart_path: Path | None = None
    if fmt == "html":
        src: str | None = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    elif out is not None:
        chart_path = out.with_name(out.stem + "-timeline.png")
        chart_path.write_bytes(png)
        src = chart_path.name
    else:
        src = None
    text = render_brief(brief, fmt, src)
    if out is not None:
        out.write_text(text, encoding="utf-8")
    return WrittenReport(out, chart_path, text)
