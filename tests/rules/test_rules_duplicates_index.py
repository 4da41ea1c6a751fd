"""The duplicates family's key index (rules/duplicates.KeyIndex, fold): the digests it keeps find exactly the
duplicates a dict of the keys finds, across batches, runs and equal first halves."""

from __future__ import annotations

import random

import numpy as np

from sgs_cli.rules.duplicates import Chunk, KeyIndex, _halves, _wsh_array, digests, fold


def _chunk(keys: list[tuple], rows: list[int], hi=None) -> Chunk:
    h, lo = _halves(digests(*zip(*keys)))
    if hi is not None:
        h = np.asarray(hi, np.uint64)  # crafted: digests that agree in their first 8 bytes
    return Chunk(h, lo, np.asarray(rows, np.int64), _wsh_array([k[0] for k in keys]), [k[0] for k in keys],
                 [""] * len(keys))


def test_fold_finds_what_a_dict_of_the_keys_finds_over_many_batches():
    rng = random.Random(7)
    keys = [(f"罚字〔2020〕{rng.randrange(300)}号", rng.choice(["甲", "乙"]), rng.choice(["", "91X"])) for _ in range(3000)]
    index, seen, expected, got = KeyIndex(), {}, [], []
    for row, key in enumerate(keys, start=2):
        if key in seen:
            expected.append((row, seen[key]))
        else:
            seen[key] = row
    for start in range(0, len(keys), 170):  # uneven batches: runs of many sizes are merged
        part = keys[start:start + 170]
        got += [(r, f) for r, f, _, _ in fold(index, _chunk(part, list(range(start + 2, start + 2 + len(part)))))]
    assert got == expected
    assert len(index) == len(seen) and len(index.runs) <= 12
    assert [(r, w) for _, r, w in index.items()] == [(r, k[0]) for k, r in seen.items()]


def test_equal_first_halves_are_told_apart_by_the_second():
    index = KeyIndex()
    a, b, c = ("A号", "x", ""), ("B号", "x", ""), ("C号", "x", "")
    assert fold(index, _chunk([a, b], [2, 3], hi=[5, 5])) == []
    # c shares the first half of a and b but is another key; b again is a duplicate of row 3
    assert [(r, f) for r, f, _, _ in fold(index, _chunk([c, b, a], [4, 5, 6], hi=[5, 5, 5]))] == [(5, 3), (6, 2)]
    assert [r for _, r, _ in index.items()] == [2, 3, 4]
    # within one batch: d twice among keys that share its first half
    d = ("D号", "x", "")
    got = fold(index, _chunk([d, c, d, ("E号", "x", ""), d], [7, 8, 9, 10, 11], hi=[5, 5, 5, 6, 5]))
    assert [(r, f) for r, f, _, _ in got] == [(8, 4), (9, 7), (11, 7)]


def test_the_key_is_written_injectively():
    # the same characters split otherwise between 文号, name and code are another decision
    assert digests(["A号1"], ["2"], [""]) != digests(["A号"], ["12"], [""])
    assert digests(["A号"], ["1:2"], [""]) != digests(["A号"], ["1"], [":2"])
    assert len(digests(["A号\ud800"], ["x"], [""])) == 16  # a lone surrogate (an xlsx cell) is hashed too
    # Arrow (64 keys or more) and Python write the same bytes: the same digests
    keys = [(f"罚〔2020〕{k}号", "甲" * (k % 3), "91X" if k % 2 else "") for k in range(70)]
    cols = [list(c) for c in zip(*keys)]
    assert digests(*cols) == b"".join(digests(*zip(k)) for k in keys)
    assert digests(*cols[:2], cols[2][:-1] + ["\ud800"])[:-16] == digests(*cols)[:-16]  # Arrow refused: Python


def test_the_row_form_one_key_at_a_time_agrees_with_batches():
    index = KeyIndex()
    for row in range(2, 12):
        index.put(digests([f"{row}号"], ["x"], [""]), row, f"{row}号")
    assert index.get(digests(["5号"], ["x"], [""])) == 5 and index.get(digests(["5号"], ["y"], [""])) is None
    got = fold(index, _chunk([("5号", "x", ""), ("99号", "x", "")], [20, 21]))
    assert [(r, f) for r, f, _, _ in got] == [(20, 5)]
