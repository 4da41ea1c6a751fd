"""Identifier check digits and consistency (codes/ does the arithmetic).

Codes: USCC_FORMAT, USCC_CHECKSUM, USCC_ORGCODE, USCC_LOOKALIKE, USCC_PLACEHOLDER (errors);
USCC_PLACEHOLDER_GSZC (error: placeholder without a valid 工商注册号); USCC_PREFIX_MISMATCH (warning, R5);
ID_IN_USCC_COLUMN (error); AUTHORITY_CODE_PREFIX (warning, R13); ORGCODE_FORMAT, ORGCODE_CHECKSUM,
GSZC_FORMAT, GSZC_CHECKSUM, IDCARD_FORMAT, IDCARD_CHECKSUM, IDCARD_BIRTHDATE (errors);
IDCARD_LOWERCASE_X (info); CODE_NORMALIZED (warning: spaces, full-width or lower-case in a code).
"""

from __future__ import annotations

import re
from functools import lru_cache

from sgs_cli.codes import gs15, orgcode, ric, uscc
from sgs_cli.codes.exceptions import InvalidChecksum, InvalidComponent, InvalidLength, ValidationError
from sgs_cli.standard.enums import ID_CARD_KINDS, LB_INDIVIDUAL, LB_ORG
from sgs_cli.io.cells import cell_text, compact_code
from sgs_cli.findings import ERROR, INFO, WARNING
from sgs_cli.rules.base import Code, Rule, declare
from sgs_cli.rules.context import Record, SheetContext

_USCC_CHARS = "统一社会信用代码为18位数字或大写字母"
CODES = declare("identifiers", {
    "USCC_FORMAT": Code(ERROR, "统一社会信用代码长度或字符错误", "{problem}", _USCC_CHARS, variants={
        "length": ("统一社会信用代码应为18位，该单元格有{n}个字符", _USCC_CHARS),
        "suffix": ("统一社会信用代码应为18位，该单元格有{n}个字符（代码后多了“{tail}”）",
                   "前18位“{head}”是有效的统一社会信用代码，请删去“{tail}”（如需说明请写在备注中）")}),
    "USCC_CHECKSUM": Code(ERROR, "统一社会信用代码校验位错误", "统一社会信用代码校验位错误", "校验位应为 {expected}，请核对原件",
                          variants={"body": ("统一社会信用代码校验位错误，且第9–17位（组织机构代码）也不成立",
                                             "错误在代码中间而不在末位（可能抄错或漏抄了某一位），请按营业执照核对全部18位")}),
    "USCC_ORGCODE": Code(ERROR, "统一社会信用代码中的组织机构代码校验位错误", "{problem}", "第17位应为 {expected}，请核对原件"),
    "USCC_LOOKALIKE": Code(ERROR, "统一社会信用代码含I、O、Z、S、V等不使用的字母", "“{name}”含统一社会信用代码不使用的字母",
                           "代码中不使用字母I、O、Z、S、V（常见为数字1、0、2、5误写），请核对原件", variants={
        "guess": ("“{name}”含统一社会信用代码不使用的字母", "代码中不使用字母I、O、Z、S、V，可能是数字误写，疑为“{guess}”")}),
    "USCC_PLACEHOLDER": Code(ERROR, "17个0加X占位代码用于个体工商户以外的主体或机关", "“{name}”不能填写占位代码17个0加X",
                             "请填写该机关或单位真实的统一社会信用代码", variants={
        "subject": ("17个0加X仅限无统一社会信用代码的个体工商户使用", "请填写真实的统一社会信用代码，或核对行政相对人类别")}),
    "USCC_PLACEHOLDER_GSZC": Code(ERROR, "个体工商户填17个0加X时缺少有效的工商注册号",
                                  "统一社会信用代码填17个0加X时，工商注册号必须填写有效的15位注册号",
                                  "请填写“行政相对人代码_2(工商注册号)”"),
    "USCC_PREFIX_MISMATCH": Code(WARNING, "代码前缀（91企业/92个体）与行政相对人类别不符",
                                 "以92开头的代码属于个体工商户，但行政相对人类别为“法人及非法人组织”",
                                 "请核对行政相对人类别是否应为“个体工商户”", variants={
        "91": ("以91开头的代码属于企业，但行政相对人类别为“个体工商户”", "请核对行政相对人类别是否应为“法人及非法人组织”")}),
    "ID_IN_USCC_COLUMN": Code(ERROR, "统一社会信用代码一栏填写了身份证号码", "“{name}”填写的是身份证号码",
                              "自然人请将类别改为“自然人”并把号码填入“证件号码”；单位请填统一社会信用代码"),
    "AUTHORITY_CODE_PREFIX": Code(WARNING, "机关/数据来源单位代码不以11或12开头",
                                  "“{name}”通常以11（机关）或12（事业单位）开头，实际为“{prefix}”", "请核对是否误填了行政相对人的代码"),
    "ORGCODE_FORMAT": Code(ERROR, "组织机构代码格式错误", "{problem}", "组织机构代码为8位本体代码+1位校验码"),
    "ORGCODE_CHECKSUM": Code(ERROR, "组织机构代码校验码错误", "组织机构代码校验码错误", "校验码应为 {expected}"),
    "GSZC_FORMAT": Code(WARNING, "工商注册号不是15位数字", "工商注册号应为15位数字，实际为“{text}”", "请核对营业执照上的注册号",
                        variants={"uscc": ("“工商注册号”一栏填写了统一社会信用代码",
                                           "工商注册号为15位数字；统一社会信用代码请填入“行政相对人代码_1”")}),
    "GSZC_CHECKSUM": Code(ERROR, "工商注册号校验位错误", "工商注册号校验位错误", "校验位应为 {expected}"),
    "IDCARD_FORMAT": Code(ERROR, "身份证号码格式错误", "{problem}", "居民身份证号码为18位"),
    "IDCARD_CHECKSUM": Code(ERROR, "身份证号码校验位错误", "身份证号码校验位错误", "校验位应为 {expected}，请核对证件"),
    "IDCARD_BIRTHDATE": Code(ERROR, "身份证号码中的出生日期无效", "{problem}", "请核对第7–14位出生日期"),
    "IDCARD_LOWERCASE_X": Code(INFO, "身份证号码末位为小写x", "身份证号码末位写成了小写x", "请改为大写X"),
    "CODE_NORMALIZED": Code(WARNING, "代码含空格、换行、全角字符或小写字母", "“{name}”含{what}", "应为“{shown}”"),
})

_AUTHORITY = ("XKJGDM", "LYDWDM", "CFJGDM", "SJLYDM")
_CLEAN_CODE = re.compile(r"[0-9A-Z][0-9A-Z-]*\Z")
_LOOKALIKE = re.compile("[" + "".join(uscc.LOOKALIKES) + "]")


def _normalized(rec: Record, ctx: SheetContext, code: str):
    """Compact form of a code cell plus a CODE_NORMALIZED finding when the cell needed cleaning
    (spaces, line breaks, full-width characters, lower-case letters, a literal leading apostrophe)."""
    raw = cell_text(rec.raw(code))
    if _CLEAN_CODE.match(raw):  # the common case: nothing to normalise
        return raw.replace("-", "") if "-" in raw and ctx.fields[code].identifier == "orgcode" else raw, None
    orgcode_field = ctx.fields[code].identifier == "orgcode"
    compact = compact_code(raw)
    if orgcode_field:
        compact = compact.replace("-", "")
    what = []
    if any(c.isspace() for c in raw):
        what.append("空格或换行")
    if any("\uff01" <= c <= "\uff5e" or c == "\u3000" for c in raw):
        what.append("全角字符")
    if any(c.islower() for c in raw):
        what.append("小写字母")
    if raw.lstrip().startswith("'"):
        what.append("前导单引号")
    if not what or not compact:
        return compact, None
    shown = compact if not orgcode_field or "-" not in raw else f"{compact[:8]}-{compact[8:]}"
    return compact, ctx.emit("CODE_NORMALIZED", rec, code, name=ctx.fields[code].name, what="、".join(what),
                             shown=shown)


@lru_cache(maxsize=65536)
def _uscc_problem(value: str) -> ValidationError | None:
    """The validation error of a code (authority codes repeat on every row: computed once)."""
    try:
        uscc.validate(value)
    except ValidationError as e:
        return e.with_traceback(None)  # the cache must not keep the callers' frames (and their rows) alive
    return None


def _uscc_suffix(rec, ctx, code, raw: str):
    """A valid code followed by a suffix (“91410105674139084T（1-1）”, a branch or sequence note): one
    finding that shows the real length and says what to remove."""
    head, tail = raw[:18], raw[18:].strip()
    if len(raw) <= 18 or not tail or not uscc.is_valid(head):
        return None
    return ctx.emit("USCC_FORMAT", rec, code, variant="suffix", n=len(raw), tail=tail, head=head)


def _uscc_findings(rec, ctx, code, value):
    name = ctx.fields[code].name
    if _LOOKALIKE.search(value):
        guess = "".join(uscc.LOOKALIKES.get(c, c) for c in value)
        if uscc.is_valid(guess):
            yield ctx.emit("USCC_LOOKALIKE", rec, code, variant="guess", name=name, guess=guess)
        else:
            yield ctx.emit("USCC_LOOKALIKE", rec, code, name=name)
        return
    e = _uscc_problem(value)
    if e is None:
        return
    # the cached exception is inspected, never raised again: a raise would attach a traceback (and with it
    # the frames of the whole batch) to the object the cache keeps
    if isinstance(e, InvalidChecksum):
        if ric.is_valid(value):
            yield ctx.emit("ID_IN_USCC_COLUMN", rec, code, sensitive=True, name=name)
            return
        if not orgcode.is_valid(value[8:17]):  # the body is wrong too: the last character is not the culprit
            yield ctx.emit("USCC_CHECKSUM", rec, code, variant="body")
            return
        yield ctx.emit("USCC_CHECKSUM", rec, code, expected=e.expected)
    elif isinstance(e, InvalidComponent):
        yield ctx.emit("USCC_ORGCODE", rec, code, problem=e.message, expected=e.expected)
    elif isinstance(e, InvalidLength):
        raw = cell_text(rec.raw(code)).strip()
        yield ctx.emit("USCC_FORMAT", rec, code, variant="length", n=len(raw))
    else:
        yield ctx.emit("USCC_FORMAT", rec, code, problem=e.message)


def _has_identifier(f) -> bool:
    return bool(f.identifier)


def check(rec: Record, ctx: SheetContext, state=None):
    cat = rec.category
    for code, f in ctx.present(_has_identifier):
        if code in rec.damaged:
            continue
        raw_text = cell_text(rec.raw(code)).strip()
        if not raw_text:
            continue
        if f.identifier == "uscc" and len(raw_text) > 18:
            suffix = _uscc_suffix(rec, ctx, code, raw_text)
            if suffix is not None:
                yield suffix
                continue
        value, note = _normalized(rec, ctx, code)
        if not value or value.lower() in ("无", "/", "-", "null"):
            continue
        if f.identifier == "uscc":
            yield from _uscc(rec, ctx, code, value, cat, note)
        elif f.identifier == "orgcode":
            if note:
                yield note
            try:
                orgcode.validate(value)
            except InvalidChecksum as e:
                yield ctx.emit("ORGCODE_CHECKSUM", rec, code, expected=e.expected)
            except ValidationError as e:
                yield ctx.emit("ORGCODE_FORMAT", rec, code, problem=e.message)
        elif f.identifier == "gs15":
            if note:
                yield note
            if len(value) == 15 and value.isdigit():
                try:
                    gs15.validate(value)
                except InvalidChecksum as e:
                    yield ctx.emit("GSZC_CHECKSUM", rec, code, expected=e.expected)
            elif len(value) == 18 and uscc.is_valid(value):
                yield ctx.emit("GSZC_FORMAT", rec, code, variant="uscc")
            elif not (len(value) == 13 and value.isdigit()):
                yield ctx.emit("GSZC_FORMAT", rec, code, text=value)
    yield from _id_numbers(rec, ctx)


def _uscc(rec, ctx, code, value, cat, note):
    subject = code.endswith("XDR_SHXYM")
    if note and uscc.is_valid(value) or note and value == uscc.PLACEHOLDER:
        yield note
    if value == uscc.PLACEHOLDER:
        if not subject:
            yield ctx.emit("USCC_PLACEHOLDER", rec, code, name=ctx.fields[code].name)
        elif cat != LB_INDIVIDUAL:
            yield ctx.emit("USCC_PLACEHOLDER", rec, code, variant="subject")
        else:
            gszc = ctx.k("XDR_GSZC")
            if not gs15.is_valid(compact_code(rec.text(gszc))):
                where = gszc if gszc in ctx.columns else code
                yield ctx.emit("USCC_PLACEHOLDER_GSZC", rec, where)
        return
    problems = list(_uscc_findings(rec, ctx, code, value))
    if problems:  # the cleaned-up form is not a valid code either: “应为…” would show a wrong code
        yield from problems
        return
    if subject:
        if value.startswith("92") and cat == LB_ORG:
            yield ctx.emit("USCC_PREFIX_MISMATCH", rec, code)
        elif value.startswith("91") and cat == LB_INDIVIDUAL:
            yield ctx.emit("USCC_PREFIX_MISMATCH", rec, code, variant="91")
    elif code.split("_", 1)[1] in _AUTHORITY and value[:2] not in ("11", "12"):
        yield ctx.emit("AUTHORITY_CODE_PREFIX", rec, code, name=ctx.fields[code].name, prefix=value[:2])


def _id_numbers(rec: Record, ctx: SheetContext):
    """证件号码 / 法定代表人证件号码 when the document type is 身份证 (or empty with 18 characters)."""
    for num, typ in ((ctx.k("XDR_ZJHM"), ctx.k("XDR_ZJLX")), (ctx.k("FR_ZJHM"), ctx.k("FR_ZJLX"))):
        if num not in ctx.columns or num in rec.damaged:
            continue
        raw = rec.text(num)
        if not raw:
            continue
        kind = rec.text(typ)
        value = compact_code(raw)
        if not _asks_id(kind, value):
            continue
        try:
            ric.validate(value)
        except InvalidChecksum as e:
            yield ctx.emit("IDCARD_CHECKSUM", rec, num, expected=e.expected)
        except InvalidComponent as e:
            yield ctx.emit("IDCARD_BIRTHDATE", rec, num, problem=e.message)
        except ValidationError as e:
            yield ctx.emit("IDCARD_FORMAT", rec, num, problem=e.message)
        else:
            if raw.endswith("x"):
                yield ctx.emit("IDCARD_LOWERCASE_X", rec, num)


def reads(ctx: SheetContext) -> tuple:
    """The fields ``check`` reads: the identifier columns, 工商注册号 (for the 17-zeros placeholder) and the
    证件类型 of the two ID-number fields."""
    return tuple(dict.fromkeys([*(c for c, _ in ctx.present(_has_identifier)), ctx.k("XDR_GSZC"), ctx.k("XDR_ZJHM"),
                                ctx.k("XDR_ZJLX"), ctx.k("FR_ZJHM"), ctx.k("FR_ZJLX")]))


#: the 证件类型 spellings that mean 居民身份证: the standard's value and its variants (standard/enums.py),
#: for the row form (_asks_id) and the columnar form's mask (_id_rows) alike
_ID_KINDS = ID_CARD_KINDS


def _asks_id(kind: str, value: str) -> bool:
    """Whether an ID-number cell (compacted ``value``) is judged as a 身份证号码: its 证件类型 means 身份证, or
    is empty and the number has 15 or 18 characters."""
    return kind in _ID_KINDS or (not kind and len(value) in (15, 18))

_CHECKED = ("uscc", "orgcode", "gs15")  # the identifiers the loop of ``check`` judges (身份证 fields: _id_numbers)


def _quiet_id(text: str, kind: str) -> bool:
    """Whether _id_numbers says nothing about an ID-number cell of this text and 证件类型."""
    value = compact_code(text)
    if not _asks_id(kind, value):
        return True
    return ric.is_valid(value) and not text.endswith("x")


class _Bytes:
    """A text column as Arrow holds it, for shape tests without regular expressions: the UTF-8 bytes of
    all values end to end and where each value starts and ends (ASCII shapes: one byte per character)."""

    def __init__(self, arrow):
        import numpy as np

        self.arrow = arrow
        _, offsets, data = arrow.buffers()
        bounds = np.frombuffer(offsets, np.int64, len(arrow) + 1, arrow.offset * 8)
        self.starts, self.ends = bounds[:-1] - bounds[0], bounds[1:] - bounds[0]
        size = int(bounds[-1] - bounds[0])
        self.data = np.frombuffer(data, np.uint8, size, int(bounds[0])) if size else np.zeros(0, np.uint8)
        self.lengths = self.ends - self.starts

    @classmethod
    def of(cls, fr, code: str):
        """The column of a field, or None when Arrow cannot hold it (a lone surrogate: Python strings)."""
        import pyarrow as pa

        arr = fr.texts_arrow(code)
        return None if arr is None else cls(arr.cast(pa.large_string()))

    def only(self, chars: str):
        """Per value: every byte is one of these ASCII characters (True for an empty value)."""
        import numpy as np

        table = np.ones(256, np.int8)
        table[list(chars.encode())] = 0
        outside = np.concatenate(([0], np.cumsum(np.take(table, self.data), dtype=np.int64)))
        return outside[self.ends] == outside[self.starts]

    def first(self, chars: str):
        """Per value: the first byte is one of these ASCII characters (False for an empty value)."""
        import numpy as np

        table = np.zeros(256, bool)
        table[list(chars.encode())] = True
        got = np.zeros(len(self.starts), bool)
        full = self.lengths > 0
        got[full] = table[self.data[self.starts[full]]]
        return got

    def equal(self, text: str):
        import pyarrow.compute as pc

        return pc.equal(self.arrow, text).to_numpy(zero_copy_only=False)

    def starts_with(self, prefix: str):
        import pyarrow.compute as pc

        return pc.starts_with(self.arrow, prefix).to_numpy(zero_copy_only=False)


_DIGITS = "0123456789"
_UPPER = _DIGITS + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _per_distinct(valid_mask, arrow):
    """valid_mask of a column whose values repeat (authority codes: a few hundred per batch), each distinct
    value judged once."""
    import pyarrow.compute as pc

    enc = pc.dictionary_encode(arrow)
    return valid_mask(enc.dictionary)[enc.indices.to_numpy()]


def _code_rows(fr, code: str, f, subject: bool, authority: bool, category, gszc: str):
    """Numpy mask of the rows whose cell of this identifier column ``check`` may say something about
    (non-text cells, cells normalisation would change, cells of another shape or with wrong check
    characters, a 91/92 prefix against the row's 类别, an authority code not starting with 11/12, the
    placeholder where it is not allowed or without a valid 工商注册号 ``gszc``)."""
    import operator

    import numpy as np

    raws, texts, b = fr.raw(code), fr.text(code), _Bytes.of(fr, code)
    # a text cell equal to its normalised text (what the row form reads as raw and as text is the same);
    # usually every cell of the column is (one list comparison in C)
    same = np.ones(fr.n, bool) if raws == texts else np.fromiter(map(operator.eq, raws, texts), bool, fr.n)
    if b is None:  # Python strings: every row with a cell goes to the row form
        return np.fromiter((v is not None and v != "" for v in raws), bool, fr.n)
    blank = b.lengths == 0
    for k in np.flatnonzero(blank & ~same).tolist():
        if raws[k] is None:  # an empty cell some readers give as None
            same[k] = True
    quiet = same & blank
    plain = same & ~blank & b.first(_UPPER) & b.only(_UPPER + "-")  # _CLEAN_CODE: nothing to normalise
    if f.identifier == "uscc":
        valid = _per_distinct(uscc.valid_mask, b.arrow) if authority else uscc.valid_mask(b.arrow)
        ok = plain & (b.lengths == 18) & valid  # 18 characters and valid: no hyphen, look-alike, placeholder
        if subject:
            ok &= ~((b.starts_with("92") & (category == LB_ORG)) | (b.starts_with("91") & (category == LB_INDIVIDUAL)))
            # the 17-zeros placeholder of a 个体工商户 with a valid 工商注册号
            held = plain & b.equal(uscc.PLACEHOLDER) & (category == LB_INDIVIDUAL)
            numbers = _Bytes.of(fr, gszc) if held.any() and fr.has(gszc) else None
            if numbers is not None:  # 15 digits: the text is its own compact form
                ok |= held & (numbers.lengths == 15) & numbers.only(_DIGITS) & gs15.valid_mask(numbers.arrow)
        elif authority:
            ok &= b.starts_with("11") | b.starts_with("12")
        quiet |= ok
    elif f.identifier == "orgcode":
        quiet |= plain & orgcode.valid_mask(b.arrow)  # a hyphen before the check character is fine
    else:  # gs15: 15 digits with a valid check digit, or the 13-digit number of old licences
        digits = plain & b.only(_DIGITS)
        quiet |= digits & (((b.lengths == 15) & gs15.valid_mask(b.arrow)) | (b.lengths == 13))
    rows = ~quiet
    damaged = fr.damaged.get(code)
    if damaged:
        rows[list(damaged)] = False
    return rows


def _id_rows(fr, num: str, typ: str):
    """Numpy mask of the rows whose ID number (with its 证件类型) _id_numbers may say something about."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    b, kinds = _Bytes.of(fr, num), _Bytes.of(fr, typ)
    texts = fr.text(num)
    if b is None or kinds is None:  # Python strings: every row with a number goes to the row form
        rows = np.fromiter(map(bool, texts), bool, fr.n)
    else:
        id_kind = pc.is_in(kinds.arrow, value_set=pa.array(_ID_KINDS, pa.large_string())).to_numpy(zero_copy_only=False)
        no_kind = kinds.lengths == 0
        asked = (b.lengths > 0) & (id_kind | no_kind)
        # 18 digits or X: the text is its own compact form, so ric.valid_mask decides
        fast = asked & (b.lengths == 18) & b.only(_DIGITS + "X")
        rows = asked & ~(fast & ric.valid_mask(b.arrow))
        memo: dict = {}
        for k in np.flatnonzero(rows & no_kind & ~fast).tolist():  # no 证件类型: the length decides, row by row
            q = memo.get(texts[k])
            if q is None:
                q = memo[texts[k]] = _quiet_id(texts[k], "")
            rows[k] = not q
    damaged = fr.damaged.get(num)
    if damaged:
        rows[list(damaged)] = False
    return rows


def columns(fr, ctx: SheetContext, state=None) -> list:
    """Columnar form: the cells ``check`` would certainly pass are found with column operations — shape from
    the bytes of the Arrow column, check characters by codes/*.valid_mask, the 91/92 prefix against the
    类别 — and only the rows with another cell go through the row form (on a Record holding the fields it
    reads). Number and date cells always go to the row form; damaged cells are skipped, as there."""
    import numpy as np

    slow = np.zeros(fr.n, bool)
    category = np.array(fr.category, dtype=object)
    for code, f in ctx.present(_has_identifier):
        if f.identifier in _CHECKED:
            slow |= _code_rows(fr, code, f, code.endswith("XDR_SHXYM"), code.split("_", 1)[1] in _AUTHORITY,
                               category, ctx.k("XDR_GSZC"))
    for num, typ in ((ctx.k("XDR_ZJHM"), ctx.k("XDR_ZJLX")), (ctx.k("FR_ZJHM"), ctx.k("FR_ZJLX"))):
        if num in ctx.columns:
            slow |= _id_rows(fr, num, typ)
    codes = reads(ctx)
    out = []
    for rec in fr.lights(np.flatnonzero(slow).tolist(), codes):
        out.extend(check(rec, ctx))
    return out


RULE = Rule("identifiers", CODES, row=check, reads=reads, columns=columns)
