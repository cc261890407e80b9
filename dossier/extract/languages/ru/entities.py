"""Entity mentions in Russian and Ukrainian text: natasha NER, typed and named as in English.

natasha tags PER, ORG and LOC spans and gives their dictionary form (Елабуге → Елабуга).
On top of that, the rules every language component needs:

- a country, in any case form, is a `country` named in English ("России" → Russia), and
  so is its capital or seat of government when it acts (Москва, Кремль → Russia);
- an organisation followed by the country it belongs to is one name ("Минфин США",
  "Министерство обороны РФ"), the way Russian names state bodies;
- a name the alias table knows gets its English canonical name ("Министерство обороны
  России" → Russian Ministry of Defence), and the type the table allows;
- an acronym in parentheses after a name is a mention of it ("(КСИР)");
- a quoted name after a word for a company or outlet is an organisation («Альбатрос»);
- weapon designations come from `weapons.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from dossier.extract.languages.ru.forms import fold, same_phrase, same_word
from dossier.extract.languages.ru.places import country_of
from dossier.extract.languages.ru.weapons import find_weapons
from dossier.model import EntityType, Mention
from dossier.resolve.aliases import AliasRow, AliasTable

NATASHA_TYPES = {
    "PER": EntityType.PERSON,
    "ORG": EntityType.ORGANIZATION,
    "LOC": EntityType.LOCATION,
}


@dataclass(frozen=True, slots=True)
class Found:
    """A mention before linking: its span and type, its dictionary form, and the
    canonical (English) name of what it names when known."""

    mention: Mention
    normal: str
    canonical: str | None = None
    weak: bool = False
    """A word for a kind of body ("Минфин", "Министерство"): kept only as a short
    mention of a body named in full in the same text."""


# Single words natasha tags as organisations that name a kind of body, not one body.
GENERIC_ORGS = frozenset(
    fold(w)
    for w in (
        "Министерство",
        "Міністерство",
        "Ведомство",
        "Правительство",
        "Уряд",
        "Управление",
        "Компания",
        "Компанія",
        "Завод",
        "Парламент",
        "Агентство",
        "Служба",
        "Минобороны",
        "Міноборони",
        "Минфин",
        "Мінфін",
        "Издание",
        "Видання",
    )
)
# Abbreviations natasha tags that name no one: "the media".
NOT_NAMES = frozenset({"СМИ", "ЗМІ"})
# Words after which a quoted name is an organisation (stem-matched, any case form).
ORG_NOUNS = (
    "компания",
    "компанія",
    "фирма",
    "фірма",
    "предприятие",
    "підприємство",
    "концерн",
    "корпорация",
    "корпорація",
    "холдинг",
    "завод",
    "ООО",
    "АО",
    "ПАО",
    "ОАО",
    "ЗАО",
    "ТОВ",
    "издание",
    "видання",
    "газета",
    "агентство",
    "телеканал",
    "канал",
    "телеграм-канал",
    "Telegram-канал",
    "объединение",
    "об'єднання",
    "группа",
    "група",
    "центр",
    "институт",
    "інститут",
    "бюро",
    "организация",
    "організація",
)
_QUOTED = re.compile(r"[«“„\"](?P<name>[A-ZА-ЯЁІЇЄ][^«»“”„\"\n]{1,60}?)[»”\"]")
_PAREN_ACRONYM = re.compile(r"\s*\((?P<acr>[A-ZА-ЯЁІЇЄ][A-Za-zА-Яа-яЁёІіЇїЄє-]{1,9})\)\s*$")
_BEFORE_WORD = re.compile(r"([\w'’-]+)\W{0,3}$")
# A capital is a place, not a government, where something strikes it.
_ATTACKED = re.compile(
    r"(?:удар\w*|атак\w*|обстрел\w*|обстріл\w*|взрыв\w*|вибух\w*|нап[ао]д\w*)\s+"
    r"(?:\w+\s+){0,2}(?:по|на|в|у)\s+$",
    re.IGNORECASE,
)


def find_mentions(doc: Any, text: str, body_start: int, table: AliasTable) -> list[Found]:
    """Every mention in a parsed body; offsets are into the full document `text`.

    Args:
        doc: natasha's `Doc` of the body.
        text: the full document text.
        body_start: where the body starts in `text`.
        table: the alias table (English canonical names).
    """
    body: str = doc.text
    found = [_weapon(w.start, w.end, w.text, w.name) for w in find_weapons(body, body_start)]
    found += _quoted_orgs(body, body_start, table)
    spans = list(doc.spans)
    skip = -1
    for i, span in enumerate(spans):
        if i == skip:
            continue
        nxt = spans[i + 1] if i + 1 < len(spans) else None
        if nxt is not None and _belongs_to_country(span, nxt, body):
            skip = i + 1
            found += _typed(_joined(span, nxt, body, body_start), text, table)
        else:
            found += _typed(_from_span(span, body_start), text, table)
    found += _gazetteer_names(body, body_start, table)
    return _drop_overlaps(found)


_CAPITALISED = re.compile(
    r"(?<![\w-])[A-ZА-ЯЁІЇЄ][\w'’ʼ-]+(?:\s+[A-ZА-ЯЁІЇЄ][\w'’ʼ-]+)?", re.UNICODE
)


def _gazetteer_names(body: str, body_start: int, table: AliasTable) -> list[Found]:
    """Countries and known places natasha missed (it misses many on Ukrainian text):
    capitalised words, two at a time, then one, looked up in the country list and the
    alias table's places. Mentions found before take precedence (`_drop_overlaps`)."""
    found: list[Found] = []
    for m in _CAPITALISED.finditer(body):
        first = m.group().split()[0]
        for surface in dict.fromkeys((m.group(), first)):
            start = body_start + m.start()
            raw = Found(Mention(start, start + len(surface), surface, EntityType.LOCATION), surface)
            country = country_of(surface)
            if country is not None:
                found.append(_retype(raw, EntityType.COUNTRY, country[0]))
                break
            row = table.lookup(surface, EntityType.LOCATION) or _inflected_row(
                surface, EntityType.LOCATION, table
            )
            if row is not None:
                found.append(_retype(raw, EntityType.LOCATION, row.canonical))
                break
    return found


def _weapon(start: int, end: int, surface: str, name: str) -> Found:
    return Found(Mention(start, end, surface, EntityType.WEAPON), name, name)


def _from_span(span: Any, body_start: int) -> Found:
    etype = NATASHA_TYPES.get(span.type, EntityType.OTHER)
    start, end = body_start + span.start, body_start + span.stop
    return Found(Mention(start, end, span.text, etype), span.normal or span.text)


def _belongs_to_country(span: Any, nxt: Any, body: str) -> bool:
    """Whether `nxt` is the country an organisation `span` belongs to ("Минфин США")."""
    if span.type != "ORG" or body[span.stop : nxt.start].strip():
        return False
    country = country_of(nxt.text)
    return country is not None and not country[1] and "(" not in span.text


def _joined(span: Any, nxt: Any, body: str, body_start: int) -> Found:
    surface = body[span.start : nxt.stop]
    normal = f"{span.normal or span.text} {nxt.text}"
    mention = Mention(
        body_start + span.start, body_start + nxt.stop, surface, EntityType.ORGANIZATION
    )
    return Found(mention, normal)


def _typed(raw: Found, text: str, table: AliasTable) -> list[Found]:
    """Type and name one natasha span: country, known alias, or as natasha said."""
    m = raw.mention
    acronym = _PAREN_ACRONYM.search(m.text)
    if acronym is not None:
        return _split_acronym(raw, acronym, text, table)
    if m.text in NOT_NAMES:
        return []
    if len(m.text) < 2 or (m.type is not EntityType.ORGANIZATION and not m.text[0].isupper()):
        return []
    country = country_of(m.text) or country_of(raw.normal)
    if country is not None:
        name, capital = country
        if capital and _ATTACKED.search(text[max(0, m.start - 50) : m.start]):
            return [_retype(raw, EntityType.LOCATION, None)]
        return [_retype(raw, EntityType.COUNTRY, name)]
    known = _alias(raw, table)
    if known is not None:
        return [known]
    if m.type is EntityType.ORGANIZATION and fold(raw.normal) in GENERIC_ORGS:
        return [replace(raw, weak=True)]
    return [raw]


def _retype(raw: Found, etype: EntityType, canonical: str | None) -> Found:
    m = raw.mention
    return Found(Mention(m.start, m.end, m.text, etype), raw.normal, canonical)


def _alias(raw: Found, table: AliasTable) -> Found | None:
    """The mention named and typed by the alias table, when it knows the name."""
    m = raw.mention
    order = [m.type, EntityType.LOCATION, EntityType.ORGANIZATION, EntityType.PERSON]
    for name in dict.fromkeys((raw.normal, m.text)):
        for etype in order:
            row = table.lookup(name, etype) or _inflected_row(name, etype, table)
            if row is not None:
                # A site known as a place and as the company on it is the place, as in
                # the English convention, unless the text calls it an organisation.
                chosen = EntityType.LOCATION if EntityType.LOCATION in row.types else etype
                if m.type in row.types and m.type is not EntityType.ORGANIZATION:
                    chosen = m.type
                return _retype(raw, chosen, row.canonical)
    return None


def _inflected_row(name: str, etype: EntityType, table: AliasTable) -> AliasRow | None:
    """The alias row of a Cyrillic name in another case form than the table's
    ("Елабуге" for "Елабуга"; pymorphy2 does not know every name, nor Ukrainian)."""
    if not _CYRILLIC.search(name):
        return None
    rows = _cyrillic_rows(table)
    return next(
        (
            r
            for r in rows.get(fold(name)[:2], [])
            if etype in r.types and same_phrase(name, r.alias)
        ),
        None,
    )


_CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄє]")


_ROWS: dict[int, tuple[AliasTable, dict[str, list[AliasRow]]]] = {}


def _cyrillic_rows(table: AliasTable) -> dict[str, list[AliasRow]]:
    """The table's Cyrillic aliases by their first two letters (a name's case forms share
    them, as the stem is at least three letters long); built once per table."""
    cached = _ROWS.get(id(table))
    if cached is not None and cached[0] is table:
        return cached[1]
    index: dict[str, list[AliasRow]] = {}
    for row in table.rows:
        if _CYRILLIC.search(row.alias):
            index.setdefault(fold(row.alias)[:2], []).append(row)
    _ROWS[id(table)] = (table, index)
    return index


def _split_acronym(raw: Found, acronym: re.Match[str], text: str, table: AliasTable) -> list[Found]:
    """ "Корпус стражей исламской революции (КСИР)" → the name, and the acronym as its alias."""
    m = raw.mention
    cut = acronym.start()
    main = Found(
        Mention(m.start, m.start + cut, m.text[:cut], m.type),
        _PAREN_ACRONYM.sub("", raw.normal) or m.text[:cut],
    )
    typed = _typed(main, text, table)
    if not typed:
        return []
    head = typed[0]
    start = m.start + acronym.start("acr")
    short = Mention(
        start, start + len(acronym.group("acr")), acronym.group("acr"), head.mention.type
    )
    return [head, Found(short, head.normal, head.canonical)]


def _quoted_orgs(body: str, body_start: int, table: AliasTable) -> list[Found]:
    """Quoted names right after a word for a company, outlet or body: «Альбатрос»."""
    found: list[Found] = []
    for m in _QUOTED.finditer(body):
        before = _BEFORE_WORD.search(body[max(0, m.start() - 40) : m.start()])
        if before is None or not any(same_word(before.group(1), n) for n in ORG_NOUNS):
            continue
        start = body_start + m.start("name")
        mention = Mention(
            start, start + len(m.group("name")), m.group("name"), EntityType.ORGANIZATION
        )
        raw = Found(mention, m.group("name"))
        found.append(_alias(raw, table) or raw)
    return found


def _drop_overlaps(found: list[Found]) -> list[Found]:
    """Keep the first-found of overlapping mentions (weapons, then quoted names, then NER)."""
    kept: list[Found] = []
    for item in found:
        m = item.mention
        if all(m.end <= k.mention.start or m.start >= k.mention.end for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f.mention.start)
