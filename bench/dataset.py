"""Seeded 790 ledgers as a Parquet dataset (part files), from bench/generate.py's rows.

    python bench/dataset.py --rows 1000000 --parts 10 --kind penalty --out bench/out/penalty_1m.parquet

Part ``i`` is ``generate.generate(kind, rows / parts, seed=seed + i, name="part-%05d")`` written as CSV
(the generator's own rows, injected violations and expected.json) and converted to
``part-%05d.parquet`` by pyarrow with every column as text (as a database export of text columns),
in row groups of ``--row-group`` rows. ``expected.json`` of the dataset sums the parts' counts and lists
the injected cells as [part file, row within the part, column, code]. Same seed ⇒ same rows.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import generate  # noqa: E402  (bench/generate.py)


def make_dataset(kind: str, rows: int, parts: int, out: Path, seed: int = 790, year: int = 2024,
                 row_group: int = 100_000, quiet: bool = False) -> dict:
    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    t0 = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    per = [rows // parts + (1 if i < rows % parts else 0) for i in range(parts)]
    counts: dict[str, int] = {}
    injected = []
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        for i, n in enumerate(per):
            name = f"part-{i:05d}"
            exp = generate.generate(kind, n, Path(tmp), seed=seed + i, year=year, name=name,
                                    flavours=("csv",), quiet=True)
            csv_path = Path(tmp) / f"{name}.csv"
            with open(csv_path, "rb") as fh:
                header = fh.readline().decode("utf-8-sig").rstrip("\r\n").split(",")
            types = {h: pa.string() for h in header}
            reader = pcsv.open_csv(csv_path, convert_options=pcsv.ConvertOptions(
                column_types=types, strings_can_be_null=False, quoted_strings_can_be_null=False),
                read_options=pcsv.ReadOptions(block_size=16 << 20))
            with pq.ParquetWriter(out / f"{name}.parquet", reader.schema, compression="zstd") as w:
                for batch in reader:
                    w.write_batch(batch, row_group_size=row_group)
            csv_path.unlink()
            for code, c in exp["counts"].items():
                counts[code] = counts.get(code, 0) + c
            injected += [[f"{name}.parquet", r, col, code] for r, col, code in exp["injected"]]
            if not quiet:
                print(f"  {name}: {n:,} rows, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    expected = {"kind": kind, "rows": rows, "parts": parts, "seed": seed, "year": year,
                "counts": dict(sorted(counts.items())), "injected": injected,
                "generator_seconds": round(time.perf_counter() - t0, 1)}
    (out.parent / f"{out.name}.expected.json").write_text(json.dumps(expected, ensure_ascii=False))
    return expected


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--parts", type=int, default=10)
    ap.add_argument("--kind", choices=("penalty", "license"), default="penalty")
    ap.add_argument("--out", type=Path, required=True, help="the dataset folder to write")
    ap.add_argument("--seed", type=int, default=790)
    ap.add_argument("--year", type=int, default=2024)
    ap.add_argument("--row-group", type=int, default=100_000)
    a = ap.parse_args(argv)
    exp = make_dataset(a.kind, a.rows, a.parts, a.out, a.seed, a.year, a.row_group)
    print(f"{a.out}: {a.rows:,} rows in {a.parts} parts, {len(exp['injected'])} injected, "
          f"{exp['generator_seconds']} s", file=sys.stderr)


if __name__ == "__main__":
    main()
