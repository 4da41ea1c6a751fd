"""Files and folders through validation: each input is read (whole or streamed), its sheets recognised
and run through validation.runner (or validation.parallel on big sheets); duplicates across files last."""

from __future__ import annotations

import os
from itertools import chain
from pathlib import Path

from sgs_cli.errors import InputError
from sgs_cli.findings import FileReport, Report, SheetReport
from sgs_cli.io.cells import cell_text
from sgs_cli.io.reading import RawSheet, find_inputs, read_sheets
from sgs_cli.records.header import HeaderMap, detect
from sgs_cli.rules import annex, duplicates, sheets as sheet_rules
from sgs_cli.validation.options import ValidateOptions, no_header_hint, specs_for
from sgs_cli.validation.runner import cell_notes, validate_rows

__all__ = ["ValidateOptions", "validate_file", "validate_paths", "validate_sheet", "is_sgs_output"]

AUX_SHEETS = {"填写说明", "填报说明", "说明", "待补充", "汇总", "未迁移的列"}
SGS_OUTPUT_TITLES = ("双公示数据校验错误回执", "“双公示”工作月报告")


def _is_sgs_output(sheets: list[RawSheet]) -> bool:
    """An error receipt or monthly report written by sgs (first sheet 汇总 with sgs's own title)."""
    if not sheets or sheets[0].name != "汇总" or not sheets[0].rows or not sheets[0].rows[0]:
        return False
    title = cell_text(sheets[0].rows[0][0])
    return any(t in title for t in SGS_OUTPUT_TITLES)


def is_sgs_output(path: Path) -> bool:
    try:
        return _is_sgs_output(read_sheets(Path(path))[:1])
    except InputError:
        return False


def validate_sheet(raw: RawSheet, opts: ValidateOptions, hm: HeaderMap | None = None) -> SheetReport:
    """Validate one in-memory sheet."""
    hm = hm or detect(raw.rows, specs_for(opts.kind), hint=raw.name)
    if hm is None:
        raise InputError(f"工作表“{raw.name}”中找不到可识别的表头", no_header_hint(opts))
    from sgs_cli.validation import parallel

    rows = annex.fill_down(raw, hm) if hm.spec.kind in ("catalog", "ledger") and (raw.merged or hm.spec.kind == "catalog") \
        else raw.rows
    # empty rows are never records: work follows the rows that hold data, not the last address (XFD1048576)
    numbered = [(n, row) for n, row in enumerate(rows, start=1) if row]
    if parallel.worth_it(hm, opts, len(rows)):
        report = parallel.validate_parallel(raw.name, raw.hidden, hm, parallel.split(numbered, 2 * parallel.workers()),
                                            opts)
    else:
        report = validate_rows(raw.name, raw.hidden, hm, [numbered], opts)
    report.findings.extend(cell_notes(raw, hm, report))
    return report


def _precheck_large(path: Path) -> None:
    """The same refusals as reading.read_sheets (encrypted workbook, zip bomb, not a workbook)."""
    from sgs_cli.io import reading

    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(reading.OLE_MAGIC):
        raise reading._ole_message(path, path.read_bytes())
    reading._check_zip(path)
    import zipfile

    with zipfile.ZipFile(path) as z:  # DTDs and custom entities have no place in a workbook
        for info in z.infolist():
            if info.filename.endswith((".xml", ".rels")):
                with z.open(info) as fh:
                    start = fh.read(4096)
                    # anywhere in the small parts; a sheet's own XML is checked by the reader of each chunk
                    whole = not info.filename.startswith("xl/worksheets/")
                    while start:
                        if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
                            raise reading._calamine_error(path, ValueError("entity"))
                        more = fh.read(1 << 22) if whole else b""
                        start = start[-16:] + more if more else b""


#: rows per batch of a streamed CSV: small enough that both workers start early and memory stays flat
CSV_BATCH_ROWS = 10_000


def _validate_large_csv(path: Path, opts: ValidateOptions, fr: FileReport, progress=None) -> None:
    """Large CSV: read as a stream in batches (bounded memory), same rules as the in-memory path."""
    from sgs_cli.io.reading import iter_csv_chunks

    chunks = iter_csv_chunks(path, chunk_rows=CSV_BATCH_ROWS)
    first = next(chunks, [])
    head = [row for _, row in first[:30]]
    hm = detect(head, specs_for(opts.kind), hint=path.stem) if head else None
    if hm is None:
        raise InputError(f"文件“{path.name}”中找不到可识别的双公示表头", no_header_hint(opts))
    size = path.stat().st_size or 1

    # progress: rows so far over the total estimated from the first batch's bytes per row
    per_row = sum(len(",".join(r).encode()) + 2 for _, r in first) / max(len(first), 1)
    total = max(size / max(per_row, 1.0), 1.0)

    def tick(n):
        progress(min(1.0, n / total), n)

    from sgs_cli.validation import parallel

    run = parallel.validate_parallel if parallel.worth_it(hm, opts) else validate_rows
    fr.sheets.append(run(path.stem, False, hm, chain([first], chunks), opts, tick if progress else None))


def _validate_large(path: Path, opts: ValidateOptions, fr: FileReport, progress=None, names=None) -> None:
    """Large .xlsx: stream each sheet in chunks (bounded memory), same rules as the in-memory path."""
    import zipfile

    from sgs_cli.validation import parallel
    from sgs_cli.io.chunked import ChunkedSheet, sheet_parts

    content = False
    if names == []:  # python-calamine sees no worksheet (the small path's answer too)
        parts = []
    else:
        with zipfile.ZipFile(path) as z:
            parts = sheet_parts(z, names)
            missing = [p for p in parts if p.path not in set(z.namelist())]
        if missing:  # as python-calamine reports a missing sheet part
            from sgs_cli.io.reading import _calamine_error

            raise _calamine_error(path, ValueError(missing[0].name))
    for part in parts:
        sheet = ChunkedSheet(path, part)
        xmls = sheet.xml_chunks()
        first_xml = next(xmls, None)
        first = sheet.parse(first_xml) if first_xml is not None else []
        if not any(any(v not in ("", None) for v in row) for _, row in first):
            continue
        content = True
        head: list[list] = [[] for _ in range(min(first[-1][0], 30))]
        for number, row in first:
            if number <= len(head):
                head[number - 1] = row
        hm = detect(head, specs_for(opts.kind), hint=f"{path.stem} {part.name}")
        if hm is None:
            sr = SheetReport(sheet=part.name, kind=None, standard=None, header_row=None)
            sr.findings.append(sheet_rules.unrecognized())
            fr.sheets.append(sr)
            continue

        def tick(n, sheet=sheet):
            progress(sheet.bytes_done / sheet.bytes_total, n)

        if parallel.worth_it(hm, opts):
            fr.sheets.append(parallel.validate_parallel(part.name, part.hidden, hm, chain([first_xml], xmls), opts,
                                                        tick if progress else None, xml_sheet=sheet))
            continue

        fr.sheets.append(validate_rows(part.name, part.hidden, hm, chain([first], map(sheet.parse, xmls)), opts,
                                        tick if progress else None))
    if not content:  # as the small path says it
        fr.error = f"文件“{path.name}”中没有任何数据（所有工作表都是空的）"
    elif not any(s.kind for s in fr.sheets):
        fr.error = f"文件“{path.name}”中找不到可识别的双公示表头"


def validate_file(path: str | os.PathLike, opts: ValidateOptions | None = None, progress=None) -> FileReport:
    """Validate one file. progress(fraction, rows) is called now and then on large inputs."""
    from sgs_cli.io.chunked import streamed

    opts = opts or ValidateOptions()
    path = Path(path)
    fr = FileReport(path=str(path))
    try:
        if not path.exists():
            raise InputError(f"找不到文件：{path}", "请检查路径是否正确（含中文文件名时注意引号）")
        how = streamed(path)
        if how == "xlsx":
            _precheck_large(path)
            from sgs_cli.io import contain, reading

            try:  # the workbook's own parts, read as the small path reads them: the same damage, the same message
                names = contain.run(reading.open_check, path)
            except contain.ReaderCrashed:
                raise reading.crashed(path) from None
            try:
                _validate_large(path, opts, fr, progress, names)
            except InputError:
                raise
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as e:  # noqa: BLE001 - damaged sheet parts, panics: unreadable, never a traceback
                raise reading.unreadable(path, e) from None
            return fr
        if how == "csv":
            _validate_large_csv(path, opts, fr, progress)
            return fr
        sheets = read_sheets(path)
    except InputError as e:
        fr.error = e.message + (f"（{e.hint}）" if e.hint else "")
        return fr
    if _is_sgs_output(sheets):
        sr = SheetReport(sheet=sheets[0].name, kind=None, standard=None, header_row=None)
        sr.findings.append(sheet_rules.unrecognized("sgs_output"))
        fr.sheets.append(sr)
        return fr
    candidates = [(raw, detect(raw.rows, specs_for(opts.kind), hint=f"{path.stem} {raw.name}"))
                  for raw in sheets if not raw.is_empty]
    recognised = [(raw, hm) for raw, hm in candidates if hm is not None]
    if not recognised:
        if not candidates:
            fr.error = f"文件“{path.name}”中没有任何数据（所有工作表都是空的）"
        else:
            names = "、".join(r.name for r, _ in candidates)
            fr.error = f"文件“{path.name}”的工作表（{names}）中找不到可识别的双公示表头（{no_header_hint(opts)}）"
        return fr
    for raw, hm in recognised:
        fr.sheets.append(validate_sheet(raw, opts, hm))
    for raw, hm in candidates:
        if hm is None:
            sr = SheetReport(sheet=raw.name, kind=None, standard=None, header_row=None)
            if raw.name.strip() in AUX_SHEETS:  # the instructions/summary sheets sgs itself writes
                sr.findings.append(sheet_rules.unrecognized("instructions"))
            else:
                sr.findings.append(sheet_rules.unrecognized())
            fr.sheets.append(sr)
    return fr


def validate_paths(paths: list, opts: ValidateOptions | None = None, progress=None) -> Report:
    """Validate files and folders; duplicates across files are reported at both places.
    progress(path) returns a callback for validate_file, or None."""
    opts = opts or ValidateOptions()
    report = Report()
    for p in find_inputs(paths):
        report.files.append(validate_file(p, opts, progress(p) if progress else None))
    _cross_file_duplicates(report)
    return report


def _cross_file_duplicates(report: Report) -> None:
    """DUPLICATE_ACROSS_FILES at both places (rules/duplicates.py)."""
    duplicates.across_files(report)
