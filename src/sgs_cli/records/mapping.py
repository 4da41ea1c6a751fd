"""Sheet rows → records: one physical row becomes a Record keyed by the codes of the modern (790/773) spec,
including the 2015 mapping (CFLB1+CFLB2 joined, 当前状态 recoded, 居民身份证号 split by category)."""

from __future__ import annotations

from functools import lru_cache

from sgs_cli import standard
from sgs_cli.io.cells import cell_text, is_blank
from sgs_cli.records.header import HeaderMap
from sgs_cli.records.record import Record
from sgs_cli.standard.categories import category_of, cflb_buckets
from sgs_cli.standard.enums import LB_INDIVIDUAL, LB_ORG, LB_PERSON
from sgs_cli.standard.kinds import KIND, Role
from sgs_cli.standard.legacy import OLD_CFLB_CODES, OLD_ZT, OLD_ZT_REVIEW

_EXAMPLE_MARKS = ("示例", "样例", "例：", "例:", "填报说明", "填写说明", "说明：", "注：", "注:")


_TOTAL_MARKS = ("合计", "总计", "小计")

def record_key_code(kind: str) -> str | None:
    """The field that identifies a record to other tools (决定书文号) in a sheet kind — the licence, penalty
    and ledger kinds (an objection's 文号 names the decision objected to, not the objection)."""
    k = KIND.get(kind)
    return k.code(Role.DOC_NO) if k is not None and k.decisions else None


#: extension columns that are not part of the 790 standard but that sgs reads when present:
#: header spelling → private key of Record.values
SEVERITY_KEY = "_XYCD"
#: the department's reason for a late report (a fact, never corrected away): shown in 逾期明细
LATE_NOTE_KEY, LATE_NOTE_HEADER = "_CBSM", "迟报说明"
#: why the credit platform refused a record: the extra column of the platform's failure files (a 790 table with
#: 序号 and 失败原因), read by reports/platform_intake.py (not 错误原因: the column of sgs's own 退回_ files)
FAILURE_KEY, FAILURE_HEADER = "_SBYY", "失败原因"
EXTENSION_HEADERS = {"失信严重程度": SEVERITY_KEY, "失信程度": SEVERITY_KEY, "失信行为严重程度": SEVERITY_KEY,
                     "失信等级": SEVERITY_KEY,
                     LATE_NOTE_HEADER: LATE_NOTE_KEY, "迟报原因": LATE_NOTE_KEY, "逾期说明": LATE_NOTE_KEY,
                     "逾期原因": LATE_NOTE_KEY, "迟报情况说明": LATE_NOTE_KEY, "未按时报送原因": LATE_NOTE_KEY,
                     FAILURE_HEADER: FAILURE_KEY, "入库失败原因": FAILURE_KEY,
                     "失败说明": FAILURE_KEY, "校验失败原因": FAILURE_KEY}
#: the sheet kinds that read each extension column
EXTENSION_KINDS = {SEVERITY_KEY: ("penalty",), LATE_NOTE_KEY: ("license", "penalty", "ledger"),
                   FAILURE_KEY: ("license", "penalty")}
#: 地方编码 (the 2015 layout's field, a known extra of 790 sheets): read under this key for its check
DIVISION_KEY = "_DFBM"


def late_note(rec: Record) -> str:
    """The 迟报说明 of a record as the department wrote it (not normalised: it is read by people)."""
    v = rec.raw(LATE_NOTE_KEY)
    return "" if v is None else str(v).strip()


def extension_of(header: str, kind: str | None = None) -> str | None:
    """The private key of a known extension column (of a sheet of ``kind``, when given), or None."""
    from sgs_cli.records.header import match_extra, normalize_header

    key = EXTENSION_HEADERS.get(normalize_header(header))
    if key is None and match_extra(standard.PENALTY, header) == "SXYZCD":  # “失信严重程度（必填）：未定；一般；…”
        key = SEVERITY_KEY
    if key is not None and kind is not None and kind not in EXTENSION_KINDS[key]:
        return None
    return key


def is_skippable(row: list) -> bool:
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


GS15_BASIS = "按工商注册号第7位（个体工商户）推断"


def individual_by_gs15(uscc: str, gszc: str) -> bool:
    """No USCC (or the 17-zeros placeholder) and a 15-digit 工商注册号 whose 7th digit is 6–9: an 个体工商户
    (工商行政管理注册号编制规则: the 7th digit is the kind of entity, 0–3 内资企业, 4–5 外资, 6–9 个体工商户)."""
    uscc, gszc = uscc.strip(), gszc.strip()
    return (not uscc or uscc.startswith("00000000000000000")) and len(gszc) == 15 and gszc.isdigit() \
        and gszc[6] in "6789"


def _derive_category(values: dict, p: str) -> tuple[str | None, str | None]:
    """The 行政相对人类别 of a sheet without that column, and how it was inferred."""
    org = any(not is_blank(values.get(f"{p}_{s}")) for s in ("XDR_SHXYM", "XDR_ZZJG", "XDR_GSZC", "XDR_SWDJ"))
    if org:
        uscc = cell_text(values.get(f"{p}_XDR_SHXYM")).strip()
        if uscc.startswith("92"):
            return LB_INDIVIDUAL, "按代码前缀（92）推断"
        if individual_by_gs15(uscc, cell_text(values.get(f"{p}_XDR_GSZC"))):
            return LB_INDIVIDUAL, GS15_BASIS
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
        self.modern = standard.BY_KIND[hm.spec.kind]
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
                if col is not None:  # it is among the columns (just checked)
                    self.columns.setdefault(f"{self.prefix}_FR_ZJHM", col)
                    self.columns.setdefault(f"{self.prefix}_XDR_ZJHM", col)
        self.has_lb = f"{self.prefix}_XDR_LB" in self.columns
        # known provincial extension columns (e.g. 失信严重程度): read into values under a private key
        self.extensions: dict[str, int] = {}
        for i, code in sorted([*hm.extras.items(), *((i, c) for i, c in hm.columns.items() if self.legacy)]):
            if code == "DFBM":  # 地方编码: read for its check (rules/divisions.py), whatever the layout
                self.extensions.setdefault(DIVISION_KEY, i)
        for i in sorted([*hm.unknown, *hm.extras]):  # 失信严重程度 is a known extra (standard/extras.py)
            key = extension_of(hm.texts[i], hm.spec.kind)
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
