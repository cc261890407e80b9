"""rigour's legal-form and honorific functions, called through its compiled core.

Importing `rigour.names` imports the whole of rigour's name machinery with it
(`rigour.text`, normality with its encoding guessers chardet and charset_normalizer,
language tables): about 45 ms of every `dossier screen` start-up, a tenth of one
`dossier screen NAME`, for three functions that are thin wrappers over `rigour._core`.
These call the core as those wrappers do with their default arguments, which are the
ones screening used (case-folded aliases, no clean-up, type-specific forms);
`tests/screen/test_legal_forms.py` checks them against rigour's own.
"""

from __future__ import annotations

import re
from functools import cache

from rigour._core import extract_org_types as _extract_org_types
from rigour._core import person_name_prefixes_list
from rigour._core import replace_org_types_compare as _replace_org_types_compare

# `int(rigour.text.normalize.Normalize.CASEFOLD)` and `int(Cleanup.Noop)`: the flags
# rigour's wrappers pass by default (the test pins them to rigour's enums).
CASEFOLD = 4
NO_CLEANUP = 0


def replace_org_types_compare(name: str) -> str:
    """`rigour.names.replace_org_types_compare`: legal forms in their compare form."""
    return _replace_org_types_compare(name, CASEFOLD, NO_CLEANUP, False)


def extract_org_types(name: str) -> list[tuple[str, str]]:
    """`rigour.names.extract_org_types`: each legal form found, with its compare form."""
    return _extract_org_types(name, CASEFOLD, NO_CLEANUP, False)


@cache
def _person_prefixes() -> re.Pattern[str]:
    """rigour's honorifics at a name's head, as `rigour.names.prefix` compiles them."""
    escaped = "|".join(re.escape(p) for p in person_name_prefixes_list())
    return re.compile(rf"^\W*(({escaped})\.?\s+)*", re.IGNORECASE | re.UNICODE)


def remove_person_prefixes(name: str) -> str:
    """`rigour.names.remove_person_prefixes`: honorifics ("Mr.", "Dr.") dropped."""
    return _person_prefixes().sub("", name)
