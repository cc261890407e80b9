"""A candidate index over list names, so a query never scans every record.

Keys are name tokens, their phonetic codes, 5-letter prefixes, first-letter-less tails
and the token with its first two letters in order (a swap meets); token weights are
inverse document frequencies over all indexed names (rare tokens identify, common
ones do not). Each posting also carries the weight of the name's token behind the
key, so a query can bound every candidate's score from key hits alone (`prefilter`)
before any candidate is compared in full. The postings are frozen into numpy arrays
on first use, which whole-array code sums and ranks (`prefilter`).
"""

from __future__ import annotations

import gc
import math
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import Any, cast, overload

import jellyfish
import numpy as np
import numpy.typing as npt

from dossier.model import ListRecord
from dossier.screen.algorithms import content_len
from dossier.screen.features import folded_spelling
from dossier.screen.names import body_kind, is_filler, name_tokens, reorder_person

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int32]

# A key carried by more than this share of names says little about which one is
# meant; its hits are assumed for every name instead of counted (keeps bounds sound).
COMMON_KEY_SHARE = 0.2
# Legal forms and fillers weigh at most this (`NameIndex.weight`).
FILLER_WEIGHT = 0.2
MIN_COMMON_KEY = 2_000
# Schema kinds of names (`NameIndex.kinds`): each has its own extra-token penalty.
ORGANIZATION, PERSON, VESSEL = 0, 1, 2


@lru_cache(maxsize=200_000)
def token_keys(token: str) -> frozenset[str]:
    """Index keys of a token: itself, its folded spelling, its sound, its prefix, all
    but its first letter, and its first two letters in order."""
    keys = {"t:" + token}
    if not token.isdigit():
        keys.add("r:" + folded_spelling(token))
    if not token.isdigit() and len(token) > 2:
        keys.add("p:" + str(jellyfish.metaphone(token)))
        keys.add("g:" + token[:5])
    if len(token) > 4:
        keys.add("x:" + token[1:])  # a changed first letter (Bagheri/Vagheri) still meets
        keys.add("s:" + min(token, token[1] + token[0] + token[2:]))  # Badullah/Abdullah
    return frozenset(keys)


@dataclass(frozen=True, slots=True)
class Posting:
    """Names carrying one key, and the weight of the token behind it in each name."""

    names: IntArray
    weights: FloatArray


@dataclass(frozen=True, slots=True)
class QueryPostings:
    """Every posting of a query's tokens end to end: each hit's name, the weight of the
    name's token behind it and the query token's weight; and the weight and number of
    query tokens too common to count (assumed to align with every name)."""

    names: IntArray
    name_side: FloatArray
    query_side: FloatArray
    assumed: float
    assumed_tokens: int


@dataclass(slots=True)
class NameIndex:
    """Records, their names, and a key → names posting list."""

    records: Sequence[ListRecord] = field(default_factory=list)  # (`RecordTable` if read)
    names: list[tuple[int, str]] = field(default_factory=list)
    tokens: Sequence[tuple[str, ...]] = field(default_factory=list)  # (`Groups` if read)
    doc_freq: Counter[str] = field(default_factory=Counter)
    _weights: dict[str, float] = field(default_factory=dict)
    _keys: Mapping[str, int] = field(default_factory=dict)  # key → its number in `_postings`
    _postings: Posting = field(default_factory=lambda: Posting(np.zeros(0, np.int32), np.zeros(0)))
    _key_starts: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(1, np.int64))
    _name_weight: FloatArray = field(default_factory=lambda: np.zeros(0))
    _schema_masks: dict[frozenset[str], npt.NDArray[np.bool_]] = field(default_factory=dict)
    _kind_weights: dict[frozenset[str], FloatArray] = field(default_factory=dict)
    _content_len: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    _kinds: npt.NDArray[np.int8] = field(default_factory=lambda: np.zeros(0, dtype=np.int8))
    _everyone: npt.NDArray[np.bool_] = field(default_factory=lambda: np.zeros(0, dtype=np.bool_))
    _token_postings: dict[str, Posting | None] = field(default_factory=dict)
    _unlisted: dict[str, float] = field(default_factory=dict)
    _frozen: bool = False

    def add(self, record: ListRecord) -> None:
        """Index every name of a record."""
        record_no = len(self.records)
        if not isinstance(self.records, list):
            self.records = list(self.records)
        if not isinstance(self.tokens, list):
            self.tokens = list(self.tokens)
        self.records.append(record)
        for name in dict.fromkeys(record.names):
            self.names.append((record_no, name))
            tokens = tuple(dict.fromkeys(name_tokens(name)))
            self.tokens.append(tokens)
            self.doc_freq.update(tokens)
            if name.count(",") == 1:  # compared both ways: "SURNAME, Given" normalised now
                name_tokens(reorder_person(name))  # (into the `name_tokens` cache)
        self._frozen = False

    def weight(self, token: str) -> float:
        """Inverse document frequency of a token; legal forms and fillers weigh at most 0.2."""
        if not self._frozen:
            return self._idf_weight(token)
        found = self._weights.get(token)
        if found is None:
            found = self._unlisted.get(token)
        if found is None:  # a word no list name has: remembered, the cache bounded
            if len(self._unlisted) >= TOKEN_POSTING_CACHE:
                self._unlisted.clear()
            found = self._unlisted[token] = self._idf_weight(token)
        return found

    def _idf_weight(self, token: str) -> float:
        total = max(len(self.names), 1)
        idf = math.log((total + 1) / (self.doc_freq.get(token, 0) + 1)) / math.log(total + 1)
        base = 0.3 + 0.7 * idf
        return min(base, FILLER_WEIGHT) if is_filler(token) else base

    def bound_weight(self, token: str) -> float:
        """A token's weight in the candidate bound: a body-kind word may stand for
        another of its class and weigh as a legal form (`names.collapse_body_kinds`)."""
        return _kind_capped(token, self.weight(token))

    def freeze(self) -> None:
        """Compute weights and pack postings into arrays (done once, on first query)."""
        self._frozen = False
        self._weights = {token: self._idf_weight(token) for token in self.doc_freq}
        self._schema_masks = {}
        self._token_postings = {}
        self._unlisted = {}
        self._index_keys()
        self._name_weight = np.array(
            [sum(self._weights[t] for t in tokens) for tokens in self.tokens], dtype=np.float64
        )
        self._content_len = np.array([content_len(t) for t in self.tokens], dtype=np.int32)
        kinds = {"Person": PERSON, "Vessel": VESSEL}
        self._kinds = np.array(
            [kinds.get(self.records[r].schema, ORGANIZATION) for r, _ in self.names], dtype=np.int8
        )
        self._everyone = np.ones(len(self.names), dtype=np.bool_)
        self._frozen = True

    def _index_keys(self) -> None:
        """Every key's posting, built for all names at once: each (name, word) pair is
        repeated for each key of its word, then sorted by key and name, and each name
        kept once per key with its heaviest word (a dict per key, filled name by name,
        took seconds over the lists' 1.6 million key hits)."""
        vocab = list(self.doc_freq)
        numbers = {token: i for i, token in enumerate(vocab)}
        numbered: dict[str, int] = {}
        number = numbered.setdefault
        word_keys = [[number(k, len(numbered)) for k in token_keys(t)] for t in vocab]
        self._keys = numbered
        key_counts = np.array([len(k) for k in word_keys], dtype=np.int64)
        flat_keys = np.fromiter(chain.from_iterable(word_keys), dtype=np.int64)
        first_key = np.cumsum(key_counts) - key_counts
        words = np.fromiter((numbers[t] for ts in self.tokens for t in ts), dtype=np.int64)
        name_of = np.repeat(
            np.arange(len(self.tokens), dtype=np.int32), [len(ts) for ts in self.tokens]
        )
        repeats = key_counts[words]
        hit_word = np.repeat(np.arange(len(words)), repeats)
        nth = np.arange(len(hit_word)) - np.repeat(np.cumsum(repeats) - repeats, repeats)
        keys = flat_keys[first_key[words[hit_word]] + nth]
        names = name_of[hit_word]
        weights = np.array([self._weights[t] for t in vocab])[words[hit_word]]
        order = np.lexsort((-weights, names, keys))
        keys, names, weights = keys[order], names[order], weights[order]
        first = np.ones(len(keys), dtype=np.bool_)
        first[1:] = (keys[1:] != keys[:-1]) | (names[1:] != names[:-1])
        self._postings = Posting(names[first], weights[first])
        self._key_starts = np.searchsorted(keys[first], np.arange(len(self._keys) + 1))

    def _posting(self, number: int) -> Posting:
        """The names carrying key number `number` (a view into the packed postings)."""
        start, end = self._key_starts[number], self._key_starts[number + 1]
        return Posting(self._postings.names[start:end], self._postings.weights[start:end])

    def _key_numbers(self, keys: Collection[str]) -> list[int]:
        """The numbers of those of `keys` that some name carries, in `keys`' order."""
        if isinstance(self._keys, KeyTable):
            return self._keys.numbers(keys)
        return [self._keys[key] for key in keys if key in self._keys]

    def name_weight(self) -> FloatArray:
        """Total token weight of every name, by name number."""
        self._ensure_frozen()
        return self._name_weight

    def bound_name_weight(self, kinds: frozenset[str]) -> FloatArray:
        """`name_weight` with the words of these body kinds weighed as legal forms: a
        name's kind word may stand for the query's (`names.collapse_body_kinds`)."""
        if not kinds:
            return self.name_weight()
        found = self._kind_weights.get(kinds)
        if found is None:
            found = self._kind_weights[kinds] = np.array(
                [
                    sum(
                        _kind_capped(t, self.weight(t)) if body_kind(t) in kinds else self.weight(t)
                        for t in tokens
                    )
                    for tokens in self.tokens
                ],
                dtype=np.float64,
            )
        return found

    def schema_mask(self, allowed: frozenset[str]) -> npt.NDArray[np.bool_]:
        """Which names belong to a record of one of the `allowed` schemata."""
        self._ensure_frozen()
        mask = self._schema_masks.get(allowed)
        if mask is None:
            schemata = [self.records[r].schema in allowed for r, _ in self.names]
            mask = self._schema_masks[allowed] = np.array(schemata, dtype=np.bool_)
        return mask

    def content_lengths(self) -> IntArray:
        """How many words other than legal forms and fillers each name has."""
        self._ensure_frozen()
        return self._content_len

    def _ensure_frozen(self) -> None:
        if not self._frozen:
            self.freeze()

    def token_posting(self, token: str, common: int) -> Posting | None:
        """Names sharing any key with `token`, each with its heaviest token behind a key.

        None when a key is too common to count. Cached per token: a query's words recur
        (given names, legal forms), and merging four postings is most of a query's cost.
        """
        cached = self._token_postings.get(token, _MISSING)
        if cached is not _MISSING:
            return cached
        postings = [self._posting(n) for n in self._key_numbers(token_keys(token))]
        merged: Posting | None
        if any(len(p.names) > common for p in postings):
            merged = None
        elif not postings:
            merged = _MISSING
        elif len(postings) == 1:
            merged = postings[0]
        else:
            merged = _merge_postings(postings)
        if len(self._token_postings) >= TOKEN_POSTING_CACHE:
            self._token_postings.clear()
        self._token_postings[token] = merged
        return merged

    def has_keys(self, token: str) -> bool:
        """Whether any listed name shares an index key with `token`."""
        self._ensure_frozen()
        return bool(self._key_numbers(token_keys(token)))

    def query_postings(self, query_tokens: Iterable[str]) -> QueryPostings:
        """The postings of a query's tokens, end to end, with each hit's query weight."""
        self._ensure_frozen()
        common = max(MIN_COMMON_KEY, int(COMMON_KEY_SHARE * len(self.names)))
        assumed = 0.0
        assumed_tokens = 0
        postings: list[Posting] = []
        weights: list[float] = []
        for token in dict.fromkeys(query_tokens):
            posting = self.token_posting(token, common)
            if posting is None:
                assumed += self.weight(token)  # too common to count: assume it aligns anywhere
                assumed_tokens += 1
            elif len(posting.names):
                postings.append(posting)
                weights.append(self.weight(token))
        hit = postings or [_MISSING]
        names = np.concatenate([p.names for p in hit])
        name_side = np.concatenate([p.weights for p in hit])
        query_side = np.repeat(
            np.array(weights, dtype=np.float64), [len(p.names) for p in postings]
        )
        return QueryPostings(names, name_side, query_side, assumed, assumed_tokens)

    def kinds(self) -> npt.NDArray[np.int8]:
        """Each name's schema kind (`PERSON`, `VESSEL` or `ORGANIZATION`)."""
        self._ensure_frozen()
        return self._kinds

    def allowed(self, schemata: frozenset[str] | None) -> npt.NDArray[np.bool_]:
        """Which names the schema filter lets through (all of them for None)."""
        if schemata is None:
            return self._everyone
        return self.schema_mask(schemata)

    def to_arrays(self) -> dict[str, npt.NDArray[Any]]:
        """The frozen index as flat arrays (`from_arrays` reads them back): numbers as
        they are, strings as one UTF-8 text and their ends (`pack_strings`)."""
        self._ensure_frozen()
        vocab = list(self._weights)
        arrays: dict[str, npt.NDArray[Any]] = {}
        columns: dict[str, Iterable[str]] = {
            "dataset": (r.dataset for r in self.records),
            "list_id": (r.list_id for r in self.records),
            "schema": (r.schema for r in self.records),
            "name": (r.name for r in self.records),
            "listed_on": (r.listed_on or "" for r in self.records),
            "ended_on": (r.ended_on or "" for r in self.records),
            "source_row": (r.source_row for r in self.records),
            "aliases": self._grouped(arrays, "aliases", [r.aliases for r in self.records]),
            "programs": self._grouped(arrays, "programs", [r.programs for r in self.records]),
            "name_text": (name for _, name in self.names),
            "tokens": self._grouped(arrays, "tokens", self.tokens),
            "vocab": vocab,
        }
        for column, values in columns.items():
            strings = list(values)
            arrays[column + ".text"], arrays[column + ".ends"] = pack_strings(strings)
            if column in _BY_RECORD:  # read record by record (`RecordTable`)
                sizes = [len(v.encode("utf-8", "surrogatepass")) for v in strings]
                step = _lead_size(arrays[column + ".text"])
                arrays[column + ".bytes"] = np.cumsum(np.array(sizes, dtype=np.int64) + step)

        encoded = sorted((key.encode("utf-8", "surrogatepass"), n) for key, n in self._keys.items())
        arrays["key_bytes"] = np.array([k for k, _ in encoded], dtype=bytes)
        arrays["key_numbers"] = np.array([n for _, n in encoded], dtype=np.int32)

        def counts(values: Iterable[float], dtype: type = np.int32) -> npt.NDArray[Any]:
            return np.fromiter(values, dtype=dtype)

        arrays |= {
            "alias_counts": counts(len(r.aliases) for r in self.records),
            "program_counts": counts(len(r.programs) for r in self.records),
            "dated": counts(
                ((r.listed_on is not None) + 2 * (r.ended_on is not None) for r in self.records),
                np.int8,
            ),
            "name_record": counts(r for r, _ in self.names),
            "token_counts": counts(len(t) for t in self.tokens),
            "doc_freq": counts((self.doc_freq[t] for t in vocab), np.int64),
            "vocab_weight": counts((self._weights[t] for t in vocab), np.float64),
            "posting_names": self._postings.names,
            "posting_weights": self._postings.weights,
            "key_starts": self._key_starts,
            "name_weight": self._name_weight,
            "content_len": self._content_len,
            "kinds": self._kinds,
        }
        return arrays

    @staticmethod
    def _grouped(
        arrays: dict[str, npt.NDArray[Any]], column: str, groups: Sequence[tuple[str, ...]]
    ) -> list[str]:
        """Each tuple as one string, joined by a character none holds (kept in `arrays`):
        splitting 66,000 strings is far quicker than cutting 220,000 into tuples."""
        sep = _unused("".join(chain.from_iterable(groups)))
        arrays[column + ".sep"] = np.array([ord(sep)], dtype=np.uint32)
        return [sep.join(group) for group in groups]

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, npt.NDArray[Any]]) -> NameIndex:
        """The frozen index `to_arrays` gave: the same records, names, weights and
        postings, so every query finds the same candidates. Big arrays may be read-only
        views of a mapped file; they are only read.

        Raises `ValueError` (or `KeyError`, `IndexError`) when the arrays do not fit
        together, so that a damaged file never reaches compiled code.
        """
        text = {
            c: unpack_strings(arrays[c + ".text"], arrays[c + ".ends"])
            for c in _COLUMNS
            if c not in _BY_RECORD
        }
        records = RecordTable(arrays, text)
        name_record = arrays["name_record"]
        names = list(zip(name_record.tolist(), text["name_text"], strict=True))
        tokens = Groups(text["tokens"], arrays["tokens.sep"], arrays["token_counts"])
        vocab = text["vocab"]
        postings = Posting(
            np.asarray(arrays["posting_names"]), np.asarray(arrays["posting_weights"])
        )
        key_starts = np.asarray(arrays["key_starts"])
        per_name = [np.array(arrays[a]) for a in ("name_weight", "content_len", "kinds")]
        if len(records) and len(names) and int(name_record.max()) >= len(records):
            raise ValueError("a name of a record the index does not have")
        if len(key_starts) != len(arrays["key_numbers"]) + 1 or key_starts[-1] != len(
            postings.names
        ):
            raise ValueError("key starts do not fit the postings")
        if np.any(np.diff(key_starts) < 0) or (
            len(postings.names)
            and (int(postings.names.min()) < 0 or int(postings.names.max()) >= len(names))
        ):
            raise ValueError("postings outside the names")
        if len(tokens) != len(names) or any(len(a) != len(names) for a in per_name):
            raise ValueError("per-name arrays of different lengths")
        index = cls(records=records, names=names, tokens=tokens)
        index.doc_freq = Counter(dict(zip(vocab, arrays["doc_freq"].tolist(), strict=True)))
        index._weights = dict(zip(vocab, arrays["vocab_weight"].tolist(), strict=True))
        index._keys = KeyTable(arrays["key_bytes"], arrays["key_numbers"])
        index._postings, index._key_starts = postings, key_starts
        index._name_weight, index._content_len, index._kinds = per_name
        index._everyone = np.ones(len(names), dtype=np.bool_)
        index._frozen = True
        return index


def _merge_postings(postings: list[Posting]) -> Posting:
    """One posting from several: each name once, with its heaviest weight."""
    from dossier.screen.prefilter import merge_postings

    names = np.concatenate([p.names for p in postings])
    weights = np.concatenate([p.weights for p in postings])
    return Posting(*merge_postings(names, weights))


class KeyTable(Mapping[str, int]):
    """Index keys → their numbers, looked up by binary search in the mapped file's
    sorted keys (`NameIndex.from_arrays`): building a dict of 178,000 keys took 65 ms,
    a query looks up some thirty."""

    def __init__(self, keys: npt.NDArray[np.bytes_], numbers: npt.NDArray[np.int32]):
        if len(keys) != len(numbers) or (len(keys) and np.any(keys[1:] <= keys[:-1])):
            raise ValueError("index keys are not sorted and distinct")
        if len(numbers) and (int(numbers.min()) < 0 or int(numbers.max()) >= len(numbers)):
            raise ValueError("key numbers out of range")
        self._sorted, self._numbers = keys, numbers

    def __getitem__(self, key: str) -> int:
        wanted = key.encode("utf-8", "surrogatepass")
        place = int(self._sorted.searchsorted(wanted))  # (the method: no dispatch)
        if place < len(self._sorted) and self._sorted[place] == wanted and wanted[-1:] != b"\0":
            return int(self._numbers[place])
        raise KeyError(key)

    def numbers(self, keys: Collection[str]) -> list[int]:
        """The numbers of those of `keys` the table holds, in `keys`' order: one binary
        search for all of a token's keys (one per key, each with a `KeyError` for a key
        no name carries, was a few percent of screening)."""
        size = self._sorted.dtype.itemsize
        wanted = [key.encode("utf-8", "surrogatepass") for key in keys]
        # Longer than every key: not held (and cast to the keys' width it would be cut).
        # Fixed-width bytes compare without trailing zero bytes, so no key ends in one.
        fits = [w for w in wanted if len(w) <= size and w[-1:] != b"\0"]
        if not fits or not len(self._sorted):
            return []
        probe = np.array(fits, dtype=self._sorted.dtype)
        places = self._sorted.searchsorted(probe).clip(max=len(self._sorted) - 1)
        held = self._sorted.take(places) == probe
        return cast(list[int], self._numbers.take(places[held]).tolist())

    def __len__(self) -> int:
        return len(self._numbers)

    def __iter__(self) -> Iterator[str]:
        """Keys in number order (as `to_arrays` writes them)."""
        for place in np.argsort(self._numbers, kind="stable").tolist():
            yield bytes(self._sorted[place]).decode("utf-8", "surrogatepass")


# Record columns read record by record, when a record is first used: decoding the
# 13 MB of source rows and every alias up front was a third of reading an index.
_BY_RECORD = frozenset({"source_row", "aliases", "programs"})
_COUNTS = {"aliases": "alias_counts", "programs": "program_counts"}


def _lead_size(text: npt.NDArray[np.uint8]) -> int:
    """Bytes of the first character of a UTF-8 text (the packing separator)."""
    if not len(text):
        return 0
    lead = int(text[0])
    return 1 if lead < 0x80 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4


class RecordTable(Sequence[ListRecord]):
    """The list records of an index read from arrays (`NameIndex.from_arrays`), each
    made when first used and kept: a query uses a few dozen of the 26,000."""

    def __init__(self, arrays: Mapping[str, npt.NDArray[Any]], text: dict[str, list[str]]):
        # Columns, not rows: zipping 26,000 records' fields up front was 15 ms of a
        # single screen that makes a few dozen of them.
        self._columns = [text[c] for c in _RECORD_FIELDS]
        self._dated = arrays["dated"]
        self._count = len(self._dated)
        if any(len(column) != self._count for column in self._columns):
            raise ValueError("record columns of different lengths")
        self._arrays = arrays
        self._separators = {c: chr(int(arrays[c + ".sep"][0])) for c in ("aliases", "programs")}
        self._made: dict[int, ListRecord] = {}
        for column in _BY_RECORD:
            ends = arrays[column + ".bytes"]
            if len(ends) != self._count or len(arrays[column + ".ends"]) != len(ends):
                raise ValueError(f"{column}: one entry per record expected")
            if len(ends) and (
                int(ends[-1]) != len(arrays[column + ".text"]) or np.any(np.diff(ends) < 0)
            ):
                raise ValueError(f"{column}: byte ends do not fit the text")
        for column in ("alias_counts", "program_counts"):
            if len(arrays[column]) != self._count:
                raise ValueError(f"{column}: one entry per record expected")

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, place: int) -> ListRecord: ...

    @overload
    def __getitem__(self, place: slice) -> list[ListRecord]: ...

    def __getitem__(self, place: int | slice) -> ListRecord | list[ListRecord]:
        if isinstance(place, slice):
            return [self[i] for i in range(*place.indices(len(self)))]
        number = place + self._count if place < 0 else place
        made = self._made.get(number)  # screening asks for the same few again and again
        return self._make(number) if made is None else made

    def _make(self, number: int) -> ListRecord:
        """Record `number` (0 to len - 1) made from the arrays and kept."""
        if not 0 <= number < self._count:
            raise IndexError("record number out of range")
        dataset, list_id, schema, name, listed_on, ended_on = (c[number] for c in self._columns)
        dated = int(self._dated[number])
        listed = listed_on if dated & 1 else None
        ended = ended_on if dated & 2 else None
        aliases, programs = (self._group(c, number) for c in ("aliases", "programs"))
        source_row = self._string("source_row", number)
        made = ListRecord(
            dataset, list_id, schema, name, aliases, programs, listed, ended, source_row
        )
        self._made[number] = made
        return made

    def _string(self, column: str, number: int) -> str:
        """Record `number`'s string of a column (its bytes between separators)."""
        ends = self._arrays[column + ".bytes"]
        text = self._arrays[column + ".text"]
        end = int(ends[number])
        size = _lead_size(text)  # the separator's
        start = (int(ends[number - 1]) if number else 0) + size
        return text[start:end].tobytes().decode("utf-8", "replace")  # (checked by size)

    def _group(self, column: str, number: int) -> tuple[str, ...]:
        """Record `number`'s strings of a grouped column (aliases, programs)."""
        if not self._arrays[_COUNTS[column]][number]:
            return ()
        return tuple(self._string(column, number).split(self._separators[column]))


_RECORD_FIELDS = ("dataset", "list_id", "schema", "name", "listed_on", "ended_on")
_COLUMNS = (
    *_RECORD_FIELDS,
    *("source_row", "aliases", "programs", "name_text", "tokens", "vocab"),
)


def pack_strings(values: Iterable[str]) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.int64]]:
    """Strings as one UTF-8 text, joined by a character none of them holds (the text's
    first), and each string's end in characters (checked when unpacked)."""
    strings = list(values)
    separator = _unused("".join(strings))
    ends = np.cumsum(np.fromiter(map(len, strings), dtype=np.int64, count=len(strings)))
    text = separator + separator.join(strings)
    return np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8), ends


def _unused(text: str) -> str:
    """A character `text` does not hold (the first from U+0001 on)."""
    return next(c for c in map(chr, range(1, 0x110000)) if c not in text)


def unpack_strings(text: npt.NDArray[np.uint8], ends: npt.NDArray[np.int64]) -> list[str]:
    """The strings `pack_strings` packed (`ValueError` if the text is not theirs).

    Split at the separator: cutting 66,000 names one slice at a time took five times
    as long."""
    joined = text.tobytes().decode("utf-8", "surrogatepass")  # errors are ValueErrors
    if not joined or not len(ends):
        if len(joined) > 1 or len(ends):
            raise ValueError("string ends do not fit the text")
        return []
    strings = joined[1:].split(joined[0])
    if len(strings) != len(ends) or len(joined) - len(ends) != int(ends[-1]):
        raise ValueError("string ends do not fit the text")
    return strings


class Groups(Sequence[tuple[str, ...]]):
    """Tuples of strings kept joined (`NameIndex._grouped`), each split when first used:
    splitting all 66,000 names' words up front was a fifth of reading an index, and a
    query looks at a few dozen."""

    def __init__(
        self, strings: list[str], separator: npt.NDArray[np.uint32], counts: npt.NDArray[np.int32]
    ):
        sizes = counts.tolist()
        self._sep = chr(int(separator[0]))
        if len(sizes) != len(strings):
            raise ValueError("group sizes do not fit the strings")
        # Each non-empty group holds one separator fewer than its strings.
        held = "".join(strings).count(self._sep)
        if held != sum(sizes) - sum(1 for n in sizes if n):
            raise ValueError("group sizes do not fit the strings")
        self._strings, self._sizes = strings, sizes
        self._split: list[tuple[str, ...] | None] = [None] * len(strings)

    def __len__(self) -> int:
        return len(self._strings)

    @overload
    def __getitem__(self, place: int) -> tuple[str, ...]: ...

    @overload
    def __getitem__(self, place: slice) -> list[tuple[str, ...]]: ...

    def __getitem__(self, place: int | slice) -> tuple[str, ...] | list[tuple[str, ...]]:
        if isinstance(place, slice):
            return [self[i] for i in range(*place.indices(len(self)))]
        group = self._split[place]
        if group is None:
            group = self._split[place] = (
                tuple(self._strings[place].split(self._sep)) if self._sizes[place] else ()
            )
        return group

    def __eq__(self, other: object) -> bool:
        """Equal to any sequence of the same tuples (a built index's list among them)."""
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable cache inside; equal by value


def _kind_capped(token: str, weight: float) -> float:
    """A body-kind word's weight capped as a legal form's (`NameIndex.bound_weight`)."""
    return min(weight, FILLER_WEIGHT) if body_kind(token) else weight


_MISSING = Posting(np.zeros(0, dtype=np.int32), np.zeros(0))
# Merged postings kept per query token; the cache is dropped whole when full.
TOKEN_POSTING_CACHE = 20_000


def build_index(records: Iterable[ListRecord]) -> NameIndex:
    """Index all records and freeze the index for querying.

    The objects alive then, the index's millions among them, are left out of Python's
    full garbage collections from then on (`gc.freeze`): such a collection walked them
    all for 0.2 s, a pause in the middle of whichever query triggered it. They are
    still freed as usual when nothing refers to them; garbage is collected first, so
    none is kept.
    """
    index = NameIndex()
    for record in records:
        index.add(record)
    index.freeze()
    gc.collect()
    gc.freeze()
    return index
