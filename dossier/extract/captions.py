"""Photo captions inside an article body: they describe a picture, they assert nothing.

News pages interleave captions with the prose, and scraped text keeps them as lines of
their own ("Police officers shoot at a drone ..., in Kyiv, Ukraine October 17, 2022.").
Two signs mark one: it closes on a dateline (a place, then a full date) or on a photo
credit in parentheses naming an agency ("... amid the Russian invasion (AFP)").
"""

from __future__ import annotations

import re

from dossier.extract.bodies import OUTLETS

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# "..., in Kyiv, Ukraine October 17, 2022." — no verb after the date, nothing but the stop.
_DATELINE_END = re.compile(rf",? [A-Z][\w-]+,? (?:{_MONTHS}) \d{{1,2}}, \d{{4}}\.?$")
_CREDIT_END = re.compile(r"\(([^()]{2,40})\)\s*$")
_CREDITS = OUTLETS | {"AP", "Getty Images", "AP Photo", "EPA", "Anadolu"}


def is_caption(sentence: str) -> bool:
    """True when `sentence` reads as a photo caption rather than reporting."""
    text = sentence.strip()
    if _DATELINE_END.search(text):
        return True
    credit = _CREDIT_END.search(text)
    return credit is not None and credit.group(1).split("/")[0].strip() in _CREDITS
