"""codes/*.valid_mask: the vectorised check digits equal each module's scalar is_valid, value for value."""

import random

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings, strategies as st

from sgs_cli.codes import gs15, orgcode, ric, uscc

MODULES = {"uscc": uscc, "orgcode": orgcode, "gs15": gs15, "ric": ric}

#: published or documented examples (valid and not)
VECTORS = ["91110000600037341L", "91110000600037341A", "91230500MA1B3N1N2M", "11230500001755309F",
           uscc.PLACEHOLDER, "60003734-1", "600037341", "600037342", "D2143569-X", "110108000000016",
           "110108000000017", "360426199101010071", "360426199101010072", "11010519491231002X",
           "110105194912310021", "110101200002290015", "", " ", "-", "无", "null"]


def _valid_body(module, rng: random.Random) -> str:
    digits, upper = "0123456789", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if module is uscc:
        org = "".join(rng.choice(uscc.ALPHABET) for _ in range(8))
        first17 = rng.choice("123456789ANY") + rng.choice(uscc.ALPHABET) + "".join(rng.choice(digits) for _ in range(6))
        first17 += org + orgcode.calc_check_digit(org)
        return first17 + uscc.calc_check_digit(first17)
    if module is orgcode:
        body = "".join(rng.choice(upper) for _ in range(8))
        return body + orgcode.calc_check_digit(body)
    if module is gs15:
        body = "".join(rng.choice(digits) for _ in range(14))
        return body + gs15.calc_check_digit(body)
    born = f"{rng.randint(1880, 2030):04d}{rng.randint(0, 13):02d}{rng.randint(0, 32):02d}"
    body = "".join(rng.choice(digits) for _ in range(6)) + born + "".join(rng.choice(digits) for _ in range(3))
    return body + ric.calc_check_digit(body)


def _mutations(code: str, rng: random.Random) -> list[str]:
    """The code and variants that may or may not stay valid: a changed, dropped or added character, case,
    spaces, hyphens, full-width and other Unicode digits, look-alike letters."""
    k = rng.randrange(len(code))
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZxa-_ '\t\n\x1c\u3000"
    full = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in code)
    return [code, code[:k] + rng.choice(alphabet) + code[k + 1:], code[:k] + code[k + 1:],
            code[:k] + rng.choice(alphabet) + code[k:], code.lower(), f" {code} ", code[:8] + "-" + code[8:],
            code[:4] + " " + code[4:], full, code.replace("0", "\u0660"), code.replace("1", "\u00b9"),
            code.replace("1", "I").replace("0", "O"), code + "（1-1）", code[:-1] + "x"]


def _equal(module, values) -> None:
    got = module.valid_mask(values)
    assert got.dtype == bool and got.shape == (len(values),)
    assert got.tolist() == [module.is_valid(v) for v in values]


@pytest.mark.parametrize("name", MODULES)
def test_vectors(name):
    _equal(MODULES[name], VECTORS)


@pytest.mark.parametrize("name", MODULES)
def test_random_codes_and_their_mutations(name):
    module, rng = MODULES[name], random.Random(f"valid_mask {name}")
    values = [m for _ in range(3000) for m in _mutations(_valid_body(module, rng), rng)]
    assert module.valid_mask(values).sum() > 3000  # the sample holds many valid codes, not only invalid ones
    _equal(module, values)


@pytest.mark.parametrize("name", MODULES)
def test_containers(name):
    """Lists, numpy and pandas (Arrow-backed or not) and Arrow arrays give the same mask; None is not valid;
    values Arrow cannot hold as strings (numbers, lone surrogates) are judged one by one."""
    module = MODULES[name]
    values = VECTORS + [None]
    want = [module.is_valid(v) if v is not None else False for v in values]
    assert module.valid_mask(values).tolist() == want
    assert module.valid_mask(pd.Series(values, dtype="string[pyarrow]")).tolist() == want
    assert module.valid_mask(pd.Series(values, dtype=object)).tolist() == want
    assert module.valid_mask(pa.array(values)).tolist() == want
    assert module.valid_mask(pa.chunked_array([pa.array(values[:3]), pa.array(values[3:])])).tolist() == want
    assert module.valid_mask(pa.array(values).slice(2)).tolist() == want[2:]
    strs = [v for v in values if v is not None]
    assert module.valid_mask(np.array(strs)).tolist() == want[:len(strs)]
    assert module.valid_mask([]).tolist() == []
    mixed = [110108000000016, 600037341, "91110000600037341L", "\udce9" + VECTORS[0]]
    assert module.valid_mask(mixed).tolist() == [module.is_valid(v) for v in mixed]


@pytest.mark.parametrize("name", MODULES)
@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.text(alphabet="0123456789ABCDXYZxy-IO 　０１Ｘ\u0660\n", min_size=8, max_size=20),
                       max_size=30))
def test_generated_texts(name, values):
    _equal(MODULES[name], values)


def test_birth_dates_around_today_and_leap_days():
    import datetime as dt

    today = dt.date.today()
    days = [today - dt.timedelta(days=1), today, today + dt.timedelta(days=1), dt.date(1890, 1, 1),
            dt.date(1889, 12, 31), dt.date(2000, 2, 29), dt.date(1900, 2, 28)]
    bodies = [f"110105{d:%Y%m%d}123" for d in days] + ["11010519000229123", "11010520010229123",
                                                        "11010520011131123", "11010520010001123"]
    _equal(ric, [b + ric.calc_check_digit(b) for b in bodies])
