"""Render every workbook and document the fixture county produces to A4 pages, as a clerk prints them, and write
the pictures of docs/print/ (one PNG per page shown, linked from the README).

    python scripts/render_docs.py            # all documents → docs/print/*.png
    python scripts/render_docs.py --keep DIR # also keep the workbooks, .docx and PDFs in DIR

Needs LibreOffice (``soffice``) and poppler (``pdftoppm``); run by hand, never in the tests. The county is
tests/county_quarter.py (third quarter of 2026, statistics date 2026-10-20); the annual assessment is made in
January 2027, as offices write it, when December's decisions may still be 待定.

Machines without Windows fonts: 宋体 / 黑体 / 仿宋_GB2312 / 方正小标宋简体 are mapped by a private fontconfig file
to the free CJK fonts installed (文鼎 PL 简报宋, 文泉驿正黑, 文鼎 PL 简中楷), so the pages show the layout
with Chinese glyphs in the intended kind of face.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "print"
FONT_ALIASES = {  # office font → free font with the same kind of face
    "宋体": "AR PL SungtiL GB", "SimSun": "AR PL SungtiL GB", "方正小标宋简体": "AR PL SungtiL GB",
    "仿宋_GB2312": "AR PL UMing CN", "仿宋": "AR PL UMing CN", "楷体_GB2312": "AR PL KaitiM GB",
    "黑体": "WenQuanYi Zen Hei", "SimHei": "WenQuanYi Zen Hei",
}
#: (file made by the run, picture name, the pages shown: each found by a text on it, in this order)
SHOWN = [
    ("月报告.xlsx", "monthly", ["工作月报告（2026年9月）", "分部门情况", "逾期报送及逾期未报送明细"]),
    ("季度通报.xlsx", "quarterly", ["工作季度通报（2026年第3季度）", "报送排名", "各部门分月及时率"]),
    ("季度通报_通报稿.docx", "quarterly-draft", ["各有关部门", "附件"]),
    ("年度考核.xlsx", "annual", ["工作年度考核（2026年度）", "扣分明细", "浅色部分为待定范围"]),
    ("年度考核_考核结果通报稿.docx", "annual-draft", ["主送机关", "年  月  日"]),
    ("拆分/退回_统计局台账.xlsx", "return", ["退回修改清单", "错误原因"]),
    ("催报清单.xlsx", "reminders", ["催报清单", "中牟县统计局："]),
    ("公示数据.xlsx", "public", ["行政许可信息公示", "行政处罚信息公示"]),
]


def _page_with(pdf: Path, text: str, after: int = 0) -> int | None:
    """The first page after ``after`` whose text holds ``text`` (spaces ignored: the PDF spaces out CJK)."""
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                          text=True).stdout).group(1))
    for page in range(after + 1, n + 1):
        got = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True,
                             text=True).stdout
        if text.replace(" ", "") in re.sub(r"\s+", "", got):
            return page
    return None


def _fontconfig(tmp: Path) -> dict:
    aliases = "".join(f"<alias binding=\"same\"><family>{k}</family><prefer><family>{v}</family></prefer></alias>"
                      for k, v in FONT_ALIASES.items())
    conf = tmp / "fonts.conf"
    conf.write_text("<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig>"
                    "<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>" + aliases + "</fontconfig>",
                    encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def sgs(*args, cwd: Path) -> None:
    home = cwd / ".home"  # the built-in calendar only, never the user's holidays file
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "PYTHONPATH": path, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
           "APPDATA": str(home / "AppData")}
    env.pop("SGS_HOLIDAYS", None)
    r = subprocess.run([sys.executable, "-m", "sgs_cli", *map(str, args)], cwd=cwd, env=env, capture_output=True,
                       text=True)
    if r.returncode not in (0, 1):
        raise SystemExit(f"sgs {' '.join(map(str, args))}: {r.returncode}\n{r.stdout}\n{r.stderr}")


def produce(work: Path) -> None:
    """The county's documents of the year, each made by the command a clerk runs."""
    sys.path.insert(0, str(ROOT / "tests"))
    sys.path.insert(0, str(ROOT / "src"))
    from county_quarter import TODAY, write_all, write_december

    p = write_all(work / "县")
    year = work / "县" / "全年台账"  # January 2027: the year's ledgers, December's included
    shutil.copytree(p["folder"], year)
    write_december(year)
    unit = "中牟县发展和改革委员会"
    folder, roster, register = p["folder"], p["roster"], p["register"]
    sgs("validate", folder / "统计局台账.xlsx", "--today", TODAY, "--split", work / "拆分", cwd=work)
    sgs("monthly-report", "--month", "2026-09", folder, "--roster", roster, "--today", TODAY, "--unit", unit,
        "-o", work / "月报告.xlsx", cwd=work)
    sgs("quarterly-report", "--quarter", "2026Q3", folder, "--roster", roster, "--register", register,
        "--today", TODAY, "--unit", unit, "-o", work / "季度通报.xlsx", cwd=work)
    sgs("annual-assessment", "--year", "2026", year, "--roster", roster, "--register", register,
        "--today", "2027-01-12", "--unit", unit, "-o", work / "年度考核.xlsx", cwd=work)
    sgs("deadlines", "--ledger", folder, "--due-within", "3", "--today", "2026-09-15", "-o", work / "催报清单.xlsx",
        cwd=work)
    # the county keeps 773 ledgers; the website's 790 tables are the examples'
    sgs("export", "--public", ROOT / "examples" / "行政许可台账.xlsx", ROOT / "examples" / "行政处罚台账.xlsx",
        "--today", "2019-12-02", "-o", work / "公示数据.xlsx", cwd=work)


def render(work: Path, env: dict) -> list[Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    pdfs = work / "pdf"
    pdfs.mkdir(exist_ok=True)
    written = []
    for name, picture, wanted in SHOWN:
        src = work / name
        if not src.exists():
            print(f"未生成：{name}", file=sys.stderr)
            continue
        profile = (work / "lo-profile").resolve().as_uri()  # its own profile: another LibreOffice may be running
        subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(pdfs), str(src)],
                       env=env, check=True, capture_output=True)
        pdf = pdfs / (src.stem + ".pdf")
        shots = work / "png" / picture
        shots.mkdir(parents=True, exist_ok=True)
        for n, text in enumerate(wanted, start=1):
            page = _page_with(pdf, text) or 1
            subprocess.run(["pdftoppm", "-r", "70", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf),
                            str(OUT / f"{picture}-{n}")], check=True)
            written.append(OUT / f"{picture}-{n}.png")
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", type=Path, help="keep the workbooks, documents and PDFs in this folder")
    args = ap.parse_args()
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            raise SystemExit(f"需要 {tool}（LibreOffice / poppler-utils）")
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        produce(work)
        for p in render(work, _fontconfig(Path(tmp))):
            print(p.relative_to(ROOT))


if __name__ == "__main__":
    main()
