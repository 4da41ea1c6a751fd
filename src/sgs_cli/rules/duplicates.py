"""R14: the same decision entered twice (文书号 + 相对人名称 + 相对人代码).

Codes: DUPLICATE_RECORD (error, naming the first occurrence in the sheet) and DUPLICATE_ACROSS_FILES
(error at both places, when several files — or several sheets of one workbook — are validated: :func:`across_files`).
The key: 文号 by standard/docno.doc_key (any bracket shape, width and spacing), 相对人名称, 相对人代码.

State: the key → first row of every decision seen. Batches checked apart (worker processes, partitions)
only list their keys (``partial``); ``combine`` walks them in row order against the keys seen before and
finds the duplicates, exactly as one pass over the sheet would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Sequence
from itertools import compress
from pathlib import Path

from sgs_cli.findings import ERROR
from sgs_cli.io.cells import compact_code
from sgs_cli.records.mapping import record_key_code
from sgs_cli.standard.docno import doc_key
from sgs_cli.rules.base import Code, Rule, declare
from sgs_cli.rules.context import Record, SheetContext

CODES = declare("duplicates", {
    "DUPLICATE_RECORD": Code(ERROR, "同一文件内重复记录", "与第{first}行重复（决定书文号、相对人相同）",
                             "同一决定只应报送一次，请删除重复行", variants={
        # a dataset (Parquet / CSV part files): the first occurrence is in another part file
        "other_part": ("与“{part}”第{first}行重复（决定书文号、相对人相同）", "同一决定只应报送一次，请删除重复行")}),
    "DUPLICATE_ACROSS_FILES": Code(ERROR, "与另一个文件中的记录重复",
                                   "与文件“{file}”工作表“{sheet}”第{first}行重复（决定书文号、相对人相同）",
                                   "同一决定只应报送一次，请删除其中一条", variants={
        # two sheets of one workbook (a licence sheet copied into a second sheet, 1月 and 2月 sheets)
        "same_file": ("与本文件工作表“{sheet}”第{first}行重复（决定书文号、相对人相同）", "同一决定只应报送一次，请删除其中一条")}),
})


@dataclass
class State:
    seen: dict = field(default_factory=dict)  # key → physical row of its first occurrence
    keys: list = field(default_factory=list)  # (row, key, raw 文书号, record key) of a batch checked apart


def record_key(rec: Record, ctx: SheetContext) -> tuple | None:
    wsh = doc_key(rec.text(ctx.k("WSH")))  # 〔2018〕 and 【2018】 are one decision
    if not wsh:
        return None
    who = rec.text(ctx.k("XDR_MC"))
    ident = compact_code(rec.text(ctx.k("XDR_SHXYM")) or rec.text(ctx.k("XDR_ZJHM")))
    return (wsh, who, ident)


def start(ctx: SheetContext) -> State:
    return State()


def check(rec: Record, ctx: SheetContext, state: State):
    key = record_key(rec, ctx)
    if key is None:
        return
    first = state.seen.get(key)
    if first is None:
        state.seen[key] = rec.row
        return
    yield finding(rec, ctx, first)


def partial(records: list, ctx: SheetContext, state: State) -> None:
    """A batch checked apart: only its keys, for :func:`combine`."""
    wsh, key_code = ctx.k("WSH"), record_key_code(ctx.spec.kind)
    for rec in records:
        key = record_key(rec, ctx)
        if key is not None:
            state.keys.append((rec.row, key, rec.raw(wsh), rec.text(key_code) if key_code else ""))


def combine(states: list, ctx: SheetContext) -> tuple[State, list]:
    """The first state with the keys of the later ones folded in, in order, and the duplicates found."""
    acc, found = states[0], []
    wsh = ctx.k("WSH")
    for s in states[1:]:
        for row, key, raw, record in s.keys:
            first = acc.seen.get(key)
            if first is None:
                acc.seen[key] = row
            else:
                found.append(finding(Record(row, {wsh: raw}), ctx, first))
                found[-1].key = record or None  # as the row engine sets it
        for key, row in s.seen.items():
            acc.seen.setdefault(key, row)
    return acc, found


def finding(rec: Record, ctx: SheetContext, first: int):
    """DUPLICATE_RECORD for rec, whose decision was first entered on row ``first``."""
    return ctx.emit("DUPLICATE_RECORD", rec, ctx.k("WSH"), first=first)


def columns(fr, ctx: SheetContext, state: State) -> list:
    """Columnar form: the key columns (文书号 and 相对人代码 compacted in Arrow, fr.compacted) zipped into
    one key per row; each key's first position here from one dict, keys seen in earlier batches by one
    set intersection, the new keys added to the sheet's in the order they first occur (as the row form
    adds them) — dict and set operations in C, a Python loop only when there is a duplicate."""
    wsh = fr.each_distinct(fr.text(ctx.k("WSH")), doc_key).tolist()
    who = fr.text(ctx.k("XDR_MC"))
    ident = [c if t else z for t, c, z in zip(fr.text(ctx.k("XDR_SHXYM")), fr.compacted(ctx.k("XDR_SHXYM")),
                                               fr.compacted(ctx.k("XDR_ZJHM")))]
    pos: Sequence[int]
    if all(wsh):
        pos, keys = range(fr.n), list(zip(wsh, who, ident))
    else:
        pos = list(compress(range(fr.n), wsh))
        keys = list(zip(map(wsh.__getitem__, pos), map(who.__getitem__, pos), map(ident.__getitem__, pos)))
    if not keys:
        return []
    first = dict(zip(reversed(keys), reversed(pos)))  # key → its first position here
    seen, numbers = state.seen, fr.numbers
    known = seen.keys() & first.keys() if seen else set()
    dup = []  # (position, the row the key first occurs on)
    if known or len(first) < len(keys):
        for key, p in zip(keys, pos):
            if key in known:
                dup.append((p, seen[key]))
            elif first[key] != p:
                dup.append((p, numbers[first[key]]))
    new = dict.fromkeys(keys)  # the keys in the order they first occur
    for key in known:
        del new[key]
    seen.update(zip(new, map(numbers.__getitem__, map(first.__getitem__, new))))
    raw_wsh = fr.raw(ctx.k("WSH"))
    return [finding(Record(numbers[k], {ctx.k("WSH"): raw_wsh[k]}), ctx, row) for k, row in dup]


def reads(ctx: SheetContext) -> tuple:
    """The fields ``check`` and ``partial`` read."""
    codes = [ctx.k("WSH"), ctx.k("XDR_MC"), ctx.k("XDR_SHXYM"), ctx.k("XDR_ZJHM")]
    key_code = record_key_code(ctx.spec.kind)
    return tuple(dict.fromkeys(codes + ([key_code] if key_code else [])))


RULE = Rule("duplicates", CODES, row=check, start=start, partial=partial, combine=combine, columns=columns,
            reads=reads)


def across_files(report) -> None:
    """DUPLICATE_ACROSS_FILES at both places, from the duplicate keys each sheet kept (records need not be
    kept): across files, and across the sheets of one workbook (variant same_file). ``report``: the Report of
    one file or several."""
    sheets = [(fr, sr, sr.context, sr.context.states.get("duplicates")) for fr in report.files for sr in fr.sheets
              if sr.context is not None and sr.context.prefix]
    sheets = [s for s in sheets if s[3] is not None]
    if len(sheets) < 2:
        return  # one sheet: its own duplicates are DUPLICATE_RECORD (folding its 1,000,000 keys took ~1 s)
    first: dict[tuple, tuple] = {}
    for fr, sr, ctx, state in sheets:
        for key, row in state.seen.items():
            key = (ctx.prefix,) + key
            if key not in first:
                first[key] = (fr, sr, row, ctx)
                continue
            ofr, osr, orow, octx = first[key]
            if osr is sr:
                continue  # same sheet: DUPLICATE_RECORD already says so
            wsh = key[1]
            variant = "same_file" if ofr is fr else ""
            sr.findings.append(ctx.emit("DUPLICATE_ACROSS_FILES", Record(row, {}), ctx.k("WSH"), value=wsh,
                                        variant=variant, file=Path(ofr.path).name, sheet=osr.sheet, first=orow))
            osr.findings.append(octx.emit("DUPLICATE_ACROSS_FILES", Record(orow, {}), octx.k("WSH"), value=wsh,
                                         variant=variant, file=Path(fr.path).name, sheet=sr.sheet, first=row))
            sr.findings[-1].key = osr.findings[-1].key = str(wsh) if wsh else None
