"""An index read from arrays makes its records and word tuples when first used, and is
the same index as the one it was written from."""

from __future__ import annotations

import numpy as np
import pytest

from dossier.model import ListRecord
from dossier.screen.index import Groups, NameIndex, build_index, pack_strings, unpack_strings

RECORDS = [
    ListRecord("un_sc", "QDi.1", "Person", "KIM, Jong Un", ("Kim Jong-un",), ("DPRK",), "2016"),
    ListRecord("us_ofac_sdn", "7", "Organization", "Quds Aviation Industry", (), (), None),
    ListRecord("eu_fsf", "x", "Vessel", "Ocean Star", ("OCEAN STAR 1",), ("IRAN",), None, "2020"),
]


def _read(index: NameIndex) -> NameIndex:
    return NameIndex.from_arrays(index.to_arrays())


def test_read_index_equals_the_built_one() -> None:
    built = build_index(RECORDS)
    read = _read(built)
    assert list(read.records) == built.records
    assert read.records[-1] == built.records[-1]
    assert read.records[0] is read.records[0]  # made once, kept
    assert read.tokens == built.tokens
    assert read.tokens[1:] == built.tokens[1:]
    assert read.names == built.names


def test_groups_split_when_used_and_check_their_sizes() -> None:
    groups = [("kim", "jong", "un"), (), ("quds",)]
    sep = np.array([ord("\x01")], dtype=np.uint32)
    strings = ["\x01".join(g) for g in groups]
    counts = np.array([len(g) for g in groups], dtype=np.int32)
    read = Groups(strings, sep, counts)
    assert read == groups
    assert groups == read
    assert read != groups[:2]
    assert list(read) == groups
    with pytest.raises(ValueError, match="group sizes"):
        Groups(strings, sep, np.array([2, 0, 1], dtype=np.int32))
    with pytest.raises(ValueError, match="group sizes"):
        Groups(strings[:2], sep, counts)


def test_a_read_index_takes_new_records() -> None:
    read = _read(build_index(RECORDS[:2]))
    read.add(RECORDS[2])
    built = build_index(RECORDS)
    assert read.tokens == built.tokens
    assert read.names == built.names


def test_strings_round_trip() -> None:
    values = ["a", "", "Ким", "x\x01y"]
    assert unpack_strings(*pack_strings(values)) == values


def test_key_table_numbers_are_the_keys_held_in_order() -> None:
    """One binary search for many keys finds what one lookup per key finds: a key no
    name carries, one longer than every key held and one ending in a zero byte (which
    fixed-width bytes would not tell from the key without it) are not held."""
    built = build_index(RECORDS)
    read = _read(built)
    held = list(built._keys)
    longest = max(map(len, held))
    keys = [*held[::-1], "t:nobody", "t:" + "x" * longest, held[0] + "\0", "", held[1]]
    expected = [built._keys[k] for k in keys if k in built._keys]
    assert read._keys.numbers(keys) == expected
    assert read._keys.numbers([k for k in keys if k not in built._keys]) == []
    for token in ("kim", "quds", "kym", "zzz"):
        assert read.has_keys(token) == built.has_keys(token)
        assert (read.token_posting(token, 10) is None) == (built.token_posting(token, 10) is None)
