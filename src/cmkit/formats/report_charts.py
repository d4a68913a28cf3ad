"""The report's charts as SVG text, drawn by hand: the same bytes go into HTML and PDF.

Why hand-written: three bar charts need rectangles and labels, nothing a
plotting library (and its browser or its numpy) would add; the SVG is small,
has no script and no external reference, and typst places it in the PDF as
it is. Text uses a generic font family so each renderer picks its own.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from html import escape

#: One colour per action, the same in every chart and legend (colour-blind-safe Okabe–Ito hues).
ACTION_COLOURS = {
    "answer": "#009E73",
    "moderate": "#E69F00",
    "escalate": "#0072B2",
    "crisis": "#D55E00",
    "decline": "#999999",
}
_OTHER = "#CC79A7"
_FONT = 'font-family="Helvetica, Arial, sans-serif" font-size="11"'


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def _text(x: float, y: float, text: str, anchor: str = "start", colour: str = "#333") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" {_FONT} fill="{colour}" text-anchor="{anchor}">{escape(text)}</text>'


def volume_per_day(days: dict[date, Counter], labels: dict[str, str], day_label, title: str) -> str:
    """Stacked columns: messages per day, one colour per action, with a legend under the axis."""
    width, height, left, top, bottom = 640, 260, 40, 12, 70
    plot_w, plot_h = width - left - 10, height - top - bottom
    top_value = max((sum(c.values()) for c in days.values()), default=0) or 1
    actions = [a for a in ACTION_COLOURS if any(c.get(a) for c in days.values())]
    actions += sorted({a for c in days.values() for a in c} - set(actions))
    step = plot_w / max(1, len(days))
    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#999"/>']
    body.append(_text(left - 6, top + 8, str(top_value), "end"))
    body.append(_text(left - 6, top + plot_h, "0", "end"))
    label_every = max(1, round(len(days) / 8))
    for i, (day, counts) in enumerate(days.items()):
        x, y = left + i * step + step * 0.1, top + plot_h
        for action in actions:
            value = counts.get(action, 0)
            if value:
                h = value / top_value * plot_h
                y -= h
                colour = ACTION_COLOURS.get(action, _OTHER)
                body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.8:.1f}" height="{h:.1f}" fill="{colour}"/>')
        if i % label_every == 0:
            body.append(_text(x + step * 0.4, top + plot_h + 14, day_label(day), "middle"))
    x = left
    for action in actions:
        colour = ACTION_COLOURS.get(action, _OTHER)
        body.append(f'<rect x="{x}" y="{height - 30}" width="10" height="10" fill="{colour}"/>')
        name = labels.get(action, action)
        body.append(_text(x + 14, height - 21, name))
        x += 24 + 7 * len(name)
    return _svg(width, height, body, title)


def horizontal_bars(rows: list[tuple[str, float, str]], title: str, *, largest: float | None = None, colour: str = "#0072B2") -> str:
    """One bar per (name, value, caption) row, longest first as given; `largest` sets the scale
    (1 for shares), else the largest value."""
    row_h, left, right = 22, 150, 90
    width = 640
    height = row_h * max(1, len(rows)) + 10
    scale = largest if largest else max((v for _, v, _ in rows), default=0) or 1
    plot_w = width - left - right
    body = []
    for i, (name, value, caption) in enumerate(rows):
        y = 5 + i * row_h
        shown = name if len(name) <= 24 else name[:23] + "…"
        body.append(_text(left - 6, y + 14, shown, "end"))
        w = max(0.0, value / scale * plot_w)
        if largest:
            body.append(f'<rect x="{left}" y="{y + 3}" width="{plot_w}" height="{row_h - 8}" fill="#eee"/>')
        body.append(f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" fill="{colour}"/>')
        body.append(_text(left + (plot_w if largest else w) + 6, y + 14, caption))
    return _svg(width, height, body, title)
