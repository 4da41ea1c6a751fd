"""codes/ against an independent oracle: python-stdnum (stdnum.cn.ric, stdnum.cn.uscc), differential
hypothesis tests over the domain both accept. stdnum rejects USCCs whose first characters are not digits
(authorities coded A, N, Y: sgs accepts them) and does not check the embedded 组织机构代码 (sgs does: compared
with check_orgcode=False); it checks an ID number's birth place against its own table and any birth date
(sgs: a date from 1890 to today, no place table). Both the per-value path (is_valid, calc_check_digit)
and the vectorised one the columnar engine uses (valid_mask) are compared."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest
from hypothesis import given, settings, strategies as st

from sgs_cli.codes import ric, uscc

stdnum_ric = pytest.importorskip("stdnum.cn.ric")
stdnum_uscc = pytest.importorskip("stdnum.cn.uscc")
from stdnum.exceptions import InvalidComponent  # noqa: E402

#: county codes stdnum's table knows for births from 1985 (Beijing, Henan, Jiangxi, Guangdong, …): draws
#: born earlier in a county its table dates later fall outside the shared domain and are left out
REGIONS = ["110105", "110108", "410122", "410102", "360426", "440305", "110101", "320102"]
CHECK = "0123456789X"


def _stdnum_domain(number: str) -> bool:
    """The numbers whose birth date and place stdnum can judge and whose birth date sgs accepts."""
    try:
        stdnum_ric.get_birth_place(number)
        born = stdnum_ric.get_birth_date(number)
    except (InvalidComponent, ValueError):
        return False
    return dt.date(1890, 1, 1) <= born <= dt.date.today()


def test_the_regions_are_in_stdnums_table():
    for r in REGIONS:
        assert stdnum_ric.get_birth_place(r + "19850312213" + "0")["county"], r
    assert _stdnum_domain("11010519000312213" + "0") and not _stdnum_domain("41012219000312213" + "0")


ric_numbers = st.builds(
    lambda region, born, seq, last: region + born.strftime("%Y%m%d") + f"{seq:03d}" + last,
    st.sampled_from(REGIONS), st.dates(dt.date(1890, 1, 1), dt.date.today()), st.integers(0, 999),
    st.sampled_from(CHECK))


@settings(max_examples=400, deadline=None)
@given(st.lists(ric_numbers, min_size=1, max_size=30))
def test_id_numbers_agree_with_stdnum(numbers):
    numbers = [n for n in numbers if _stdnum_domain(n)]
    for n in numbers:
        assert ric.calc_check_digit(n[:17]) == stdnum_ric.calc_check_digit(n), n
        assert ric.is_valid(n) == stdnum_ric.is_valid(n), n
    assert ric.valid_mask(pa.array(numbers, pa.string())).tolist() == [stdnum_ric.is_valid(n) for n in numbers]


def test_some_generated_id_numbers_are_valid_and_some_not():
    """The differential test sees both answers: about one in eleven draws has the right check character."""
    valid = [r + "19850312" + f"{s:03d}" for r in REGIONS[:2] for s in range(30)]
    numbers = [b + stdnum_ric.calc_check_digit(b + "0") for b in valid] + [b + "X" for b in valid]
    got = [ric.is_valid(n) for n in numbers]
    assert got == [stdnum_ric.is_valid(n) for n in numbers]
    assert got.count(True) > 60 and got.count(False) > 0


ALPHABET = uscc.ALPHABET  # "0123456789ABCDEFGHJKLMNPQRTUWXY", stdnum's too
uscc_numbers = st.builds(
    lambda first, region, body, last: first + region + body + last,
    st.text("123456789", min_size=2, max_size=2), st.text("0123456789", min_size=6, max_size=6),
    st.text(ALPHABET, min_size=9, max_size=9), st.sampled_from(ALPHABET))


def _with_check(n: str) -> str:
    return n[:17] + stdnum_uscc.calc_check_digit(n[:17])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(uscc_numbers, uscc_numbers.map(_with_check)), min_size=1, max_size=30))
def test_credit_codes_agree_with_stdnum(numbers):
    assert stdnum_uscc.calc_check_digit("91110000600037341") == uscc.calc_check_digit("91110000600037341") == "L"
    for n in numbers:
        assert uscc.calc_check_digit(n[:17]) == stdnum_uscc.calc_check_digit(n[:17]), n
        assert uscc.is_valid(n) == (stdnum_uscc.is_valid(n) and uscc.orgcode.is_valid(n[8:17])), n
        try:
            uscc.validate(n, check_orgcode=False)
            ours = True
        except ValueError:
            ours = False
        assert ours == stdnum_uscc.is_valid(n), n
    want = [stdnum_uscc.is_valid(n) and uscc.orgcode.is_valid(n[8:17]) for n in numbers]
    assert uscc.valid_mask(pa.array(numbers, pa.string())).tolist() == want


def test_outside_the_shared_domain_sgs_differs_on_purpose():
    """An authority coded N (a 基层群众性自治组织 is coded N…): stdnum says invalid, sgs valid — the reason
    the differential tests draw digits only."""
    body = "N2410122" + "MA44R7K2"
    body += uscc.orgcode.calc_check_digit(body[8:16])
    code = body + uscc.calc_check_digit(body)
    assert uscc.is_valid(code) and not stdnum_uscc.is_valid(code)
