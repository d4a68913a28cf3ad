"""The walk: every event decided by the decision engine, then followed down the chain of referents.

How a case walks (cli.md, "Scenarios"), with the rules the spec leaves open
(docs/simulate.md):

- `answer` and `moderate` are given at once; `decline` is never answered and
  never late.
- `escalate` and `crisis` go to the decided referent at the event's minute. A
  referent replies after their delay in the scenario's `replies` (`never`: no
  reply), or else after their own `respond_within`; with neither, they reply
  at once and are never passed over.
- A referent still silent at the end of their own `respond_within` passes the
  case to their backup, and so on down the chain. Someone who handed the case
  on may still reply later: the public's answer comes at the FIRST reply of
  anyone in the chain. The chain stops at a contact already in it (a backup
  loop never makes the walk loop), at one without a backup, or at one with no
  deadline of their own.
- The answer is late — a breach — when it comes after the decision's
  deadline, or never comes although one was due.
- `spread` is applied by the decision engine over the scenario's events.

Office hours (revision 1.1): with `hours`, the scenario is placed in the
calendar (`--start`, else the scenario's `start:`, else DEFAULT_START, a
Monday 09:00 in `hours.timezone`). Each event is decided with its `at`, so
its deadline is the decision's own `due_at`; a referent who is not `on_call`
replies, and hands over to their backup, after their delays counted in open
hours (a delay of zero from a closed moment is the next opening); an
on-call referent counts wall-clock time. A breach that the same chain would
have avoided with the office always open comes "from hours alone", and says
until when nobody on the chain was at work.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from cmkit.model.playbook import Playbook
from cmkit.model.scenario import Event, Scenario
from cmkit.simulate.timeline import (
    Breach,
    ChainEnd,
    CrisisOutcome,
    Engagement,
    EventOutcome,
    LongestWait,
    Timeline,
)

if TYPE_CHECKING:
    from cmkit.clock import Clock
    from cmkit.decide.engine import Decision

#: Where a scenario starts in the calendar when the playbook has `hours` and neither `--start`
#: nor the scenario's `start:` says: a Monday at 09:00 in `hours.timezone`, so runs are reproducible.
DEFAULT_START = "2026-03-02T09:00"

#: after(contact_id, minute, duration) -> the minute `duration` minutes of that contact's time later.
Timer = Callable[[str, int, int], int]


def _wall(_contact: str, minute: int, duration: int) -> int:
    return minute + duration


class Calendar:
    """The scenario's minutes placed in the calendar: instants, and each contact's own time.

    A contact who is not `on_call` counts open minutes (`Clock.add_open`), one
    who is counts wall-clock minutes, like the public.
    """

    def __init__(self, start: datetime, clock: Clock, playbook: Playbook) -> None:
        self.start = start
        self.clock = clock
        self.on_call = {contact.id for contact in playbook.contacts if contact.on_call}

    def instant(self, minute: int) -> datetime:
        """The instant `minute` minutes (elapsed) after the start, in the playbook's zone."""
        return (self.start.astimezone(timezone.utc) + timedelta(minutes=minute)).astimezone(self.clock.zone)

    def minute(self, at: datetime) -> int:
        """Minutes from the start to `at` (rounded: the walk counts whole minutes)."""
        return round((at - self.start).total_seconds() / 60)

    def after(self, contact: str, minute: int, duration: int) -> int:
        if contact in self.on_call or self.clock.always_open:
            return minute + duration
        return self.minute(self.clock.add_open(self.instant(minute), duration))

    def reopens(self, minute: int) -> int | None:
        """When the office next opens, if it is closed at `minute`; None when open."""
        at = self.instant(minute)
        return None if self.clock.is_open(at) else self.minute(self.clock.next_open(at))


def calendar_start(scenario: Scenario, playbook: Playbook, start: datetime | None, clock: Clock) -> datetime | None:
    """The instant of minute 0: `--start`, the scenario's `start:`, DEFAULT_START with `hours`, else
    None (no calendar: the walk counts offsets only, as before revision 1.1)."""
    chosen = start or scenario.start
    if chosen is None and playbook.hours is not None:
        chosen = datetime.fromisoformat(DEFAULT_START)
    return None if chosen is None else clock.localize(chosen).astimezone(clock.zone)

_REFERRED = ("escalate", "crisis")
_ANSWERED_AT_ONCE = ("answer", "moderate")


def check_references(scenario: Scenario, playbook: Playbook) -> None:
    """Refuse a scenario that does not fit the playbook, at the scenario's own line and column.

    Events must be in time order, name the playbook's channels (or none), and
    `replies` must name its contacts.
    """
    for index in range(1, len(scenario.events)):
        if scenario.events[index].at < scenario.events[index - 1].at:
            raise scenario.source.error_at(
                ("events", index, "at"),
                f"event {index + 1} comes before the one above it; list events in time order",
            )
    channels = [channel.id for channel in playbook.channels]
    for index, event in enumerate(scenario.events):
        if event.channel is not None and event.channel not in channels:
            raise scenario.source.error_at(("events", index, "channel"), _unknown("channel", event.channel, channels))
    contacts = [contact.id for contact in playbook.contacts]
    for contact_id in scenario.replies:
        if contact_id not in contacts:
            raise scenario.source.error_at(("replies", contact_id), _unknown("contact", contact_id, contacts), key=True)


def _unknown(what: str, name: str, known: list[str]) -> str:
    if not known:
        return f"unknown {what} {name!r}: the playbook has no {what}s"
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"; did you mean {close[0]!r}? The" if close else "; the"
    return f"unknown {what} {name!r}{hint} playbook's {what}s are: {', '.join(known)}"


def follow_chain(
    playbook: Playbook,
    replies: Mapping[str, int | None],
    referent: str,
    start_minute: int,
    after: Timer = _wall,
) -> tuple[tuple[Engagement, ...], ChainEnd]:
    """Hand a case to `referent` at `start_minute` and follow it down the backups; `after` counts
    each contact's delays on their own clock (wall-clock minutes by default).

    Returns who held it and why the chain stopped growing: a reply came in
    time (`replied`), the last holder has no backup (`no-backup`), their backup
    already held it (`loop`), or they have no deadline to miss (`keeps-it`).
    """
    engagements: list[Engagement] = []
    first_reply: int | None = None
    holder, engaged = referent, start_minute
    while True:
        contact = playbook.contact(holder)
        own_limit = contact.respond_within if contact else None
        backup = contact.backup if contact else None
        delay = replies[holder] if holder in replies else (own_limit or 0)
        reply = None if delay is None else after(holder, engaged, delay)
        if reply is not None and (first_reply is None or reply < first_reply):
            first_reply = reply
        hand_off = None if own_limit is None else after(holder, engaged, own_limit)
        end = _chain_end(first_reply, hand_off, backup, {e.contact for e in engagements} | {holder})
        if end is not None:
            engagements.append(Engagement(holder, engaged, reply, None))
            return tuple(engagements), end
        engagements.append(Engagement(holder, engaged, reply, hand_off))
        holder, engaged = backup, hand_off  # type: ignore[assignment]


def _chain_end(
    first_reply: int | None, hand_off: int | None, backup: str | None, held: set[str]
) -> ChainEnd | None:
    """Why the case stops with the current holder, or None if it goes on to their backup."""
    if hand_off is None:
        return "keeps-it"
    if first_reply is not None and first_reply <= hand_off:
        return "replied"
    if backup is None:
        return "no-backup"
    if backup in held:
        return "loop"
    return None


def _decide_events(scenario: Scenario, playbook: Playbook, calendar: Calendar | None) -> list[Decision]:
    """One decision per event, with `spread` applied over the scenario's events, and each
    event's `at` when the scenario is in the calendar (so the decision carries `due_at`)."""
    from cmkit.decide.engine import Decider, Message, SpreadWindow, decide_at

    decider = Decider(playbook)
    window = SpreadWindow.for_decider(decider)
    return [
        decide_at(
            decider,
            window,
            Message(
                event.text, channel=event.channel, author_kind=event.author.kind, followers=event.author.followers,
                author=event.author.handle, engagement=event.author.engagement,
                at=None if calendar is None else calendar.instant(event.at),
            ),
            event.at,
        )
        for event in scenario.events
    ]


def walk(
    scenario: Scenario, playbook: Playbook, *, playbook_name: str = "", start: datetime | None = None
) -> Timeline:
    """Walk every event of `scenario` through `playbook` and return the timeline.

    `start` (else the scenario's `start:`, else DEFAULT_START when the playbook
    has `hours`) places minute 0 in the calendar. Pure: the same scenario,
    playbook and start always give the same timeline, and no playbook (not
    even one whose backups loop) makes it loop.
    """
    from cmkit.clock import Clock

    check_references(scenario, playbook)
    clock = Clock(playbook.hours.model_dump(mode="json") if playbook.hours else None)
    begin = calendar_start(scenario, playbook, start, clock)
    calendar = None if begin is None else Calendar(begin, clock, playbook)
    outcomes = tuple(
        _outcome(index, event, decision, scenario, playbook, calendar)
        for index, (event, decision) in enumerate(
            zip(scenario.events, _decide_events(scenario, playbook, calendar), strict=True)
        )
    )
    breaches = tuple(_breach(o, scenario, playbook, calendar) for o in outcomes if o.breach and o.due_minute is not None)
    return Timeline(
        title=scenario.title,
        playbook=playbook_name or playbook.organization.name,
        events=outcomes,
        breaches=breaches,
        crisis=_crisis(outcomes),
        engaged=_unique(e.contact for o in outcomes for e in o.chain),
        processes=_unique(o.decision.process for o in outcomes if o.decision.process),
        longest_wait=_longest_wait(outcomes),
        names={contact.id: contact.name for contact in playbook.contacts},
        start=begin,
    )


def _first_reply(chain: tuple[Engagement, ...]) -> Engagement | None:
    return min((e for e in chain if e.reply_minute is not None), key=lambda e: e.reply_minute, default=None)  # type: ignore[arg-type,return-value]


def _breach(outcome: EventOutcome, scenario: Scenario, playbook: Playbook, calendar: Calendar | None) -> Breach:
    """A late answer, and whether office hours alone made it late: the same chain, every
    contact counting wall-clock time, would have answered by the deadline."""
    due = outcome.due_minute or 0
    breach = Breach(outcome.index, outcome.decision.escalate_to, due, outcome.answered_minute)
    if calendar is None or calendar.clock.always_open or not outcome.chain or outcome.decision.escalate_to is None:
        return breach
    chain, _ = follow_chain(playbook, scenario.replies, outcome.decision.escalate_to, outcome.at_minute)
    first = _first_reply(chain)
    if first is None or first.reply_minute is None or first.reply_minute > due:
        return breach
    holders = {e.contact for e in outcome.chain}
    nobody_on_call = holders.isdisjoint(calendar.on_call)
    reopens = calendar.reopens(outcome.at_minute) if nobody_on_call else None
    if reopens is None:  # open when it came: the hours bit later, at the next closing
        reopens = next(
            (m for e in outcome.chain if (m := calendar.reopens(max(e.engaged_minute, due))) is not None), None
        )
    return Breach(breach.event, breach.contact, due, breach.answered_minute, off_hours=True, reopens_minute=reopens)


def _outcome(
    index: int, event: Event, decision: Decision, scenario: Scenario, playbook: Playbook, calendar: Calendar | None
) -> EventOutcome:
    if calendar is not None and decision.due_at is not None:
        due: int | None = calendar.minute(datetime.fromisoformat(decision.due_at))
    else:
        due = None if decision.respond_within_minutes is None else event.at + decision.respond_within_minutes
    chain: tuple[Engagement, ...] = ()
    chain_end: ChainEnd | None = None
    answered: int | None = None
    answered_by: str | None = None
    if decision.action in _ANSWERED_AT_ONCE:
        answered = event.at
    elif decision.action in _REFERRED and decision.escalate_to:
        after = _wall if calendar is None else calendar.after
        chain, chain_end = follow_chain(playbook, scenario.replies, decision.escalate_to, event.at, after)
        first = _first_reply(chain)
        if first is not None:
            answered, answered_by = first.reply_minute, first.contact
    return EventOutcome(
        index=index,
        id=event.id,
        at_minute=event.at,
        channel=event.channel,
        author_kind=event.author.kind,
        author_followers=event.author.followers,
        author_name=event.author.name,
        text=event.text,
        decision=decision,
        due_minute=due,
        answered_minute=answered,
        answered_by=answered_by,
        chain=chain,
        chain_end=chain_end,
        breach=due is not None and (answered is None or answered > due),
    )


def _crisis(outcomes: tuple[EventOutcome, ...]) -> CrisisOutcome:
    first = next((o for o in outcomes if o.decision.crisis), None)
    if first is None:
        return CrisisOutcome(triggered=False, at_minutes=None, reason=None, event=None)
    return CrisisOutcome(
        triggered=True, at_minutes=first.at_minute, reason=first.decision.crisis_reason, event=first.index
    )


def _longest_wait(outcomes: tuple[EventOutcome, ...]) -> LongestWait | None:
    """The longest the public waited for an answer; never answered counts as the longest."""
    waits = [
        LongestWait(o.index, None if o.answered_minute is None else o.answered_minute - o.at_minute)
        for o in outcomes
        if o.decision.action != "decline"
    ]
    never = next((w for w in waits if w.minutes is None), None)
    return never or max(waits, key=lambda w: w.minutes, default=None)  # type: ignore[arg-type,return-value]


def _unique(items) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
