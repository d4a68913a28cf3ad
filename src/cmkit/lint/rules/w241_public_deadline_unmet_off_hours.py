"""A public channel's `expected_response` cannot be met outside office hours: nobody on call.

The public does not know the office's hours: the framework asks for answers
« dans des délais compatibles avec les attentes du public, du client », and
its own cascade (« un client envoie un mail de réclamation, […] cité par un
journaliste. Le tout en moins de 24 heures ! ») does not wait for Monday.
A referent who is not `on_call` replies in open hours only, so when the office
stays closed longer than a public channel's `expected_response` and nobody on
the escalation paths of the topics (referents, their backups, the crisis and
audience referents) is on call, an escalated message on that channel is late
by construction. The finding says when: the longest closed stretch of the week.

FAIL::

    hours: {timezone: Europe/Paris, open: {mon-fri: "09:00-18:00"}}
    channels:
      - {id: twitter, expected_response: 1h}
    contacts:
      - {id: sav, name: Julie Martin, backup: dg}
      - {id: dg, name: Claire Dupuis}
PASS::

    hours: {timezone: Europe/Paris, open: {mon-fri: "09:00-18:00"}}
    channels:
      - {id: twitter, expected_response: 1h}
    contacts:
      - {id: sav, name: Julie Martin, backup: dg}
      - {id: dg, name: Claire Dupuis, on_call: true}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.durations import format_duration
from cmkit.lint.finding import Flag
from cmkit.lint.walk import escalation_targets
from cmkit.model.playbook import Playbook
from cmkit.open_hours import DAYS

CODE = "W241"
SEVERITY = "warning"
NAME = "public-deadline-unmet-off-hours"

_WEEK = 7 * 1440


def longest_closed(week: list[list[tuple[int, int]]]) -> tuple[int, int] | None:
    """The longest closed stretch of a week as (start, length) in minutes from Monday 00:00
    (it may run past Sunday into the next Monday); None when the office never closes or never opens."""
    opened = [(day * 1440 + start, day * 1440 + end) for day, ranges in enumerate(week) for start, end in ranges]
    if not opened:
        return None
    best: tuple[int, int] | None = None
    for (_, end), (next_start, _) in zip(opened, [*opened[1:], (opened[0][0] + _WEEK, 0)]):
        gap = next_start - end
        if gap > 0 and (best is None or gap > best[1]):
            best = (end, gap)
    return best


def _moment(minute: int) -> str:
    minute %= _WEEK
    return f"{DAYS[minute // 1440]} {minute % 1440 // 60:02d}:{minute % 60:02d}"


def _on_call_paths(playbook: Playbook) -> tuple[list[str], bool]:
    """Everyone on an escalation path (referents then backups, in order) and whether one is on call."""
    starts = [e.contact_id for e in escalation_targets(playbook)]
    starts += [tier.escalate_to for tier in playbook.audience if tier.escalate_to]
    seen: list[str] = []
    for start in starts:
        current: str | None = start
        while current is not None and current not in seen:
            seen.append(current)
            contact = playbook.contact(current)
            current = contact.backup if contact else None
    return seen, any((c := playbook.contact(i)) is not None and c.on_call for i in seen)


def check(playbook: Playbook) -> Iterator[Flag]:
    if playbook.hours is None or playbook.hours.open is None:
        return
    closed = longest_closed(playbook.hours.week())
    if closed is None:
        return
    start, length = closed
    people, covered = _on_call_paths(playbook)
    if covered:
        return
    for i, channel in enumerate(playbook.channels):
        if not channel.public or channel.expected_response is None or channel.expected_response >= length:
            continue
        yield Flag(
            ("channels", i, "expected_response"),
            f"the public on {channel.id!r} expects an answer within {format_duration(channel.expected_response)}, "
            f"but from {_moment(start)} to {_moment(start + length)} ({format_duration(length)}, "
            f"{playbook.hours.timezone}) the office is closed and nobody on the escalation paths "
            f"({', '.join(people)}) is on call",
            "set `on_call: true` on a referent or backup who answers outside hours, "
            "or open the office longer",
        )
