"""Feature weights looked up many at a time: a hash table in two numpy arrays.

The attribution model weighs about 300,000 feature strings per 100 articles against tables of
157,000 and 59,000 weights. One ``dict.get`` per feature touches four scattered objects (the
table's index, its entry, the stored key and the float), and between two articles the parser has
pushed them all out of the CPU caches. Here the weights of a whole batch of features are found in
one pass over two flat arrays, keyed by each string's ``hash()``: the same weights, summed in the
same order, so the same scores to the last bit.

``hash()`` of a string differs from one Python process to the next, so the table is built when
the model is loaded, never stored: a pickled table (a pipeline sent to another process) is built
again from its weights where it is unpickled.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

#: slots per weight at least (the table is at most half full, so most lookups hit their first slot)
_SPREAD = 2


def _hashes(features: Sequence[str] | Mapping[str, float], count: int) -> np.ndarray:
    out = np.fromiter(map(hash, features), np.int64, count)
    out[out == 0] = 1  # 0 marks an empty slot
    return out


class WeightTable:
    """A read-only ``{feature: weight}`` (unknown features weigh 0.0), asked in batches."""

    def __init__(self, weights: Mapping[str, float]) -> None:
        self._weights = weights
        n = len(weights)
        hashes = _hashes(weights, n)
        values = np.fromiter(weights.values(), np.float64, n)
        size = 1 << max(4, (_SPREAD * n).bit_length())
        self._mask = size - 1
        self._keys = np.zeros(size, np.int64)
        self._values = np.zeros(size, np.float64)
        home = hashes & self._mask
        todo = np.arange(n)
        step = 0
        while todo.size:  # linear probing, placed in rounds: round k fills free slots home + k
            slots = (home[todo] + step) & self._mask
            free = self._keys[slots] == 0
            first = np.unique(slots[free], return_index=True)[1]
            placed = todo[free][first]
            self._keys[slots[free][first]] = hashes[placed]
            self._values[slots[free][first]] = values[placed]
            done = np.zeros(n, dtype=bool)
            done[placed] = True
            todo = todo[~done[todo]]
            step += 1

    def __reduce__(self) -> tuple[type[WeightTable], tuple[Mapping[str, float]]]:
        return (WeightTable, (self._weights,))  # hashes are per process: rebuild, never copy

    def __len__(self) -> int:
        return int(np.count_nonzero(self._keys))

    def weights(self, features: Sequence[str]) -> np.ndarray:
        """The weight of each feature, in order (0.0 for an unknown one)."""
        hashes = _hashes(features, len(features))
        slots = hashes & self._mask
        keys = self._keys[slots]
        found = keys == hashes
        out = np.where(found, self._values[slots], 0.0)
        # a slot taken by another key: the feature may sit further on, up to the next empty slot
        going = np.flatnonzero(~found & (keys != 0))
        step = 0
        while going.size:
            step += 1
            at = (slots[going] + step) & self._mask
            keys = self._keys[at]
            hit = keys == hashes[going]
            out[going[hit]] = self._values[at[hit]]
            going = going[~hit & (keys != 0)]
        return out

    def sums(self, groups: Sequence[Sequence[str]]) -> list[float]:
        """The summed weight of each group of features (each group summed in its own order)."""
        flat = [f for group in groups for f in group]
        owner = np.repeat(np.arange(len(groups)), [len(group) for group in groups])
        totals: list[float] = np.bincount(owner, self.weights(flat), minlength=len(groups)).tolist()
        return totals

    def pair_sums(self, pairs: Sequence[tuple[Sequence[str], Sequence[str]]]) -> list[float]:
        """For each pair of feature groups, the sum of the first plus the sum of the second."""
        sums = self.sums([group for pair in pairs for group in pair])
        return [a + b for a, b in zip(sums[0::2], sums[1::2], strict=True)]
