"""Administrative division codes (GB/T 2260, 6 digits: province, prefecture, county) for 地方编码 (issue 26
part 4): “北京市” or a postcode (“641200”) where a 6-digit division code belongs, a county code that never
existed, or a code abolished before the year of the decision.

Two lists:

* prefecture level — the first 4 digits — of the 统计用区划代码 {YEAR} (国家统计局, as compiled in
  modood/Administrative-divisions-of-China ``dist/cities.csv``), with the prefecture-level units abolished or
  renumbered since 2010: the statistical groupings (4190 省直辖县级行政区划 …) are there too;
* every code of county level and above in use at the end of some year from 2000 to {LAST} with its years —
  ``divisions.csv.gz`` beside this module, built by scripts/build_divisions.py from yescallop/areacodes
  (CC0 1.0), which compiles the 民政部 中华人民共和国县级以上行政区划代码 of each year (state at 31 December).

A code is judged by the year of its decision: valid from the year its list first holds it, and still in the
year it was abolished (the change came during that year); a decision dated after that year carrying it is a
finding, with the code the area went to. A code newer than the decision is not (the ledger was filled in
with the place's code of today). Not in the 民政部 list but accepted when their prefecture is: the
统计用区划代码 of 开发区 (county digits 71–79, e.g. 410171 郑州经济技术开发区) and the 市辖区 codes (01).
"""

from __future__ import annotations

import csv
import gzip
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

YEAR = 2023
#: the last year of divisions.csv.gz (民政部 list of 31 December {LAST})
LAST = 2024
DATA = Path(__file__).with_name("divisions.csv.gz")
PROVINCES = frozenset({"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
                       "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
                       "81", "82"})
#: prefecture-level codes (4 digits) of the 统计用区划代码 {YEAR}
PREFECTURES = frozenset({
    "1101", "1201", "1301", "1302", "1303", "1304", "1305", "1306", "1307", "1308", "1309", "1310", "1311", "1401", "1402", "1403",
    "1404", "1405", "1406", "1407", "1408", "1409", "1410", "1411", "1501", "1502", "1503", "1504", "1505", "1506", "1507", "1508",
    "1509", "1522", "1525", "1529", "2101", "2102", "2103", "2104", "2105", "2106", "2107", "2108", "2109", "2110", "2111", "2112",
    "2113", "2114", "2201", "2202", "2203", "2204", "2205", "2206", "2207", "2208", "2224", "2301", "2302", "2303", "2304", "2305",
    "2306", "2307", "2308", "2309", "2310", "2311", "2312", "2327", "3101", "3201", "3202", "3203", "3204", "3205", "3206", "3207",
    "3208", "3209", "3210", "3211", "3212", "3213", "3301", "3302", "3303", "3304", "3305", "3306", "3307", "3308", "3309", "3310",
    "3311", "3401", "3402", "3403", "3404", "3405", "3406", "3407", "3408", "3410", "3411", "3412", "3413", "3415", "3416", "3417",
    "3418", "3501", "3502", "3503", "3504", "3505", "3506", "3507", "3508", "3509", "3601", "3602", "3603", "3604", "3605", "3606",
    "3607", "3608", "3609", "3610", "3611", "3701", "3702", "3703", "3704", "3705", "3706", "3707", "3708", "3709", "3710", "3711",
    "3713", "3714", "3715", "3716", "3717", "4101", "4102", "4103", "4104", "4105", "4106", "4107", "4108", "4109", "4110", "4111",
    "4112", "4113", "4114", "4115", "4116", "4117", "4190", "4201", "4202", "4203", "4205", "4206", "4207", "4208", "4209", "4210",
    "4211", "4212", "4213", "4228", "4290", "4301", "4302", "4303", "4304", "4305", "4306", "4307", "4308", "4309", "4310", "4311",
    "4312", "4313", "4331", "4401", "4402", "4403", "4404", "4405", "4406", "4407", "4408", "4409", "4412", "4413", "4414", "4415",
    "4416", "4417", "4418", "4419", "4420", "4451", "4452", "4453", "4501", "4502", "4503", "4504", "4505", "4506", "4507", "4508",
    "4509", "4510", "4511", "4512", "4513", "4514", "4601", "4602", "4603", "4604", "4690", "5001", "5002", "5101", "5103", "5104",
    "5105", "5106", "5107", "5108", "5109", "5110", "5111", "5113", "5114", "5115", "5116", "5117", "5118", "5119", "5120", "5132",
    "5133", "5134", "5201", "5202", "5203", "5204", "5205", "5206", "5223", "5226", "5227", "5301", "5303", "5304", "5305", "5306",
    "5307", "5308", "5309", "5323", "5325", "5326", "5328", "5329", "5331", "5333", "5334", "5401", "5402", "5403", "5404", "5405",
    "5406", "5425", "6101", "6102", "6103", "6104", "6105", "6106", "6107", "6108", "6109", "6110", "6201", "6202", "6203", "6204",
    "6205", "6206", "6207", "6208", "6209", "6210", "6211", "6212", "6229", "6230", "6301", "6302", "6322", "6323", "6325", "6326",
    "6327", "6328", "6401", "6402", "6403", "6404", "6405", "6501", "6502", "6504", "6505", "6523", "6527", "6528", "6529", "6530",
    "6531", "6532", "6540", "6542", "6543", "6590",
})
#: prefecture-level units abolished or renumbered since 2010, with the year they ended
ABOLISHED = {"1102": 2015, "1202": 2016, "3102": 2016, "3414": 2011, "3712": 2019, "5221": 2011, "5224": 2011,
             "5421": 2014, "5422": 2016, "5423": 2014, "5424": 2017, "5426": 2015, "6321": 2013, "6521": 2015,
             "6522": 2016}
_SIX = re.compile(r"\d{6}")


@dataclass(frozen=True, slots=True)
class Period:
    start: int  # the first year whose list (31 December) holds the code
    end: int | None  # the first year whose list no longer holds it; None: in use
    name: str
    successors: tuple[str, ...]  # the codes the area went to


@lru_cache(maxsize=1)
def periods() -> dict[str, tuple[Period, ...]]:
    """code → its periods of use (divisions.csv.gz, read once)."""
    out: dict[str, list[Period]] = {}
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for row in csv.reader(line for line in f if not line.startswith("#")):
            code, start, end, name, successors = row
            out.setdefault(code, []).append(Period(int(start), int(end) if end else None, name,
                                                   tuple(c for c in successors.split(";") if c)))
    return {k: tuple(v) for k, v in out.items()}


def division_problem(text: str) -> str | None:
    """Why a 地方编码 is no division code (None: it is one): not 6 digits, an unknown province, a
    prefecture that is none ({YEAR} list and the units abolished since 2010), or a county-level code no list
    of 2000–{LAST} holds. Province (110000) and prefecture (410100) codes themselves are division codes. A
    code valid once but abolished before the year of a decision is not judged here (:func:`abolished`)."""
    s = text.strip()
    if not _SIX.fullmatch(s):
        return "不是6位数字"
    if s[:2] not in PROVINCES:
        return f"前两位“{s[:2]}”不是省级区划"
    if s[2:] == "0000" or s[:2] in ("71", "81", "82"):
        return None
    if s[:4] not in PREFECTURES and s[:4] not in ABOLISHED:
        return f"没有“{s[:4]}”这一地级区划（{YEAR}年统计用区划代码）"
    if s in periods() or s[4:] == "00" or s[4:] == "01" or "71" <= s[4:] <= "79":
        return None
    return f"没有“{s}”这一县级区划（民政部2000—{LAST}年县级以上行政区划代码）"


def abolished(text: str, year: int) -> Period | None:
    """The last period of a code no longer in use in ``year`` (abolished or renumbered before it), or None:
    in use that year, abolished during it, newer than it, or not a listed code at all. A decision of a year
    after {LAST} is judged by the {LAST} list."""
    got = periods().get(text.strip())
    if not got or any(p.end is None or p.end >= year for p in got):
        return None
    return max(got, key=lambda p: p.end or 0)  # every end is set here (checked above)


def division_name(code: str) -> str:
    """“130505 任泽区” — a code with the name of its latest period (the code alone when not listed)."""
    got = periods().get(code)
    return f"{code} {got[-1].name}" if got else code
