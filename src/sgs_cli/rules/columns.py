"""Sheet-level checks of the header row: missing, unknown, non-standard and duplicate columns, and the
legacy-layout notes.

Codes: COLUMN_MISSING (error for 必填 columns, warning for 条件必填), HEADER_UNKNOWN (warning),
HEADER_ALIAS (info), HEADER_DUPLICATE (warning), LEGACY_LAYOUT (info), LEGACY_FIELD_UNMAPPED (warning),
HEADER_EXTENSION (info: a known provincial extension column such as 失信严重程度, read by the rules),
HEADER_EXTRA (info: another known extension column, standard/extras.py, not checked).
"""

from __future__ import annotations

from sgs_cli.findings import ERROR, INFO, SGS_ROW_COLUMNS, WARNING, Finding
from sgs_cli.records.header import HeaderMap
from sgs_cli.standard import Required as R, SheetSpec
from sgs_cli.rules.context import column_letter


def _extension(text: str) -> bool:
    from sgs_cli.records.mapping import extension_of

    return extension_of(text) is not None


def check(hm: HeaderMap, modern: SheetSpec, present: set[str]):
    """present: 790 codes that have a source column after mapping."""
    spec = hm.spec
    row = hm.header_row

    def f(sev, code, msg, hint="", col=None, field=None, value=None):
        fd = modern.by_code(field) if field and field in modern.codes else None
        if fd is None and field and field in spec.codes:
            fd = spec.by_code(field)
        return Finding(sev, code, msg, row=row, column=None if col is None else column_letter(col),
                       field=field, field_name=fd.name if fd else None, value=value, hint=hint)

    for i in hm.unknown:
        if hm.texts[i] in SGS_ROW_COLUMNS:  # a returned file sent back corrected: sgs's own columns
            continue
        if spec.kind == "penalty" and _extension(hm.texts[i]):
            yield f(INFO, "HEADER_EXTENSION", f"扩展列“{hm.texts[i]}”不属于790号标准，已读取用于核对公示期限",
                    "上报信用平台时按平台要求保留或删除该列", col=i, value=hm.texts[i])
            continue
        yield f(WARNING, "HEADER_UNKNOWN", f"无法识别的列标题“{hm.texts[i]}”", "该列不属于标准字段，将被忽略；如为标准字段请改用标准名称",
                col=i, value=hm.texts[i])
    for i in sorted(hm.extras):
        if spec.kind == "penalty" and _extension(hm.texts[i]):
            yield f(INFO, "HEADER_EXTENSION", f"扩展列“{hm.texts[i]}”不属于790号标准，已读取用于核对公示期限",
                    "上报信用平台时按平台要求保留或删除该列", col=i, value=hm.texts[i])
            continue
        yield f(INFO, "HEADER_EXTRA", f"列“{hm.texts[i]}”是地方扩展字段，不属于{modern.standard}号标准，不作校验",
                "可保留；上报信用平台时按平台要求处理（sgs convert 会原样保留该列）", col=i, value=hm.texts[i])
    for i in hm.duplicates:
        yield f(WARNING, "HEADER_DUPLICATE", f"列标题“{hm.texts[i]}”与前面的列重复", "请删除重复的列", col=i,
                value=hm.texts[i])
    for i, m in hm.matches.items():
        if m.how == "role":
            fd = spec.by_code(m.code)
            yield f(INFO, "HEADER_ALIAS", f"列标题“{hm.texts[i]}”紧邻法定代表人列，按“{fd.name}”识别（法人模板）",
                    f"建议改为“{fd.name}”", col=i, field=m.code, value=hm.texts[i])
        elif m.how in ("alias", "label", "stripped"):
            fd = spec.by_code(m.code)
            yield f(INFO, "HEADER_ALIAS", f"列标题“{hm.texts[i]}”不是标准名称，按“{fd.name}”识别",
                    f"建议改为“{fd.name}”", col=i, field=m.code, value=hm.texts[i])
    if spec.standard == "2015":
        yield f(INFO, "LEGACY_LAYOUT", f"该表使用2015年旧标准表头（{spec.title}），已按790号新标准映射后校验",
                "可用 sgs convert 转换为790号新标准格式")
        for fd in modern.fields:
            if fd.code not in present:
                sev = WARNING
                yield f(sev, "LEGACY_FIELD_UNMAPPED", f"790号新标准字段“{fd.name}”在旧表中没有对应列",
                        f"{'必填项，' if fd.required is R.ALWAYS else ''}转换为新标准时需补充", field=fd.code)
        return
    for fd in spec.fields:
        if fd.code in present:
            continue
        if fd.required is R.ALWAYS:
            yield f(ERROR, "COLUMN_MISSING", f"缺少必填列“{fd.name}”", f"请按标准模板增加该列（sgs template {spec.kind}）",
                    field=fd.code)
        elif fd.required in (R.ORG, R.PERSON, R.CONDITIONAL):
            yield f(WARNING, "COLUMN_MISSING", f"缺少条件必填列“{fd.name}”", "部分记录需要该列，请按标准模板增加",
                    field=fd.code)
