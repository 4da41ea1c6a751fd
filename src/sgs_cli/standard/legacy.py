"""2015-standard (发改电〔2015〕557号 era) licence and penalty layouts and their mapping to 790.

docs/standard.md §2.1. Traps: 代码_2/代码_3 are swapped between the standards, 代码_5 meant 居民身份证号,
CF_JG was 处罚结果 (not 处罚机关) and CF_XZJG was 处罚机关.
"""

from __future__ import annotations

from dataclasses import replace

from sgs_cli.standard.base import Field, FieldType as T, Required as R, SheetSpec
from sgs_cli.standard import license as lic, penalty as pen


def _legacy_subject(p: str) -> tuple[Field, ...]:
    # a bare 行政相对人代码_N in a 2015 layout follows the 2015 numbering (its aliases come before the 790
    # fields appended to the layout, so they win: 代码_5 is the 居民身份证号, not the 事业单位证书号)
    return (
        Field(f"{p}_XDR_SHXYM", "行政相对人代码_1(统一社会信用代码)", T.CODE, 18, True, identifier="uscc",
              aliases=("统一社会信用代码", "行政相对人代码_1")),
        Field(f"{p}_XDR_ZDM", "行政相对人代码_2(组织机构代码)", T.CODE, 10, identifier="orgcode",
              aliases=("行政相对人代码_2",)),
        Field(f"{p}_XDR_GSDJ", "行政相对人代码_3(工商登记码)", T.CODE, 50, identifier="gs15",
              aliases=("行政相对人代码_3",)),
        Field(f"{p}_XDR_SWDJ", "行政相对人代码_4(税务登记号)", T.CODE, 20, aliases=("行政相对人代码_4",)),
        Field(f"{p}_XDR_SFZ", "行政相对人代码_5(居民身份证号)", T.CODE, 18, public=False, identifier="ric",
              aliases=("行政相对人代码_5",)),
        Field(f"{p}_FR", "法定代表人姓名", max_len=50),
    )


_COMMON_TAIL = (
    Field("DFBM", "地方编码", T.CODE, 6),
    Field("SJC", "数据更新时间戳", T.DATE, aliases=("数据更新时间",)),
    Field("BZ", "备注", max_len=512),
)

LICENSE_FIELDS = (
    Field("XK_WSH", "行政许可决定书文号", T.CODE, 64, required=R.ALWAYS),
    Field("XK_XMMC", "项目名称", max_len=256, required=R.ALWAYS, aliases=("许可名称", "许可项目名称")),
    Field("XK_SPLB", "审批类别", T.ENUM, 256, required=R.ALWAYS, aliases=("审核类型",)),
    Field("XK_NR", "许可内容", max_len=4000, required=R.ALWAYS),
    Field("XK_XDR", "行政相对人名称", max_len=200, required=R.ALWAYS),
    *_legacy_subject("XK"),
    Field("XK_JDRQ", "许可决定日期", T.DATE, required=R.ALWAYS, aliases=("许可生效期",)),
    Field("XK_JZQ", "许可截止期", T.DATE, aliases=("许可截止日期",)),
    Field("XK_XZJG", "许可机关", max_len=200, required=R.ALWAYS),
    Field("XK_ZT", "当前状态", T.ENUM, 1, enum=("0", "1", "2", "3")),
    *_COMMON_TAIL,
)

PENALTY_FIELDS = (
    Field("CF_WSH", "行政处罚决定书文号", T.CODE, 128, required=R.ALWAYS),
    Field("CF_CFMC", "处罚名称", max_len=256, required=R.ALWAYS, aliases=("案件名称",)),
    Field("CF_CFLB1", "处罚类别1", T.ENUM, 256, required=R.ALWAYS),
    Field("CF_CFLB2", "处罚类别2", T.ENUM, 256),
    Field("CF_SY", "处罚事由", max_len=5000, required=R.ALWAYS),
    Field("CF_YJ", "处罚依据", max_len=2048, required=R.ALWAYS),
    Field("CF_XDR_MC", "行政相对人名称", max_len=200, required=R.ALWAYS),
    *_legacy_subject("CF"),
    Field("CF_JG", "处罚结果", max_len=4000, required=R.ALWAYS),
    Field("CF_JDRQ", "处罚决定日期", T.DATE, required=R.ALWAYS),
    Field("CF_XZJG", "处罚机关", max_len=200, required=R.ALWAYS),
    Field("CF_ZT", "当前状态", T.ENUM, 1, enum=("0", "1", "2", "3")),
    *_COMMON_TAIL,
)

# old code -> 790 code. XDR_SFZ goes to 证件号码 for 自然人 and 法定代表人证件号码 otherwise (see legacy.py rules).
LICENSE_MAP: dict[str, str | None] = {
    "XK_WSH": "XK_WSH", "XK_XMMC": "XK_XKWS", "XK_SPLB": "XK_XKLB", "XK_NR": "XK_NR", "XK_XDR": "XK_XDR_MC",
    "XK_XDR_SHXYM": "XK_XDR_SHXYM", "XK_XDR_ZDM": "XK_XDR_ZZJG", "XK_XDR_GSDJ": "XK_XDR_GSZC",
    "XK_XDR_SWDJ": "XK_XDR_SWDJ", "XK_XDR_SFZ": "XK_XDR_ZJHM", "XK_FR": "XK_FRDB", "XK_JDRQ": "XK_JDRQ",
    "XK_JZQ": "XK_YXQZI", "XK_XZJG": "XK_XKJG", "XK_ZT": "XK_ZT", "DFBM": None, "SJC": None, "BZ": "BZ",
}
PENALTY_MAP: dict[str, str | None] = {
    "CF_WSH": "CF_WSH", "CF_CFMC": "CF_WFXW", "CF_CFLB1": "CF_CFLB", "CF_CFLB2": "CF_CFLB", "CF_SY": "CF_SY",
    "CF_YJ": "CF_YJ", "CF_XDR_MC": "CF_XDR_MC", "CF_XDR_SHXYM": "CF_XDR_SHXYM", "CF_XDR_ZDM": "CF_XDR_ZZJG",
    "CF_XDR_GSDJ": "CF_XDR_GSZC", "CF_XDR_SWDJ": "CF_XDR_SWDJ", "CF_XDR_SFZ": "CF_XDR_ZJHM", "CF_FR": "CF_FRDB",
    "CF_JG": "CF_NR", "CF_JDRQ": "CF_JDRQ", "CF_XZJG": "CF_CFJG", "CF_ZT": None, "DFBM": None, "SJC": None,
    "BZ": "BZ",
}

# old fields whose 790 target is only approximate (项目名称 ≈ 文书名称, 处罚名称 ≈ 违法行为类型): they do not take
# the 790 names as aliases, so a hybrid template's real 790 column is read as itself
APPROXIMATE = frozenset({"XK_XMMC", "CF_CFMC"})
# old 当前状态 values that must not be migrated silently (docs/standard.md §2.1)
OLD_ZT_REVIEW = {"2": "异议", "3": "其他", "异议": "异议", "其他": "其他"}

# old 处罚类别1/2 codes (docs/standard.md §2.1)
OLD_CFLB_CODES = {"0": "警告", "1": "罚款", "2": "没收违法所得、没收非法财物", "3": "责令停产停业",
                  "4": "暂扣或者吊销许可证、暂扣或者吊销执照", "5": "行政拘留", "6": "其他"}
# old 当前状态 → 790 XK_ZT (0 正常 → 1 有效; 1 撤销 → 2 无效; 2 异议 / 3 其他 need review)
OLD_ZT = {"0": "1", "": "1", "正常": "1", "1": "2", "撤销": "2"}


def _with_790_extras(fields: tuple[Field, ...], mapping: dict[str, str | None],
                     modern: tuple[Field, ...]) -> tuple[Field, ...]:
    """Hybrid templates append 2018 columns to the old layout and use the 790 names for old fields:
    give each old field the names of its 790 target (except the ambiguous 代码_N numbers) and accept
    the 790 fields no old field maps to."""
    by_code = {f.code: f for f in modern}
    out = []
    for f in fields:
        target = by_code.get(mapping.get(f.code) or "")
        if target is not None and f.code not in APPROXIMATE:
            extra = tuple(a for a in (target.name, *target.aliases)
                          if not a.startswith("行政相对人代码_") and a != f.name)
            f = replace(f, aliases=f.aliases + extra)
        out.append(f)
    mapped = {v for k, v in mapping.items() if v and k not in APPROXIMATE}
    own = {f.code for f in fields}
    return tuple(out) + tuple(f for f in modern if f.code not in mapped and f.code not in own)


LICENSE = SheetSpec(kind="license", standard="2015", title="行政许可（2015年旧标准）",
                    fields=_with_790_extras(LICENSE_FIELDS, LICENSE_MAP, lic.FIELDS),
                    markers=("项目名称", "审批类别", "许可截止期", "行政相对人代码_5(居民身份证号)",
                             "行政相对人代码_3(工商登记码)", "法定代表人姓名", "地方编码"),
                    mapping=LICENSE_MAP)
PENALTY = SheetSpec(kind="penalty", standard="2015", title="行政处罚（2015年旧标准）",
                    fields=_with_790_extras(PENALTY_FIELDS, PENALTY_MAP, pen.FIELDS),
                    markers=("处罚名称", "处罚类别1", "处罚类别2", "处罚结果", "行政相对人代码_5(居民身份证号)",
                             "行政相对人代码_3(工商登记码)", "法定代表人姓名", "地方编码"),
                    mapping=PENALTY_MAP)
