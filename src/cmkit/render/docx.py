"""DOCX with python-docx, from the same context as every other format.

Word documents are built in code rather than from a template: a title page,
numbered headings, tables with a shaded header row repeated on each page,
real bulleted and numbered lists, A4 margins. Escalation chains are written
as indented lines (`Julie Martin (1 h) → Karim Benali (1 h)`), which survive
every word processor, where a drawing would not.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from datetime import datetime

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
ACTION_COLORS = {
    "answer": RGBColor(0x2B, 0x6A, 0x3F),
    "escalate": ACCENT,
    "moderate": RGBColor(0x5A, 0x4E, 0x9A),
    "decline": MUTED,
    "crisis": RGBColor(0xA4, 0x16, 0x1A),
}
#: Proofing language of each playbook language, so Word checks French as French.
PROOFING = {"fr": "fr-FR", "en": "en-GB"}
#: The zip timestamp of every part when the playbook gives no date: the earliest a zip can hold.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


class _Writer:
    """A thin layer over python-docx with the few blocks the documents use."""

    def __init__(self, context: dict) -> None:
        self.context = context
        self.L = context["L"]
        self.doc = Document()
        self.accent = RGBColor.from_string(context["brand"]["color"].lstrip("#").upper())
        self.sections = 0
        self._style()

    def _style(self) -> None:
        for section in self.doc.sections:
            section.page_height, section.page_width = Cm(29.7), Cm(21)
            section.left_margin = section.right_margin = Cm(2)
            section.top_margin, section.bottom_margin = Cm(2), Cm(2.2)
            control = self.context["control"]
            footer = section.footer.paragraphs[0]
            words = f"{self.context['org']['name']} — {self.context['title']}"
            if control["footer"]:
                words += f" — {control['footer']}"
            run = footer.add_run(words + "\t")
            run.font.size, run.font.color.rgb = Pt(8), MUTED
            footer.paragraph_format.tab_stops.add_tab_stop(Cm(17), alignment=2)  # right
            _field(footer, "PAGE", size=8)
            end = footer.add_run(" / ")
            end.font.size, end.font.color.rgb = Pt(8), MUTED
            _field(footer, "NUMPAGES", size=8)
            if control["draft"]:
                header = section.header.paragraphs[0]
                header.alignment = 1  # centred
                mark = header.add_run(control["draft_mark"])
                mark.bold, mark.font.size, mark.font.color.rgb = True, Pt(14), ACTION_COLORS["crisis"]
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = BODY_FONT
        normal.font.size = Pt(10.5)
        normal.font.color.rgb = INK
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)
        _set_language(normal, PROOFING.get(self.context["lang"], "en-GB"))
        for name, size in (("Title", 26), ("Heading 1", 16), ("Heading 2", 12.5)):
            style = styles[name]
            style.font.size = Pt(size)
            style.font.color.rgb = self.accent if name != "Heading 2" else INK
            _set_font(style, BODY_FONT)  # over the theme's sans-serif heading font
        _remove_bottom_border(styles["Title"])
        control = self.context["control"]
        properties = self.doc.core_properties
        properties.title = f"{self.context['title']} — {self.context['org']['name']}"
        properties.subject = self.context["org"]["name"]
        properties.author = control["author"] or self.context["org"]["name"]
        properties.last_modified_by = properties.author
        properties.language = PROOFING.get(self.context["lang"], "en-GB")
        properties.version = control["version"] or ""
        properties.revision = 1
        properties.comments = ""
        properties.keywords = ""
        properties.category = self.context["title"]
        when = datetime.strptime(control["date_iso"], "%Y-%m-%dT%H:%M:%SZ") if control["date_iso"] else None
        # the library's template says 2013: the charter's own date, or nothing
        properties.created = properties.modified = properties.last_printed = when or datetime(2000, 1, 1)

    def title_page(self) -> None:
        """The cover: organisation, title, document control, then the contents on the same page."""
        org, control = self.context["org"], self.context["control"]
        logo = self.context["brand"]["logo"]
        if logo and logo["format"] in ("png", "jpg"):  # Word shows no SVG without a PNG beside it
            import base64

            self.doc.add_picture(io.BytesIO(base64.b64decode(logo["base64"])), height=Cm(1.8))
        name = self.doc.add_paragraph()
        name.paragraph_format.space_before = Pt(60)
        run = name.add_run(org["name"].upper())
        run.font.size, run.font.color.rgb, run.bold = Pt(13), self.accent, True
        self.doc.add_paragraph(self.context["title"], style="Title")
        self.paragraph(self.context["subtitle"], italic=True, color=MUTED)
        for line in (org["sector"], org["reports_to"]):
            if line:
                self.paragraph(line, color=MUTED)
        if control["draft"]:
            self.paragraph(self.L["draft_note"], bold=True, color=ACTION_COLORS["crisis"])
        if control["lines"]:
            self.table(
                ("", ""), [(line["label"], line["value"]) for line in control["lines"]], (1, 2.5), header=False
            )
        contents = self.paragraph(self.L["contents"], bold=True, color=self.accent)
        contents.paragraph_format.space_before = Pt(18)
        self._toc = _toc_field(self.doc.add_paragraph())
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

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        header: bool = True,
        colors: Sequence[str | None] | None = None,
    ) -> None:
        """A full-width table: shaded header row repeated on every page, zebra rows, no row
        split across two pages; `colors` gives each row's action, which colours its second cell."""
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.style = "Table Grid"
        _light_borders(table)
        total = sum(widths)
        column_widths = [Cm(17 * w / total) for w in widths]
        table.autofit = False
        for column, width in zip(table.columns, column_widths):
            column.width = width  # the grid widths, which LibreOffice and Word both honour
        first = table.rows[0]
        if header:
            _repeat_as_header(first)
            _cant_split(first)
            for cell, text, width in zip(first.cells, headers, column_widths):
                _fill(cell, text, width, shade=HEADER_FILL, bold=True, color=RGBColor(0xFF, 0xFF, 0xFF))
        for index, values in enumerate(rows):
            row = first if not header and index == 0 else table.add_row()
            _cant_split(row)
            action = colors[index] if colors else None
            for column, (cell, text, width) in enumerate(zip(row.cells, values, column_widths)):
                color = ACTION_COLORS.get(action) if column == 1 and action else None
                _fill(cell, text, width, shade=ZEBRA_FILL if index % 2 else None, color=color, bold=color is not None)
        self.doc.add_paragraph()

    def picture(self, png: bytes, width_cm: float = 17) -> None:
        self.doc.add_picture(io.BytesIO(png), width=Cm(width_cm))

    def chain(self, chain: dict) -> None:
        self.paragraph(chain["for"], color=MUTED)
        line = " → ".join(f"{s['name']} ({s['deadline']})" for s in chain["steps"])
        self.doc.add_paragraph(line).paragraph_format.left_indent = Cm(0.8)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _fill_contents(self) -> None:
        """The headings as the contents field's current text, one a line, until Word recomputes it."""
        toc = getattr(self, "_toc", None)
        if toc is None:
            return
        headings = [p.text for p in self.doc.paragraphs if p.style is not None and p.style.name == "Heading 1"]
        for index, heading in enumerate(headings):
            if index:
                toc.add_break()
            toc.add_text(heading)

    def to_bytes(self) -> bytes:
        self._fill_contents()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        iso = self.context["control"]["date_iso"]
        stamp = datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").timetuple()[:6] if iso else _ZIP_EPOCH
        language = PROOFING.get(self.context["lang"], "en-GB")
        return _restamped(buffer.getvalue(), max(stamp, _ZIP_EPOCH), language)


#: The default template's document-wide language, which its two style parts repeat.
_TEMPLATE_LANGUAGE = b'<w:lang w:val="en-US" w:eastAsia="en-US"'


def _restamped(data: bytes, stamp: tuple, language: str) -> bytes:
    """The same zip with every part dated `stamp`, in the same order (the same bytes every run),
    and the document's default proofing language set to `language` in both style parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename in ("word/styles.xml", "word/stylesWithEffects.xml"):
                tag = language.encode()
                content = content.replace(_TEMPLATE_LANGUAGE, b'<w:lang w:val="' + tag + b'" w:eastAsia="' + tag + b'"')
            target.writestr(fixed, content)
    return out.getvalue()


def _field(paragraph, instruction: str, size: float = 9):
    """A Word field (PAGE, NUMPAGES, TOC): Word and LibreOffice compute its value when opened."""
    def run_with(element):
        run = paragraph.add_run()
        run.font.size = Pt(size)
        run.font.color.rgb = MUTED
        run._r.append(element)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run_with(begin)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    run_with(code)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    shown = paragraph.add_run("1" if instruction in ("PAGE", "NUMPAGES") else "")
    shown.font.size = Pt(size)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)
    return shown


def _toc_field(paragraph):
    """A table of contents of the numbered headings, which Word fills in when the document is
    opened; returns the run that shows the headings meanwhile (LibreOffice, previews)."""
    return _field(paragraph, 'TOC \\o "1-1" \\h \\z \\u', size=10)


def _set_language(style, tag: str) -> None:
    """The proofing language of a style (Word's spell checker), e.g. fr-FR."""
    properties = style.element.get_or_add_rPr()
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), tag)
    language.set(qn("w:eastAsia"), tag)
    language.set(qn("w:bidi"), tag)


def _cant_split(row) -> None:
    """A row stays whole on one page."""
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:cantSplit")
    marker.set(qn("w:val"), "true")
    properties.insert(0, marker)


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
        (2.1, 1.1, 1.3, 1.8, 1.2),
        colors=[r["action"] for r in w.context["scope"]],
    )


def _flowchart(w: _Writer) -> None:
    from cmkit.render.flowchart import png

    flow = w.context["flowchart"]
    w.page_break()
    w.heading(w.L["flowchart_title"])
    w.intro(w.L["flowchart_intro"])
    w.picture(png(flow["svg"]), width_cm=15.5)
    w.bullets(flow["tiers"])
    w.page_break()


def _directory(w: _Writer) -> None:
    h = w.L["directory_headers"]
    w.heading(w.L["directory_title"])
    if w.context["directory_note"]:
        w.paragraph(w.context["directory_note"], color=MUTED)
    w.table(
        (h["name"], h["role"], h["phone"], h["email"], h["hours"]),
        # a no-break hyphen and a word joiner after each dot keep an address on one line
        [(c["name"], c["role"] or w.L["none"], c["phone"].replace(" ", "\u00a0"), _unbroken(c["email"]), c["hours"]) for c in w.context["directory"]],
        (1.3, 1.5, 1.4, 2.3, 1.6),
    )


def _unbroken(text: str) -> str:
    """An e-mail address a word processor does not cut at its hyphens."""
    return text.replace("-", "\u2011")


def _channels(w: _Writer) -> None:
    h = w.L["headers"]
    channels = w.context["support"]["channels"]
    if channels:
        w.table(
            (h["channel"], h["visibility"], h["expected_response"]),
            [(ch["name"], ch["visibility"], ch["expected_response"]) for ch in channels],
            (2.5, 1, 1.3),
        )


def _reporting(w: _Writer) -> None:
    reporting, L = w.context["reporting"], w.L
    w.heading(L["reporting_title"])
    w.intro(L["reporting_intro"])
    if not reporting["defined"]:
        w.paragraph(L["not_set"])
        return
    if reporting["sentence"]:
        w.paragraph(reporting["sentence"])
    w.table(
        (L["reporting_rhythm"], L["reporting_recipients"], L["reporting_indicators"]),
        [(reporting["rhythm"], _cell_list(reporting["recipients"]) or L["none"], _cell_list(reporting["metrics"]) or L["none"])],
        (1, 1.6, 2.4),
    )


def _approval(w: _Writer) -> None:
    control, L = w.context["control"], w.L
    if not control["approvers"]:
        return
    with w.kept_together():
        w.doc.add_heading(L["approval_title"], level=1)
        w.paragraph(L["approval_intro"])
    h = L["approval_headers"]
    w.table(
        (h["name"], h["role"], h["date"], h["signature"]),
        [(a["name"], a["role"] or L["none"], "\n\n", "") for a in control["approvers"]],
        (1.4, 1.6, 1, 1.6),
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
    w.paragraph(crisis["cascade"], italic=True, color=w.accent)


# -- the three documents ----------------------------------------------------


def _charter(w: _Writer) -> None:
    c, L, h = w.context, w.L, w.L["headers"]
    w.section("objectives")
    _objectives(w)
    w.section("scope")
    _scope(w)
    w.paragraph(L["scope_note"], color=MUTED)
    _flowchart(w)
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
    w.paragraph(c["handling"]["follow_up"])
    _reporting(w)
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
        (1.3, 1.6, 1.1, 1.3, 2.2),
    )
    w.paragraph(c["support"]["chain_note"], color=MUTED)
    _channels(w)
    _directory(w)
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
    _approval(w)


def _onboarding(w: _Writer) -> None:
    c, L = w.context, w.L
    sections, h = L["sections"], L["headers"]
    w.paragraph(L["onboarding_welcome"])
    w.heading(sections["first_week"])
    w.paragraph(c["mentor"])
    w.bullets(c["week"])
    w.heading(sections["who_to_call"])
    w.table(
        (h["contact"], h["receives"], h["respond_within"], h["backup"]),
        [
            ("\n".join(line for line in (p["name"], p["role"], _unbroken(p["email"])) if line), p["receives"], p["respond_within"], p["backup"])
            for p in c["who_to_call"]
        ],
        (2, 2.2, 1, 1.3),
    )
    _directory(w)
    w.heading(sections["may_i_answer"])
    w.table(
        (h["topic"], h["answer"], h["deadline"], h["guidance"]),
        [(r["label"], r["answer"], r["deadline"], r["guidance"] or L["none"]) for r in c["scope"]],
        (1.5, 1.4, 1.4, 2.4),
        colors=[r["action"] for r in c["scope"]],
    )
    w.paragraph(L["scope_note"], color=MUTED)
    _autonomy(w)
    _flowchart(w)
    w.heading(L["channels_title"])
    _channels(w)
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
    w.page_break()
    w.heading(sections["exercises"])
    w.intro(L["exercise_intro"])
    w.numbered([f"{e['channel']} — {e['quoted']}" if e["channel"] else e["quoted"] for e in c["exercises"]])
    w.heading(L["discussion_title"], 2)
    w.bullets(c["discussion"])
    w.page_break()
    w.heading(L["scope_check_title"])
    w.intro(c["process_summary"])
    _scope(w)
    _channels(w)
    if c["answers"]:
        w.page_break()
        w.heading(sections["answer_key"])
        w.table(
            ("#", h["decision"], h["deadline"], L["answer_headers"]["why"]),
            [
                (
                    str(a["number"]),
                    a["verdict"],
                    a["deadline"],
                    f"{a['quoted']}\n{a['why']}" + (f"\n{L['model_reply']} {a['reply']}" if a["reply"] else ""),
                )
                for a in c["answer_key"]
            ],
            (0.4, 1.6, 0.8, 4),
            colors=[a["action"] for a in c["answer_key"]],
        )


_BUILDERS: dict[str, Callable[[_Writer], None]] = {
    "charter": _charter,
    "onboarding": _onboarding,
    "handout": _handout,
}


def render_docx(document: str, context: dict) -> bytes:
    """The DOCX bytes of `document`: the same bytes for the same playbook (fixed dates)."""
    writer = _Writer(context)
    writer.title_page()
    _BUILDERS[document](writer)
    return writer.to_bytes()
