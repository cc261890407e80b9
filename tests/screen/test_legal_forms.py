"""screen.legal_forms calls rigour's core as rigour's own wrappers do."""

from __future__ import annotations

import pytest
import rigour.names
from rigour.text.normalize import Cleanup, Normalize

from dossier.screen import legal_forms
from dossier.screen.index import NameIndex
from dossier.screen.names import to_latin

EXAMPLES = [
    "Mr. John Smith",
    "Dr Ivan Petrov",
    "  Sheikh Mohammed bin Rashid",
    "Lady Mary",
    "Rosoboronexport OAO",
    "Joint Stock Company Kalashnikov Concern",
    "Siemens Aktiengesellschaft",
    "ООО Ромашка",
    "Islamic Revolutionary Guard Corps",
    "",
]


def test_flags_are_rigours_defaults() -> None:
    assert int(Normalize.CASEFOLD) == legal_forms.CASEFOLD
    assert int(Cleanup.Noop) == legal_forms.NO_CLEANUP


@pytest.mark.parametrize("name", EXAMPLES)
def test_legal_forms_agree_with_rigour_on_examples(name: str) -> None:
    folded = name.casefold()
    assert legal_forms.remove_person_prefixes(name) == rigour.names.remove_person_prefixes(name)
    assert legal_forms.replace_org_types_compare(folded) == (
        rigour.names.replace_org_types_compare(folded)
    )
    assert legal_forms.extract_org_types(folded) == rigour.names.extract_org_types(folded)


def test_legal_forms_agree_with_rigour_on_listed_names(index: NameIndex) -> None:
    names = [name for _, name in index.names[::5]]
    folded = [to_latin(n).casefold() for n in names]
    tokens = sorted({t for group in index.tokens[::5] for t in group})
    assert [legal_forms.remove_person_prefixes(n) for n in names] == [
        rigour.names.remove_person_prefixes(n) for n in names
    ]
    assert [legal_forms.replace_org_types_compare(n) for n in folded] == [
        rigour.names.replace_org_types_compare(n) for n in folded
    ]
    assert [legal_forms.extract_org_types(t) for t in tokens] == [
        rigour.names.extract_org_types(t) for t in tokens
    ]
    assert sum(map(bool, map(legal_forms.extract_org_types, tokens))) > 20  # forms were met
