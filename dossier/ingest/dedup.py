"""Near-duplicate detection: MinHash signatures over word shingles, LSH to find candidates.

A syndicated copy of a story often differs from the original by a headline, a dropped
paragraph or a credit line. Exact hashing misses it; a MinHash signature of the body's
word 5-grams estimates Jaccard similarity, and LSH finds candidates without comparing
every pair. The signatures are stored with the documents so the index sees the database.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
"""Permutations per signature: 128 keeps the Jaccard estimate within about ±0.09."""

SHINGLE = 5
"""Words per shingle: long enough that unrelated reports on one topic rarely share many."""

THRESHOLD = 0.5
"""Estimated Jaccard at or above which two bodies are copies of one story. A copy with a
new headline and one of eight paragraphs dropped scores about 0.8; two independent
reports of the same event score below 0.1."""

SCHEME = "affine32"
"""datasketch permutation scheme. Stored values carry no trace of their scheme, so it is
fixed here: changing it needs a migration that re-signs every document."""

_WORD = re.compile(r"\w+", re.UNICODE)
_MULTIPLIER = np.uint64(0x100000001B3)  # the 64-bit FNV prime: odd, with well-spread bits


def shingles(text: str, size: int = SHINGLE) -> np.ndarray:
    """32-bit hashes of the lower-cased word `size`-grams of `text` (unique, sorted).

    Each word is hashed once (CRC-32) and a shingle's hash is a polynomial over its words'
    hashes, computed for all shingles at once in numpy. Hashing every joined shingle with
    SHA-1, datasketch's default, costs three times as much and needs no more precision
    here: the permutations that follow mix the bits again.
    """
    words = _WORD.findall(text.casefold())
    codes = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), np.uint64, len(words))
    if len(codes) == 0:
        return codes.astype(np.uint32)
    count = max(len(codes) - size + 1, 1)
    mixed = np.zeros(count, dtype=np.uint64)
    for k in range(min(size, len(codes))):
        # uint64 arithmetic wraps modulo 2**64, which is the intended polynomial hash.
        mixed = mixed * _MULTIPLIER + codes[k : k + count]
    return np.unique(((mixed >> np.uint64(32)) ^ mixed).astype(np.uint32))


def signature(text: str) -> MinHash:
    """The MinHash signature of a document body."""
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashfunc=int)
    minhash.update_batch(shingles(text).tolist())
    return minhash


def signature_bytes(minhash: MinHash) -> bytes:
    """Serialise a signature for storage (`NUM_PERM` little-endian uint32)."""
    return np.asarray(minhash.hashvalues, dtype="<u4").tobytes()


def signature_from_bytes(data: bytes) -> MinHash:
    """Rebuild a signature stored by `signature_bytes`."""
    values = np.frombuffer(data, dtype="<u4").astype(np.uint32)
    return MinHash(num_perm=len(values), hashvalues=values, scheme=SCHEME)


class StoryIndex:
    """Groups documents into stories: a new document joins the story of its nearest copy."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}
        self._stories: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._signatures

    def add(self, doc_id: str, minhash: MinHash, story_id: str) -> None:
        """Index a document that belongs to `story_id` (its own id when it is an original)."""
        if doc_id in self._signatures:
            return
        self._lsh.insert(doc_id, minhash)
        self._signatures[doc_id] = minhash
        self._stories[doc_id] = story_id

    def remove(self, doc_id: str) -> None:
        """Take a document out of the index (its write failed); unknown ids are ignored."""
        if doc_id in self._signatures:
            self._lsh.remove(doc_id)
            del self._signatures[doc_id]
            del self._stories[doc_id]

    def load(self, rows: Iterable[tuple[str, bytes | None, str | None]]) -> None:
        """Index stored `(id, signature, story_id)` rows; rows without a signature are skipped."""
        for doc_id, data, story_id in rows:
            if data and doc_id not in self._signatures:
                self.add(doc_id, signature_from_bytes(data), story_id or doc_id)

    def find_story(self, minhash: MinHash) -> str | None:
        """The story of the most similar indexed document above the threshold, if any."""
        best: tuple[float, str] | None = None
        confirmed: set[str] = set()
        for candidate in sorted(self._lsh.query(minhash)):
            story = self._stories[candidate]
            if story in confirmed:
                continue  # one passing copy per story is enough; a popular story has many
            # LSH only proposes candidates; the estimate decides, so a banding false
            # positive never links two independent reports.
            score = minhash.jaccard(self._signatures[candidate])
            if score >= self.threshold:
                confirmed.add(story)
                best = max(best, (score, story)) if best else (score, story)
        return best[1] if best else None
