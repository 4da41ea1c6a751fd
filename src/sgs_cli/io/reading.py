"""Reading input files, one import away: the names the rest of sgs (and the tests) use, re-exported from
the io modules that each do one job (docs/architecture.md):

* inputs.py — which files are inputs (suffixes, folders expanded, files skipped with their reason);
* guards.py — hostile and broken files refused (zip bombs, non-workbooks, non-regular files) and the
  Chinese messages for what a reader raises;
* workbook.py — workbooks read whole by python-calamine (``read_sheets``, also the entry for a CSV);
* sheetxml.py — the worksheet parts of an .xlsx and the cells python-calamine reads as "";
* csvfile.py — CSV decoded (UTF-8, UTF-16 with BOM, GB18030) and read by the csv module, whole or in batches;
* csvarrow.py — large UTF-8 CSV files in slices Arrow reads exactly as the csv module would;
* rawsheet.py — RawSheet, what the whole-file readers give.
"""

from __future__ import annotations

from sgs_cli.io.csvarrow import (CSV_FIRST_SLICE_BYTES, CSV_READER_ENV, CSV_SLICE_BYTES, CsvColumns, CsvSlice, NotArrow,
                                 arrow_rows, arrow_slices)
from sgs_cli.io.csvfile import (
    CSV_FIELD_LIMIT,
    CsvBatch,
    big_fields,
    csv_encoding_notes,
    decode_csv_bytes,
    iter_csv_batches,
    iter_csv_chunks,
    read_csv,
    stream_encoding,
)
from sgs_cli.io.guards import (
    MAX_MEMBER,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_UNCOMPRESSED,
    OLE_MAGIC,
    RATIO_MIN_SIZE,
    _calamine_error,
    _check_zip,
    crashed,
    os_reason,
    require_regular,
    unreadable,
)
from sgs_cli.io.inputs import CSV_SUFFIXES, EXCEL_SUFFIXES, SUFFIXES, WPS_SUFFIXES, find_inputs, skipped_in_folders
from sgs_cli.io.rawsheet import HEAD_ROWS, RawSheet
from sgs_cli.io.workbook import open_check, read_sheets

__all__ = [
    # inputs
    "CSV_SUFFIXES", "EXCEL_SUFFIXES", "SUFFIXES", "WPS_SUFFIXES", "find_inputs", "skipped_in_folders",
    # guards
    "MAX_MEMBER", "MAX_MEMBERS", "MAX_RATIO", "MAX_UNCOMPRESSED", "OLE_MAGIC", "RATIO_MIN_SIZE",
    "_calamine_error", "_check_zip", "crashed", "os_reason", "require_regular", "unreadable",
    # workbooks
    "HEAD_ROWS", "RawSheet", "open_check", "read_sheets",
    # CSV
    "CSV_FIELD_LIMIT", "CsvBatch", "big_fields", "csv_encoding_notes", "decode_csv_bytes", "iter_csv_batches",
    "iter_csv_chunks", "read_csv", "stream_encoding",
    "CSV_FIRST_SLICE_BYTES", "CSV_READER_ENV", "CSV_SLICE_BYTES", "CsvColumns", "CsvSlice", "NotArrow", "arrow_rows",
    "arrow_slices",
]
