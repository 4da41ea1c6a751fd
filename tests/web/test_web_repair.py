"""The 信用修复 list on the page (mode repair of /lists): the same list as `sgs deadlines --repair`, and the
publication list with the register uploaded beside the penalties shows the repaired dates."""

from __future__ import annotations

import html as h
import io
import re
import sys
from pathlib import Path

import pytest

pytest.importorskip("flask", reason="网页组件未安装：pip install -e '.[test]'")

from webutil import csrf  # noqa: E402

from sgs_cli.web.app import create_app  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))
from test_cli_repair import _penalties, _register  # noqa: E402


def _rows(page: str) -> list[list[str]]:
    table = page[page.index('id="list"'):].split("</table>")[0]
    return [[h.unescape(c) for c in re.findall(r"<td>(.*?)</td>", tr, re.S)]
            for tr in re.findall(r'<tr class="item">(.*?)</tr>', table, re.S)]


def _post(c, mode: str, files: list[Path], **form):
    token = csrf(c.get("/lists").get_data(as_text=True))
    data = {"csrf_token": token, "mode": mode, "today": "2025-11-10", **form,
            "files": [(io.BytesIO(p.read_bytes()), p.name) for p in files]}
    return c.post("/lists", data=data, content_type="multipart/form-data")


def test_repair_list_on_the_page(tmp_path):
    c = create_app(work_dir=tmp_path / "work").test_client()
    r = _post(c, "repair", [_register(tmp_path)], within="")
    page = r.get_data(as_text=True)
    assert r.status_code == 200, page
    rows = _rows(page)
    assert [(x[0], x[2], x[10]) for x in rows][:4] == [
        ("已撤下（逾期）", "中市监罚〔2025〕31号", "2025-10-21"), ("已撤下（按时）", "中市监罚〔2025〕32号", "2025-04-11"),
        ("已超期（决定）", "中市监罚〔2025〕33号", ""), ("已超期（撤下）", "中市监罚〔2025〕34号", "2025-11-06")]
    assert "共 7 件：今天到期 0，未到期 0，已超期 2，已撤下 3，未准予修复 2" in page


def test_publication_list_with_the_register_uploaded(tmp_path):
    c = create_app(work_dir=tmp_path / "work").test_client()
    r = _post(c, "publication", [_penalties(tmp_path), _register(tmp_path)], within="")
    page = r.get_data(as_text=True)
    assert r.status_code == 200, page
    assert [(x[0], x[5]) for x in _rows(page)] == [
        ("中市监罚〔2025〕31号", "2025-10-21"), ("中市监罚〔2025〕33号", "2028-03-10"),
        ("中市监罚〔2025〕34号", "2025-11-06"), ("中市监罚〔2025〕38号", "2028-03-10")]
