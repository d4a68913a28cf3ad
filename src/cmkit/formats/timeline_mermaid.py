"""A walked scenario as a Mermaid Gantt chart, for handouts and documents.

One section per event: who held the case and for how long, the deadline, the
answer; late answers and the crisis are marked `crit` (red in Mermaid's
default theme). Without a start time, minute 0 is shown as "day 1, 00:00".
"""

from __future__ import annotations

from datetime import datetime

from cmkit.i18n import Catalogue, catalogue
from cmkit.i18n.terms import action_word
from cmkit.simulate.timeline import EventOutcome, Timeline

_OFFSET_ORIGIN = datetime(2000, 1, 1)  # a first of the month, so %e reads as "day 1"
_FORMAT = "%Y-%m-%d %H:%M"


def _label(text: str) -> str:
    """Mermaid ends a task name at ':' and a statement at ';' or '#'."""
    return " ".join(text.replace(":", " -").replace(";", ",").replace("#", "n°").split())


def _line(name: str, tags: list[str], begin: datetime, end: datetime | None = None) -> str:
    fields = [*tags, begin.strftime(_FORMAT), end.strftime(_FORMAT) if end else "0d"]
    return f"    {_label(name)} :{', '.join(fields)}"


def _horizon(timeline: Timeline) -> int:
    """The last moment anything happens, so an unanswered wait has somewhere to end."""
    moments = [0]
    for outcome in timeline.events:
        moments += [m for m in (outcome.at_minute, outcome.due_minute, outcome.answered_minute) if m is not None]
        moments += [e.passed_on_minute for e in outcome.chain if e.passed_on_minute is not None]
    return max(moments) + 60


def _section(outcome: EventOutcome, timeline: Timeline, origin: datetime, horizon: int, _: Catalogue) -> list[str]:
    def at(minute: int) -> datetime:
        return timeline.instant(minute, origin) or origin  # elapsed time: a clock change is an hour

    action = outcome.decision.action
    word = action_word(action, _.lang)
    lines = [f"    section n°{outcome.index + 1} {_label(outcome.channel or _('no channel'))} · {_label(word)}"]
    if outcome.index == timeline.crisis.event:
        lines.append(_line(_("crisis triggered"), ["crit", "milestone"], at(outcome.at_minute)))
    if action in ("answer", "moderate"):
        lines.append(_line(_("{action} at once (CM)").format(action=word), ["done", "milestone"], at(outcome.at_minute)))
    elif action == "decline":
        lines.append(_line(_("not answered, on purpose"), ["milestone"], at(outcome.at_minute)))
    for engagement in outcome.chain:
        end = engagement.passed_on_minute
        if end is None:
            end = outcome.answered_minute if outcome.answered_minute is not None else horizon
        late = outcome.breach and (outcome.due_minute or 0) < end
        name = _("{name} holds it").format(name=timeline.names.get(engagement.contact, engagement.contact))
        lines.append(_line(name, ["crit"] if late else ["active"], at(engagement.engaged_minute), at(max(end, engagement.engaged_minute))))
    if outcome.due_minute is not None:
        lines.append(_line(_("due"), ["crit", "milestone"] if outcome.breach else ["milestone"], at(outcome.due_minute)))
    if outcome.chain and outcome.answered_minute is not None:
        lines.append(_line(_("answered by {contact}").format(contact=outcome.answered_by), ["done", "milestone"], at(outcome.answered_minute)))
    return lines


def render(timeline: Timeline, *, start: datetime | None = None, lang: str = "en") -> str:
    """The Mermaid source of the Gantt chart, its labels in `lang`."""
    _ = catalogue(lang)
    origin = start or _OFFSET_ORIGIN
    offsets = _("day %e, %H:%M")  # strftime of the chart's axis: words in it are the reader's
    lines = [
        "gantt",
        f"    title {_label(timeline.title)}",
        "    dateFormat YYYY-MM-DD HH:mm",
        f"    axisFormat {'%d/%m %H:%M' if start else offsets}",
    ]
    horizon = _horizon(timeline)
    for outcome in timeline.events:
        lines += _section(outcome, timeline, origin, horizon, _)
    return "\n".join(lines) + "\n"
