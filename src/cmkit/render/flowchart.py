"""The playbook's decision as a one-page flowchart, drawn as SVG.

The community manager's question is "may I answer?"; published guides
(the US Air Force's *Web Posting Response Assessment*) answer it with a
diagram, read from the top, where the first "yes" decides. The questions
follow the decision rules in their own order — the author (kind, watchlist),
the audience, crisis topics, then topics by precedence (escalate, moderate,
answer, decline; file order inside each), then the default — and each "yes"
arrow ends on the action, the referent and the deadline.

One SVG serves every format: inline in HTML, an image in the PDF (typst
draws SVG natively) and a PNG in DOCX (typst rasterises the same SVG), so
the three never disagree. Text is wrapped here by an estimate of its width,
since SVG has no line breaking.
"""

from __future__ import annotations

from html import escape

#: The spec's precedence among topics that are not crises (rule 4).
PRECEDENCE = ("escalate", "moderate", "answer", "decline")

COLORS = {
    "answer": "#2b6a3f",
    "escalate": "#8a3b12",
    "moderate": "#5a4e9a",
    "decline": "#5b6372",
    "crisis": "#a4161a",
}

_WIDTH = 720
_QUESTION_X, _QUESTION_W = 10, 380
_TARGET_X, _TARGET_W = 440, 270
_FONT = 11.5
_LINE = 13.5
_CHAR = 0.5 * _FONT  # an average glyph width of a serif face, enough to wrap safely
_GAP = 10


def _wrap(text: str, width: float) -> list[str]:
    """Lines of `text` that fit `width` points, cut at spaces (a too-long word stays whole)."""
    limit = max(8, int(width / _CHAR))
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= limit or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines or [""]


def _text(lines: list[str], x: float, y_top: float, *, anchor: str = "start", weight: str = "normal", fill: str = "#1f2430") -> str:
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{y_top + _LINE * (i + 1) - 3:.1f}">{escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text font-size="{_FONT}" text-anchor="{anchor}" font-weight="{weight}" fill="{fill}">{spans}</text>'


def svg(steps: list[dict], labels: dict, title: str) -> str:
    """The flowchart of `steps` (each `{question, action, target, deadline}`), as one SVG document.

    The last step is the default: it has no question, only the box every
    "no" ends in.
    """
    parts: list[str] = []
    y = 10.0
    pad = 5
    for index, step in enumerate(steps):
        color = COLORS.get(step["action"], "#1f2430")
        question = step.get("question")
        box_w = _TARGET_W if question else _WIDTH - 2 * _QUESTION_X
        target_lines = _wrap(step["target"], box_w - 2 * pad)
        if step.get("deadline"):
            target_lines += _wrap(step["deadline"], box_w - 2 * pad)
        question_lines = _wrap(question, _QUESTION_W - 2 * pad) if question else []
        height = max(len(question_lines), len(target_lines)) * _LINE + 2 * pad
        middle = y + height / 2
        if question:
            parts.append(
                f'<rect x="{_QUESTION_X}" y="{y:.1f}" width="{_QUESTION_W}" height="{height:.1f}" rx="4" '
                f'fill="#f6f3ef" stroke="#1f2430" stroke-width="1"/>'
            )
            parts.append(_text(question_lines, _QUESTION_X + pad, y + pad + (height - 2 * pad - len(question_lines) * _LINE) / 2))
            # "yes": to the right, to the action
            x0, x1 = _QUESTION_X + _QUESTION_W, _TARGET_X
            parts.append(f'<line x1="{x0}" y1="{middle:.1f}" x2="{x1 - 6}" y2="{middle:.1f}" stroke="{color}" stroke-width="1.4"/>')
            parts.append(
                f'<path d="M{x1 - 7},{middle - 4:.1f} L{x1},{middle:.1f} L{x1 - 7},{middle + 4:.1f} Z" fill="{color}"/>'
            )
            parts.append(
                f'<text x="{(x0 + x1) / 2:.1f}" y="{middle - 4:.1f}" font-size="9.5" text-anchor="middle" '
                f'fill="#5b6372">{escape(labels["flow_yes"])}</text>'
            )
            target_x = _TARGET_X
        else:
            # the default: every "no" ends here, under the questions
            target_x = _QUESTION_X
        parts.append(
            f'<rect x="{target_x}" y="{y:.1f}" width="{box_w}" height="{height:.1f}" rx="4" '
            f'fill="#ffffff" stroke="{color}" stroke-width="1.6"/>'
        )
        first, *rest = target_lines
        parts.append(_text([first], target_x + pad, y + pad, weight="bold", fill=color))
        if rest:
            parts.append(_text(rest, target_x + pad, y + pad + _LINE, fill="#1f2430"))
        y += height
        if index < len(steps) - 1:
            # "no": down to the next question
            x = _QUESTION_X + 40
            parts.append(f'<line x1="{x}" y1="{y:.1f}" x2="{x}" y2="{y + _GAP - 5:.1f}" stroke="#5b6372" stroke-width="1.2"/>')
            parts.append(f'<path d="M{x - 4},{y + _GAP - 6:.1f} L{x},{y + _GAP:.1f} L{x + 4},{y + _GAP - 6:.1f} Z" fill="#5b6372"/>')
            parts.append(
                f'<text x="{x + 6}" y="{y + _GAP / 2 + 4:.1f}" font-size="9.5" fill="#5b6372">{escape(labels["flow_no"])}</text>'
            )
            y += _GAP
    height = y + 10
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height:.0f}" width="{_WIDTH}" '
        f'height="{height:.0f}" role="img" aria-label="{escape(title)}" '
        f'font-family="Libertinus Serif, Linux Libertine, Georgia, serif">'
        f"<title>{escape(title)}</title>" + "".join(parts) + "</svg>"
    )


def png(svg_text: str, width_pt: int = 480) -> bytes:
    """The SVG as a PNG (for DOCX), rasterised by typst with its embedded fonts only."""
    import typst

    source = (
        b"#set page(width: auto, height: auto, margin: 0pt, fill: white)\n"
        b'#image(bytes(sys.inputs.at("svg")), format: "svg", width: ' + str(width_pt).encode() + b"pt)"
    )
    return typst.compile(source, format="png", ppi=200, sys_inputs={"svg": svg_text}, ignore_system_fonts=True, font_paths=[])
