"""A pandera schema for the 790 licence / penalty sheets — the baseline `sgs validate` is compared with.

    python bench/pandera_schema.py FILE [--kind penalty|license] [--today 2030-01-01] [--expected X.expected.json]

Reads with pandas (``read_excel(engine="calamine", dtype=str)`` or ``read_csv(dtype=str)``), validates
lazily and prints one JSON line: rows, failure cases, failing rows, seconds for read / validate, and
(with --expected) how many injected rows it flagged.

Columns are derived from the standard declaration (``sgs_cli.standard``), as far as pandera can express
the rules:

* column checks: 必填 (``nullable=False``), enumerations (``isin``; 处罚类别 split on ；/;), code formats
  (regex), check digits of USCC (+ embedded 组织机构代码), 组织机构代码 and 工商注册号 as vectorised numpy
  custom checks, dates (parse YYYY/MM/DD or the "YYYY-MM-DD 00:00:00" pandas makes of date cells),
  amounts (numeric, ≤ 6 decimals), length limits, no mobile / ID numbers in public free text;
* DataFrame-wide checks (one boolean per row): R1–R4 required/empty by 行政相对人类别, the 17个0加X
  placeholder (个体工商户 only, with a valid 工商注册号), 91/92 prefix vs 类别, authority codes (not the
  placeholder, prefix 11/12), ID number check digit when 证件类型 = 身份证, R6–R8 amounts/证照 by 处罚类别,
  罚款金额 = 处罚内容 "罚款N元" / 10000, date order, decision not in the future, 公示截止期 within the
  publication-period band of its regime, 许可类别 其他 needs detail, duplicate (文书号, 名称, 代码).

What it does not do (and sgs does): typed-cell information (a code stored as a number, Excel serials)
is lost by ``dtype=str``; no per-cell fix hints, no variant spellings mapped with a warning, no
header aliases/legacy layouts; wide checks report a row, not a cell.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
import warnings

import numpy as np
import pandas as pd
import pandera.pandas as pa

from sgs_cli.standard import LICENSE, PENALTY, FieldType, Required
from sgs_cli.standard import enums as E

PLACEHOLDER = "00000000000000000X"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_RE = r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}"
ORG_RE = r"[0-9A-Z]{8}-?[0-9X]"
RIC_RE = r"\d{17}[\dX]"
GS15_RE = r"\d{15}"
MOBILE_RE = r"(?<!\d)1[3-9]\d{9}(?!\d)"
ID_IN_TEXT_RE = r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])"

_USCC_LUT = np.full(256, 99, dtype=np.int64)
for _i, _c in enumerate(USCC_ALPHABET):
    _USCC_LUT[ord(_c)] = _i
_ORG_LUT = np.full(256, 99, dtype=np.int64)
for _c in "0123456789":
    _ORG_LUT[ord(_c)] = int(_c)
for _c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
    _ORG_LUT[ord(_c)] = ord(_c) - 55
_USCC_W = np.array((1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28), dtype=np.int64)
_ORG_W = np.array((3, 7, 9, 10, 5, 8, 4, 2), dtype=np.int64)
_RIC_W = np.array((7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2), dtype=np.int64)
_RIC_CHECK = np.frombuffer(b"10X98765432", dtype=np.uint8)


# ------------------------------------------------------------------------------ vectorised helpers

def _matrix(values: pd.Series, width: int) -> np.ndarray:
    """Equal-length ASCII strings → (n, width) uint8 matrix."""
    return np.frombuffer("".join(values.tolist()).encode("ascii"), dtype=np.uint8).reshape(-1, width)


def _org_check_ok(m: np.ndarray) -> np.ndarray:
    """m: (n, 9) chars of 组织机构代码 → bool."""
    vals = _ORG_LUT[m[:, :8]]
    r = 11 - (vals @ _ORG_W) % 11
    want = np.where(r == 10, ord("X"), np.where(r == 11, ord("0"), r + ord("0")))
    return (want == m[:, 8]) & (vals.max(axis=1) < 99)


def uscc_valid(s: pd.Series) -> pd.Series:
    """GB 32100 check character and the GB 11714 check of positions 9–17; NaN → True."""
    out = pd.Series(True, index=s.index)
    v = s.dropna().str.strip()
    fmt = v.str.fullmatch(USCC_RE)
    out[v.index[~fmt]] = False
    v = v[fmt]
    if len(v):
        m = _matrix(v, 18)
        vals = _USCC_LUT[m]
        chk = (31 - (vals[:, :17] @ _USCC_W) % 31) % 31
        out[v.index] = (chk == vals[:, 17]) & _org_check_ok(m[:, 8:17])
    return out


def orgcode_valid(s: pd.Series) -> pd.Series:
    out = pd.Series(True, index=s.index)
    v = s.dropna().str.strip()
    fmt = v.str.fullmatch(ORG_RE)
    out[v.index[~fmt]] = False
    v = v[fmt].str.replace("-", "", regex=False)
    if len(v):
        out[v.index] = _org_check_ok(_matrix(v, 9))
    return out


def gs15_valid(s: pd.Series) -> pd.Series:
    out = pd.Series(True, index=s.index)
    v = s.dropna().str.strip()
    fmt = v.str.fullmatch(GS15_RE)
    out[v.index[~fmt]] = False
    v = v[fmt]
    if len(v):
        d = _matrix(v, 15).astype(np.int64) - ord("0")
        p = np.full(len(v), 10, dtype=np.int64)
        for j in range(14):
            x = (d[:, j] + p) % 10
            x[x == 0] = 10
            p = (2 * x) % 11
        out[v.index] = (11 - p) % 10 == d[:, 14]
    return out


def ric_valid(s: pd.Series) -> pd.Series:
    """GB 11643: format, birth date and check character; NaN → True."""
    out = pd.Series(True, index=s.index)
    v = s.dropna().str.strip()
    fmt = v.str.fullmatch(RIC_RE)
    out[v.index[~fmt]] = False
    v = v[fmt]
    if len(v):
        m = _matrix(v, 18)
        d = m[:, :17].astype(np.int64) - ord("0")
        ok = _RIC_CHECK[(d @ _RIC_W) % 11] == m[:, 17]
        born = pd.to_datetime(v.str.slice(6, 14), format="%Y%m%d", errors="coerce")
        out[v.index] = ok & born.notna().to_numpy() & (born.dt.year >= 1890).to_numpy()
    return out


def parse_dates(s: pd.Series) -> pd.Series:
    """'YYYY/MM/DD' text or the 'YYYY-MM-DD 00:00:00' pandas makes of a date cell → datetime64 (NaT)."""
    t = s.str.strip().str.replace(r"^(\d{4})-(\d{2})-(\d{2})(?: 00:00:00)?$", r"\1/\2/\3", regex=True)
    return pd.to_datetime(t, format="%Y/%m/%d", errors="coerce")


def _blank(s: pd.Series) -> pd.Series:
    return s.isna() | (s.str.strip() == "")


def _num(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s, errors="coerce")


def _add_months(d: pd.Series, months: pd.Series) -> pd.Series:
    """Vectorised calendar-month addition with end-of-month clamping (like sgs publication.add_months)."""
    y, m, day = d.dt.year, d.dt.month, d.dt.day
    total = y * 12 + (m - 1) + months
    ny, nm = total // 12, total % 12 + 1
    first = pd.to_datetime(pd.DataFrame({"year": ny, "month": nm, "day": 1}), errors="coerce")
    last_day = (first + pd.offsets.MonthEnd(0)).dt.day
    return first + pd.to_timedelta(np.minimum(day, last_day) - 1, unit="D")


# ------------------------------------------------------------------------------ schema

_CFLB_OK = set(E.CFLB_790) - {E.CF_OTHER} | set(E.CFLB_2021) | set(E.CFLB_VARIANTS)
_SPLIT = r"[；;,，]"


def _cflb_ok(s: pd.Series) -> pd.Series:
    items = s.dropna().str.split(_SPLIT, regex=True).explode().str.strip()
    items = items[items != ""]
    good = items.isin(_CFLB_OK) | items.str.match(r"^其他[-—_:：(（\s]*[^-—_:：(（\s)）]")
    bad_rows = good[~good].index.unique()
    out = pd.Series(True, index=s.index)
    out[bad_rows] = False
    return out


def _other_ok(s: pd.Series, canon) -> pd.Series:
    return s.isna() | s.isin(canon) | s.str.match(r"^其他[-—_:：(（\s]*[^-—_:：(（\s)）]")


def build_schema(kind: str, today: dt.date) -> pa.DataFrameSchema:
    spec = PENALTY if kind == "penalty" else LICENSE
    p = "CF" if kind == "penalty" else "XK"
    N = {f.code: f.name for f in spec.fields}
    cols = {}
    for f in spec.fields:
        checks = []
        if f.type is FieldType.DATE:
            checks.append(pa.Check(lambda s: s.isna() | parse_dates(s).notna(), name="date_parse"))
        elif f.type is FieldType.NUMBER:
            checks.append(pa.Check(lambda s: s.isna() | _num(s).notna(), name="numeric"))
            checks.append(pa.Check(lambda s: s.isna() | ~s.str.contains(r"\.\d{7,}$", regex=True),
                                   name="max_6_decimals"))
        else:
            if f.max_len and f.identifier:  # codes: length after removing white space and hyphens, as sgs
                checks.append(pa.Check(lambda s, n=f.max_len: s.isna() | (s.str.replace(r"[\s-]", "", regex=True)
                                                                          .str.len() <= n), name="max_len"))
            elif f.max_len:
                checks.append(pa.Check.str_length(max_value=f.max_len, name="max_len"))
            if f.type is FieldType.TEXT and f.public:
                checks.append(pa.Check(lambda s: ~s.str.contains(MOBILE_RE, regex=True, na=False), name="no_mobile"))
                checks.append(pa.Check(lambda s: ~s.str.contains(ID_IN_TEXT_RE, regex=True, na=False),
                                       name="no_id_number"))
        if f.code.endswith("XDR_LB"):
            checks.append(pa.Check.isin(E.XDR_LB, name="enum"))
        elif f.code.endswith("ZJLX"):
            checks.append(pa.Check(lambda s: _other_ok(s, E.ZJLX), name="enum"))
        elif f.code == "XK_XKLB":
            checks.append(pa.Check(lambda s: _other_ok(s, E.XKLB[:-1]), name="enum"))
        elif f.code == "XK_ZT":
            checks.append(pa.Check.isin(E.XK_ZT, name="enum"))
        elif f.code == "CF_CFLB":
            checks.append(pa.Check(_cflb_ok, name="enum"))
        if f.identifier == "uscc":
            if f.code.endswith("XDR_SHXYM"):  # the placeholder is judged by the wide check
                checks.append(pa.Check(lambda s: (s == PLACEHOLDER) | uscc_valid(s), name="uscc"))
            else:
                checks.append(pa.Check(uscc_valid, name="uscc"))
        elif f.identifier == "orgcode":
            checks.append(pa.Check(orgcode_valid, name="orgcode"))
        elif f.identifier == "gs15":
            checks.append(pa.Check(gs15_valid, name="gs15"))
        cols[f.name] = pa.Column(str, checks=checks, nullable=f.required is not Required.ALWAYS, required=True,
                                 coerce=False)

    c = lambda code: N[code]  # noqa: E731
    lb, shxym, gszc = c(f"{p}_XDR_LB"), c(f"{p}_XDR_SHXYM"), c(f"{p}_XDR_GSZC")
    org_fields = [c(f.code) for f in spec.fields if f.required in (Required.ORG, Required.ORG_OPTIONAL)]
    person_fields = [c(f.code) for f in spec.fields if f.required is Required.PERSON]
    orgs = (E.LB_ORG, E.LB_INDIVIDUAL)

    def org_required(df):
        is_org = df[lb].isin(orgs)
        return ~is_org | (~_blank(df[shxym]) & ~_blank(df[c(f"{p}_FRDB")]))

    def org_no_person_fields(df):
        is_org = df[lb].isin(orgs)
        return ~is_org | np.logical_and.reduce([_blank(df[x]) for x in person_fields])

    def person_required(df):
        is_p = df[lb] == E.LB_PERSON
        return ~is_p | np.logical_and.reduce([~_blank(df[x]) for x in person_fields])

    def person_no_org_fields(df):
        is_p = df[lb] == E.LB_PERSON
        return ~is_p | np.logical_and.reduce([_blank(df[x]) for x in org_fields])

    def placeholder_rule(df):
        ph = df[shxym] == PLACEHOLDER
        return ~ph | ((df[lb] == E.LB_INDIVIDUAL) & df[gszc].notna() & gs15_valid(df[gszc]))

    def prefix_rule(df):
        s = df[shxym].fillna("")
        return ~((s.str.startswith("92") & (df[lb] == E.LB_ORG)) | (s.str.startswith("91") & (df[lb] == E.LB_INDIVIDUAL)))

    auth = [c(f.code) for f in spec.fields if f.identifier == "uscc" and not f.code.endswith("XDR_SHXYM")]

    def authority_codes(df):
        ok = pd.Series(True, index=df.index)
        for a in auth:
            s = df[a].fillna("")
            ok &= (s != PLACEHOLDER) & (s.str.startswith("11") | s.str.startswith("12") | (s == ""))
        return ok

    def id_numbers(df):
        ok = pd.Series(True, index=df.index)
        for num, typ in ((f"{p}_XDR_ZJHM", f"{p}_XDR_ZJLX"), (f"{p}_FR_ZJHM", f"{p}_FR_ZJLX")):
            is_id = df[c(typ)].isin(("身份证", "居民身份证")) & df[c(num)].notna()
            ok &= ~is_id | ric_valid(df[c(num)].where(is_id))
        return ok

    def unique_decision(df):
        ident = df[shxym].fillna(df[c(f"{p}_XDR_ZJHM")])
        key = pd.DataFrame({"w": df[c(f"{p}_WSH")], "n": df[c(f"{p}_XDR_MC")], "i": ident})
        return df[c(f"{p}_WSH")].isna() | ~key.duplicated(keep="first")

    wide = [
        pa.Check(org_required, name="R1_R2_R4_org_required"),
        pa.Check(org_no_person_fields, name="R4_org_person_fields_empty"),
        pa.Check(person_required, name="R3_person_required"),
        pa.Check(person_no_org_fields, name="R3_person_org_fields_empty"),
        pa.Check(placeholder_rule, name="uscc_placeholder"),
        pa.Check(prefix_rule, name="R5_uscc_prefix"),
        pa.Check(authority_codes, name="R13_authority_codes"),
        pa.Check(id_numbers, name="idcard_checksum"),
        pa.Check(unique_decision, name="R14_duplicate"),
    ]
    today_ts = pd.Timestamp(today)
    if kind == "penalty":
        cflb, fk, wfff, zkdx, nr = c("CF_CFLB"), c("CF_NR_FK"), c("CF_NR_WFFF"), c("CF_NR_ZKDX"), c("CF_NR")
        jd, yxq, gs = c("CF_JDRQ"), c("CF_YXQ"), c("CF_GSJZQ")

        def has(df, word):
            return df[cflb].fillna("").str.contains(word, regex=False)

        def fine_required(df):
            return ~has(df, "罚款") | (_num(df[fk]) > 0)

        def confiscation_required(df):
            return ~(has(df, "没收违法所得") | has(df, "没收非法财物")) | (_num(df[wfff]) > 0)

        def revoked_required(df):
            return ~(has(df, "暂扣") | has(df, "吊销")) | ~_blank(df[zkdx])

        def fine_matches_content(df):
            m = df[nr].fillna("").str.extract(r"罚款(?:人民币)?(?:共计|计|金额)?[:：]?\s*([0-9][0-9,，]*(?:\.[0-9]+)?)\s*(万)?元")
            yuan = pd.to_numeric(m[0].str.replace(r"[,，]", "", regex=True), errors="coerce")
            yuan = yuan.where(m[1].isna(), yuan * 10000)
            amount = _num(df[fk])
            return yuan.isna() | amount.isna() | ((yuan / 10000 - amount).abs() < 1e-9)

        def date_order(df):
            d, y, g = parse_dates(df[jd]), parse_dates(df[yxq]), parse_dates(df[gs])
            return ~((y < d) | (g < d)).fillna(False) & ~(d > today_ts).fillna(False)

        def publication_period(df):
            d, g = parse_dates(df[jd]), parse_dates(df[gs])
            lo = pd.Series(3, index=df.index)
            hi = pd.Series(np.select([d < pd.Timestamp("2019-07-01"), d < pd.Timestamp("2023-05-01"),
                                      d < pd.Timestamp("2026-04-01")], [0, 12, 36], 12), index=df.index)
            valid = d.notna() & g.notna() & (hi > 0)
            dd = d.where(valid, pd.Timestamp("2000-01-01"))
            ok = (g >= _add_months(dd, lo)) & (g <= _add_months(dd, hi))
            return ~valid | ok

        wide += [
            pa.Check(fine_required, name="R6_fine_amount"),
            pa.Check(confiscation_required, name="R7_confiscation_amount"),
            pa.Check(revoked_required, name="R8_revoked_licence"),
            pa.Check(fine_matches_content, name="R6_fine_matches_content"),
            pa.Check(date_order, name="R11_date_order"),
            pa.Check(publication_period, name="publication_period"),
        ]
    else:
        jd, start, end = c("XK_JDRQ"), c("XK_YXQZ"), c("XK_YXQZI")

        def licence_dates(df):
            d, s, e = parse_dates(df[jd]), parse_dates(df[start]), parse_dates(df[end])
            return ~((s > e) | (s < d) | (d > today_ts)).fillna(False)

        wide.append(pa.Check(licence_dates, name="R11_date_order"))
    return pa.DataFrameSchema(cols, checks=wide, strict=False, name=f"790-{kind}")


# ------------------------------------------------------------------------------ runner

def read(path: str) -> pd.DataFrame:
    if path.lower().endswith((".csv", ".txt")):
        return pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    return pd.read_excel(path, engine="calamine", dtype=str)


def run(path: str, kind: str | None = None, today: dt.date = dt.date(2030, 1, 1), expected: dict | None = None) -> dict:
    t0 = time.perf_counter()
    df = read(path)
    t1 = time.perf_counter()
    if kind is None:
        kind = "penalty" if PENALTY.fields[-2].name in df.columns and "处罚类别" in df.columns else "license"
    schema = build_schema(kind, today)
    failures = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            schema.validate(df, lazy=True)
        except pa.errors.SchemaErrors as e:
            failures = e.failure_cases
    t2 = time.perf_counter()
    out = {"tool": "pandera", "kind": kind, "rows": len(df), "read_s": round(t1 - t0, 3),
           "validate_s": round(t2 - t1, 3), "failure_cases": 0, "failing_rows": 0, "by_check": {}}
    if failures is not None:
        f = failures[failures["index"].notna()]
        rows = set((f["index"].astype(int) + 2).tolist())  # DataFrame index 0 = physical row 2
        out["failing_rows"] = len(rows)
        # a column check fails per cell; a DataFrame-wide check is reported by pandera once per column of
        # the failing row — count it once per row
        is_wide = f["schema_context"] == "DataFrameSchema"
        cells = f[~is_wide].drop_duplicates(["index", "column", "check"])
        wide = f[is_wide].drop_duplicates(["index", "check"])
        out["failure_cases"] = len(cells) + len(wide)
        by = {f"{col}:{chk}": int(n) for (col, chk), n in cells.groupby(["column", "check"]).size().items()}
        by.update({f"*:{chk}": int(n) for chk, n in wide.groupby("check").size().items()})
        out["by_check"] = by
        other = failures[failures["index"].isna()]
        if len(other):
            out["schema_level"] = other[["column", "check"]].astype(str).agg(":".join, axis=1).tolist()[:20]
        if expected is not None:
            want = {r for r, _c, _code in expected["injected"]}
            out["expected_rows"] = len(want)
            out["expected_rows_flagged"] = len(want & rows)
            out["other_rows_flagged"] = len(rows - want)
    elif expected is not None:
        out.update(expected_rows=len(expected["injected"]), expected_rows_flagged=0, other_rows_flagged=0)
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description="pandera baseline for the 790 sheets")
    ap.add_argument("file")
    ap.add_argument("--kind", choices=("penalty", "license"))
    ap.add_argument("--today", default="2030-01-01")
    ap.add_argument("--expected", help="<name>.expected.json of bench/generate.py")
    a = ap.parse_args(argv)
    exp = None
    if a.expected:
        with open(a.expected, encoding="utf-8") as fh:
            exp = json.load(fh)
    res = run(a.file, a.kind, dt.date.fromisoformat(a.today), exp)
    print(json.dumps(res, ensure_ascii=False))


if __name__ == "__main__":
    main()
