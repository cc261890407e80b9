"""A candidate index over list names, so a query never scans every record.

Keys are name tokens and their phonetic codes; token weights are inverse document
frequencies over all indexed names (rare tokens identify, common ones do not).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import jellyfish

from dossier.model import ListRecord
from dossier.screen.names import STOPWORDS, name_tokens


def _keys(token: str) -> set[str]:
    keys = {"t:" + token}
    if not token.isdigit() and len(token) > 2:
        keys.add("p:" + str(jellyfish.metaphone(token)))
        keys.add("g:" + token[:4])
    return keys


@dataclass(slots=True)
class NameIndex:
    """Records, their names, and a token → (record, name) posting list."""

    records: list[ListRecord] = field(default_factory=list)
    names: list[tuple[int, str]] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    doc_freq: Counter[str] = field(default_factory=Counter)

    def add(self, record: ListRecord) -> None:
        """Index every name of a record."""
        record_no = len(self.records)
        self.records.append(record)
        for name in dict.fromkeys(record.names):
            name_no = len(self.names)
            self.names.append((record_no, name))
            tokens = set(name_tokens(name))
            self.doc_freq.update(tokens)
            for key in set().union(*(_keys(t) for t in tokens)) if tokens else ():
                self.postings[key].append(name_no)

    def weight(self, token: str) -> float:
        """Inverse document frequency of a token; stopwords weigh at most 0.2."""
        total = max(len(self.names), 1)
        idf = math.log((total + 1) / (self.doc_freq.get(token, 0) + 1)) / math.log(total + 1)
        base = 0.3 + 0.7 * idf
        return min(base, 0.2) if token in STOPWORDS else base

    def candidates(self, query: str, limit: int = 200) -> list[int]:
        """Name numbers sharing the most (rarest) keys with the query."""
        scores: dict[int, float] = {}
        for token in set(name_tokens(query)):
            token_weight = self.weight(token)
            for key in _keys(token):
                posting = self.postings.get(key, [])
                if len(posting) > 20_000:
                    continue  # a key that common cannot discriminate
                for name_no in posting:
                    scores[name_no] = scores.get(name_no, 0.0) + token_weight
        return sorted(scores, key=lambda n: -scores[n])[:limit]


def build_index(records: Iterable[ListRecord]) -> NameIndex:
    """Index all records."""
    index = NameIndex()
    for record in records:
        index.add(record)
    return index
