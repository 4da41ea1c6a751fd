"""R14: the same decision entered twice (文书号 + 相对人名称 + 相对人代码).

Codes: DUPLICATE_RECORD (error, naming the first occurrence in the sheet) and DUPLICATE_ACROSS_FILES
(error at both places, when several files are validated together: :func:`across_files`).

State: the key → first row of every decision seen. Batches checked apart (worker processes, partitions)
only list their keys (``partial``); ``combine`` walks them in row order against the keys seen before and
finds the duplicates, exactly as one pass over the sheet would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sgs_cli.findings import ERROR
from sgs_cli.io.cells import compact_code
from sgs_cli.records.mapping import record_key_code
from sgs_cli.rules.base import Code, Rule, declare
from sgs_cli.rules.context import Record, SheetContext

CODES = declare("duplicates", {
    "DUPLICATE_RECORD": Code(ERROR, "同一文件内重复记录", "与第{first}行重复（决定书文号、相对人相同）",
                             "同一决定只应报送一次，请删除重复行", variants={
        # a dataset (Parquet / CSV part files): the first occurrence is in another part file
        "other_part": ("与“{part}”第{first}行重复（决定书文号、相对人相同）", "同一决定只应报送一次，请删除重复行")}),
    "DUPLICATE_ACROSS_FILES": Code(ERROR, "与另一个文件中的记录重复",
                                   "与文件“{file}”工作表“{sheet}”第{first}行重复（决定书文号、相对人相同）",
                                   "同一决定只应报送一次，请删除其中一条"),
})


@dataclass
class State:
    seen: dict = field(default_factory=dict)  # key → physical row of its first occurrence
    keys: list = field(default_factory=list)  # (row, key, raw 文书号, record key) of a batch checked apart


def record_key(rec: Record, ctx: SheetContext) -> tuple | None:
    wsh = compact_code(rec.text(ctx.k("WSH")))
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
    """Columnar form: the key columns (文书号 and 相对人代码 compacted, fr.compacted) factorised
    into one integer per row; duplicates within the batch from each key's first position, keys seen in
    earlier batches by one set intersection; the new keys added to the sheet's in the order they first
    occur, as the row form adds them."""
    import numpy as np
    import pandas as pd

    n = fr.n
    if not n:
        return []
    w = fr.compacted(ctx.k("WSH"))
    rows = np.flatnonzero(np.fromiter(map(bool, w), bool, count=n))
    w = np.asarray(w, dtype=object)
    who = np.asarray(fr.text(ctx.k("XDR_MC")), dtype=object)
    ident = np.where(fr.filled(ctx.k("XDR_SHXYM")), np.asarray(fr.compacted(ctx.k("XDR_SHXYM")), dtype=object),
                     np.asarray(fr.compacted(ctx.k("XDR_ZJHM")), dtype=object))
    if not len(rows):
        return []
    key = np.zeros(len(rows), np.int64)
    for col in (w, who, ident):
        codes, uniques = pd.factorize(col[rows])
        key = pd.factorize(key * len(uniques) + codes)[0]  # stays below the number of rows
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    perm = np.argsort(first)  # the distinct keys in the order they first occur
    at = rows[first[perm]]
    keys = list(zip(w[at].tolist(), who[at].tolist(), ident[at].tolist()))
    seen = state.seen
    known = seen.keys() & keys if seen else set()
    numbers = fr.numbers
    first_row = np.asarray(numbers)[rows[first]]  # per distinct key: the row it first occurs on here
    dup = []  # (position, first row)
    if known:
        fresh = [(k, numbers[p]) for k, p in zip(keys, at.tolist()) if k not in known]
        earlier = {j: seen[keys[i]] for i, j in enumerate(perm.tolist()) if keys[i] in known}
    else:
        fresh, earlier = zip(keys, (numbers[p] for p in at.tolist())), {}
    seen.update(fresh)
    repeated = np.flatnonzero(rows[first[inverse]] != rows).tolist()
    for i in repeated:
        j = int(inverse[i])
        dup.append((int(rows[i]), earlier.get(j, int(first_row[j]))))
    for j, row in earlier.items():
        dup.append((int(rows[first[j]]), row))
    dup.sort()
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
    kept). ``report``: the Report of several files."""
    if len(report.files) < 2:
        return
    first: dict[tuple, tuple] = {}
    for fr in report.files:
        for sr in fr.sheets:
            ctx = sr.context
            state = ctx.states.get("duplicates") if ctx is not None and ctx.prefix else None
            if state is None:
                continue
            for key, row in state.seen.items():
                key = (ctx.prefix,) + key
                if key not in first:
                    first[key] = (fr, sr, row, ctx)
                    continue
                ofr, osr, orow, octx = first[key]
                if ofr is fr:
                    continue  # same file: DUPLICATE_RECORD already says so
                wsh = key[1]
                sr.findings.append(ctx.emit("DUPLICATE_ACROSS_FILES", Record(row, {}), ctx.k("WSH"), value=wsh,
                                            file=Path(ofr.path).name, sheet=osr.sheet, first=orow))
                osr.findings.append(octx.emit("DUPLICATE_ACROSS_FILES", Record(orow, {}), octx.k("WSH"), value=wsh,
                                             file=Path(fr.path).name, sheet=sr.sheet, first=row))
                sr.findings[-1].key = osr.findings[-1].key = str(wsh) if wsh else None
