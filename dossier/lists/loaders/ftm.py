"""FollowTheMoney / OpenSanctions entity files: one JSON entity per line.

`dataset` is the entity's first `datasets` value (else the file stem); `list_id` its
`id`. Names come from `name`, `alias`, `weakAlias` and `previousName`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dossier.exc import SourceError
from dossier.lists.loaders.tabular import parse_date, read_text
from dossier.model import ListRecord

_SCHEMAS = {
    "Person": "Person",
    "Company": "Organization",
    "Organization": "Organization",
    "LegalEntity": "Organization",
    "PublicBody": "Organization",
    "Vessel": "Vessel",
    "Airplane": "Aircraft",
}
_NAME_PROPS = ("name", "alias", "weakAlias", "previousName")


def load_ftm(path: Path) -> Iterator[ListRecord | SourceError]:
    """Yield one record per named entity line; malformed lines yield errors."""
    text, error = read_text(path)
    if error is not None:
        yield error
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entity = json.loads(line)
        except json.JSONDecodeError as err:
            yield SourceError(f"line {number}: not JSON ({err.msg})", str(path))
            continue
        record = _record(entity, path.stem.split(".")[0])
        if record is None:
            yield SourceError(f"line {number}: entity without id, schema or name", str(path))
        else:
            yield record


def _values(props: dict[str, Any], key: str) -> list[str]:
    values = props.get(key) or []
    return [str(v).strip() for v in (values if isinstance(values, list) else [values]) if v]


def _record(entity: Any, default_dataset: str) -> ListRecord | None:
    if not isinstance(entity, dict) or not isinstance(entity.get("properties"), dict):
        return None
    props: dict[str, Any] = entity["properties"]
    names = list(dict.fromkeys(n for key in _NAME_PROPS for n in _values(props, key)))
    if not entity.get("id") or not entity.get("schema") or not names:
        return None
    datasets = entity.get("datasets")
    if not isinstance(datasets, list) or not datasets:
        datasets = [default_dataset]
    listed = _values(props, "listingDate") or _values(props, "startDate")
    ended = _values(props, "endDate")
    return ListRecord(
        dataset=str(datasets[0]),
        list_id=str(entity["id"]),
        schema=_SCHEMAS.get(str(entity["schema"]), "Other"),
        name=names[0],
        aliases=tuple(names[1:]),
        programs=tuple(_values(props, "program") or _values(props, "programId")),
        listed_on=parse_date(listed[0][:10]) if listed else None,
        ended_on=parse_date(ended[0][:10]) if ended else None,
        source_row=json.dumps(entity, ensure_ascii=False)[:4000],
    )
