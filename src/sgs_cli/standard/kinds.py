"""One row per sheet kind: everything that lists kinds (the CLI's choices, template file names, model names,
labels, which kinds hold decisions) derives from this table."""

from __future__ import annotations

from dataclasses import dataclass, field

from sgs_cli.standard import annex, legacy, license, objection, penalty, register, repair
from sgs_cli.standard.base import SheetSpec


class Role:
    """What a field means to the reports, whatever its code in a kind (roles are looked up, never spelled)."""

    DOC_NO = "doc_no"  # 决定书文号: identifies a decision to other tools and across files
    DECISION_DATE = "decision_date"
    DEPARTMENT = "department"  # the unit a row belongs to: 处罚机关/许可机关, 行政决定部门, 单位名称
    TITLE = "title"  # what the decision is about: 违法行为类型, 许可决定文书名称, 项目名称
    SUBJECT_NAME = "subject_name"
    SUBJECT_CODE = "subject_code"  # 统一社会信用代码
    PERSON_ID = "person_id"  # 证件号码 (not public)
    REPORT_DATE = "report_date"  # 向同级信用平台报送日期 (ledger)
    PUSH_DATE = "push_date"  # 部门网站推送日期 (ledger)
    DECISION_KIND = "decision_kind"  # 决定类别 (ledger: 行政许可 / 行政处罚)
    SECTION = "section"  # 承办科室 (ledger)
    PUBLICATION_END = "publication_end"  # 公示截止期 (penalty)


def _subject(p: str) -> dict[str, str]:
    return {Role.DOC_NO: f"{p}_WSH", Role.DECISION_DATE: f"{p}_JDRQ", Role.SUBJECT_NAME: f"{p}_XDR_MC",
            Role.SUBJECT_CODE: f"{p}_XDR_SHXYM", Role.PERSON_ID: f"{p}_XDR_ZJHM"}


@dataclass(frozen=True)
class Kind:
    kind: str  # the name in options and JSON: --kind penalty
    label: str  # Chinese label (messages, workbook titles)
    spec: SheetSpec  # the modern declaration of its fields
    prefix: str  # field-code prefix of licence and penalty sheets ("XK", "CF"); "" for the annex kinds
    model: str  # pydantic model / JSON Schema title
    decisions: bool  # its rows are decisions (timeliness, monthly report)
    row_wise: bool  # rules that follow the rows in order (序号, the lead liaison): never split over workers
    roles: dict = field(default_factory=dict)  # Role → field code

    def code(self, role: str) -> str | None:
        """The field code that plays ``role`` in this kind, or None."""
        return self.roles.get(role)

    @property
    def template_file(self) -> str:
        """The file `sgs template KIND` writes by default (and the web page offers)."""
        return f"{self.label}模板.xlsx"


KINDS: tuple[Kind, ...] = (
    Kind("license", "行政许可", license.SPEC, "XK", "LicenseRecord", decisions=True, row_wise=False,
         roles={**_subject("XK"), Role.DEPARTMENT: "XK_XKJG", Role.TITLE: "XK_XKWS"}),
    Kind("penalty", "行政处罚", penalty.SPEC, "CF", "PenaltyRecord", decisions=True, row_wise=False,
         roles={**_subject("CF"), Role.DEPARTMENT: "CF_CFJG", Role.TITLE: "CF_WFXW", Role.PUBLICATION_END: "CF_GSJZQ"}),
    Kind("ledger", "双公示台账", annex.LEDGER, "", "LedgerRecord", decisions=True, row_wise=True,
         roles={Role.DOC_NO: "WSH", Role.DECISION_DATE: "JDRQ", Role.DEPARTMENT: "BM", Role.TITLE: "XMMC",
                Role.REPORT_DATE: "BSRQ", Role.PUSH_DATE: "TSRQ", Role.DECISION_KIND: "LB", Role.SECTION: "KS"}),
    Kind("catalog", "事项目录", annex.CATALOG, "", "CatalogRecord", decisions=False, row_wise=True,
         roles={Role.DEPARTMENT: "BM", Role.TITLE: "XMMC"}),
    Kind("liaison", "联络员名单", annex.LIAISON, "", "LiaisonRecord", decisions=False, row_wise=True,
         roles={Role.DEPARTMENT: "DWMC"}),
    Kind("objection", "异议登记台账", objection.OBJECTION, "", "ObjectionRecord", decisions=False, row_wise=True,
         roles={Role.DOC_NO: "WSH"}),
    Kind("register", "报送登记表", register.REGISTER, "", "RegisterRecord", decisions=False, row_wise=True,
         roles={Role.DEPARTMENT: "DWMC"}),
    Kind("repair", "信用修复登记台账", repair.REPAIR, "", "RepairRecord", decisions=False, row_wise=True,
         roles={Role.DOC_NO: "WSH", Role.DEPARTMENT: "JBBM", Role.SUBJECT_NAME: "SQR", Role.SUBJECT_CODE: "XDR_SHXYM",
                Role.PERSON_ID: "XDR_ZJHM"}),
)
KIND = {k.kind: k for k in KINDS}
#: the 2015 layouts: recognised and mapped onto the modern licence and penalty fields
LEGACY_SPECS: tuple[SheetSpec, ...] = (legacy.LICENSE, legacy.PENALTY)
#: kinds whose rows are decisions, in the order reports list them
DECISION_KINDS: tuple[str, ...] = tuple(k.kind for k in KINDS if k.decisions)
#: licence and penalty: the two kinds of the 790 standard, with a field prefix
PREFIXED_KINDS: tuple[str, ...] = tuple(k.kind for k in KINDS if k.prefix)

__all__ = ["Role", "Kind", "KINDS", "KIND", "LEGACY_SPECS", "DECISION_KINDS", "PREFIXED_KINDS"]
