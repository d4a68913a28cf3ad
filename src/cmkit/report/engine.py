"""The report's figures, as cli.md (revision 1.1) defines them, from a streamed journal.

One pass over the journal, flat memory: every record is folded into the
tally of its local day (in `hours.timezone`, else UTC), and the period is the
union of whole days — so the default period (the last `reporting.frequency`
period holding the latest `at`, which is only known at the end) needs no
second pass. Explicit `--from`/`--to` times are applied while reading.
The median needs every duration: each day keeps a histogram of durations
(microseconds → count), which stays small because answer times repeat.

Where the spec is silent (docs/report.md): a record without a readable `at`
is counted with the errors (it cannot be placed in time); errors without
`at` count in every period, errors with one only in theirs; `crisis` is a
record with `crisis` true or the `crisis` action; a message without channel
counts under `none`, like one without topic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from cmkit.clock import Clock

_MICRO = timedelta(microseconds=1)
_TRUE = {"true", "1", "yes", "oui", "vrai"}
#: How many unreadable records are kept to be named on stderr (all are counted).
KEPT_PROBLEMS = 5


@dataclass
class Tally:
    """What one day (or a whole period, once merged) holds."""

    messages: int = 0
    by_action: Counter = field(default_factory=Counter)
    by_topic: Counter = field(default_factory=Counter)
    by_channel: Counter = field(default_factory=Counter)
    with_deadline: int = 0
    answered: int = 0
    in_time: int = 0
    durations: Counter = field(default_factory=Counter)  # microseconds from `at` to `answered_at` -> count
    referents: dict[str, list[int]] = field(default_factory=dict)  # id -> [with_deadline, answered, in_time]
    crises: list[tuple[int, str | None, str, datetime]] = field(default_factory=list)  # line, topic, at text, at
    errors: int = 0
    first: datetime | None = None
    last: datetime | None = None

    def add(self, other: Tally) -> None:
        self.messages += other.messages
        self.by_action.update(other.by_action)
        self.by_topic.update(other.by_topic)
        self.by_channel.update(other.by_channel)
        self.with_deadline += other.with_deadline
        self.answered += other.answered
        self.in_time += other.in_time
        self.durations.update(other.durations)
        for referent, counts in other.referents.items():
            mine = self.referents.setdefault(referent, [0, 0, 0])
            for i, count in enumerate(counts):
                mine[i] += count
        self.crises.extend(other.crises)
        self.errors += other.errors
        if other.first is not None and (self.first is None or other.first < self.first):
            self.first = other.first
        if other.last is not None and (self.last is None or other.last > self.last):
            self.last = other.last


@dataclass(frozen=True)
class Problem:
    """A record the report could not read, named on stderr: its journal line and why."""

    line: int
    reason: str


@dataclass(frozen=True)
class Report:
    """The figures of one period; `days` (local date -> actions) feeds the volume chart."""

    start: datetime | None  # the period's first instant (None: the journal's first `at`)
    end: datetime | None  # its last included instant
    totals: Tally
    days: tuple[tuple[date, Counter], ...]
    problems: tuple[Problem, ...]
    unreadable: int
    span: tuple[date, date] | None = None  # the period's first and last local days, when bounded

    @property
    def share_in_time(self) -> float | None:
        t = self.totals
        return t.in_time / t.with_deadline if t.with_deadline else None

    @property
    def median_minutes(self) -> int | None:
        return median_minutes(self.totals.durations)

    @property
    def errors(self) -> int:
        return self.totals.errors + self.unreadable

    def per_day(self) -> dict[date, Counter]:
        """Actions per local day, from the first day with a message to the last, quiet days included
        (a chart that skipped them would hide a weekend)."""
        known = dict(self.days)
        if not known:
            return {}
        day, last = self.span or (self.days[0][0], self.days[-1][0])
        day, last = min(day, self.days[0][0]), max(last, self.days[-1][0])
        out = {}
        while day <= last:
            out[day] = known.get(day, Counter())
            day += timedelta(days=1)
        return out


def median_minutes(durations: Counter) -> int | None:
    """The median of the durations (microseconds) in whole minutes: the mean of the two middle
    values for an even count, halves rounded up (spec: cli.md, `median_minutes`)."""
    count = sum(durations.values())
    if not count:
        return None
    wanted = ((count - 1) // 2, count // 2)  # 0-based ranks of the middle value(s)
    middle: list[int] = []
    seen = 0
    for value in sorted(durations):
        seen += durations[value]
        while len(middle) < 2 and wanted[len(middle)] < seen:
            middle.append(value)
        if len(middle) == 2:
            break
    twice = middle[0] + middle[1]  # twice the median, in microseconds
    return (twice + 60_000_000) // 120_000_000  # /2 µs -> minutes, a half rounded up


@dataclass(frozen=True)
class Bounds:
    """The period asked for: instants (inclusive) or None for open; `whole_days` from dates."""

    start: datetime | None = None
    end: datetime | None = None


def parse_bound(clock: Clock, text: str, *, upper: bool) -> datetime:
    """`--from`/`--to`: a date is a whole day in the playbook's zone (from its first instant,
    to its last), a time is itself (in the playbook's zone without an offset); ValueError otherwise."""
    value = text.strip()
    if len(value) == 10:
        day = date.fromisoformat(value)
        if upper:
            return clock.localize(datetime.combine(day + timedelta(days=1), datetime.min.time())) - _MICRO
        return clock.localize(datetime.combine(day, datetime.min.time()))
    return clock.parse(value)


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() in _TRUE


def _text(value: Any) -> str | None:
    """A field's value as text, None when absent or empty (CSV writes absent as empty)."""
    if value is None:
        return None
    value = str(value).strip()
    return value or None


class _Reader:
    """Folds records into day tallies; one instance per report."""

    def __init__(self, clock: Clock, bounds: Bounds) -> None:
        self.clock = clock
        self.bounds = bounds
        self.days: dict[date, Tally] = {}
        self.problems: list[Problem] = []
        self.unreadable = 0  # records without a readable `at`
        self.latest: datetime | None = None

    def _problem(self, line: int, reason: str) -> None:
        self.unreadable += 1
        if len(self.problems) < KEPT_PROBLEMS:
            self.problems.append(Problem(line, reason))

    def _time(self, value: Any) -> datetime | None:
        text = _text(value)
        return None if text is None else self.clock.parse(text)

    def fold(self, line: int, record: dict[str, Any]) -> None:
        try:
            at = self._time(record.get("at"))
        except (ValueError, TypeError):
            at = None
        error = _text(record.get("error"))
        if at is None:
            if error is not None:
                self.unreadable += 1  # an error record without `at`: counted, nothing to name
            else:
                self._problem(line, "no readable `at` (an ISO 8601 time)")
            return
        if self.latest is None or at > self.latest:
            self.latest = at
        bounds = self.bounds
        if (bounds.start is not None and at < bounds.start) or (bounds.end is not None and at > bounds.end):
            return
        day = self.clock.localize(at).astimezone(self.clock.zone).date()
        tally = self.days.get(day)
        if tally is None:
            tally = self.days[day] = Tally()
        if error is not None:
            tally.errors += 1
            return
        try:
            self._count(tally, line, record, at)
        except (ValueError, TypeError):
            self._problem(line, "a time or a number cannot be read (due_at, answered_at or respond_within_minutes)")

    def _count(self, tally: Tally, line: int, record: dict[str, Any], at: datetime) -> None:
        due_text = _text(record.get("due_at"))
        if due_text is not None:
            due: datetime | None = self.clock.parse(due_text)
        else:
            within = _text(record.get("respond_within_minutes"))
            due = None if within is None else at + timedelta(minutes=float(within))
        answered = self._time(record.get("answered_at"))
        action = _text(record.get("action")) or "none"
        topic = _text(record.get("topic"))
        tally.messages += 1
        tally.by_action[action] += 1
        tally.by_topic[topic or "none"] += 1
        tally.by_channel[_text(record.get("channel")) or "none"] += 1
        if tally.first is None or at < tally.first:
            tally.first = at
        if tally.last is None or at > tally.last:
            tally.last = at
        if _flag(record.get("crisis")) or action == "crisis":
            tally.crises.append((line, topic, _text(record.get("at")) or "", at))
        if due is None:
            return
        tally.with_deadline += 1
        kept = answered is not None and answered <= due
        if answered is not None:
            tally.answered += 1
            tally.durations[(answered - at) // _MICRO] += 1
        if kept:
            tally.in_time += 1
        referent = _text(record.get("escalate_to"))
        if referent is not None:
            counts = tally.referents.setdefault(referent, [0, 0, 0])
            counts[0] += 1
            counts[1] += answered is not None
            counts[2] += kept


def period_days(latest: date, frequency: str) -> tuple[date, date]:
    """The `reporting.frequency` period (day, ISO week, calendar month) holding `latest`."""
    if frequency == "daily":
        return latest, latest
    if frequency == "weekly":
        monday = latest - timedelta(days=latest.weekday())
        return monday, monday + timedelta(days=6)
    first = latest.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def build_report(
    records: Iterable[tuple[int, dict[str, Any]]],
    clock: Clock,
    *,
    bounds: Bounds | None = None,
    frequency: str | None = None,
) -> Report:
    """Fold the journal's records into the report of the period.

    With `bounds` (either end given), the period is those bounds; otherwise
    the last `frequency` period holding the journal's latest `at`, or the
    whole journal without a frequency.
    """
    bounds = bounds or Bounds()
    reader = _Reader(clock, bounds)
    for line, record in records:
        reader.fold(line, record)
    start, end = bounds.start, bounds.end
    chosen: Iterator[date] = iter(sorted(reader.days))
    if start is None and end is None and frequency and reader.latest is not None:
        latest_day = clock.localize(reader.latest).astimezone(clock.zone).date()
        first_day, last_day = period_days(latest_day, frequency)
        start = clock.localize(datetime.combine(first_day, datetime.min.time()))
        end = clock.localize(datetime.combine(last_day + timedelta(days=1), datetime.min.time())) - _MICRO
        chosen = (day for day in sorted(reader.days) if first_day <= day <= last_day)
    totals = Tally()
    days = []
    for day in chosen:
        tally = reader.days[day]
        totals.add(tally)
        days.append((day, tally.by_action))
    totals.crises.sort(key=lambda crisis: crisis[0])
    span = None
    if start is not None and end is not None:
        span = tuple(clock.localize(b).astimezone(clock.zone).date() for b in (start, end))
    return Report(
        start=start,
        end=end,
        totals=totals,
        days=tuple(days),
        problems=tuple(reader.problems),
        unreadable=reader.unreadable,
        span=span,  # type: ignore[arg-type]
    )
