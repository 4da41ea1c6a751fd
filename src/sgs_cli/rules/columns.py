"""Sheet-level checks of the header row: missing, unknown, non-standard and duplicate columns, and the
legacy-layout notes.

Codes: COLUMN_MISSING (error for 必填 columns, warning for 条件必填), HEADER_UNKNOWN (warning),
HEADER_ALIAS (info), HEADER_DUPLICATE (warning), LEGACY_LAYOUT (info), LEGACY_FIELD_UNMAPPED (warning),
LEGACY_REQUIRED_MISSING (error: a 790 必填 column a 2015 layout lacks),
HEADER_EXTENSION (info: a known provincial extension column such as 失信严重程度, read by the rules),
HEADER_EXTRA (info: another known extension column, standard/extras.py, not checked).
"""

from __future__ import annotations

from sgs_cli.findings import ERROR, INFO, SGS_ORIGIN_COLUMN, SGS_ROW_COLUMNS, WARNING
from sgs_cli.records.header import HeaderMap
from sgs_cli.standard import Required as R, SheetSpec
from sgs_cli.rules.base import Code, declare, make
from sgs_cli.rules.context import column_letter

CODES = declare("columns", {
    "COLUMN_MISSING": Code(ERROR, "缺少必填列（条件必填列为警告）", "缺少必填列“{name}”", "请按标准模板增加该列（sgs template {kind}）",
                           variants={"conditional": ("缺少条件必填列“{name}”", "部分记录需要该列，请按标准模板增加")}),
    "HEADER_UNKNOWN": Code(WARNING, "无法识别的列标题", "无法识别的列标题“{text}”",
                           "该列不属于标准字段，将被忽略；如为标准字段请改用标准名称"),
    "HEADER_ALIAS": Code(INFO, "列标题不是标准名称，但已按别名识别", "列标题“{text}”不是标准名称，按“{name}”识别", "建议改为“{name}”",
                         variants={"role": ("列标题“{text}”紧邻法定代表人列，按“{name}”识别（法人模板）", "建议改为“{name}”"),
                                   # standard/meanings.py: a label family read by its words
                                   "meaning": ("列标题“{text}”按含义识别为“{name}”", "请核对；建议改为“{name}”")}),
    "HEADER_EXTRA": Code(INFO, "地方扩展列（如信息使用范围、处罚编码），不属于标准字段，不作校验",
                         "列“{text}”是地方扩展字段，不属于{standard}号标准，不作校验",
                         "可保留；上报信用平台时按平台要求处理（sgs convert 会原样保留该列）"),
    "HEADER_EXTENSION": Code(INFO, "扩展列（如失信严重程度、迟报说明），已读取", "扩展列“{text}”不属于790号标准，已读取用于核对公示期限",
                             "上报信用平台时按平台要求保留或删除该列", variants={
        "late_note": ("扩展列“{text}”不属于标准字段，已读取：迟报原因列入月报告“逾期明细”",
                      "上报信用平台时按平台要求保留或删除该列")}),
    "HEADER_DUPLICATE": Code(WARNING, "列标题重复", "列标题“{text}”与前面的列重复", "请删除重复的列"),
    "LEGACY_LAYOUT": Code(INFO, "2015年旧标准表头，已映射到790号新标准", "该表使用2015年旧标准表头（{title}），已按790号新标准映射后校验",
                          "可用 sgs convert 转换为790号新标准格式"),
    "LEGACY_FIELD_UNMAPPED": Code(WARNING, "790号新标准字段在旧表中没有对应列", "790号新标准字段“{name}”在旧表中没有对应列",
                                  "{required}转换为新标准时需补充"),
    # a 790 必填 column a 2015 layout cannot fill (处罚有效期, 处罚机关统一社会信用代码, 数据来源单位…): the records cannot
    # be uploaded as they are — returned by --split like a 790 sheet missing the column (COLUMN_MISSING)
    "LEGACY_REQUIRED_MISSING": Code(ERROR, "旧表缺少790号新标准必填列", "旧表没有790号新标准必填列“{name}”",
                                    "上报前须补充：用 sgs convert 转换为新标准后填写该列"),
})

#: 790 必填 fields a 2015 layout need not carry: the mapper infers them per record (类别 from the codes)
_INFERRED = frozenset({"XK_XDR_LB", "CF_XDR_LB"})


#: the wording of HEADER_EXTENSION per extension key
_EXT_VARIANT = {"_CBSM": "late_note"}


def _extension(text: str, kind: str) -> str | None:
    """The known extension column's key (失信严重程度 of a penalty sheet, 迟报说明 of a decision sheet)."""
    from sgs_cli.records.mapping import extension_of

    return extension_of(text, kind)


def check(hm: HeaderMap, modern: SheetSpec, present: set[str]):
    """present: 790 codes that have a source column after mapping."""
    spec = hm.spec
    row = hm.header_row

    def f(code, col=None, field=None, value=None, **params):
        fd = modern.by_code(field) if field and field in modern.codes else None
        if fd is None and field and field in spec.codes:
            fd = spec.by_code(field)
        return make(code, row=row, column=None if col is None else column_letter(col), field=field,
                    field_name=fd.name if fd else None, value=value, **params)

    for i in hm.unknown:
        if hm.texts[i] in SGS_ROW_COLUMNS or hm.texts[i] == SGS_ORIGIN_COLUMN:  # a return file sent back: sgs's columns
            continue
        if ext := _extension(hm.texts[i], spec.kind):
            yield f("HEADER_EXTENSION", col=i, value=hm.texts[i], variant=_EXT_VARIANT.get(ext, ""), text=hm.texts[i])
            continue
        yield f("HEADER_UNKNOWN", col=i, value=hm.texts[i], text=hm.texts[i])
    for i in sorted(hm.extras):
        if ext := _extension(hm.texts[i], spec.kind):
            yield f("HEADER_EXTENSION", col=i, value=hm.texts[i], variant=_EXT_VARIANT.get(ext, ""), text=hm.texts[i])
            continue
        yield f("HEADER_EXTRA", col=i, value=hm.texts[i], text=hm.texts[i], standard=modern.standard)
    for i in hm.duplicates:
        yield f("HEADER_DUPLICATE", col=i, value=hm.texts[i], text=hm.texts[i])
    for i, m in hm.matches.items():
        if m.how in ("role", "meaning"):
            fd = spec.by_code(m.code)
            yield f("HEADER_ALIAS", col=i, field=m.code, value=hm.texts[i], variant=m.how, text=hm.texts[i],
                    name=fd.name)
        elif m.how in ("alias", "label", "stripped"):
            fd = spec.by_code(m.code)
            yield f("HEADER_ALIAS", col=i, field=m.code, value=hm.texts[i], text=hm.texts[i], name=fd.name)
    if spec.standard == "2015":
        yield f("LEGACY_LAYOUT", title=spec.title)
        for fd in modern.fields:
            if fd.code in present:
                continue
            if fd.required is R.ALWAYS and fd.code not in _INFERRED:
                yield f("LEGACY_REQUIRED_MISSING", field=fd.code, name=fd.name)
            else:
                yield f("LEGACY_FIELD_UNMAPPED", field=fd.code, name=fd.name,
                        required="必填项，" if fd.required is R.ALWAYS else "")
        return
    for fd in spec.fields:
        if fd.code in present:
            continue
        if fd.required is R.ALWAYS:
            yield f("COLUMN_MISSING", field=fd.code, name=fd.name, kind=spec.kind)
        elif fd.required in (R.ORG, R.PERSON, R.CONDITIONAL):
            yield f("COLUMN_MISSING", field=fd.code, variant="conditional", severity=WARNING, name=fd.name)
