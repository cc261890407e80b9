"""Coverage-guided fuzzing with atheris (libFuzzer), run by tests/fuzz/test_atheris.py.

    python tests/fuzz/atheris_targets.py TARGET -runs=2000 [-max_total_time=10]

Each target takes raw bytes and feeds one parser; any exception other than
`SourceError` is a crash, which libFuzzer reports with the input that caused it.
Atheris is optional: Hypothesis carries the example count in `make test`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import atheris

with atheris.instrument_imports(include=["dossier"]):
    from dossier.exc import SourceError
    from dossier.extract.dates import find_date_at
    from dossier.extract.quantities import find_quantity
    from dossier.ingest.boilerplate import find_body_end
    from dossier.ingest.dispatch import Source, documents_from_bytes
    from dossier.ingest.text import read_jsonl
    from dossier.screen.algorithms import compare_names


def _text(data: bytes) -> str:
    return atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))


def fuzz_bytes(data: bytes) -> None:
    for item in documents_from_bytes(data, None, Source(where="fuzz", doc_id="fuzz")):
        if not isinstance(item, SourceError):
            assert 0 <= item.body_start <= item.body_end <= len(item.text)


def fuzz_jsonl(data: bytes) -> None:
    for item in read_jsonl(_text(data), "fuzz.jsonl"):
        if not isinstance(item, SourceError):
            assert 0 <= item.body_start <= item.body_end <= len(item.text)


def fuzz_text(data: bytes) -> None:
    text = _text(data)
    end = find_body_end(text)
    assert 0 <= end <= len(text)
    found = find_date_at(text, None)
    assert found is None or 0 <= found[0] < len(text)
    find_quantity(text)


def fuzz_names(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    a = provider.ConsumeUnicodeNoSurrogates(40)
    b = provider.ConsumeUnicodeNoSurrogates(40)
    assert 0.0 <= compare_names(a, b).score <= 1.0


TARGETS: dict[str, Callable[[bytes], None]] = {
    "bytes": fuzz_bytes,
    "jsonl": fuzz_jsonl,
    "text": fuzz_text,
    "names": fuzz_names,
}

if __name__ == "__main__":
    target = TARGETS[sys.argv[1]]
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()
