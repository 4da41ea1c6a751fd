"""Chinese typography of every workbook sgs writes: one body family, one heading family, nothing else.

Offices open the files in Excel or WPS on Windows and on 信创 desktops (UOS, 麒麟 with WPS): 宋体 (SimSun) and
黑体 (SimHei) ship with all of them, so the glyphs never come from a viewer's fallback font and digits print in
the same family as the Chinese text beside them (Calibri digits next to fallback Chinese was the old look).

* body: 宋体 — every cell, numbers and dates included;
* headings (the bold cells: titles, table heads, labels): 黑体;
* 公文 drafts (.docx, render/gongwen.py): 方正小标宋简体 title, 仿宋_GB2312 text, 黑体 / 楷体_GB2312 headings.

:func:`apply` rewrites the workbook's font table, not each cell: the style ids of the cells stay as they are,
so it costs the same for a receipt of 50,000 rows as for a one-page report. A font a department chose itself in
a copied ledger (any name other than the defaults openpyxl or Excel give) is kept.
"""

from __future__ import annotations

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
BODY_SIZE = 11
#: the smallest size anything may print at once the page is scaled (print layout, render/paper.py)
MIN_PRINT_PT = 9
#: 公文 (GB/T 9704): the title in 小标宋 二号 (22 pt), text in 仿宋 三号 (16 pt)
GONGWEN_TITLE_FONT = "方正小标宋简体"
GONGWEN_BODY_FONT = "仿宋_GB2312"
GONGWEN_HEADING_FONTS = ("黑体", "楷体_GB2312")  # 一、 and （一） headings
GONGWEN_TITLE_PT, GONGWEN_BODY_PT = 22, 16

#: font names that mean "nobody chose": openpyxl's and Excel's defaults, replaced by the office's fonts
DEFAULT_NAMES = frozenset({None, "", "Calibri", "Arial", "等线", "DengXian", "Microsoft YaHei", "微软雅黑"})
#: the families any cell of an sgs workbook may carry
FAMILIES = (BODY_FONT, HEADING_FONT)


def _restyle(font, *, heading: bool | None = None):
    from copy import copy

    if font.name not in DEFAULT_NAMES:
        return font
    new = copy(font)
    new.name = HEADING_FONT if (font.b if heading is None else heading) else BODY_FONT
    new.family = None  # a Latin family hint (2 = Swiss) would send WPS back to a Latin face
    new.scheme = None  # "minor" ties the cell to the theme's font (Calibri / 等线), not to the name
    new.charset = 134  # GB2312: Excel picks the Chinese face for every character
    if new.sz is None:
        new.sz = BODY_SIZE
    return new


def apply(wb) -> None:
    """Set 宋体 / 黑体 on every font of ``wb`` nobody chose (see :data:`DEFAULT_NAMES`), the workbook's default
    (Normal) style included, so empty cells and cells typed later are 宋体 too; chart texts likewise."""
    from openpyxl.styles import Font

    fonts = wb._fonts
    new = [_restyle(f) for f in fonts]
    for i, f in enumerate(new):
        list.__setitem__(fonts, i, f)
    fonts._dict = {}
    for i, f in enumerate(new):
        fonts._dict.setdefault(f, i)
    fonts.clean = True
    for style in wb._named_styles:
        if style.name == "Normal" or style.font.name in DEFAULT_NAMES:
            style.font = _restyle(style.font) if style.name != "Normal" else Font(name=BODY_FONT, sz=BODY_SIZE,
                                                                                 charset=134)
    for ws in wb.worksheets:
        for chart in getattr(ws, "_charts", ()):
            chart_fonts(chart)


def _text_props(size_pt: float = 9, bold: bool = False):
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Font as DFont, Paragraph, ParagraphProperties

    cp = CharacterProperties(latin=DFont(typeface=BODY_FONT), ea=DFont(typeface=BODY_FONT), sz=int(size_pt * 100),
                             b=bold)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=cp), endParaRPr=cp)])


def chart_fonts(chart) -> None:
    """The chart's texts (axes, labels, legend) in 宋体, 9 pt; its title in 黑体."""
    from openpyxl.drawing.text import Font as DFont

    chart.txPr = _text_props(9)
    for axis in (getattr(chart, "x_axis", None), getattr(chart, "y_axis", None)):
        if axis is not None:
            axis.txPr = _text_props(9)
    from openpyxl.drawing.text import CharacterProperties

    if chart.title is not None and chart.title.tx is not None and chart.title.tx.rich is not None:
        for p in chart.title.tx.rich.p:  # 黑体 11 pt: a title, not a headline over the bars
            for r in p.r or ():
                r.rPr = CharacterProperties(latin=DFont(typeface=HEADING_FONT), ea=DFont(typeface=HEADING_FONT),
                                            sz=1100, b=False)


def cell_family(cell) -> str | None:
    """The family a cell prints in (its font's name)."""
    return cell.font.name if cell.has_style else BODY_FONT


__all__ = ["BODY_FONT", "BODY_SIZE", "FAMILIES", "GONGWEN_BODY_FONT", "GONGWEN_TITLE_FONT", "HEADING_FONT",
           "MIN_PRINT_PT", "apply", "chart_fonts"]
