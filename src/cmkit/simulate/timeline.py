"""What a simulation returns: plain, frozen data that formatters turn into text, JSON or diagrams.

Every moment is a whole number of minutes from the start of the scenario; a
moment that never comes (a reply that never arrives) is None.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from cmkit.decide.engine import Decision

#: Why a chain of referents stopped where it did.
ChainEnd = Literal["replied", "no-backup", "loop", "keeps-it"]


@dataclass(frozen=True)
class Engagement:
    """One referent holding the case: from when, whether they replied, when they passed it on."""

    contact: str
    engaged_minute: int
    reply_minute: int | None  # when they reply, None if never
    passed_on_minute: int | None  # when they hand the case to their backup, None if they keep it


@dataclass(frozen=True)
class EventOutcome:
    """One event of the scenario and what the process made of it."""

    index: int
    id: str | None
    at_minute: int
    channel: str | None
    author_kind: str
    author_followers: int | None
    author_name: str | None
    text: str
    decision: Decision
    due_minute: int | None
    answered_minute: int | None
    answered_by: str | None  # the contact whose reply answered, None for the CM's own answer
    chain: tuple[Engagement, ...]
    chain_end: ChainEnd | None  # None when no referent was involved
    breach: bool


@dataclass(frozen=True)
class Breach:
    """An answer that came after its deadline, or never came; `event` is the 0-based index.

    `off_hours`: office hours alone made it late (the same chain, counting
    wall-clock time, would have answered in time); `reopens_minute`: when the
    office opened again, so someone off call could act.
    """

    event: int
    contact: str | None
    due_minute: int
    answered_minute: int | None
    off_hours: bool = False
    reopens_minute: int | None = None


@dataclass(frozen=True)
class CrisisOutcome:
    """Whether and when the scenario turned into a crisis, and why."""

    triggered: bool
    at_minutes: int | None
    reason: str | None
    event: int | None


@dataclass(frozen=True)
class LongestWait:
    """The event the public waited longest for; `minutes` None means it was never answered."""

    event: int
    minutes: int | None


@dataclass(frozen=True)
class Timeline:
    """A walked scenario, with the summary a trainer reads out at the end."""

    title: str
    playbook: str
    events: tuple[EventOutcome, ...]
    breaches: tuple[Breach, ...]
    crisis: CrisisOutcome
    engaged: tuple[str, ...]  # contact ids, in the order they were first engaged
    processes: tuple[str, ...]  # processes touched, in the order first touched
    longest_wait: LongestWait | None
    names: dict[str, str]  # contact id -> name, for every contact in the timeline
    start: datetime | None = None  # minute 0 in the calendar (aware, in the playbook's zone), if placed

    def instant(self, minute: int | None, start: datetime | None = None) -> datetime | None:
        """The instant of `minute` (elapsed time after the start, so a clock change is an hour),
        in the start's zone; None without a start or a minute."""
        origin = start or self.start
        if origin is None or minute is None:
            return None
        if origin.tzinfo is None:
            return origin + timedelta(minutes=minute)
        return (origin.astimezone(timezone.utc) + timedelta(minutes=minute)).astimezone(origin.tzinfo)
