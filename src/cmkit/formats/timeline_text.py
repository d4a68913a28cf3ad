"""A walked scenario as a table a trainer can project, then the summary read out at the end.

When the screen is wide enough for it, one row per event; otherwise the same
facts as one short block per event, so nothing is squeezed into unreadable
slivers. Words carry the meaning (LATE, CRISIS, never), colour only
underlines it, so NO_COLOR and pipes lose nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from cmkit.clock import spoken
from cmkit.durations import format_duration, parse_duration
from cmkit.decide.words import duration_words
from cmkit.i18n import Catalogue, catalogue
from cmkit.i18n.numbers import duration, number
from cmkit.i18n.terms import action_word, kind_phrase, kind_word
from cmkit.simulate.timeline import Breach, EventOutcome, Timeline

if TYPE_CHECKING:
    from cmkit.decide.engine import Decision

_ACTION_STYLES = {
    "answer": "green",
    "moderate": "yellow",
    "decline": "dim",
    "escalate": "cyan",
    "crisis": "bold red",
}
#: How the decision engine writes a spread rule in a `spread` reason: "3 channels within 1d".
_SPREAD_RULE = re.compile(r"(?P<channels>\d+) channels within (?P<within>\S+)")


def moment(minute: int | None, start: datetime | None, lang: str = "en") -> str:
    """An offset from the start (`+1h30m`), or, when the start is known, the day and time in
    the reader's language ("Sat 7 Mar, 11:00" / « sam. 7 mars, 11 h 00 »), elapsed time after
    the start (a night the clocks change is an hour shorter or longer)."""
    if minute is None:
        return catalogue(lang)("never")
    if start is None:
        return f"+{format_duration(minute)}"
    if start.tzinfo is None:
        said = spoken(start + timedelta(minutes=minute), lang)
    else:
        said = spoken((start.astimezone(timezone.utc) + timedelta(minutes=minute)).astimezone(start.tzinfo), lang)
    return said.replace(" h ", "\u00a0h\u00a0")  # « 9 h 00 » is one word: a narrow column never splits it


@dataclass(frozen=True)
class Moments:
    """How this table says a minute: its start (if any) and language, passed down as one."""

    start: datetime | None
    lang: str = "en"

    @property
    def _(self) -> Catalogue:
        """The catalogue of the table's language."""
        return catalogue(self.lang)

    def __call__(self, minute: int | None) -> str:
        return moment(minute, self.start, self.lang)


def _channel(outcome: EventOutcome, _: Catalogue) -> str:
    return outcome.channel or _("no channel")


def _quoted(text: str, _: Catalogue) -> str:
    """The message on one line, quoted as the language quotes: “…” or « … »."""
    return _("“{text}”").format(text=" ".join(text.split()))


def _author(outcome: EventOutcome, _: Catalogue) -> Text:
    """The author's name (or kind), then their kind and audience, dimmed."""
    kind = kind_word(outcome.author_kind, _.lang)
    cell = Text(outcome.author_name or kind)
    details = [kind] if outcome.author_name else []
    if outcome.author_followers is not None:
        followers = outcome.author_followers
        details.append(_.n("{count} follower", "{count} followers", followers).format(count=number(followers, _.lang)))
    if details:
        cell.append("\n" + ", ".join(details), style="dim")
    return cell


def _decision(outcome: EventOutcome, _: Catalogue) -> Text:
    action = outcome.decision.action
    word = action_word(action, _.lang)
    cell = Text(word.upper() if action == "crisis" else word, style=_ACTION_STYLES.get(action, ""))
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
        cell.append("\n" + start._("(backup loop)"), style="dim")
    elif outcome.chain_end == "no-backup" and outcome.answered_minute is None:
        cell.append("\n" + start._("(no backup)"), style="dim")
    return cell


def _due(outcome: EventOutcome, start: Moments) -> str:
    return "—" if outcome.due_minute is None else start(outcome.due_minute)


def _answered(outcome: EventOutcome, start: Moments) -> Text:
    if outcome.decision.action == "decline":
        return Text("—", style="dim")
    cell = Text()
    cell.append(start(outcome.answered_minute), style="bold red" if outcome.breach else "")
    if outcome.breach:
        cell.append(" " + start._("LATE"), style="bold red")
    if outcome.answered_by:
        cell.append("\n" + start._("by {contact}").format(contact=outcome.answered_by), style="dim")
    return cell


def _number(outcome: EventOutcome, timeline: Timeline) -> Text:
    cell = Text(str(outcome.index + 1))
    if outcome.index == timeline.crisis.event:
        cell.append("\n⚠", style="bold red")
    return cell


def _table(timeline: Timeline, start: Moments) -> Table:
    """One row per event, then the messages, numbered like the rows."""
    _ = start._
    table = Table(title=timeline.title, title_style="bold", box=box.HORIZONTALS, show_lines=True, pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    for header in (_("time"), _("channel"), _("author"), _("decision"), _("referent"), _("due"), _("answered")):
        table.add_column(header, no_wrap=header != _("author"))
    for outcome in timeline.events:
        table.add_row(
            _number(outcome, timeline),
            start(outcome.at_minute),
            _channel(outcome, _),
            _author(outcome, _),
            _decision(outcome, _),
            _referents(outcome, start),
            _due(outcome, start),
            _answered(outcome, start),
        )
    return table


def _messages(timeline: Timeline, start: Moments) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(style="italic")
    for outcome in timeline.events:
        grid.add_row(str(outcome.index + 1), _quoted(outcome.text, start._))
    return grid


def _blocks(timeline: Timeline, start: Moments) -> Table:
    """The narrow layout: per event, a heading line, the message, then the process's answer."""
    _ = start._
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for outcome in timeline.events:
        heading = Text(f"{start(outcome.at_minute)}  {_channel(outcome, _)}  ", style="bold")
        name, *details = _author(outcome, _).split("\n")
        heading.append_text(name)
        if details:
            heading.append(f" ({details[0]})", style="dim")
        handling = Text()
        handling.append_text(_decision(outcome, _).split("\n")[0])
        if outcome.decision.topic:
            handling.append(f" ({outcome.decision.topic})", style="dim")
        if outcome.chain:
            handling.append(" → ").append_text(Text(" ").join(_referents(outcome, start).split("\n")))
        if outcome.decision.action == "decline":
            handling.append("\n" + _("not answered, so never late"), style="dim")
        else:
            handling.append("\n" + _("due {due}, answered").format(due=_due(outcome, start)) + " ").append_text(
                Text(" ").join(_answered(outcome, start).split("\n"))
            )
        body = Text.assemble(heading, "\n", (_quoted(outcome.text, _), "italic"), "\n", handling, "\n")
        grid.add_row(_number(outcome, timeline), body)
    return grid


def _late_answer(answered: int | None, due: int, by: str | None, start: Moments) -> str:
    """How a breach ended, with how late: what a trainer reads out first."""
    _ = start._
    if answered is None:
        return _("never answered")
    late = duration(answered - due, start.lang)
    if by:
        return _("answered {moment} by {contact}, {duration} late").format(moment=start(answered), contact=by, duration=late)
    return _("answered {moment}, {duration} late").format(moment=start(answered), duration=late)


def _off_hours(breach: Breach, start: Moments) -> str:
    """Why office hours alone made this answer late, or nothing."""
    if not breach.off_hours:
        return ""
    _ = start._
    if breach.reopens_minute is None:
        return "\n   " + _("late because of office hours alone: nobody on call")
    return "\n   " + _("late because of office hours alone: due {due}, nobody on call until {reopens}").format(
        due=start(breach.due_minute), reopens=start(breach.reopens_minute)
    )


def _spread_rule(matched: tuple[str, ...]) -> tuple[int, int] | None:
    """The spread rule (channels, minutes) the engine wrote in a `spread` reason, if it reads."""
    found = _SPREAD_RULE.fullmatch(matched[0]) if matched else None
    if found is None:
        return None
    try:
        return int(found["channels"]), parse_duration(found["within"])
    except ValueError:
        return None


def crisis_reasons(decision: Decision, _: Catalogue) -> list[str]:
    """Why the decision is a crisis, one sentence per rule that fired, in the catalogue's language.

    Built from the decision's reasons rather than its `crisis_reason` (the engine's
    English sentence, kept as it is in the JSON outputs, which are an interface).
    """
    why = []
    for reason in decision.reasons:
        if reason.kind == "author" and reason.matched:
            why.append(_("the author is {kind}").format(kind=kind_phrase(reason.matched[0], _.lang)))
        elif reason.kind == "followers" and reason.matched:
            threshold = reason.matched[0].rpartition(" ")[2]
            shown = number(int(threshold), _.lang) if threshold.isdigit() else threshold
            why.append(_("the author has at least {count} followers and the topic is escalated").format(count=shown))
        elif reason.kind == "spread":
            rule = _spread_rule(reason.matched)
            if rule is None:
                why.append(_("the topic {topic} is spreading across channels").format(topic=reason.topic))
            else:
                why.append(_("the topic {topic} is on {channels} channels or more within {duration}").format(
                    topic=reason.topic, channels=rule[0], duration=duration_words(rule[1], _.lang)))
    if decision.topic and any(r.action == "crisis" and r.topic == decision.topic for r in decision.reasons):
        why.append(_("{topic} is a crisis topic").format(topic=decision.topic))
    if not why:
        why.append(_("the playbook's default action is crisis"))
    return why


def _summary(timeline: Timeline, start: Moments) -> Table:
    _ = start._
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    breaches = [
        _("#{event} {contact}: due {due}, {outcome}").format(
            event=b.event + 1,
            contact=b.contact or "CM",
            due=start(b.due_minute),
            outcome=_late_answer(b.answered_minute, b.due_minute, timeline.events[b.event].answered_by, start),
        )
        + _off_hours(b, start)
        for b in timeline.breaches
    ]
    grid.add_row(_("Breaches"), Text("\n".join(breaches), style="red") if breaches else Text(_("no late answer"), style="green"))
    crisis = timeline.crisis
    if crisis.triggered and crisis.event is not None:
        # a day and a time (« le lun. 2 mars à 14 h 00 »), or an offset from the start (« à +4h »)
        triggered = _("triggered on {moment} by event #{event}") if start.start is not None else _("triggered at {moment} by event #{event}")
        said = Text(triggered.format(moment=start(crisis.at_minutes), event=crisis.event + 1), style="bold red")
        separator = "\u202f; " if _.lang == "fr" else "; "
        said.append(_(": {why}").format(why=separator.join(crisis_reasons(timeline.events[crisis.event].decision, _))))
        grid.add_row(_("Crisis"), said)
    else:
        grid.add_row(_("Crisis"), _("none"))
    engaged = ", ".join(f"{timeline.names.get(c, c)} ({c})" for c in timeline.engaged)
    grid.add_row(_("Engaged"), engaged or _("nobody"))
    grid.add_row(_("Processes"), ", ".join(timeline.processes) or _("no process"))
    wait = timeline.longest_wait
    if wait is not None:
        how_long = _("never answered") if wait.minutes is None else duration(wait.minutes, start.lang)
        grid.add_row(_("Longest wait"), _("{duration} (event #{event}, {channel})").format(
            duration=how_long, event=wait.event + 1, channel=_channel(timeline.events[wait.event], _)))
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
            yield _messages(self.timeline, self.start)
            yield Text()
        else:
            yield Text(self.timeline.title, style="bold")
            yield Text()
            yield _blocks(self.timeline, self.start)
        yield _summary(self.timeline, self.start)


def render(timeline: Timeline, *, start: datetime | None = None, lang: str = "en") -> RenderableType:
    """The timeline and its summary, for a rich console of any width."""
    return _TimelineView(timeline, Moments(start or timeline.start, lang))
