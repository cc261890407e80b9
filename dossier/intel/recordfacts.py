"""What a list record says of the listed party, read back from its stored `source_row`.

The loaders keep names, programmes and dates as columns and the rest of the entry as
the row they read (`ListRecord.source_row`); a match card needs birth dates,
nationalities, addresses and identifiers from it. Two layouts carry them:

- OFAC CSV rows: the Remarks cell, `;`-separated items (`DOB 05 Jan 1955; POB Tehran,
  Iran; nationality Iran; Passport A123 (Iran)`), `alt.` marking a variant; then the
  record's `add.csv` addresses, one per `ADDRESS_MARK` line;
- UN XML elements (`NATIONALITY/VALUE`, `INDIVIDUAL_DATE_OF_BIRTH`, `*_ADDRESS`,
  `INDIVIDUAL_DOCUMENT`), read by tag because the stored copy may be cut at 4,000 chars.

Other layouts (EU, research CSVs) are kept without their header, so only their links
are read. Pure functions: no store, no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html import unescape

from dossier.lists.loaders.ofac import ADDRESS_MARK
from dossier.lists.sources import SOURCES


@dataclass(slots=True)
class RecordFacts:
    """The listed party's particulars, each as printed (dates as ISO prefixes)."""

    birth_dates: list[str] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)
    gender: str | None = None
    linked_to: list[str] = field(default_factory=list)
    source_url: str | None = None


# OFAC Remarks items: key → RecordFacts field. An item is `[alt. ]KEY value`.
_OFAC_KEYS = (
    ("DOB", "birth_dates"),
    ("POB", "birth_places"),
    ("nationality", "nationalities"),
    ("citizen", "nationalities"),
    ("Linked To:", "linked_to"),
)
_OFAC_ID = re.compile(
    r"^(Passport|National ID No\.|Identification Number|Tax ID No\.|Registration Number|"
    r"Business Registration Number|Registration ID|Cedula No\.|SSN|D-U-N-S Number|"
    r"Vessel Registration Identification|Aircraft Manufacturer's Serial Number|"
    r"Aircraft Tail Number|Company Number|Chinese Commercial Code|Unified Social Credit Code)"
    r"\b",
    re.IGNORECASE,
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_URL = re.compile(r"https?://[^\s,;\"'<>]+")


def record_facts(dataset: str, list_id: str, source_row: str) -> RecordFacts:
    """The particulars a stored list row gives, and the link to the listing."""
    if source_row.lstrip().startswith("<"):
        facts = _un_facts(source_row)
    elif dataset.startswith("us_ofac"):
        facts = _ofac_facts(source_row)
    else:
        facts = RecordFacts()
    facts.source_url = record_url(dataset, list_id, source_row)
    return facts


def record_url(dataset: str, list_id: str, source_row: str) -> str | None:
    """Where the listing can be read: OFAC's search page for an SDN entry, a URL the row
    carries (research lists keep one), else the publisher's file."""
    if dataset.startswith("us_ofac") and list_id.isdigit():
        return f"https://sanctionssearch.ofac.treas.gov/Details.aspx?id={list_id}"
    if not source_row.lstrip().startswith("<") and (found := _URL.search(source_row)):
        return found.group(0).rstrip(".)")
    files = SOURCES.get(dataset)
    return files[0].url if files else None


def _ofac_facts(source_row: str) -> RecordFacts:
    row, *places = source_row.split(ADDRESS_MARK)
    facts = RecordFacts(addresses=[p.strip() for p in places if p.strip()])
    for item in _remarks_items(row):
        item = item.removeprefix("alt. ").strip()
        for key, name in _OFAC_KEYS:
            if item.startswith(key + " ") or (item.startswith(key) and key.endswith(":")):
                value = item[len(key) :].strip()
                getattr(facts, name).append(_ofac_date(value) if key == "DOB" else value)
                break
        else:
            if _OFAC_ID.match(item):
                facts.identifiers.append(item)
            elif item.startswith("Gender "):
                facts.gender = item.removeprefix("Gender ")
    return _deduplicated(facts)


def _remarks_items(row: str) -> list[str]:
    """The `;`-separated items of the Remarks cell: the text after the last `-0- ` cell
    (or the whole row), its first item cut to what follows the last comma-cell."""
    remarks = row.rsplit("-0- ,", 1)[-1].strip().removesuffix(".")
    items = [i.strip() for i in remarks.split(";")]
    if items:
        head = items[0]
        keyed = re.search(
            r"(?:^|,)((?:alt\. )?(?:DOB|POB|nationality|citizen|Passport)\b.*)$", head
        )
        items[0] = keyed.group(1) if keyed else ""
    return [i for i in items if i]


def _ofac_date(value: str) -> str:
    """`05 Jan 1955` → `1955-01-05`, `Jan 1955` → `1955-01`; anything else as printed
    (`circa 1960`, `1955 to 1957`)."""
    parts = value.split()
    try:
        if len(parts) == 3 and parts[1][:3].lower() in _MONTHS:
            return dt.date(int(parts[2]), _MONTHS[parts[1][:3].lower()], int(parts[0])).isoformat()
        if len(parts) == 2 and parts[0][:3].lower() in _MONTHS and parts[1].isdigit():
            return f"{int(parts[1]):04d}-{_MONTHS[parts[0][:3].lower()]:02d}"
    except ValueError:
        pass
    return value


def _blocks(xml: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}>(.*?)</{tag}>", xml, re.DOTALL)


def _field(block: str, tag: str) -> str:
    found = _blocks(block, tag)
    return unescape(found[0].strip()) if found else ""


def _un_facts(xml: str) -> RecordFacts:
    facts = RecordFacts()
    for block in _blocks(xml, "NATIONALITY"):
        facts.nationalities += [unescape(v.strip()) for v in _blocks(block, "VALUE") if v.strip()]
    for block in _blocks(xml, "DESIGNATION"):
        facts.positions += [unescape(v.strip()) for v in _blocks(block, "VALUE") if v.strip()]
    for block in _blocks(xml, "INDIVIDUAL_DATE_OF_BIRTH"):
        day = _field(block, "DATE") or _field(block, "YEAR")
        span = "–".join(p for p in (_field(block, "FROM_YEAR"), _field(block, "TO_YEAR")) if p)
        if day or span:
            facts.birth_dates.append(day or span)
    for block in _blocks(xml, "INDIVIDUAL_PLACE_OF_BIRTH"):
        if place := _joined(block, ("CITY", "STATE_PROVINCE", "COUNTRY")):
            facts.birth_places.append(place)
    for tag in ("INDIVIDUAL_ADDRESS", "ENTITY_ADDRESS"):
        for block in _blocks(xml, tag):
            if address := _joined(block, ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY", "NOTE")):
                facts.addresses.append(address)
    for block in _blocks(xml, "INDIVIDUAL_DOCUMENT"):
        kind, number = _field(block, "TYPE_OF_DOCUMENT"), _field(block, "NUMBER")
        if number:
            country = _field(block, "ISSUING_COUNTRY")
            facts.identifiers.append(
                f"{kind or 'Document'} {number}" + (f" ({country})" if country else "")
            )
    facts.gender = _field(xml, "GENDER") or None
    return _deduplicated(facts)


def _joined(block: str, tags: tuple[str, ...]) -> str:
    return ", ".join(p for p in (_field(block, t) for t in tags) if p)


def _deduplicated(facts: RecordFacts) -> RecordFacts:
    """Each value once, in the order printed (OFAC repeats `nationality` and `citizen`)."""
    for name in ("birth_dates", "birth_places", "nationalities", "addresses", "identifiers"):
        setattr(facts, name, list(dict.fromkeys(getattr(facts, name))))
    return facts
