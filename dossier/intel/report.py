"""`dossier report ENTITY`: a brief a journalist can attach to an email — who the entity
is, its aliases in every script, its list designations, dated claims on a timeline,
whether each act came before or after each party's designation, corroboration counts,
contradictions and a numbered source list. Markdown (chart written next to it) or
self-contained HTML (inline CSS, chart as a data URI).
"""

from __future__ import annotations

import base64
import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, select_autoescape

from dossier.exc import InvalidInput
from dossier.intel.chart import Event, timeline_png
from dossier.intel.groups import build_groups
from dossier.screen.timing import designation_timing
from dossier.store.db import Store
from dossier.store.queries import entity_detail, entity_matches, find_entity_id, merge_group

Format = Literal["md", "html"]
FORMATS: tuple[Format, ...] = ("md", "html")


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
    """Aliases from the articles and from matched list records, by script."""
    names = set(detail["aliases"]) | {detail["name"]}
    for match in detail["matches"]:
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


def claim_timing(designations: Designations, claim: dict[str, Any]) -> list[dict[str, Any]]:
    """For each party of a dated claim and each of its listings: before or after the act."""
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
                }
            )
    return rows


class Sources:
    """The numbered source list: each document gets a number the first time it is cited."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self._numbers: dict[str, int] = {}

    def cite(self, doc: dict[str, Any]) -> int:
        """The number of a document (keys `document_id`, `document`, `title`, `url`)."""
        key = doc["document_id"]
        if key not in self._numbers:
            self._numbers[key] = len(self.items) + 1
            self.items.append(
                {
                    "n": self._numbers[key],
                    "title": doc.get("title") or doc["document"],
                    "url": doc.get("url"),
                    "published": doc.get("published"),
                    "document": doc["document"],
                }
            )
        return self._numbers[key]


def build_brief(store: Store, ref: str) -> dict[str, Any]:
    """Everything the brief shows about one entity, as plain data (also `--json`)."""
    entity_id = find_entity_id(store, ref)
    detail = entity_detail(store, entity_id)
    sources, designations = Sources(), Designations(store)
    claims = [
        {
            **c,
            "source": sources.cite(c),
            "timing": claim_timing(designations, c) if c["date"] else [],
        }
        for c in detail["claims"]
    ]
    groups = build_groups(store, merge_group(store, entity_id))
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
    )
    return env.get_template(f"brief.{fmt}.j2").render(brief=brief, chart_src=chart_src)


def write_report(store: Store, ref: str, fmt: Format, out: Path | None) -> WrittenReport:
    """Build, chart and render the brief; write it (and a Markdown chart) if `out` is set.

    HTML embeds the chart, so the one file can be mailed; Markdown links a PNG written
    next to the report (without `out`, Markdown has no chart).
    """
    if out is not None and not out.parent.is_dir():
        raise InvalidInput(f"cannot write {out}: folder {out.parent} does not exist")
    brief = build_brief(store, ref)
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
