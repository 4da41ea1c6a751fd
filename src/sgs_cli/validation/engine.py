"""Files and folders through validation: each input is read (whole or streamed), its sheets recognised
and run through validation.runner (or validation.parallel on big sheets); duplicates across files last.

Importing this module imports the readers only: the rules (header recognition, the rule families, the
runner) are imported by validation.parallel.import_rules — while the reader child reads the first
workbook (issue 32: the read starts ~0.03 s earlier, and the imports overlap it), or where they are first
needed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sgs_cli.errors import InputError
from sgs_cli.findings import FileReport, Report, SheetReport
from sgs_cli.io import reading
from sgs_cli.io.reading import NotArrow, RawSheet, find_inputs
from sgs_cli.io.source import SheetSource, is_sgs_output_head, open_input
from sgs_cli.validation.options import ValidateOptions, no_header_hint, specs_for

if TYPE_CHECKING:
    from sgs_cli.records.header import HeaderMap

__all__ = ["ValidateOptions", "validate_file", "validate_paths", "validate_sheet"]

AUX_SHEETS = {"填写说明", "填报说明", "说明", "待补充", "汇总", "未迁移的列"}


def validate_sheet(raw: RawSheet, opts: ValidateOptions, hm: HeaderMap | None = None) -> SheetReport:
    """Validate one in-memory sheet."""
    from sgs_cli.records.header import detect

    hm = hm or detect(raw.rows, specs_for(opts.kind), hint=raw.name)
    if hm is None:
        raise InputError(f"工作表“{raw.name}”中找不到可识别的表头", no_header_hint(opts))
    return _validate_source(SheetSource(raw.name, raw.hidden, raw.rows[:30], raw=raw), hm, opts)


def _validate_source(src: SheetSource, hm: HeaderMap, opts: ValidateOptions, progress=None) -> SheetReport:
    """One recognised sheet through the rules: in this process, or on the workers when it is worth it."""
    from sgs_cli.rules import annex, sheets as sheet_rules
    from sgs_cli.validation import parallel
    from sgs_cli.validation.runner import cell_notes, validate_rows

    tick = (lambda n: progress(src.fraction(n), n)) if progress else None
    raw = src.raw
    if raw is not None:  # read whole: annex rows filled down over merged cells; formula and error cells known
        if hm.spec.kind in ("catalog", "ledger") and (raw.merged or hm.spec.kind == "catalog"):
            raw = RawSheet(raw.name, annex.fill_down(raw, hm), raw.hidden, raw.merged, raw.formula_no_value,
                           raw.error_cells, raw.notes)
        # empty rows are never records: work follows the rows that hold data, not the last address (XFD1048576)
        numbered = [(n, row) for n, row in enumerate(raw.rows, start=1) if row]
        if parallel.worth_it(hm, opts, len(raw.rows)):
            report = parallel.validate_parallel(src.name, src.hidden, hm,
                                                parallel.split(numbered, 2 * parallel.workers()), opts)
        else:
            report = validate_rows(src.name, src.hidden, hm, [numbered], opts, whole=True)
        report.findings.extend(cell_notes(raw, hm, report))
    elif parallel.worth_it(hm, opts):
        report = parallel.validate_parallel(src.name, src.hidden, hm, src.worker_batches(),
                                            opts, tick, xml_sheet=src.xml)
    else:
        report = validate_rows(src.name, src.hidden, hm, src.batches(), opts, tick)
    report.findings.extend(sheet_rules.reader_note(note) for note in src.notes)
    return report


def _unrecognised(name: str) -> SheetReport:
    from sgs_cli.rules import sheets as sheet_rules

    sr = SheetReport(sheet=name, kind=None, standard=None, header_row=None)
    # the instructions/summary sheets sgs itself writes are said as info
    sr.findings.append(sheet_rules.unrecognized("instructions" if name.strip() in AUX_SHEETS else ""))
    return sr


def validate_file(path: str | os.PathLike, opts: ValidateOptions | None = None, progress=None) -> FileReport:
    """Validate one file, read once through io.source (whole, or streamed when large).
    progress(fraction, rows) is called now and then on large inputs."""
    try:  # a large CSV: Arrow's slices, each checked by the worker that parses it
        return _validate_file(path, opts, progress, "lazy")
    except NotArrow:  # a slice Arrow could read otherwise than the csv module: the file by the csv module
        return _validate_file(path, opts, progress, "exact")


def _validate_file(path, opts: ValidateOptions | None, progress, csv: str) -> FileReport:
    opts = opts or ValidateOptions()
    path = Path(path)
    fr = FileReport(path=str(path))
    try:
        inp = open_input(path)
        if inp.how == "whole":
            from sgs_cli.validation.parallel import preload_while_reading

            preload_while_reading(path, opts)
        unrecognised: list[str] = []
        content = False
        try:
            sources = inp.sheets(csv)  # a workbook read whole is read here (the rules imported meanwhile)
            from sgs_cli.records.header import detect
            from sgs_cli.rules import sheets as sheet_rules

            for i, src in enumerate(sources):
                if i == 0 and is_sgs_output_head(src.name, src.head):
                    fr.sgs_output = True
                    sr = SheetReport(sheet=src.name, kind=None, standard=None, header_row=None)
                    sr.findings.append(sheet_rules.unrecognized("sgs_output"))
                    fr.sheets.append(sr)
                    return fr
                if src.is_empty:
                    continue
                content = True
                hm = detect(src.head, specs_for(opts.kind), hint=f"{path.stem} {src.name}")
                if hm is None:
                    unrecognised.append(src.name)
                    continue
                fr.sheets.append(_validate_source(src, hm, opts, progress))
        except (InputError, NotArrow):
            raise
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as e:  # noqa: BLE001 - damaged streamed sheet parts, panics: never a traceback
            if inp.how == "whole":
                raise
            raise reading.unreadable(path, e) from None
    except InputError as e:
        fr.error = e.message + (f"（{e.hint}）" if e.hint else "")
        return fr
    if not content:
        fr.error = f"文件“{path.name}”中没有任何数据（所有工作表都是空的）"
    elif not fr.sheets:
        names = "、".join(unrecognised)
        fr.error = f"文件“{path.name}”的工作表（{names}）中找不到可识别的双公示表头（{no_header_hint(opts)}）"
    else:
        fr.sheets.extend(_unrecognised(name) for name in unrecognised)
    return fr


def validate_paths(paths: list, opts: ValidateOptions | None = None, progress=None) -> Report:
    """Validate files and folders; duplicates across files are reported at both places.
    progress(path) returns a callback for validate_file, or None."""
    from sgs_cli.io.dataset import dataset_parts

    opts = opts or ValidateOptions()
    report = Report()
    plain = []
    for p in paths:  # Parquet files and folders of part files: one dataset each (validation.dataset)
        if Path(p).is_file() and dataset_parts(p) is None:
            fr = None  # a table file (validation.dataset, and the rules it imports, not needed to say so)
        else:
            from sgs_cli.validation.dataset import validate_if_dataset

            fr = validate_if_dataset(p, opts, progress, other_kinds=_validate_source)
        if fr is None:
            plain.append(p)
        else:
            report.files.append(fr)
    for p in find_inputs(plain) if plain or not paths else []:
        report.files.append(validate_file(p, opts, progress(p) if progress else None))
    from sgs_cli.rules import timeliness

    _cross_file_duplicates(report)
    timeliness.match_ledgers(report)  # before DEADLINE_PASSED speaks of a 790 record a ledger reports
    return report


def _cross_file_duplicates(report: Report) -> None:
    """DUPLICATE_ACROSS_FILES at both places (rules/duplicates.py)."""
    from sgs_cli.rules import duplicates

    duplicates.across_files(report)
