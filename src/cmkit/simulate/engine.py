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
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
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
    from cmkit.decide.engine import Decision

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
) -> tuple[tuple[Engagement, ...], ChainEnd]:
    """Hand a case to `referent` at `start_minute` and follow it down the backups.

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
        reply = None if delay is None else engaged + delay
        if reply is not None and (first_reply is None or reply < first_reply):
            first_reply = reply
        hand_off = None if own_limit is None else engaged + own_limit
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


def _decide_events(scenario: Scenario, playbook: Playbook) -> list[Decision]:
    """One decision per event, with `spread` applied over the scenario's events."""
    from cmkit.decide.engine import Decider, Message, SpreadWindow, decide_at

    decider = Decider(playbook)
    window = SpreadWindow.for_decider(decider)
    return [
        decide_at(
            decider,
            window,
            Message(event.text, channel=event.channel, author_kind=event.author.kind, followers=event.author.followers,
                    author=event.author.handle, engagement=event.author.engagement),
            event.at,
        )
        for event in scenario.events
    ]


def walk(scenario: Scenario, playbook: Playbook, *, playbook_name: str = "") -> Timeline:
    """Walk every event of `scenario` through `playbook` and return the timeline.

    Pure: the same scenario and playbook always give the same timeline, and no
    playbook (not even one whose backups loop) makes it loop.
    """
    check_references(scenario, playbook)
    outcomes = tuple(
        _outcome(index, event, decision, scenario, playbook)
        for index, (event, decision) in enumerate(
            zip(scenario.events, _decide_events(scenario, playbook), strict=True)
        )
    )
    breaches = tuple(
        Breach(o.index, o.decision.escalate_to, o.due_minute, o.answered_minute)
        for o in outcomes
        if o.breach and o.due_minute is not None
    )
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
    )


def _outcome(index: int, event: Event, decision: Decision, scenario: Scenario, playbook: Playbook) -> EventOutcome:
    due = None if decision.respond_within_minutes is None else event.at + decision.respond_within_minutes
    chain: tuple[Engagement, ...] = ()
    chain_end: ChainEnd | None = None
    answered: int | None = None
    answered_by: str | None = None
    if decision.action in _ANSWERED_AT_ONCE:
        answered = event.at
    elif decision.action in _REFERRED and decision.escalate_to:
        chain, chain_end = follow_chain(playbook, scenario.replies, decision.escalate_to, event.at)
        first = min(
            (e for e in chain if e.reply_minute is not None),
            key=lambda e: e.reply_minute,
            default=None,
        )
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
