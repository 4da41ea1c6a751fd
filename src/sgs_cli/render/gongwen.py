"""The 公文 drafts (.docx) of `quarterly-report` (通报) and `annual-assessment` (考核结果通报): the draft text laid
out as GB/T 9704-2012 asks, so that a clerk opens it in WPS Writer or Word, reads it, fills the 成文日期 and sends
it for signature.

* A4, 版心 156 mm × 225 mm: 天头 37 mm, 订口 28 mm (right 26 mm, bottom 35 mm);
* 28 lines of 28 characters: a document grid (lines and characters) with 22.8 pt line pitch;
* 标题 in 方正小标宋简体 二号 (22 pt), centred; 主送机关 flush left; 正文 in 仿宋_GB2312 三号 (16 pt), first line
  indented two characters; the 一、 headings of the text in 黑体;
* 附件 line naming the workbook; 落款 (the issuing office, or a placeholder) and 成文日期 placeholder, right-aligned
  four characters from the margin; page numbers "— N —" in the footer.

python-docx (pure Python) writes the file; the text comes from render/quarterly_text.bulletin_text and render/assessment.report_text, the same
as the workbook's draft sheet.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from pathlib import Path

from sgs_cli.render.typography import (
    GONGWEN_BODY_FONT,
    GONGWEN_BODY_PT,
    GONGWEN_HEADING_FONTS,
    GONGWEN_TITLE_FONT,
    GONGWEN_TITLE_PT,
)

#: GB/T 9704-2012 page (mm)
TOP_MM, LEFT_MM, TEXT_W_MM, TEXT_H_MM = 37, 28, 156, 225
LINES, CHARS = 28, 28
#: 156 mm holds 27.6 characters of 16 pt: each character is drawn 0.25 pt closer (in twentieths of a point), so a
#: line holds 28 (15.75 pt × 28 = 441 pt ≤ 442 pt)
CHAR_SPACING_TW = -5
DATE_PLACEHOLDER = "    年  月  日"
SIGNER_PLACEHOLDER = "（发文机关署名）"
ADDRESSEE_PLACEHOLDER = "（主送机关）："
_HEADING = re.compile(r"^([一二三四五六七八九十]+、[^。：:]*[。：:])")


def draft_path(workbook: Path, kind: str) -> Path:
    """The draft beside the workbook: 双公示季度通报_2026Q3.xlsx → 双公示季度通报_2026Q3_通报稿.docx."""
    return workbook.with_name(f"{workbook.stem}_{kind}.docx")


def _fonts(run, east_asia: str, size_pt: float, bold: bool = False, spacing: int | None = None) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = east_asia
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), east_asia)
    if spacing is None and size_pt == GONGWEN_BODY_PT:
        spacing = CHAR_SPACING_TW
    if spacing:
        el = OxmlElement("w:spacing")
        el.set(qn("w:val"), str(spacing))
        rpr.append(el)


def _style_fonts(style, east_asia: str, size_pt: float) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.font.name = east_asia
    style.font.size = Pt(size_pt)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), east_asia)


def _page(doc) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.left_margin = Mm(TOP_MM), Mm(LEFT_MM)
    sec.right_margin = Mm(210 - LEFT_MM - TEXT_W_MM)
    sec.bottom_margin = Mm(297 - TOP_MM - TEXT_H_MM)
    sec.footer_distance = Mm(28 - 7 - 4)  # the page number 7 mm under the text block
    pitch = Pt(Mm(TEXT_H_MM).pt / LINES)
    grid = sec._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sec._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")  # 28 lines; the 28 characters come from the runs' spacing (CHAR_SPACING)
    grid.set(qn("w:linePitch"), str(round(pitch.pt * 20)))
    # footer: "— N —", 宋体 四号, centred (a PAGE field)
    p = sec.footer.paragraphs[0]
    p.alignment = 1
    for text, field in (("— ", False), ("PAGE", True), (" —", False)):
        run = p.add_run()
        if field:
            for kind, body in (("begin", None), (None, " PAGE "), ("end", None)):
                if kind:
                    el = OxmlElement("w:fldChar")
                    el.set(qn("w:fldCharType"), kind)
                else:
                    el = OxmlElement("w:instrText")
                    el.set(qn("xml:space"), "preserve")
                    el.text = body
                run._element.append(el)
        else:
            run.text = text
        _fonts(run, "宋体", 14)


def build_draft(paragraphs: list[str], *, signer: str = "", attachments: Sequence[str] = ()):
    """The python-docx Document of a draft: ``paragraphs`` = [标题, 主送, 正文…] as reports/ write them."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    doc = Document()
    _page(doc)
    pitch = Pt(round(TEXT_H_MM / 25.4 * 72 / LINES, 2))
    normal = doc.styles["Normal"]
    _style_fonts(normal, GONGWEN_BODY_FONT, GONGWEN_BODY_PT)
    pf = normal.paragraph_format
    pf.line_spacing_rule, pf.line_spacing = WD_LINE_SPACING.EXACTLY, pitch
    pf.space_before = pf.space_after = Pt(0)
    title_style = doc.styles["Title"]
    _style_fonts(title_style, GONGWEN_TITLE_FONT, GONGWEN_TITLE_PT)
    title_style.font.bold = False
    title_style.font.color.rgb = None
    tpf = title_style.paragraph_format
    tpf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tpf.line_spacing_rule, tpf.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(pitch.pt * 1.5)
    tpf.space_before, tpf.space_after = Pt(0), pitch
    heading_font = GONGWEN_HEADING_FONTS[0]

    title, *rest = paragraphs or [""]
    if not rest or not rest[0].endswith("："):
        rest = [ADDRESSEE_PLACEHOLDER] + rest  # a 公文 names whom it is sent to
    t = doc.add_paragraph(style="Title")
    # the title's border line Word's built-in Title style draws is not part of a 公文
    ppr = title_style.element.get_or_add_pPr()
    for el in ppr.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr"):
        ppr.remove(el)
    _fonts(t.add_run(title.replace("（草稿）", "")), GONGWEN_TITLE_FONT, GONGWEN_TITLE_PT)
    for i, text in enumerate(rest):
        p = doc.add_paragraph(style="Normal")
        if i == 0 and text.endswith("："):  # 主送机关: flush left
            _fonts(p.add_run(text), GONGWEN_BODY_FONT, GONGWEN_BODY_PT)
            continue
        p.paragraph_format.first_line_indent = Pt(GONGWEN_BODY_PT * 2)
        m = _HEADING.match(text)
        if m:  # 一、…。 in 黑体, the rest in 仿宋
            _fonts(p.add_run(m.group(1)), heading_font, GONGWEN_BODY_PT)
            text = text[m.end():]
        if text:
            _fonts(p.add_run(text), GONGWEN_BODY_FONT, GONGWEN_BODY_PT)
    doc.add_paragraph(style="Normal")  # one blank line before 附件
    for n, name in enumerate(attachments, start=1):
        p = doc.add_paragraph(style="Normal")
        p.paragraph_format.first_line_indent = Pt(GONGWEN_BODY_PT * 2)
        label = "附件：" if n == 1 else "　　　"
        _fonts(p.add_run(f"{label}{n}. {name}" if len(attachments) > 1 else f"附件：{name}"), GONGWEN_BODY_FONT,
               GONGWEN_BODY_PT)
    for _ in range(2):  # 落款 two lines under the text
        doc.add_paragraph(style="Normal")
    for text in (signer or SIGNER_PLACEHOLDER, DATE_PLACEHOLDER):
        p = doc.add_paragraph(style="Normal")
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(GONGWEN_BODY_PT * 4)  # 右空四字
        _fonts(p.add_run(text), GONGWEN_BODY_FONT, GONGWEN_BODY_PT)
    return doc


def write_draft(paragraphs: list[str], out: Path, *, signer: str = "", attachments: Sequence[str] = (),
                inputs=()) -> Path:
    """Write the draft atomically (a temporary file beside ``out``, then renamed); never over an input."""
    from sgs_cli.io.write import check_output_path

    out = check_output_path(out, inputs, suffixes=(".docx",))
    doc = build_draft(paragraphs, signer=signer, attachments=attachments)
    buf = io.BytesIO()
    doc.save(buf)
    tmp = out.with_name(f".{out.stem}.{os.getpid()}.tmp.docx")
    try:
        with open(tmp, "wb") as fh:
            fh.write(buf.getvalue())
        os.replace(tmp, out)
    except OSError as e:
        from sgs_cli.errors import OutputError

        raise OutputError(f"无法写入“{out}”：{e.strerror or e}", "请关闭正在打开该文件的程序，或换一个输出位置") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return out


__all__ = ["DATE_PLACEHOLDER", "SIGNER_PLACEHOLDER", "build_draft", "draft_path", "write_draft"]
