"""Datasets: a Parquet file, or a folder of Parquet / CSV part files, read as ONE input.

A provincial platform exports tens of millions of records as part files (``part-00000.parquet``, …, or
``part-00000.csv`` …). sgs reads such a dataset as one input whose sheets are its part files, in
sorted order of their path inside the folder:

    ds = open_dataset(path)          # None when the path is not a dataset (a spreadsheet, a plain folder)
    for sheet in ds.sheets():        # SheetSource per part file: name = the part's path in the folder
        rows = sheet.batches()       # (row number within the part file, values), header = row 1

A finding of a dataset therefore names the part file (the sheet) and the row within that file, counted
as a spreadsheet program shows the file: the column names are row 1, the first record row 2. Parquet
parts are streamed by pyarrow record batches (memory bounded by the batch, not the file); CSV parts go
through the CSV reader of io.csvfile (encoding sniffing, the same rows as one CSV).

The same parts are cut into ``Piece``s for a distributed run (validation.distributed): a Parquet part is
cut along its row groups, a CSV part is one piece; each piece knows its part and the row number of its
first record, so every engine numbers rows the same way.

Which paths are datasets: a ``.parquet`` file; a folder holding ``.parquet`` files; a folder of CSV
files whose names are part-file names (``part-00000.csv``, ``part.0.csv``, ``part_1.csv``) or that holds
a ``_SUCCESS`` marker (Spark, Hive). A folder of department ledgers (行政处罚台账.csv, …) stays a folder of
separate inputs. ``force=True`` (``--dask``) takes any folder of CSV files as one dataset.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sgs_cli.errors import InputError
from sgs_cli.io.guards import os_reason
from sgs_cli.io.inputs import EXCEL_SUFFIXES
from sgs_cli.io.source import HEAD_ROWS, SheetSource

PARQUET_SUFFIXES = (".parquet", ".pq", ".parq")
#: rows per streamed batch of a Parquet part (as CSV_BATCH_ROWS of io.source)
BATCH_ROWS = 10_000
_PART_NAME = re.compile(r"^part[-_.]?\d+", re.IGNORECASE)  # part-00000.csv (Spark, Hive, dask, pandas exports)
_MARKERS = ("_SUCCESS",)
_INSTALL_HINT = "读取 Parquet 数据集需要 pyarrow：pip install 'sgs-cli[dask]'（或 pip install pyarrow）"


@dataclass(frozen=True)
class Part:
    path: Path
    name: str  # the part's path inside the dataset folder (posix), or the file name of a single file
    kind: str  # "parquet" | "csv"


@dataclass(frozen=True)
class Piece:
    """A slice of a part file checked as one partition: Parquet row groups [first_group, last_group), or a
    whole CSV part. ``first_row``: row number (within the part file) of the piece's first record."""

    part: str
    path: str
    kind: str
    first_row: int
    groups: tuple[int, ...] = ()
    rows: int | None = None  # records in the piece (Parquet: from the metadata)


def _is_parquet(p: Path) -> bool:
    return p.suffix.lower() in PARQUET_SUFFIXES


def _files(folder: Path) -> list[Path]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in files:
            if not name.startswith((".", "_", "~$")):
                out.append(Path(root) / name)
    return sorted(out)


def dataset_parts(path: str | os.PathLike, force: bool = False) -> list[Part] | None:
    """The part files of a dataset (sorted by their path in the folder), or None when ``path`` is not a
    dataset. ``force``: any CSV file or folder of CSV files is a dataset too."""
    path = Path(path)
    if path.is_file():
        if _is_parquet(path):
            return [Part(path, path.name, "parquet")]
        if force and path.suffix.lower() == ".csv":
            return [Part(path, path.name, "csv")]
        return None
    if not path.is_dir():
        return None
    files = _files(path)
    parquet = [f for f in files if _is_parquet(f)]
    csvs = [f for f in files if f.suffix.lower() == ".csv"]
    sheets = [f for f in files if f.suffix.lower() in EXCEL_SUFFIXES]
    if sheets and not force:
        return None  # a folder of workbooks: separate inputs, as always
    if parquet:
        chosen, kind = parquet, "parquet"
    elif csvs and (force or (path / "_SUCCESS").exists()
                   or all(_PART_NAME.match(f.name) for f in csvs)):
        chosen, kind = csvs, "csv"
    else:
        return None
    return sorted((Part(f, f.relative_to(path).as_posix(), kind) for f in chosen), key=lambda p: p.name)


def _pyarrow():
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError("缺少 pyarrow，无法读取 Parquet 数据集", _INSTALL_HINT) from None
    return pq


def parquet_file(part: Part):
    """The pyarrow ParquetFile of a part; a file that is not Parquet is refused with exit 3."""
    pq = _pyarrow()
    try:
        if part.path.stat().st_size == 0:
            raise InputError(f"数据集文件“{part.name}”是空文件", "请重新导出该文件")
        return pq.ParquetFile(part.path)
    except InputError:
        raise
    except OSError as e:
        raise InputError(f"无法读取数据集文件“{part.name}”：{os_reason(e)}", "请检查文件的访问权限") from None
    except Exception:  # noqa: BLE001 - pyarrow: ArrowInvalid (not Parquet, truncated footer, …)
        raise InputError(f"数据集文件“{part.name}”不是有效的 Parquet 文件（文件已损坏或不完整）",
                         "请重新导出该文件；导出中断的文件通常缺少文件尾") from None


def py_value(v):
    """A Parquet / pandas value as a spreadsheet reader would give it: text as text, numbers as numbers,
    a date as a datetime at midnight (as a date cell of a workbook), NULL and NaN as an empty cell."""
    if v is None:
        return None
    t = type(v)
    if t is str or t is int or t is bool:
        return v
    if t is float:
        return None if v != v else v
    if isinstance(v, dt.datetime):
        return v.replace(tzinfo=None) if v.tzinfo else v
    if isinstance(v, dt.date):
        return dt.datetime(v.year, v.month, v.day)
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    if type(v).__name__ in ("NAType", "NaTType"):  # pandas NA / NaT: an empty cell
        return None
    if hasattr(v, "item") and not isinstance(v, (list, tuple, dict)):  # numpy scalars
        return py_value(v.item())
    return str(v)


def record_batches(pf, first_row: int = 2, groups=None, batch_rows: int = BATCH_ROWS) -> Iterator[list[tuple[int, list]]]:
    """(row number, values) batches of a ParquetFile (optionally only some row groups), streamed."""
    number = first_row
    kwargs = {"row_groups": list(groups)} if groups is not None else {}
    for batch in pf.iter_batches(batch_size=batch_rows, **kwargs):
        cols = [[py_value(v) for v in c.to_pylist()] for c in batch.columns]
        rows = [list(r) for r in zip(*cols)] if cols else []
        yield [(number + i, r) for i, r in enumerate(rows)]
        number += len(rows)


def _parquet_sheet(part: Part) -> SheetSource:
    pf = parquet_file(part)
    header = list(pf.schema_arrow.names)
    batches = record_batches(pf)
    try:
        first = next(batches, [])
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - a damaged page
        raise InputError(f"数据集文件“{part.name}”的数据页无法读取（文件已损坏）", "请重新导出该文件") from None
    head = [header] + [row for _, row in first[:HEAD_ROWS - 1]]
    src = SheetSource(part.name, False, head, [], _first=[(1, header)] + first, _rest=_guarded(batches, part))
    src._estimated_rows = max(pf.metadata.num_rows, 1)
    return src


def _guarded(batches, part: Part):
    try:
        yield from batches
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - pyarrow: a damaged page met while streaming (ArrowInvalid, OSError, …)
        raise InputError(f"数据集文件“{part.name}”的数据页无法读取（文件已损坏）", "请重新导出该文件") from None


def part_sheet(part: Part) -> SheetSource:
    """One part file as a sheet named after the part (the CSV reader of io.source for a CSV part)."""
    if part.kind == "parquet":
        return _parquet_sheet(part)
    from sgs_cli.io.source import Input

    src = next(Input(part.path, "csv").sheets())
    src.name = part.name
    return src


@dataclass
class Dataset:
    path: Path
    parts: list[Part]

    def sheets(self) -> Iterator[SheetSource]:
        for part in self.parts:
            yield part_sheet(part)

    def pieces(self, rows_per_piece: int = 1_000_000) -> list[Piece]:
        """The parts cut into pieces of about ``rows_per_piece`` records along Parquet row groups."""
        out = []
        for part in self.parts:
            if part.kind == "csv":
                out.append(Piece(part.name, str(part.path), "csv", 2))
                continue
            meta = parquet_file(part).metadata
            first, groups, rows = 2, [], 0
            for g in range(meta.num_row_groups):
                groups.append(g)
                rows += meta.row_group(g).num_rows
                if rows >= rows_per_piece:
                    out.append(Piece(part.name, str(part.path), "parquet", first, tuple(groups), rows))
                    first, groups, rows = first + rows, [], 0
            if groups or not out or out[-1].part != part.name:
                out.append(Piece(part.name, str(part.path), "parquet", first, tuple(groups), rows))
        return out

    def columns(self) -> list[str]:
        """The column names (of the first part; a CSV part's first row), checked to be the same in every
        Parquet part."""
        names = None
        for part in self.parts:
            if part.kind != "parquet":
                if names is None:
                    head = part_sheet(part).head
                    names = [reading_text(v) for v in head[0]] if head else []
                continue
            these = list(parquet_file(part).schema_arrow.names)
            if names is None:
                names = these
            elif these != names:
                raise InputError(f"数据集文件“{part.name}”的列与第一个文件不同",
                                 "同一数据集的各个文件须有相同的列（同一次导出）")
        return names or []


def open_dataset(path: str | os.PathLike, force: bool = False) -> Dataset | None:
    """The dataset at ``path`` (its parts found and the Parquet footers checked), or None when ``path``
    is not a dataset. Raises InputError (exit 3) for a part that cannot be read."""
    parts = dataset_parts(path, force)
    if parts is None:
        return None
    if not parts:
        raise InputError(f"数据集文件夹中没有 Parquet 或 CSV 文件：{path}", "支持 .parquet 和 .csv 分片文件")
    ds = Dataset(Path(path), parts)
    ds.columns()
    return ds


def load_piece(piece: Piece):
    """A piece as a pandas DataFrame of text and typed values (object columns) with its location:
    ``__part__`` (the part file) and ``__row__`` (row number within it). Runs in a Dask worker."""
    import pandas as pd

    if piece.kind == "parquet":  # converted by pyarrow in C: Python ints (never float), dates, text, None
        pf = parquet_file(Part(Path(piece.path), piece.part, "parquet"))
        try:
            table = pf.read_row_groups(list(piece.groups)) if piece.groups else pf.schema_arrow.empty_table()
        except Exception:  # noqa: BLE001 - a damaged page
            raise InputError(f"数据集文件“{piece.part}”的数据页无法读取（文件已损坏）", "请重新导出该文件") from None
        df = table.to_pandas(integer_object_nulls=True, date_as_object=True, timestamp_as_object=True,
                             types_mapper={}.get).astype(object)
        df.insert(0, "__row__", pd.Series(range(piece.first_row, piece.first_row + len(df)), dtype="int64"))
        df.insert(0, "__part__", piece.part)
        return df
    else:
        src = part_sheet(Part(Path(piece.path), piece.part, "csv"))
        batches = src.batches()
        header = None
    numbers, rows = [], []
    for batch in batches:
        for n, r in batch:
            if header is None:  # CSV: the first row read is the column names
                header = [reading_text(v) for v in r]
                continue
            numbers.append(n)
            rows.append(r)
    header = header or []
    width = len(header)
    df = pd.DataFrame([(list(r) + [None] * (width - len(r)))[:width] for r in rows], columns=header, dtype=object)
    df.insert(0, "__row__", pd.Series(numbers, dtype="int64"))
    df.insert(0, "__part__", piece.part)
    return df


def reading_text(v) -> str:
    return "" if v is None else str(v)
