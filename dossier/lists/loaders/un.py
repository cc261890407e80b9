"""UN Security Council consolidated list (XML): individuals and entities."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from dossier.exc import SourceError
from dossier.model import ListRecord

DATASET = "un_sc"
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def load_un(path: Path) -> Iterator[ListRecord | SourceError]:
    """Yield the records of a UN consolidated XML file; a broken file yields one error."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as err:
        yield SourceError(f"invalid UN XML ({err})", str(path))
        return
    for tag, schema in (("INDIVIDUAL", "Person"), ("ENTITY", "Organization")):
        for node in root.iter(tag):
            record = _record(node, schema)
            if record is not None:
                yield record


def _text(node: ET.Element, tag: str) -> str:
    found = node.find(tag)
    return (found.text or "").strip() if found is not None and found.text else ""


def _record(node: ET.Element, schema: str) -> ListRecord | None:
    reference = _text(node, "REFERENCE_NUMBER")
    name = " ".join(p for p in (_text(node, t) for t in _NAME_PARTS) if p)
    if not reference or not name:
        return None
    aliases = [
        _text(alias, "ALIAS_NAME")
        for alias in node
        if alias.tag.endswith("_ALIAS") and _text(alias, "ALIAS_NAME")
    ]
    original = _text(node, "NAME_ORIGINAL_SCRIPT")
    if original:
        aliases.append(original)
    return ListRecord(
        dataset=DATASET,
        list_id=reference,
        schema=schema,
        name=name,
        aliases=tuple(dict.fromkeys(a for a in aliases if a != name)),
        programs=(_text(node, "UN_LIST_TYPE"),) if _text(node, "UN_LIST_TYPE") else (),
        listed_on=_listing_date(_text(node, "LISTED_ON")),
        source_row=ET.tostring(node, encoding="unicode")[:4000],
    )


def _listing_date(value: str) -> str | None:
    """`LISTED_ON` as `YYYY-MM-DD`; a few records carry a zone suffix (`2015-04-07-04:00`)."""
    day = value[:10]
    return day if len(day) == 10 and day[4] == "-" and day[7] == "-" else None
