"""Well-known organisations: government bodies, international bodies and news outlets.

World knowledge rather than document knowledge: "the Pentagon" and "DOD" are one
body, "WSJ" is The Wall Street Journal, and a news outlet is an organisation even when
the NER model takes "Politico" for a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# canonical name -> surface forms (case-sensitive; matched on word boundaries)
ORG_FORMS: dict[str, tuple[str, ...]] = {
    "US Department of Defense": (
        "Pentagon",
        "DOD",
        "DoD",
        "US Department of Defense",
        "U.S. Department of Defense",
        "Department of Defense",
        "Defense Department",
    ),
    "US Department of the Treasury": (
        "US Treasury Department",
        "U.S. Treasury Department",
        "US Treasury",
        "U.S. Treasury",
        "Treasury Department",
        "Department of the Treasury",
        "US Department of the Treasury",
        "U.S. Department of the Treasury",
        "US Department of Treasury",
        "Department of Treasury",
    ),
    "US Department of State": (
        "US State Department",
        "U.S. State Department",
        "State Department",
        "Department of State",
        "US Department of State",
    ),
    "US Department of Commerce": (
        "US Department of Commerce",
        "U.S. Department of Commerce",
        "Commerce Department",
        "Department of Commerce",
    ),
    "HM Treasury": ("HM Treasury",),
    "UK Foreign Office": (
        "Foreign Office",
        "Foreign, Commonwealth and Development Office",
        "Foreign, Commonwealth & Development Office",
    ),
    "White House": ("White House",),
    "European Union": ("European Union", "EU"),
    "European Commission": ("European Commission",),
    "European Council": ("European Council",),
    "UN Security Council": (
        "UN Security Council",
        "U.N. Security Council",
        "United Nations Security Council",
    ),
    "United Nations": ("United Nations", "UN", "U.N."),
    "NATO": ("NATO", "Nato"),
    "Islamic Revolutionary Guard Corps": (
        "Islamic Revolutionary Guard Corps",
        "Iranian Revolutionary Guard Corps",
        "Revolutionary Guard Corps",
        "Revolutionary Guards",
        "IRGC",
    ),
    "Reuters": ("Reuters",),
    "Associated Press": ("Associated Press", "AP"),
    "AFP": ("AFP", "Agence France-Presse"),
    "CNN": ("CNN",),
    "BBC": ("BBC",),
    "Politico": ("Politico", "POLITICO"),
    "Bloomberg": ("Bloomberg",),
    "Axios": ("Axios",),
    "Al Jazeera": ("Al Jazeera",),
    "Middle East Eye": ("Middle East Eye", "MEE"),
    "The Wall Street Journal": ("The Wall Street Journal", "Wall Street Journal", "WSJ"),
    "The Washington Post": ("The Washington Post", "Washington Post"),
    "The New York Times": ("The New York Times", "New York Times", "NYT"),
    "The Guardian": ("The Guardian",),
    "The Daily Mirror": ("The Daily Mirror", "Daily Mirror"),
    "Financial Times": ("Financial Times",),
    "IRNA": ("IRNA",),
    "TASS": ("TASS",),
    "RIA Novosti": ("RIA Novosti",),
    "Interfax": ("Interfax",),
    "UNIAN": ("UNIAN",),
    "Ukrinform": ("Ukrinform",),
    "RBC": ("RBC",),
    "Kommersant": ("Kommersant",),
    "Oryx": ("Oryx",),
}

# The news outlets among them: "the newspaper" or "the publication" later in an article
# refers back to the last of these it named.
OUTLETS = frozenset(
    {
        "Reuters",
        "Associated Press",
        "AFP",
        "CNN",
        "BBC",
        "Politico",
        "Bloomberg",
        "Axios",
        "Al Jazeera",
        "Middle East Eye",
        "The Wall Street Journal",
        "The Washington Post",
        "The New York Times",
        "The Guardian",
        "The Daily Mirror",
        "Financial Times",
        "IRNA",
        "TASS",
        "RIA Novosti",
        "Interfax",
        "UNIAN",
        "Ukrinform",
        "RBC",
        "Kommersant",
    }
)

_FORM_INDEX = {form: canonical for canonical, forms in ORG_FORMS.items() for form in forms}
_FORMS = re.compile(
    r"(?<![\w.-])(?:"
    + "|".join(re.escape(f) for f in sorted(_FORM_INDEX, key=len, reverse=True))
    + r")(?![\w-])"
)


@dataclass(frozen=True, slots=True)
class OrgSpan:
    """A known organisation found in text, with its canonical name."""

    start: int
    end: int
    text: str
    name: str


def find_known_orgs(text: str, offset: int = 0) -> list[OrgSpan]:
    """Find known organisations in `text`; offsets are shifted by `offset`."""
    spans = [
        OrgSpan(m.start() + offset, m.end() + offset, m.group(), _FORM_INDEX[m.group()])
        for m in _FORMS.finditer(text)
    ]
    return spans
