"""A walked scenario as a table a trainer can project, then the summary read out at the end.

When the screen is wide enough for it, one row per event; otherwise the same
facts as one short block per event, so nothing is squeezed into unreadable
slivers. Words carry the meaning (LATE, CRISIS, never), colour only
underlines it, so NO_COLOR and pipes lose nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from rich import box
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from cmkit.clock import spoken
from cmkit.durations import format_duration
from cmkit.i18n import catalogue
from cmkit.simulate.timeline import Breach, EventOutcome, Timeline

_ACTION_STYLES = {
    "answer": "green",
    "moderate": "yellow",
    "decline": "dim",
    "escalate": "cyan",
    "crisis": "bold red",
}


def moment(minute: int | None, start: datetime | None, lang: str = "en") -> str:
    """An offset from the start (`+1h30m`), or, when the start is known, the day and time in
    the reader's language ("Sat 7 Mar, 11:00" / « sam. 7 mars, 11 h 00 »), elapsed time after
    the start (a night the clocks change is an hour shorter or longer)."""
    if minute is None:
        return "never"
    if start is None:
        return f"+{format_duration(minute)}"
    if start.tzinfo is None:
        return spoken(start + timedelta(minutes=minute), lang)
    return spoken((start.astimezone(timezone.utc) + timedelta(minutes=minute)).astimezone(start.tzinfo), lang)


@dataclass(frozen=True)
class Moments:
    """How this table says a minute: its start (if any) and language, passed down as one."""

    start: datetime | None
    lang: str = "en"

    def __call__(self, minute: int | None) -> str:
        return moment(minute, self.start, self.lang)


def _channel(outcome: EventOutcome) -> str:
    return outcome.channel or "no channel"


def _quoted(text: str) -> str:
    return "«\u00a0" + " ".join(text.split()) + "\u00a0»"


def _author(outcome: EventOutcome) -> Text:
    """The author's name (or kind), then their kind and audience, dimmed."""
    cell = Text(outcome.author_name or outcome.author_kind)
    details = [outcome.author_kind] if outcome.author_name else []
    if outcome.author_followers is not None:
        details.append(f"{outcome.author_followers:,} followers".replace(",", "\u202f"))
    if details:
        cell.append("\n" + ", ".join(details), style="dim")
    return cell


def _decision(outcome: EventOutcome) -> Text:
    action = outcome.decision.action
    cell = Text(action.upper() if action == "crisis" else action, style=_ACTION_STYLES.get(action, ""))
    if outcome.decision.topic:
        cell.append(f"\n{outcome.decision.topic}", style="dim")
    return cell


def _referents(outcome: EventOutcome, start: Moments) -> Text:
    """The chain of referents, each hand-off to a backup on its own line with its time."""
    cell = Text()
    for position, engagement in enumerate(outcome.chain):
        if position:
            cell.append(f"\n→ {engagement.contact}", style="yellow")
            cell.append(f" {start(engagement.engaged_minute)}", style="dim")
        else:
            cell.append(engagement.contact)
    if outcome.chain_end == "loop":
        cell.append("\n(backup loop)", style="dim")
    elif outcome.chain_end == "no-backup" and outcome.answered_minute is None:
        cell.append("\n(no backup)", style="dim")
    return cell


def _due(outcome: EventOutcome, start: Moments) -> str:
    return "—" if outcome.due_minute is None else start(outcome.due_minute)


def _answered(outcome: EventOutcome, start: Moments) -> Text:
    if outcome.decision.action == "decline":
        return Text("—", style="dim")
    cell = Text()
    cell.append(start(outcome.answered_minute), style="bold red" if outcome.breach else "")
    if outcome.breach:
        cell.append(" LATE", style="bold red")
    if outcome.answered_by:
        cell.append(f"\nby {outcome.answered_by}", style="dim")
    return cell


def _number(outcome: EventOutcome, timeline: Timeline) -> Text:
    number = Text(str(outcome.index + 1))
    if outcome.index == timeline.crisis.event:
        number.append("\n⚠", style="bold red")
    return number


def _table(timeline: Timeline, start: Moments) -> Table:
    """One row per event, then the messages, numbered like the rows."""
    table = Table(title=timeline.title, title_style="bold", box=box.HORIZONTALS, show_lines=True, pad_edge=False)
    for header in ("#", "time", "channel", "author", "decision", "referent", "due", "answered"):
        table.add_column(header, justify="right" if header == "#" else "left", no_wrap=header != "author")
    for outcome in timeline.events:
        table.add_row(
            _number(outcome, timeline),
            start(outcome.at_minute),
            _channel(outcome),
            _author(outcome),
            _decision(outcome),
            _referents(outcome, start),
            _due(outcome, start),
            _answered(outcome, start),
        )
    return table


def _messages(timeline: Timeline) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(style="italic")
    for outcome in timeline.events:
        grid.add_row(str(outcome.index + 1), _quoted(outcome.text))
    return grid


def _blocks(timeline: Timeline, start: Moments) -> Table:
    """The narrow layout: per event, a heading line, the message, then the process's answer."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for outcome in timeline.events:
        heading = Text(f"{start(outcome.at_minute)}  {_channel(outcome)}  ", style="bold")
        name, *details = _author(outcome).split("\n")
        heading.append_text(name)
        if details:
            heading.append(f" ({details[0]})", style="dim")
        handling = Text()
        handling.append_text(_decision(outcome).split("\n")[0])
        if outcome.decision.topic:
            handling.append(f" ({outcome.decision.topic})", style="dim")
        if outcome.chain:
            handling.append(" → ").append_text(Text(" ").join(_referents(outcome, start).split("\n")))
        if outcome.decision.action == "decline":
            handling.append("\nnot answered, so never late", style="dim")
        else:
            handling.append(f"\ndue {_due(outcome, start)}, answered ").append_text(
                Text(" ").join(_answered(outcome, start).split("\n"))
            )
        body = Text.assemble(heading, "\n", (_quoted(outcome.text), "italic"), "\n", handling, "\n")
        grid.add_row(_number(outcome, timeline), body)
    return grid


def _late_answer(answered: int | None, due: int, by: str | None, start: Moments) -> str:
    """How a breach ended, with how late: what a trainer reads out first."""
    if answered is None:
        return "never answered"
    by_whom = f" by {by}" if by else ""
    return f"answered {start(answered)}{by_whom}, {format_duration(answered - due)} late"


def _off_hours(breach: Breach, start: Moments) -> str:
    """Why office hours alone made this answer late, or nothing."""
    if not breach.off_hours:
        return ""
    _ = catalogue(start.lang)
    if breach.reopens_minute is None:
        return "\n   " + _("late because of office hours alone: nobody on call")
    return "\n   " + _("late because of office hours alone: due {due}, nobody on call until {reopens}").format(
        due=start(breach.due_minute), reopens=start(breach.reopens_minute)
    )


def _summary(timeline: Timeline, start: Moments) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    breaches = [
        f"#{b.event + 1} {b.contact or 'CM'}: due {start(b.due_minute)}, "
        + _late_answer(b.answered_minute, b.due_minute, timeline.events[b.event].answered_by, start)
        + _off_hours(b, start)
        for b in timeline.breaches
    ]
    grid.add_row("Breaches", Text("\n".join(breaches), style="red") if breaches else Text("none", style="green"))
    crisis = timeline.crisis
    if crisis.triggered:
        said = Text(f"triggered at {start(crisis.at_minutes)} by event #{(crisis.event or 0) + 1}", style="bold red")
        if crisis.reason:
            said.append(f": {crisis.reason}")
        grid.add_row("Crisis", said)
    else:
        grid.add_row("Crisis", "none")
    grid.add_row("Engaged", ", ".join(f"{timeline.names.get(c, c)} ({c})" for c in timeline.engaged) or "nobody")
    grid.add_row("Processes", ", ".join(timeline.processes) or "none")
    wait = timeline.longest_wait
    if wait is not None:
        how_long = "never answered" if wait.minutes is None else format_duration(wait.minutes)
        grid.add_row("Longest wait", f"{how_long} (event #{wait.event + 1}, {_channel(timeline.events[wait.event])})")
    return grid


@dataclass
class _TimelineView:
    """Picks the layout from the width rich offers: the table if it fits unwrapped, blocks otherwise."""

    timeline: Timeline
    start: Moments

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = _table(self.timeline, self.start)
        unbounded = options.update(max_width=10_000)
        if Measurement.get(console, unbounded, table).maximum <= options.max_width:
            yield table
            yield _messages(self.timeline)
            yield Text()
        else:
            yield Text(self.timeline.title, style="bold")
            yield Text()
            yield _blocks(self.timeline, self.start)
        yield _summary(self.timeline, self.start)


def render(timeline: Timeline, *, start: datetime | None = None, lang: str = "en") -> RenderableType:
    """The timeline and its summary, for a rich console of any width."""
    return _TimelineView(timeline, Moments(start or timeline.start, lang))
