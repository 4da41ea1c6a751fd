"""standard/meanings.meaning_of answers None at once for a label holding none of the words a meaning needs
(header detection asks it of every unmatched cell of the first 30 rows under every layout): on real header
rows and cells, and on labels made of the table's own words, the answer is the full reading's."""

import csv
import itertools
from pathlib import Path

from sgs_cli.io.workbook import read_sheets
from sgs_cli.records.header import normalize_header
from sgs_cli.standard import ALL_SPECS
from sgs_cli.standard.meanings import IDENTIFIER_WORDS, MEANINGS, _meaning_of, meaning_of

ROOT = Path(__file__).resolve().parents[2]


def _labels() -> set[str]:
    texts: set[str] = set()
    for path in (ROOT / "tests" / "data" / "realheaders").glob("*.csv"):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            texts.update(cell for row in csv.reader(fh) for cell in row)
    for sheet in read_sheets(ROOT / "examples" / "行政处罚台账.xlsx"):
        texts.update(str(v) for row in sheet.rows[:30] for v in row if v is not None)
    words = sorted({w for group, _ in IDENTIFIER_WORDS for w in group}
                   | {w for m in MEANINGS for group in (*m.all_of, m.none_of) for w in group})
    texts.update(words)
    texts.update(a + b for a, b in itertools.product(words, repeat=2))
    texts.update(f"作出{a}决定{b}" for a, b in itertools.product(("行政处罚", "许可", ""), words))
    return {normalize_header(t) for t in texts} | texts


def test_meaning_of_with_its_word_filter_reads_as_without():
    labels = _labels()
    assert len(labels) > 5000
    hits = 0
    for spec in ALL_SPECS:
        for label in labels:
            got = meaning_of(label, spec.codes)
            assert got == _meaning_of(label, spec.codes), (spec.kind, spec.standard, label)
            hits += got is not None
    assert hits > 1000  # the labels do mean fields: the filter is not tested on misses only
