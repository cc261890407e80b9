"""Group Russian and Ukrainian mentions that name one thing into one entity.

Mentions are one entity when they share a canonical name, or when their dictionary
forms are the same words in some case form (`forms.same_phrase`: "Минфина"/"Минфин",
Ukrainian forms pymorphy2 cannot normalise). A lone surname is the person named in
full before it ("Скибицкого" → "Вадим Скибицкий"), and an organisation's bare name is
the same body named with its country before it ("Минфин" → "Минфин США").
"""

from __future__ import annotations

from dossier.extract.languages.ru.entities import Found
from dossier.extract.languages.ru.forms import same_phrase, same_word, words
from dossier.extract.linking import vote_type
from dossier.model import Entity, EntityType, Mention


def link_mentions(found: list[Found]) -> list[Entity]:
    """One entity per group of mentions, in order of first mention."""
    groups: list[list[Found]] = []
    for item in found:
        group = next((g for g in groups if _joins(item, g)), None)
        if group is None:
            groups.append([item])
        else:
            group.append(item)
    return [_entity(g) for g in groups if not all(f.weak for f in g)]


def _joins(item: Found, group: list[Found]) -> bool:
    return any(_same(item, other) for other in group)


def _same(a: Found, b: Found) -> bool:
    if a.weak or b.weak:
        return _compatible(a, b) and (_bare_of(a, b) or _bare_of(b, a))
    if a.canonical or b.canonical:
        return a.canonical == b.canonical or (_compatible(a, b) and same_phrase(a.normal, b.normal))
    if not _compatible(a, b):
        return False
    if same_phrase(a.normal, b.normal) or same_phrase(a.mention.text, b.mention.text):
        return True
    return _surname_of(a, b) or _surname_of(b, a) or _bare_of(a, b) or _bare_of(b, a)


def _compatible(a: Found, b: Found) -> bool:
    """Mentions of different types join only as a person/organisation confusion."""
    ta, tb = a.mention.type, b.mention.type
    loose = {EntityType.ORGANIZATION, EntityType.LOCATION}
    return ta is tb or {ta, tb} <= loose


def _surname_of(short: Found, full: Found) -> bool:
    """Whether `short` is one word, the last word of the person `full`."""
    if EntityType.PERSON not in (short.mention.type, full.mention.type):
        return False
    sw, fw = words(short.normal), words(full.normal)
    return len(sw) == 1 and len(fw) >= 2 and same_word(sw[0], fw[-1])


def _bare_of(short: Found, full: Found) -> bool:
    """Whether `short` is `full` without the country it belongs to ("Минфин")."""
    if full.mention.type is not EntityType.ORGANIZATION:
        return False
    sw, fw = words(short.normal), words(full.normal)
    return 0 < len(sw) < len(fw) and same_phrase(" ".join(fw[: len(sw)]), short.normal)


def _entity(group: list[Found]) -> Entity:
    mentions = sorted((f.mention for f in group), key=lambda m: m.start)
    canonical = next((f.canonical for f in group if f.canonical), None)
    etype = vote_type(mentions)
    name = canonical or max((f.normal for f in group), key=lambda n: (len(words(n)), len(n)))
    return Entity(name=name, type=etype, mentions=_with_type(mentions, etype))


def _with_type(mentions: list[Mention], etype: EntityType) -> list[Mention]:
    return [Mention(m.start, m.end, m.text, etype) for m in mentions]
