"""Drives reading → header detection → record mapping → rules → report."""

from __future__ import annotations

import datetime as dt
from itertools import chain
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import standard as S
from .errors import InputError
from .findings import FileReport, Finding, Report, SheetReport
from .header import HeaderMap, detect
from .reading import RawSheet, find_inputs, read_sheets
from .rules import RECORD_RULES, annex, columns as column_rules, timeliness
from .rules.context import Record, SheetContext, column_letter
from .rules.enumerations import category_of, cflb_buckets
from .standard.enums import LB_INDIVIDUAL, LB_ORG, LB_PERSON
from .standard.legacy import OLD_CFLB_CODES, OLD_ZT, OLD_ZT_REVIEW
from .values import cell_text, is_blank

_EXAMPLE_MARKS = ("示例", "样例", "例：", "例:", "填报说明", "填写说明", "说明：", "注：", "注:")
_TOTAL_MARKS = ("合计", "总计", "小计")
AUX_SHEETS = {"填写说明", "填报说明", "说明", "待补充", "汇总", "未迁移的列"}
SGS_OUTPUT_TITLES = ("双公示数据校验错误回执", "“双公示”工作月报告", "“双公示”工作季度通报", "“双公示”工作年度考核")


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


@dataclass
class ValidateOptions:
    kind: str = "auto"  # auto | license | penalty | ledger | catalog | liaison
    today: dt.date = field(default_factory=dt.date.today)
    submit_date: dt.date | None = None  # 790 sheets: warn about records whose deadline has passed
    holidays: str | None = None  # override calendar file
    provisional: bool = False  # count a year without holiday data with its statutory holidays (暂定)
    keep_records: bool = False  # keep mapped records on the sheet report (deadlines, monthly report)
    severity: str | None = None  # 失信严重程度 of penalties without one of their own (None: 一般, and say so)
    calendar: object = None  # a loaded workcal.WorkCalendar (lazy)


def _no_header_hint(opts: ValidateOptions, sep: str = "，") -> str:
    """The hint of an unrecognised header: --kind is suggested only when it was not given."""
    if opts.kind == "auto":
        return f"请使用行政许可、行政处罚、台账、事项目录或联络员名单模板{sep}或用 --kind 指定类型"
    label = S.KIND_LABEL.get(opts.kind, opts.kind)
    return f"已按 --kind {opts.kind}（{label}）识别，但表头与{label}模板的列标题对不上{sep}请核对列标题（sgs template {opts.kind} 可生成标准模板）"


def _specs_for(kind: str) -> tuple[S.SheetSpec, ...]:
    if kind == "auto":
        return S.ALL_SPECS
    return tuple(s for s in S.ALL_SPECS if s.kind == kind)


#: the field that identifies a record to other tools (决定书文号), per sheet kind
RECORD_KEY = {"license": "XK_WSH", "penalty": "CF_WSH", "ledger": "WSH"}


def record_key_code(kind: str) -> str | None:
    return RECORD_KEY.get(kind)


#: extension columns that are not part of the 790 standard but that sgs reads when present:
#: header spelling → private key of Record.values
EXTENSION_HEADERS = {"失信严重程度": "_XYCD", "失信程度": "_XYCD", "失信行为严重程度": "_XYCD", "失信等级": "_XYCD"}
SEVERITY_KEY = "_XYCD"


def extension_of(header: str) -> str | None:
    from .header import match_extra, normalize_header

    key = EXTENSION_HEADERS.get(normalize_header(header))
    if key is None and match_extra(S.PENALTY, header) == "SXYZCD":  # “失信严重程度（必填）：未定；一般；…”
        key = SEVERITY_KEY
    return key


def _is_skippable(row: list) -> bool:
    """Blank rows, example rows (示例/样例), instruction rows and 合计 rows are not records."""
    first = last = None
    for v in row:
        if v is not None and v != "" and not (type(v) is str and not v.strip()):
            first = v
            break
    if first is None:
        return True
    if type(first) is str:
        f = first.strip()
        if f.startswith(_EXAMPLE_MARKS) or f in _TOTAL_MARKS:
            return True
    for v in reversed(row):
        if v is not None and v != "" and not (type(v) is str and not v.strip()):
            last = v
            break
    return type(last) is str and last.strip() in ("示例", "样例")


def _derive_category(values: dict, p: str) -> tuple[str | None, str | None]:
    """The 行政相对人类别 of a sheet without that column, and how it was inferred."""
    org = any(not is_blank(values.get(f"{p}_{s}")) for s in ("XDR_SHXYM", "XDR_ZZJG", "XDR_GSZC", "XDR_SWDJ"))
    if org:
        if cell_text(values.get(f"{p}_XDR_SHXYM")).strip().startswith("92"):
            return LB_INDIVIDUAL, "按代码前缀（92）推断"
        return LB_ORG, "按填写的单位代码推断"
    if not is_blank(values.get(f"{p}_XDR_ZJHM")) or not is_blank(values.get("_SFZ")):
        return LB_PERSON, "按填写的证件号码推断"
    return None, None


@lru_cache(maxsize=4096)
def _buckets(cflb: str) -> frozenset:
    return frozenset(cflb_buckets(cflb)[0])


class SheetMapper:
    """Turns the rows of one sheet into Records keyed by the codes of the modern (790/773) spec."""

    def __init__(self, hm: HeaderMap):
        self.hm = hm
        self.legacy = hm.spec.standard == "2015"
        self.modern = S.BY_KIND[hm.spec.kind]
        self.prefix = {"license": "XK", "penalty": "CF"}.get(hm.spec.kind, "")
        self.columns: dict[str, int] = {}  # modern code → source column
        self.sources: list[tuple[str, int]] = []  # (source code, column) to read per row
        # a genuine 790 column wins over an old column mapped onto the same field (hybrid templates)
        for i, code in sorted(hm.columns.items(), key=lambda kv: (kv[1] not in self.modern.codes, kv[0])):
            self.sources.append((code, i))
            target = hm.spec.mapping.get(code, code) if self.legacy else code
            if target and target not in self.columns and target in self.modern.codes:
                self.columns[target] = i
        if self.legacy:  # 代码_5(居民身份证号) goes to one of two fields, decided per record
            sfz = f"{self.prefix}_XDR_SFZ"
            if sfz in hm.columns.values():
                col = hm.column_of(sfz)
                self.columns.setdefault(f"{self.prefix}_FR_ZJHM", col)
                self.columns.setdefault(f"{self.prefix}_XDR_ZJHM", col)
        self.has_lb = f"{self.prefix}_XDR_LB" in self.columns
        # known provincial extension columns (e.g. 失信严重程度): read into values under a private key
        self.extensions: dict[str, int] = {}
        if self.prefix == "CF":
            for i in sorted([*hm.unknown, *hm.extras]):  # 失信严重程度 is a known extra (standard/extras.py)
                key = extension_of(hm.texts[i])
                if key and key not in self.extensions:
                    self.extensions[key] = i

    def record(self, row_number: int, row: list) -> Record:
        p = self.prefix
        review = None
        n = len(row)
        if not self.legacy:
            values = {code: row[i] if i < n else "" for code, i in self.sources}
        else:
            values = {}
        for code, i in self.sources if self.legacy else ():
            v = row[i] if i < n else ""
            target = self.hm.spec.mapping.get(code, code)
            if code in ("CF_CFLB1", "CF_CFLB2"):
                t = cell_text(v).strip()
                if t:
                    t = OLD_CFLB_CODES.get(t, t)
                    prev = values.get("CF_CFLB", "")
                    values["CF_CFLB"] = f"{prev}；{t}" if prev else t
                continue
            if code == f"{p}_XDR_SFZ":
                values["_SFZ"] = v
                continue
            if code in ("XK_ZT", "CF_ZT"):
                t = cell_text(v).strip()
                if t in OLD_ZT_REVIEW or (code == "CF_ZT" and t in ("1", "撤销")):
                    review = (code, OLD_ZT_REVIEW.get(t, "撤销"))
                v = OLD_ZT.get(t, t)
            if target:
                values.setdefault(target, v)
        for key, i in self.extensions.items():
            values[key] = row[i] if i < n else ""
        rec = Record(row_number, values)
        rec.fill_texts()
        rec.review = review
        if p:
            if self.has_lb:
                rec.category, _ = category_of(rec.text(f"{p}_XDR_LB"))
            else:
                rec.category, rec.category_basis = _derive_category(values, p)
            if "_SFZ" in values:
                sfz = values.pop("_SFZ")
                if rec.category == LB_PERSON:
                    values[f"{p}_XDR_ZJHM"] = sfz
                else:
                    values[f"{p}_FR_ZJHM"] = sfz
            if p == "CF":
                rec.buckets = _buckets(rec.text("CF_CFLB"))
        return rec


def validate_sheet(raw: RawSheet, opts: ValidateOptions, hm: HeaderMap | None = None) -> SheetReport:
    """Validate one in-memory sheet."""
    hm = hm or detect(raw.rows, _specs_for(opts.kind), hint=raw.name)
    if hm is None:
        raise InputError(f"工作表“{raw.name}”中找不到可识别的表头", _no_header_hint(opts))
    from . import parallel

    rows = annex.fill_down(raw, hm) if hm.spec.kind in ("catalog", "ledger") and (raw.merged or hm.spec.kind == "catalog") \
        else raw.rows
    # empty rows are never records: work follows the rows that hold data, not the last address (XFD1048576)
    numbered = [(n, row) for n, row in enumerate(rows, start=1) if row]
    if parallel.worth_it(hm, opts, len(rows)):
        report = parallel.validate_parallel(raw.name, raw.hidden, hm, parallel.split(numbered, 2 * parallel.workers()),
                                            opts)
    else:
        report = _validate_rows(raw.name, raw.hidden, hm, [numbered], opts)
    report.findings.extend(_cell_notes(raw, hm, report))
    return report


def _cell_notes(raw: RawSheet, hm: HeaderMap, report: SheetReport) -> list[Finding]:
    """Cells the reader could not give a value for: formulas without a cached value (FORMULA_NO_VALUE)
    and cells showing an Excel error such as #N/A (CELL_ERROR_VALUE)."""
    out = []
    first = hm.first_data_row
    for (r, c) in sorted(raw.formula_no_value):
        if r >= first:
            out.append(Finding("warning", "FORMULA_NO_VALUE", "该单元格是公式，但文件中没有保存计算结果，按空白处理",
                               row=r + 1, column=column_letter(c),
                               hint="请在 Excel/WPS 中打开并保存一次（或把公式粘贴为数值）后再校验"))
    for (r, c), err in sorted(raw.error_cells.items()):
        if r >= first:
            out.append(Finding("error", "CELL_ERROR_VALUE", f"单元格显示错误值“{err}”", row=r + 1,
                               column=column_letter(c), value=err, hint="请修正公式或改为实际数值"))
    return out


def _legacy_status(rec: Record, ctx: SheetContext, mapper: SheetMapper) -> Finding:
    code, word = rec.review
    f = ctx.warning("LEGACY_STATUS_REVIEW", rec, None, f"旧标准当前状态为“{word}”，不能直接迁移为790号新标准",
                    "已撤销的处罚应撤下而不是迁移；“异议”“其他”请人工核实后再填当前状态")
    f.column = column_letter(mapper.hm.column_of(code))
    f.field_name = "当前状态"
    return f


def header_columns(hm: HeaderMap) -> list[tuple[str, str, str, str]]:
    """(column letter, header as written, what it was read as, status) for every header cell."""
    from .standard.extras import EXTRAS

    extra_names = {e.code: e.name for e in EXTRAS}
    out = []
    for i in sorted(hm.texts):
        if i in hm.columns:
            out.append((column_letter(i), hm.texts[i], hm.spec.by_code(hm.columns[i]).name, "field"))
        elif i in hm.extras:
            out.append((column_letter(i), hm.texts[i], extra_names.get(hm.extras[i], hm.extras[i]), "extra"))
        else:
            out.append((column_letter(i), hm.texts[i], "", "ignored"))
    return out


def _sheet_start(name: str, hidden: bool, hm: HeaderMap, opts: ValidateOptions, rules_without=()):
    """Mapper, context, report (with the header findings) and the record rules of a sheet."""
    mapper = SheetMapper(hm)
    report = SheetReport(sheet=name, kind=hm.spec.kind, standard=hm.spec.standard, header_row=hm.header_row)
    ctx = SheetContext(spec=mapper.modern, sheet=name, columns=mapper.columns, today=opts.today,
                       header_row=hm.header_row, prefix=mapper.prefix, options=opts)
    ctx.state["extension_columns"] = mapper.extensions
    report.findings.extend(column_rules.check(hm, mapper.modern, set(mapper.columns)))
    report.header_columns = header_columns(hm)
    if hidden:
        report.findings.append(Finding("info", "SHEET_HIDDEN", "该工作表为隐藏工作表，已一并校验", row=None))
    rules = RECORD_RULES + (timeliness.record_check,) if mapper.prefix else annex.RECORD_RULES[hm.spec.kind]
    if hm.spec.kind == "ledger":
        rules = rules + (timeliness.ledger_check,)
    rules = tuple(r for r in rules if r not in rules_without)
    return mapper, ctx, report, rules


def _run_batch(batch, mapper: SheetMapper, ctx: SheetContext, report: SheetReport, rules, records=None,
               on_record=None) -> None:
    first = mapper.hm.first_data_row + 1  # physical number of the first data row
    findings = report.findings
    key_code = record_key_code(mapper.modern.kind)
    for number, row in batch:
        if number < first:
            if number < mapper.hm.header_row:
                _title_text(row, ctx)
            continue
        if _is_skippable(row):
            continue
        rec = mapper.record(number, row)
        report.rows += 1
        start = len(findings)
        if rec.review:
            findings.append(_legacy_status(rec, ctx, mapper))
        for rule in rules:
            findings.extend(rule(rec, ctx))
        if key_code and len(findings) > start:
            key = rec.text(key_code) or None
            for i in range(start, len(findings)):
                findings[i].key = key
        if records is not None:
            records.append(rec)
        if on_record is not None:
            on_record(rec)


def _title_text(row: list, ctx: SheetContext) -> None:
    """Keep the text of a title row above the header (one filled cell, or a "填报单位：…" cell) in
    ctx.state["titles"]: the monthly report takes a ledger's department from it."""
    texts = [str(v).strip() for v in row if v is not None and str(v).strip()]
    if len(texts) == 1 or any("：" in t or ":" in t for t in texts):
        ctx.state.setdefault("titles", []).append(" ".join(texts))  # "填报单位：" and the name may be two cells


def _sheet_finish(mapper: SheetMapper, ctx: SheetContext, report: SheetReport, records=None) -> SheetReport:
    report.findings.extend(annex.sheet_end(ctx, report) if not mapper.prefix else ())
    report.findings.extend(timeliness.sheet_end(ctx))
    report.columns = {code: column_letter(i) for code, i in mapper.columns.items()}
    report.records = records
    report._ctx = ctx  # used by cross-file checks
    return report


def _validate_rows(name: str, hidden: bool, hm: HeaderMap, batches, opts: ValidateOptions,
                   progress=None) -> SheetReport:
    """Run the rules over batches of (physical row number, values); rows up to the header are skipped."""
    mapper, ctx, report, rules = _sheet_start(name, hidden, hm, opts)
    records = [] if opts.keep_records else None
    for batch in batches:
        _run_batch(batch, mapper, ctx, report, rules, records)
        if progress is not None:
            progress(report.rows)
    return _sheet_finish(mapper, ctx, report, records)


def _precheck_large(path: Path) -> None:
    """The same refusals as reading.read_sheets (encrypted workbook, zip bomb, not a workbook)."""
    from . import reading

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
    from .reading import iter_csv_chunks

    chunks = iter_csv_chunks(path, chunk_rows=CSV_BATCH_ROWS)
    first = next(chunks, [])
    head = [row for _, row in first[:30]]
    hm = detect(head, _specs_for(opts.kind), hint=path.stem) if head else None
    if hm is None:
        raise InputError(f"文件“{path.name}”中找不到可识别的双公示表头", _no_header_hint(opts))
    size = path.stat().st_size or 1

    # progress: rows so far over the total estimated from the first batch's bytes per row
    per_row = sum(len(",".join(r).encode()) + 2 for _, r in first) / max(len(first), 1)
    total = max(size / max(per_row, 1.0), 1.0)

    def tick(n):
        progress(min(1.0, n / total), n)

    from . import parallel

    run = parallel.validate_parallel if parallel.worth_it(hm, opts) else _validate_rows
    fr.sheets.append(run(path.stem, False, hm, chain([first], chunks), opts, tick if progress else None))


def _validate_large(path: Path, opts: ValidateOptions, fr: FileReport, progress=None, names=None) -> None:
    """Large .xlsx: stream each sheet in chunks (bounded memory), same rules as the in-memory path."""
    import zipfile

    from . import parallel
    from .chunked import ChunkedSheet, sheet_parts

    content = False
    if names == []:  # python-calamine sees no worksheet (the small path's answer too)
        parts = []
    else:
        with zipfile.ZipFile(path) as z:
            parts = sheet_parts(z, names)
            missing = [p for p in parts if p.path not in set(z.namelist())]
        if missing:  # as python-calamine reports a missing sheet part
            from .reading import _calamine_error

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
        hm = detect(head, _specs_for(opts.kind), hint=f"{path.stem} {part.name}")
        if hm is None:
            sr = SheetReport(sheet=part.name, kind=None, standard=None, header_row=None)
            sr.findings.append(Finding("warning", "SHEET_UNRECOGNIZED", "该工作表有内容但找不到可识别的表头，已跳过",
                                       hint="如需校验，请使用标准模板的列标题"))
            fr.sheets.append(sr)
            continue

        def tick(n, sheet=sheet):
            progress(sheet.bytes_done / sheet.bytes_total, n)

        if parallel.worth_it(hm, opts):
            fr.sheets.append(parallel.validate_parallel(part.name, part.hidden, hm, chain([first_xml], xmls), opts,
                                                        tick if progress else None, xml_sheet=sheet))
            continue

        fr.sheets.append(_validate_rows(part.name, part.hidden, hm, chain([first], map(sheet.parse, xmls)), opts,
                                        tick if progress else None))
    if not content:  # as the small path says it
        fr.error = f"文件“{path.name}”中没有任何数据（所有工作表都是空的）"
    elif not any(s.kind for s in fr.sheets):
        fr.error = f"文件“{path.name}”中找不到可识别的双公示表头"


def validate_file(path: str | os.PathLike, opts: ValidateOptions | None = None, progress=None) -> FileReport:
    """Validate one file. progress(fraction, rows) is called now and then on large inputs."""
    from .chunked import streamed

    opts = opts or ValidateOptions()
    path = Path(path)
    fr = FileReport(path=str(path))
    try:
        if not path.exists():
            raise InputError(f"找不到文件：{path}", "请检查路径是否正确（含中文文件名时注意引号）")
        how = streamed(path)
        if how == "xlsx":
            _precheck_large(path)
            from . import contain, reading

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
        sr.findings.append(Finding("warning", "SHEET_UNRECOGNIZED", "这是 sgs 生成的错误回执或月报告，已跳过",
                                   hint="校验原始台账即可；回执和月报告不必再校验"))
        fr.sheets.append(sr)
        return fr
    candidates = [(raw, detect(raw.rows, _specs_for(opts.kind), hint=f"{path.stem} {raw.name}"))
                  for raw in sheets if not raw.is_empty]
    recognised = [(raw, hm) for raw, hm in candidates if hm is not None]
    if not recognised:
        if not candidates:
            fr.error = f"文件“{path.name}”中没有任何数据（所有工作表都是空的）"
        else:
            names = "、".join(r.name for r, _ in candidates)
            fr.error = f"文件“{path.name}”的工作表（{names}）中找不到可识别的双公示表头（{_no_header_hint(opts)}）"
        return fr
    for raw, hm in recognised:
        fr.sheets.append(validate_sheet(raw, opts, hm))
    for raw, hm in candidates:
        if hm is None:
            sr = SheetReport(sheet=raw.name, kind=None, standard=None, header_row=None)
            if raw.name.strip() in AUX_SHEETS:  # the instructions/summary sheets sgs itself writes
                sr.findings.append(Finding("info", "SHEET_UNRECOGNIZED", "说明类工作表，已跳过"))
            else:
                sr.findings.append(Finding("warning", "SHEET_UNRECOGNIZED", "该工作表有内容但找不到可识别的表头，已跳过",
                                           hint="如需校验，请使用标准模板的列标题"))
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
    """DUPLICATE_ACROSS_FILES at both places, from the per-sheet duplicate keys (records need not be kept)."""
    if len(report.files) < 2:
        return
    first: dict[tuple, tuple[FileReport, SheetReport, int]] = {}
    for fr in report.files:
        for sr in fr.sheets:
            ctx = getattr(sr, "_ctx", None)
            if ctx is None or not ctx.prefix:
                continue
            for key, row in ctx.state.get("dup", {}).items():
                key = (ctx.prefix,) + key
                if key not in first:
                    first[key] = (fr, sr, row)
                    continue
                ofr, osr, orow = first[key]
                if ofr is fr:
                    continue  # same file: DUPLICATE_RECORD already says so
                wsh = key[1]
                sr.findings.append(ctx.error(
                    "DUPLICATE_ACROSS_FILES", Record(row, {}), ctx.k("WSH"),
                    f"与文件“{Path(ofr.path).name}”工作表“{osr.sheet}”第{orow}行重复（决定书文号、相对人相同）",
                    "同一决定只应报送一次，请删除其中一条", value=wsh))
                osr.findings.append(ctx.error(
                    "DUPLICATE_ACROSS_FILES", Record(orow, {}), ctx.k("WSH"),
                    f"与文件“{Path(fr.path).name}”工作表“{sr.sheet}”第{row}行重复（决定书文号、相对人相同）",
                    "同一决定只应报送一次，请删除其中一条", value=wsh))
                sr.findings[-1].key = osr.findings[-1].key = str(wsh) if wsh else None
