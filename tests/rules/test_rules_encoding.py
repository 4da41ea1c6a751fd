"""rules/encoding.py — TEXT_MOJIBAKE (issue 26 part 4): a 许可内容 with 29 U+FFFD replacement characters passed."""

import pytest

from conftest import LICENSE_ORG, PENALTY_ORG, cell, keys


def test_replacement_characters_in_licence_content(sheet):
    text = "准予" + "\ufffd" * 29 + "经营许可"
    findings = sheet.findings("license", [dict(LICENSE_ORG, XK_NR=text)])
    assert keys(findings) == {("TEXT_MOJIBAKE", cell("license", "XK_NR", 2), "warning")}
    [f] = findings
    assert f.message == "“许可内容”含乱码（29个替换字符“\ufffd”），疑似导出或转换时编码错误"


@pytest.mark.parametrize("text, what", [
    ("锟斤拷锟斤拷商贸有限公司", "“锟斤拷”"),
    ("ä¸\xadç\x89\x9fåŽ¿", "按 Latin-1 读出的中文"),  # 中牟县 as UTF-8 bytes read as Latin-1
])
def test_other_signs_of_a_wrong_encoding(sheet, text, what):
    findings = sheet.findings("penalty", [dict(PENALTY_ORG, CF_XDR_MC=text)])
    [f] = [f for f in findings if f.code == "TEXT_MOJIBAKE"]
    assert (f.cell, f.message) == (cell("penalty", "CF_XDR_MC", 2), f"“行政相对人名称”含乱码（{what}），疑似导出或转换时编码错误")


def test_clean_chinese_and_accented_latin_pass(sheet):
    assert sheet.findings("penalty", [dict(PENALTY_ORG, CF_XDR_MC="中牟县Café咖啡馆")]) == []
