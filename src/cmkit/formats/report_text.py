"""The report for the terminal: the figures in a few lines, with unicode bars to compare them.

Bars are drawn with block characters (no plotting library: they are a row of
`█` and one eighth-block), so a pipe, NO_COLOR or a 60-column terminal loses
nothing; every figure is also written as a number beside its bar.
"""

from __future__ import annotations

import io
from collections import Counter
from datetime import datetime

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from cmkit.clock import Clock, spoken, spoken_day
from cmkit.formats.report_json import ranked
from cmkit.i18n import catalogue
from cmkit.model.playbook import Playbook
from cmkit.report.engine import Report

_EIGHTHS = " ▏▎▍▌▋▊▉"
_SPARKS = "▁▂▃▄▅▆▇█"
_ACTION_STYLES = {"answer": "green", "moderate": "yellow", "decline": "dim", "escalate": "cyan", "crisis": "bold red"}
#: How many crises the terminal lists (in time order; the JSON lists them all).
CRISES_SHOWN = 10
#: Widest a bar grows, in characters.
BAR_WIDTH = 24


def bar(value: float, largest: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar `value / largest` of `width` characters long, to the eighth of a character."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / largest * width * 8))
    return "█" * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")


def sparkline(values: list[int]) -> str:
    """One character per value, from ▁ to █ (a zero stays a space)."""
    top = max(values, default=0)
    return "".join(" " if not v else _SPARKS[min(7, (v * 8 - 1) // top)] for v in values) if top else ""


def percent(share: float | None, lang: str) -> str:
    """A share as each language writes it (« 90 % », "90%"): cmkit.i18n.numbers."""
    from cmkit.i18n.numbers import percent as written

    return written(share, lang)


def moment(at: datetime | None, clock: Clock, lang: str) -> str:
    if at is None:
        return "—"
    return spoken(clock.localize(at).astimezone(clock.zone), lang)


def _counts(title: str, counts: Counter, names: dict[str, str], styles: dict[str, str] | None = None, limit: int = 8) -> Group:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True)
    items = list(ranked(counts).items())
    largest = items[0][1] if items else 0
    for name, count in items[:limit]:
        grid.add_row(
            Text(names.get(name, name), style=(styles or {}).get(name, "")), str(count), Text(bar(count, largest), style="cyan")
        )
    if len(items) > limit:
        grid.add_row(Text("…", style="dim"), str(sum(c for _, c in items[limit:])), "")
    return _titled(title, grid)


def _titled(title: str, body: RenderableType) -> Group:
    return Group(Text(title, style="bold"), body, Text())


def _deadlines(report: Report, lang: str) -> RenderableType:
    _ = catalogue(lang)
    t = report.totals
    lines = Text()
    lines.append(
        _("{with_deadline} with a deadline, {answered} answered, {in_time} in time ({share})").format(
            with_deadline=t.with_deadline, answered=t.answered, in_time=t.in_time, share=percent(report.share_in_time, lang)
        )
    )
    median = report.median_minutes
    if median is not None:
        from cmkit.render.typography import human_duration

        lines.append("\n" + _("median time to answer: {duration}").format(duration=human_duration(median, lang)))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True)
    for referent, (due, _answered, kept) in sorted(t.referents.items()):
        share = kept / due if due else None
        style = "green" if (share or 0) >= 0.9 else "yellow"
        grid.add_row(referent, f"{kept}/{due}", percent(share, lang), Text(bar(kept, due), style=style))
    parts: list[RenderableType] = [lines]
    if t.referents:
        parts += [Text(_("In time, by referent"), style="dim"), grid]
    return _titled(_("Deadlines"), Group(*parts))


def build(report: Report, playbook: Playbook, clock: Clock, lang: str) -> Group:
    """The report as rich renderables, top to bottom."""
    _ = catalogue(lang)
    t = report.totals
    start = report.start if report.start is not None else t.first
    end = report.end if report.end is not None else t.last
    head = Text(_("Report — {organization}").format(organization=playbook.organization.name), style="bold")
    period = Text(_("From {start} to {end}").format(start=moment(start, clock, lang), end=moment(end, clock, lang)))
    summary = Text(_.n("{count} message", "{count} messages", t.messages).format(count=t.messages))
    if report.errors:
        summary.append(" · ")
        summary.append(_.n("{count} error, not counted", "{count} errors, not counted", report.errors).format(count=report.errors), style="yellow")
    parts: list[RenderableType] = [head, period, summary, Text()]
    if not t.messages:
        parts.append(Text(_("No message in this period."), style="dim"))
        return Group(*parts)
    per_day = report.per_day()
    if len(per_day) > 1:
        volumes = [sum(actions.values()) for actions in per_day.values()]
        first, last = min(per_day), max(per_day)
        line = Text(sparkline(volumes), style="cyan")
        line.append(f"  {spoken_day(first, lang)} → {spoken_day(last, lang)}, " + _("peak {count}").format(count=max(volumes)), style="dim")
        parts.append(_titled(_("Messages per day"), line))
    actions = {**{action: _(action) for action in _ACTION_STYLES}, "none": _("no action")}
    parts.append(_counts(_("By action"), t.by_action, actions, _ACTION_STYLES))
    parts.append(_counts(_("By topic"), t.by_topic, {"none": _("no topic")}))
    parts.append(_counts(_("By channel"), t.by_channel, {"none": _("no channel")}))
    parts.append(_deadlines(report, lang))
    if t.crises:
        grid = Table.grid(padding=(0, 1))
        latest = sorted(t.crises, key=lambda crisis: crisis[3])
        for line_number, topic, _text, at in latest[:CRISES_SHOWN]:
            grid.add_row(
                Text(_("line {line}").format(line=line_number), style="bold red"),
                topic or "—",
                moment(at, clock, lang),
            )
        if len(latest) > CRISES_SHOWN:
            rest = len(latest) - CRISES_SHOWN
            grid.add_row(Text(_.n("and {count} more", "and {count} more", rest).format(count=rest), style="dim"))
        parts.append(_titled(_.n("{count} crisis", "{count} crises", len(t.crises)).format(count=len(t.crises)), grid))
    return Group(*parts)


def render(report: Report, playbook: Playbook, clock: Clock, lang: str) -> RenderableType:
    return build(report, playbook, clock, lang)


def plain(report: Report, playbook: Playbook, clock: Clock, lang: str) -> str:
    """The same text without colour, for a file (-o report.txt)."""
    console = Console(width=100, color_system=None, force_terminal=False, record=True, file=io.StringIO())
    console.print(build(report, playbook, clock, lang))
    return console.export_text()
