"""The columnar engine (validation/columnar.py) against the row engine: the golden outputs byte for byte,
and generated rows finding for finding."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sgs_cli import standard as S
from sgs_cli.records.header import detect
from sgs_cli.validation import columnar
from sgs_cli.validation.options import ValidateOptions
from sgs_cli.validation.runner import run_batch, sheet_finish, sheet_start
from conftest import user_home
from test_golden import _check, golden

TODAY = dt.date(2025, 10, 20)


@pytest.fixture(scope="module")
def bench_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    golden.generate_bench(out)
    return out


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    with user_home(tmp_path_factory.mktemp("home")):
        yield


@pytest.fixture
def columnar_engine(monkeypatch):
    monkeypatch.setenv(columnar.ENV, "columnar")


@pytest.mark.parametrize("name,paths", golden.data_cases(), ids=[n for n, _ in golden.data_cases()])
def test_checked_in_inputs_columnar(name, paths, home, columnar_engine):
    _check(name, golden.run_json(paths, golden.ROOT))


#: one xlsx flavour per kind (the other is read the same way), CSV, and the pair run together
COLUMNAR_BENCH = [c for c in golden.BENCH_CASES if c[0] not in ("bench__penalty_10000.inline.xlsx",
                                                                 "bench__license_10000.shared.xlsx")]


@pytest.mark.parametrize("name,files", COLUMNAR_BENCH, ids=[n for n, _ in COLUMNAR_BENCH])
def test_generated_ledgers_columnar(name, files, bench_dir, home, columnar_engine):
    _check(name, golden.run_json(files, bench_dir))


def _findings(spec, rows, engine: str, monkeypatch) -> list[dict]:
    monkeypatch.setenv(columnar.ENV, engine)
    hm = detect([[f.name for f in spec.fields]], (spec,))
    mapper, ctx, report, rules = sheet_start("Sheet1", False, hm, ValidateOptions(today=TODAY, submit_date=TODAY))
    run_batch([(2 + i, row) for i, row in enumerate(rows)], mapper, ctx, report, rules)
    return [f.to_dict(show_sensitive=True) for f in sheet_finish(mapper, ctx, report).findings]


#: cell values as readers give them: texts with the defects the rules look for, numbers, dates, blanks
_CELL = st.one_of(
    st.sampled_from(["", " ", "无", "/", "NULL", "示", "自然人", "法人及非法人组织", "个体工商户", "法人", "身份证",
                     "91350100M000100Y43", "9135010 0M000100Y43", "９１３５０１００Ｍ０００１００Ｙ４３",
                     "00000000000000000X", "110101199003070035", "11010119900307003x", "1.2E+17",
                     "2024/02/30", "2024-3-1", "罚款；警告", "罚款2000元", "其他", "其他-责令改正", "训诫", "1", "3",
                     " 某某公司 ", "ＡＢ公司", "联系电话13800138000。", "身份证110101199003070035", "x" * 210]),
    st.text(alphabet="0123456789Xx 　ＡA公司-/\n", max_size=22),
    st.integers(min_value=0, max_value=10**18),
    st.floats(allow_nan=True, allow_infinity=False, width=64),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.none(),
)


@pytest.mark.parametrize("spec", [S.LICENSE, S.PENALTY], ids=["license", "penalty"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_generated_rows_give_the_same_findings(spec, data, monkeypatch):
    n = len(spec.fields)
    rows = data.draw(st.lists(st.lists(_CELL, min_size=n, max_size=n), min_size=1, max_size=6))
    assert _findings(spec, rows, "columnar", monkeypatch) == _findings(spec, rows, "row", monkeypatch)


def test_a_lone_surrogate_is_checked_the_same_way(monkeypatch):
    """Arrow cannot hold a lone surrogate (a CSV decoded with surrogateescape): the column falls back to
    Python strings, with the same findings."""
    row = [""] * len(S.PENALTY.fields)
    row[S.PENALTY.codes.index("CF_SY")] = "违法事实\udce9联系13800138000"
    row[S.PENALTY.codes.index("CF_XDR_MC")] = " 某某\udce9公司"
    got = _findings(S.PENALTY, [row], "columnar", monkeypatch)
    assert got == _findings(S.PENALTY, [row], "row", monkeypatch)
    assert {"PRIVACY_MOBILE", "TEXT_WHITESPACE", "REQUIRED_MISSING"} <= {f["code"] for f in got}


@pytest.mark.parametrize("kind", ["penalty", "license"])
def test_one_process_both_engines_on_a_generated_ledger(kind, tmp_path, monkeypatch, isolated_sgs_env):
    """The serial path (no worker processes: duplicates checked by the columnar form itself) on a ledger
    with every injected violation, duplicates included."""
    import sys

    sys.path.insert(0, str(golden.ROOT / "bench"))
    from generate import generate

    generate(kind, 2000, tmp_path, seed=790, flavours=("csv",), quiet=True)
    path = tmp_path / f"{kind}_2000.csv"
    monkeypatch.setenv("SGS_WORKERS", "1")
    out = {}
    for engine in ("row", "columnar"):
        monkeypatch.setenv(columnar.ENV, engine)
        out[engine] = golden.run_json([path.name], tmp_path)
    assert out["columnar"] == out["row"]
    assert '"DUPLICATE_RECORD"' in out["row"] and '"ENUM_INVALID"' in out["row"]
