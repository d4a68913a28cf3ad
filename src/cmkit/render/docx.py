"""DOCX with python-docx, from the same context as every other format.

Word documents are built in code rather than from a template: a title page,
numbered headings, tables with a shaded header row repeated on each page,
real bulleted and numbered lists, A4 margins. Escalation chains are written
as indented lines (`Julie Martin (1 h) → Karim Benali (1 h)`), which survive
every word processor, where a drawing would not.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from contextlib import contextmanager

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ACCENT = RGBColor(0x8A, 0x3B, 0x12)
INK = RGBColor(0x1F, 0x24, 0x30)
MUTED = RGBColor(0x5B, 0x63, 0x72)
HEADER_FILL = "1F2430"
ZEBRA_FILL = "F6F3EF"
LINE_COLOR = "D9DCE3"
BODY_FONT = "Georgia"


class _Writer:
    """A thin layer over python-docx with the few blocks the documents use."""

    def __init__(self, context: dict) -> None:
        self.context = context
        self.L = context["L"]
        self.doc = Document()
        self.sections = 0
        self._style()

    def _style(self) -> None:
        for section in self.doc.sections:
            section.page_height, section.page_width = Cm(29.7), Cm(21)
            section.left_margin = section.right_margin = Cm(2)
            section.top_margin, section.bottom_margin = Cm(2), Cm(2.2)
            footer = section.footer.paragraphs[0]
            footer.text = f"{self.context['org']['name']} — {self.context['title']}"
            footer.runs[0].font.size = Pt(8)
            footer.runs[0].font.color.rgb = MUTED
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = BODY_FONT
        normal.font.size = Pt(10.5)
        normal.font.color.rgb = INK
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)
        for name, size in (("Title", 26), ("Heading 1", 16), ("Heading 2", 12.5)):
            style = styles[name]
            style.font.size = Pt(size)
            style.font.color.rgb = ACCENT if name != "Heading 2" else INK
            _set_font(style, BODY_FONT)  # over the theme's sans-serif heading font
        _remove_bottom_border(styles["Title"])
        self.doc.core_properties.title = f"{self.context['title']} — {self.context['org']['name']}"
        self.doc.core_properties.author = self.context["org"]["name"]
        self.doc.core_properties.language = self.context["lang"]

    def title_page(self) -> None:
        org = self.context["org"]
        name = self.doc.add_paragraph()
        run = name.add_run(org["name"].upper())
        run.font.size, run.font.color.rgb, run.bold = Pt(13), ACCENT, True
        self.doc.add_paragraph(self.context["title"], style="Title")
        self.paragraph(self.context["subtitle"], italic=True, color=MUTED)
        for line in (org["sector"], org["reports_to"]):
            if line:
                self.paragraph(line, color=MUTED)
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def heading(self, text: str, level: int = 1) -> None:
        if level == 1:
            self.sections += 1
            text = f"{self.sections}. {text}"
        self.doc.add_heading(text, level=level)

    def section(self, key: str) -> None:
        """A numbered section heading followed by its italic introduction."""
        self.heading(self.L["sections"][key])
        self.intro(self.L["intros"][key])

    def paragraph(self, text: str, *, italic: bool = False, bold: bool = False, color: RGBColor | None = None):
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run(text)
        run.italic, run.bold = italic, bold
        if color is not None:
            run.font.color.rgb = color
        return paragraph

    def intro(self, text: str) -> None:
        self.paragraph(text, italic=True, color=MUTED).paragraph_format.keep_with_next = True

    def label(self, text: str) -> None:
        """A bold line that introduces a list, and so never ends a page."""
        self.paragraph(text, bold=True).paragraph_format.keep_with_next = True

    @contextmanager
    def kept_together(self):
        """Everything written inside stays on one page when it fits one."""
        first = len(self.doc.paragraphs)
        yield
        for paragraph in self.doc.paragraphs[first:-1]:
            paragraph.paragraph_format.keep_with_next = True

    def bullets(self, items: Sequence[str], style: str = "List Bullet") -> None:
        for item in items:
            self.doc.add_paragraph(item, style=style)

    def numbered(self, items: Sequence[str]) -> None:
        self.bullets(items, style="List Number")

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> None:
        """A full-width table: shaded header row repeated on every page, zebra rows."""
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.style = "Table Grid"
        _light_borders(table)
        total = sum(widths)
        column_widths = [Cm(17 * w / total) for w in widths]
        table.autofit = False
        for column, width in zip(table.columns, column_widths):
            column.width = width  # the grid widths, which LibreOffice and Word both honour
        header = table.rows[0]
        _repeat_as_header(header)
        for cell, text, width in zip(header.cells, headers, column_widths):
            _fill(cell, text, width, shade=HEADER_FILL, bold=True, color=RGBColor(0xFF, 0xFF, 0xFF))
        for index, values in enumerate(rows):
            row = table.add_row()
            for cell, text, width in zip(row.cells, values, column_widths):
                _fill(cell, text, width, shade=ZEBRA_FILL if index % 2 else None)
        self.doc.add_paragraph()

    def chain(self, chain: dict) -> None:
        self.paragraph(chain["for"], color=MUTED)
        line = " → ".join(f"{s['name']} ({s['deadline']})" for s in chain["steps"])
        self.doc.add_paragraph(line).paragraph_format.left_indent = Cm(0.8)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def _set_font(style, font: str) -> None:
    """Name `font` for every script and drop the theme font that would otherwise win."""
    style.font.name = font
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font)


def _remove_bottom_border(style) -> None:
    """The default template underlines the title in blue; the cover has its own colours."""
    properties = style.element.pPr
    borders = properties.find(qn("w:pBdr")) if properties is not None else None
    if borders is not None:
        properties.remove(borders)


def _light_borders(table) -> None:
    """Thin grey rules instead of Word's black grid."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:color"), LINE_COLOR)
        borders.append(line)
    # the schema orders a table's properties: borders come before shading, layout, margins and look
    later = [properties.find(qn(f"w:{tag}")) for tag in ("shd", "tblLayout", "tblCellMar", "tblLook")]
    following = next((element for element in later if element is not None), None)
    if following is None:
        properties.append(borders)
    else:
        following.addprevious(borders)


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _fill(cell, text: str, width, *, shade: str | None = None, bold: bool = False, color: RGBColor | None = None) -> None:
    cell.width = width
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(2)
    run = paragraph.add_run(text)
    run.font.size = Pt(9)
    run.bold = bold
    if color is not None:
        run.font.color.rgb = color
    if shade:
        properties = cell._tc.get_or_add_tcPr()
        fill = OxmlElement("w:shd")
        fill.set(qn("w:val"), "clear")
        fill.set(qn("w:color"), "auto")
        fill.set(qn("w:fill"), shade)
        properties.append(fill)


# -- the pieces documents share -------------------------------------------


def _cell_list(items: Sequence[str]) -> str:
    """A short list inside a table cell, one bulleted line per item."""
    return "\n".join(f"• {item}" for item in items)


def _objectives(w: _Writer) -> None:
    h = w.L["headers"]
    w.table(
        (h["objective"], h["kpi"], h["target"]),
        [(o["statement"], o["kpi"], o["target"]) for o in w.context["objectives"]],
        (2.2, 2, 0.9),
    )


def _scope(w: _Writer) -> None:
    h = w.L["headers"]
    w.table(
        (h["topic"], h["action"], h["referent"], h["deadline"], h["process"]),
        [(r["label"], r["action_label"], r["referent"], r["deadline"], r["process_label"]) for r in w.context["scope"]],
        (2.3, 1.2, 1.3, 1.1, 1.4),
    )


def _autonomy(w: _Writer) -> None:
    autonomy = w.context["autonomy"]
    if autonomy["empty"]:
        w.paragraph(w.L["not_set"])
    for key in ("may", "must_not"):
        if autonomy[key]:
            w.label(w.L["headers"][key])
            w.bullets(autonomy[key])


def _tone(w: _Writer) -> None:
    tone = w.context["tone"]
    if tone["empty"]:
        w.paragraph(w.L["not_set"])
    for sentence in (tone["summary"], tone["signature_sentence"]):
        if sentence:
            w.paragraph(sentence)
    for key in ("do", "avoid", "forbidden"):
        if tone[key]:
            w.label(w.L["headers"][key])
            w.bullets(tone[key])


def _crisis(w: _Writer) -> None:
    crisis = w.context["crisis"]
    if crisis["defined"]:
        w.heading(w.L["crisis_triggers"], 2)
        w.bullets(crisis["triggers"])
        with w.kept_together():
            w.heading(w.L["crisis_procedure"], 2)
            w.numbered(crisis["steps"])
    else:
        w.paragraph(crisis["none"])
    w.paragraph(crisis["cascade"], italic=True, color=ACCENT)


# -- the three documents ----------------------------------------------------


def _charter(w: _Writer) -> None:
    c, L, h = w.context, w.L, w.L["headers"]
    w.section("objectives")
    _objectives(w)
    w.section("scope")
    _scope(w)
    w.paragraph(L["scope_note"], color=MUTED)
    w.section("handling")
    if c["handling"]["topics"]:
        w.table(
            (h["topic"], h["push"], h["report"], h["guidance"]),
            [
                (t["label"], _cell_list(t["push"]) or L["none"], _cell_list(t["report"]) or L["none"], t["guidance"] or L["none"])
                for t in c["handling"]["topics"]
            ],
            (1.5, 1.5, 1.5, 2.2),
        )
    if c["handling"]["reporting"]:
        w.paragraph(c["handling"]["reporting"])
    if c["handling"]["metrics"]:
        w.label(L["handling_metrics"])
        w.bullets(c["handling"]["metrics"])
    w.paragraph(c["handling"]["follow_up"])
    w.section("autonomy")
    _autonomy(w)
    w.section("subsidiarity")
    for chain in c["chains"]:
        w.chain(chain)
    w.section("support")
    if c["support"]["note"]:
        w.paragraph(c["support"]["note"])
    w.table(
        (h["contact"], h["role"], h["respond_within"], h["backup"], h["fastest_channel"]),
        [(p["name"], p["role"], p["respond_within"], p["backup"], p["status"]) for p in c["support"]["contacts"]],
        (1.3, 1.8, 1.1, 1.3, 2),
    )
    if c["support"]["channels"]:
        w.table(
            (h["channel"], h["visibility"], h["expected_response"]),
            [(ch["name"], ch["visibility"], ch["expected_response"]) for ch in c["support"]["channels"]],
            (2.5, 1, 1.3),
        )
    w.section("style")
    _tone(w)
    w.section("integration")
    if not c["integration"]:
        w.paragraph(L["not_set"])
    for process in c["integration"]:
        w.heading(process["label"], 2)
        w.paragraph(process["intro"])
        w.bullets(process["topics"])
    w.section("crisis")
    _crisis(w)


def _onboarding(w: _Writer) -> None:
    c, L = w.context, w.L
    sections, h = L["sections"], L["headers"]
    w.paragraph(L["onboarding_welcome"])
    w.heading(sections["first_week"])
    w.bullets(c["week"])
    w.heading(sections["who_to_call"])
    w.table(
        (h["contact"], h["receives"], h["respond_within"], h["backup"]),
        [
            ("\n".join(line for line in (p["name"], p["role"], p["email"]) if line), p["receives"], p["respond_within"], p["backup"])
            for p in c["who_to_call"]
        ],
        (2, 2.2, 1, 1.3),
    )
    w.heading(sections["may_i_answer"])
    w.table(
        (h["topic"], h["answer"], h["deadline"], h["guidance"]),
        [(r["label"], r["answer"], r["deadline"], r["guidance"] or L["none"]) for r in c["scope"]],
        (1.6, 1.5, 0.9, 2.6),
    )
    w.paragraph(L["scope_note"], color=MUTED)
    _autonomy(w)
    w.heading(sections["tone_sheet"])
    _tone(w)
    with w.kept_together():
        w.heading(sections["crisis_page"])
        _crisis(w)


def _handout(w: _Writer) -> None:
    c, L = w.context, w.L
    sections, h = L["sections"], L["headers"]
    w.heading(sections["framework"])
    for part in c["framework"]:
        w.heading(part["title"], 2)
        for paragraph in part["paragraphs"]:
            w.paragraph(paragraph)
    _objectives(w)
    w.heading(c["process_summary"], 2)
    _scope(w)
    w.page_break()
    w.heading(sections["exercises"])
    w.intro(L["exercise_intro"])
    w.numbered([e["quoted"] for e in c["exercises"]])
    w.heading(L["discussion_title"], 2)
    w.bullets(c["discussion"])
    w.page_break()
    w.heading(sections["answer_key"])
    w.table(
        ("#", h["decision"], h["topic"], h["deadline"], h["matched"]),
        [(str(a["number"]), a["verdict"], a["topic"], a["deadline"], ", ".join(a["matched"])) for a in c["answer_key"]],
        (0.5, 1.9, 2.6, 1, 1.7),
    )


_BUILDERS: dict[str, Callable[[_Writer], None]] = {
    "charter": _charter,
    "onboarding": _onboarding,
    "handout": _handout,
}


def render_docx(document: str, context: dict) -> bytes:
    """The DOCX bytes of `document`."""
    writer = _Writer(context)
    writer.title_page()
    _BUILDERS[document](writer)
    return writer.to_bytes()
