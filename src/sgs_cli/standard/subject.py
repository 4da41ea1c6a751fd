"""Fields describing the 行政相对人 (the party), shared by licence and penalty sheets (#1–#13)."""

from __future__ import annotations

from dataclasses import replace

from sgs_cli.standard import enums
from sgs_cli.standard.base import Field, FieldType as T, Required as R

_ZJLX_HINT = "身份证、护照号、港澳居民来往内地通行证、台湾居民来往大陆通行证、外国人永久居留身份证，或以“其他-”开头"


def subject_fields(p: str) -> tuple[Field, ...]:
    """The 13 party fields with prefix ``p`` ("XK" or "CF"). What is required or must stay empty depends on
    行政相对人类别, and how a 证件号码 is checked on its 证件类型 (``Field.depends_on``)."""
    depends = {R.ORG: (f"{p}_XDR_LB",), R.ORG_OPTIONAL: (f"{p}_XDR_LB",), R.PERSON: (f"{p}_XDR_LB",)}
    extra = {f"{p}_XDR_ZJHM": (f"{p}_XDR_ZJLX",), f"{p}_FR_ZJHM": (f"{p}_FR_ZJLX",)}
    open_enums = {f"{p}_XDR_ZJLX", f"{p}_FR_ZJLX"}  # 证件类型: the list, or “其他-说明”
    return tuple(replace(f, depends_on=depends.get(f.required, ()) + extra.get(f.code, ()), open_enum=f.code in open_enums)
                 for f in _subject_fields(p))


def _subject_fields(p: str) -> tuple[Field, ...]:
    return (
        Field(f"{p}_XDR_MC", "行政相对人名称", max_len=200, len_confirmed=True, required=R.ALWAYS,
              aliases=("行政相对人", "许可相对人", "相对人名称", "企业名称", "当事人名称", "被处罚人", "被许可人",
                       # publication pages and scrapers' header maps (docs/header-labels.md)
                       "行政相对人名", "违法企业名称或违法自然人姓名", "被罚当事人名称", "被处罚当事人", "被处罚单位",
                       "被行政处罚当事人名称", "法人及其他组织名称"),
              hint="公民、法人及非法人组织名称；没有字号的个体工商户填“个体工商户”"),
        Field(f"{p}_XDR_LB", "行政相对人类别", T.ENUM, max_len=16, required=R.ALWAYS, enum=enums.XDR_LB,
              aliases=("相对人类别", "主体类别"),
              hint="法人及非法人组织、自然人、个体工商户三选一"),
        Field(f"{p}_XDR_SHXYM", "行政相对人代码_1(统一社会信用代码)", T.CODE, max_len=18, len_confirmed=True,
              required=R.ORG, identifier="uscc",
              aliases=("行政相对人代码_1", "统一社会信用代码", "社会统一信用代码", "统一社会代码", "行统一社会信用代码",
                       "行政相对人统一社会信用代码", "UNI_SOCIAL_CRD_CD",
                       # 四川 tax publication pages, crawler maps; typos as published (docs/header-labels.md)
                       "行政相对人代码", "相对人代码", "社会信用代码", "社会诚信代码", "统一社会信用代", "统一信用代码",
                       "统一社会信息代码", "公司统一社会信用代码"),
              hint="18位统一社会信用代码；个体工商户无代码时填17个0加X，并填写工商注册号；自然人留空"),
        Field(f"{p}_XDR_GSZC", "行政相对人代码_2(工商注册号)", T.CODE, max_len=50, len_confirmed=True,
              required=R.CONDITIONAL, identifier="gs15",
              aliases=("行政相对人代码_2", "工商注册号", "注册号", "工商登记码"),
              hint="15位工商注册号；统一社会信用代码填17个0加X时必填"),
        Field(f"{p}_XDR_ZZJG", "行政相对人代码_3(组织机构代码)", T.CODE, max_len=9, len_confirmed=True,
              required=R.ORG_OPTIONAL, identifier="orgcode",
              aliases=("行政相对人代码_3", "组织机构代码", "违法企业组织机构代码", "组织机构代码证号"), hint="9位组织机构代码（可写作XXXXXXXX-X）"),
        Field(f"{p}_XDR_SWDJ", "行政相对人代码_4(税务登记号)", T.CODE, max_len=20, required=R.ORG_OPTIONAL,
              aliases=("行政相对人代码_4", "税务登记号", "纳税人识别号", "纳税人识别码", "税务登记证号"),
              hint="15、18或20位税务登记号"),
        Field(f"{p}_XDR_SYDW", "行政相对人代码_5(事业单位证书号)", T.CODE, max_len=12, required=R.ORG_OPTIONAL,
              aliases=("行政相对人代码_5", "事业单位证书号"), hint="12位事业单位证书号"),
        Field(f"{p}_XDR_SHZZ", "行政相对人代码_6(社会组织登记证号)", T.CODE, max_len=50, len_confirmed=True,
              required=R.ORG_OPTIONAL, aliases=("行政相对人代码_6", "社会组织登记证号"), hint="社会组织登记证号"),
        Field(f"{p}_FRDB", "法定代表人", max_len=50, len_confirmed=True, required=R.ORG,
              aliases=("法定代表人姓名", "法人代表", "法定代表人(负责人)", "经营者姓名", "法定代表人负责人", "负责人",
                       "主要负责人姓名", "法定代表人或负责人"),
              hint="法人及非法人组织、个体工商户必填（个体工商户填经营者姓名）；自然人留空"),
        Field(f"{p}_FR_ZJLX", "法定代表人证件类型", T.ENUM, max_len=64, len_confirmed=True,
              required=R.ORG_OPTIONAL, enum=enums.ZJLX, aliases=("法人证件类型", "法定代表人证件种类", "法人代表证件类型"),
              hint=_ZJLX_HINT + "；自然人留空"),
        Field(f"{p}_FR_ZJHM", "法定代表人证件号码", T.CODE, max_len=64, len_confirmed=True,
              required=R.ORG_OPTIONAL, public=False,
              aliases=("法定代表人身份证号", "法人证件号", "法定代表人证件号", f"{p}_FR_SFZH", "法人身份证号",
                       "法人代表身份证号", "法定代表人身份证件号"),
              hint="法定代表人证件号码（不公示）；自然人留空"),
        Field(f"{p}_XDR_ZJLX", "证件类型", T.ENUM, max_len=64, len_confirmed=True, required=R.PERSON,
              enum=enums.ZJLX, aliases=("行政相对人证件类型", "自然人证件类型", "身份证件类型", "证件种类"), hint=_ZJLX_HINT + "；自然人必填"),
        Field(f"{p}_XDR_ZJHM", "证件号码", T.CODE, max_len=64, len_confirmed=True, required=R.PERSON,
              public=False, aliases=("证件号", "行政相对人证件号码", "自然人证件号码", "身份证号码",
                                    # 2015 代码_5 and the 四川 pages' 代码-4 label (docs/header-labels.md)
                                    "居民身份证号", "公民身份号码", "身份证件号", "自然人身份证号"),
              hint="自然人必填（不公示）"),
    )


def source_fields(name_code: str, code_code: str) -> tuple[Field, ...]:
    """数据来源单位, its 统一社会信用代码 and 备注 — the last three fields of both sheets (the codes differ:
    XK_LYDW/XK_LYDWDM for licences, CF_SJLY/CF_SJLYDM for penalties)."""
    return (
        Field(name_code, "数据来源单位", max_len=200, len_confirmed=True, required=R.ALWAYS,
              aliases=("数据来源",), hint="上报数据的单位全称"),
        Field(code_code, "数据来源单位统一社会信用代码", T.CODE, max_len=18, len_confirmed=True,
              required=R.ALWAYS, identifier="uscc", aliases=("数据来源单位代码",),
              hint="上报数据单位的18位统一社会信用代码"),
        Field("BZ", "备注", max_len=512, hint="选填"),
    )
