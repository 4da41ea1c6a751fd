"""The table of sheet kinds (standard/kinds.py) is where kinds are listed: the CLI's choices, template file
names, model names and the roles of fields derive from it."""

from sgs_cli import standard
from sgs_cli.cli.options import Kind, TemplateKind
from sgs_cli.render.templates import TEMPLATE_KINDS, default_filename
from sgs_cli.standard.kinds import DECISION_KINDS, KIND, KINDS, PREFIXED_KINDS, Role
from sgs_cli.standard.models import model_for


def test_every_role_names_a_field_of_its_kind():
    for k in KINDS:
        for role, code in k.roles.items():
            assert code in k.spec.codes, (k.kind, role, code)


def test_what_derives_from_the_table():
    names = [k.kind for k in KINDS]
    assert names == ["license", "penalty", "ledger", "catalog", "liaison", "objection", "register", "repair"]
    assert [m.value for m in Kind] == ["auto", *names]
    assert [m.value for m in TemplateKind] == [*names, "monthly", "roster", "scheme"]
    assert list(standard.BY_KIND) == names and list(TEMPLATE_KINDS) == names
    assert standard.KIND_LABEL == {k.kind: k.label for k in KINDS}
    assert DECISION_KINDS == ("license", "penalty", "ledger") and PREFIXED_KINDS == ("license", "penalty")
    assert default_filename("liaison") == "联络员名单模板.xlsx" == KIND["liaison"].template_file
    assert model_for("penalty").__name__ == "PenaltyRecord"


def test_roles_of_the_decision_kinds():
    assert [KIND[k].code(Role.DOC_NO) for k in DECISION_KINDS] == ["XK_WSH", "CF_WSH", "WSH"]
    assert [KIND[k].code(Role.DECISION_DATE) for k in DECISION_KINDS] == ["XK_JDRQ", "CF_JDRQ", "JDRQ"]
    assert KIND["ledger"].code(Role.REPORT_DATE) == "BSRQ" and KIND["penalty"].code(Role.REPORT_DATE) is None


def test_field_flags():
    flags = {(f.code, f.open_enum, f.multi) for spec in (standard.LICENSE, standard.PENALTY) for f in spec.fields
             if f.open_enum or f.multi}
    assert flags == {("XK_XKLB", True, None), ("XK_XDR_ZJLX", True, None), ("XK_FR_ZJLX", True, None),
                     ("CF_CFLB", True, "；"), ("CF_XDR_ZJLX", True, None), ("CF_FR_ZJLX", True, None)}


def test_date_bounds_have_one_value():
    from sgs_cli.io.cells import LONG_TERM_DATE
    from sgs_cli.render.templates import DATE_MAX, DATE_MIN
    from sgs_cli.standard.limits import EARLIEST_DATE, LATEST_DATE

    assert LONG_TERM_DATE == LATEST_DATE
    assert (DATE_MIN, DATE_MAX) == ("DATE(1949,10,1)", "DATE(2099,12,31)") and EARLIEST_DATE.year == 1949
