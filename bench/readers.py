"""Raw read floor: read every cell of the first sheet (or the CSV) and nothing else.

    python bench/readers.py READER FILE

READER: fastexcel (load_sheet(dtypes="string") → Arrow), calamine (python-calamine to_python()),
inflate (zipfile: decompress the sheet XML only, no parsing — the hard floor), csv (Python csv module,
what sgs uses for .csv), pandas-csv (pandas.read_csv(dtype=str)), arrow-csv (pyarrow.csv.read_csv with
every column as string — the fastest full CSV read measured here).

Prints one JSON line: reader, rows, cells, import_s, work_s (after imports), peak RSS is measured by
the caller (bench/run.py) per process.
"""

from __future__ import annotations

import json
import sys
import time


def main(reader: str, path: str) -> dict:
    t0 = time.perf_counter()
    if reader == "fastexcel":
        import fastexcel

        t1 = time.perf_counter()
        sheet = fastexcel.read_excel(path).load_sheet(0, dtypes="string")
        batch = sheet.to_arrow()
        rows, cells = batch.num_rows + 1, batch.num_rows * batch.num_columns  # + header row
    elif reader == "calamine":
        from python_calamine import CalamineWorkbook

        t1 = time.perf_counter()
        wb = CalamineWorkbook.from_path(path)
        data = wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
        rows, cells = len(data), sum(len(r) for r in data)
    elif reader == "inflate":
        import zipfile

        t1 = time.perf_counter()
        with zipfile.ZipFile(path) as z:
            name = next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
            n = 0
            with z.open(name) as fh:
                while chunk := fh.read(1 << 22):
                    n += len(chunk)
            for extra in ("xl/sharedStrings.xml",):
                if extra in z.namelist():
                    with z.open(extra) as fh:
                        while chunk := fh.read(1 << 22):
                            n += len(chunk)
        rows, cells = None, None
    elif reader == "csv":
        import csv
        import io

        t1 = time.perf_counter()
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-8-sig")
        data = list(csv.reader(io.StringIO(text, newline="")))
        rows, cells = len(data), sum(len(r) for r in data)
    elif reader == "pandas-csv":
        import pandas as pd

        t1 = time.perf_counter()
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        rows, cells = len(df) + 1, df.size
    elif reader == "arrow-csv":
        import pyarrow as pa
        from pyarrow import csv as pacsv

        t1 = time.perf_counter()
        with open(path, "rb") as fh:
            header = fh.readline().decode("utf-8-sig").rstrip("\r\n")
        names = next(__import__("csv").reader([header]))
        table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
            column_types={n: pa.string() for n in names}, strings_can_be_null=False))
        rows, cells = table.num_rows + 1, table.num_rows * table.num_columns
    else:
        raise SystemExit(f"unknown reader {reader!r}")
    t2 = time.perf_counter()
    return {"reader": reader, "rows": rows, "cells": cells, "import_s": round(t1 - t0, 3),
            "work_s": round(t2 - t1, 3)}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
