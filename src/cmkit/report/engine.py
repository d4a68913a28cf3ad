"""The report's figures, as cli.md (revision 1.1) defines them, from a streamed journal.

One pass over the journal, flat memory: every record is folded into the
tally of its local day (in `hours.timezone`, else UTC), and the period is the
union of whole days — so the default period (the last `reporting.frequency`
period holding the latest `at`, which is only known at the end) needs no
second pass. Explicit `--from`/`--to` times are applied while reading.
Instants are integers (microseconds since 1970, exact) while reading, and a
day keeps counters of the combinations it met — (action, topic, channel) and
(referent, answered, in time) — rather than one counter per figure, so a
record costs two dictionary updates. The median needs every duration: each
day keeps them in an `array('q')` (8 bytes a record), and the median is
found through a per-minute histogram without sorting them all.

Where the spec is silent (docs/report.md): a record without a readable `at`
is counted with the errors (it cannot be placed in time); errors without
`at` count in every period, errors with one only in theirs; `crisis` is a
record with `crisis` true or the `crisis` action; a message without channel
counts under `none`, like one without topic.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from cmkit.clock import Clock
from cmkit.report.journal import UNREADABLE

_MICRO = timedelta(microseconds=1)
_TRUE = {"true", "1", "yes", "oui", "vrai"}
#: How many unreadable records are kept to be named on stderr (all are counted).
KEPT_PROBLEMS = 5



_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_US = 1_000_000
_QUARTER_US = 900 * _US  # every UTC offset in use is a whole number of quarter hours


def instant(micros: int, clock: Clock) -> datetime:
    """Microseconds since 1970 as an aware time in the playbook's zone (exact)."""
    return (_EPOCH + timedelta(microseconds=micros)).astimezone(clock.zone)


@dataclass
class Tally:
    """What one day holds, or a whole period once its days are merged (`merged`)."""

    kinds: Counter = field(default_factory=Counter)  # (action, topic, channel) -> messages
    deadlines: Counter = field(default_factory=Counter)  # (referent, answered, in time) -> messages with a deadline
    durations: array = field(default_factory=lambda: array("q"))  # µs from `at` to `answered_at`, answered with a deadline
    crises: list[tuple[int, str | None, str, int]] = field(default_factory=list)  # line, topic, at as written, µs
    errors: int = 0
    first: int | None = None  # µs
    last: int | None = None

    def add(self, other: Tally) -> None:
        self.kinds.update(other.kinds)
        self.deadlines.update(other.deadlines)
        self.durations.extend(other.durations)
        self.crises.extend(other.crises)
        self.errors += other.errors
        if other.first is not None and (self.first is None or other.first < self.first):
            self.first = other.first
        if other.last is not None and (self.last is None or other.last > self.last):
            self.last = other.last


@dataclass(frozen=True)
class Totals:
    """The figures of a period, as the spec names them."""

    messages: int
    by_action: Counter
    by_topic: Counter
    by_channel: Counter
    with_deadline: int
    answered: int
    in_time: int
    referents: dict[str, tuple[int, int, int]]  # id -> (with_deadline, answered, in_time)
    durations: array
    crises: list[tuple[int, str | None, str, datetime]]
    errors: int
    first: datetime | None
    last: datetime | None

    @classmethod
    def of(cls, tally: Tally, clock: Clock) -> Totals:
        by_action: Counter = Counter()
        by_topic: Counter = Counter()
        by_channel: Counter = Counter()
        for (action, topic, channel), count in tally.kinds.items():
            by_action[action or "none"] += count
            by_topic[topic or "none"] += count
            by_channel[channel or "none"] += count
        referents: dict[str, list[int]] = {}
        answered = in_time = 0
        for (referent, got, kept), count in tally.deadlines.items():
            answered += got * count
            in_time += kept * count
            if referent:
                counts = referents.setdefault(referent, [0, 0, 0])
                counts[0] += count
                counts[1] += got * count
                counts[2] += kept * count
        return cls(
            messages=sum(tally.kinds.values()),
            by_action=by_action,
            by_topic=by_topic,
            by_channel=by_channel,
            with_deadline=sum(tally.deadlines.values()),
            answered=answered,
            in_time=in_time,
            referents={r: (c[0], c[1], c[2]) for r, c in referents.items()},
            durations=tally.durations,
            crises=[(line, topic, text, instant(at, clock)) for line, topic, text, at in sorted(tally.crises)],
            errors=tally.errors,
            first=None if tally.first is None else instant(tally.first, clock),
            last=None if tally.last is None else instant(tally.last, clock),
        )


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
    totals: Totals
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
        """Actions per local day over the period (or from the first day with a message to the
        last), quiet days included: a chart that skipped them would hide a weekend."""
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


def median_minutes(durations: Sequence[int]) -> int | None:
    """The median of the durations (microseconds) in whole minutes: the mean of the two middle
    values for an even count, halves rounded up (spec: cli.md, `median_minutes`).

    Exact without sorting everything: a per-minute histogram finds the minutes
    holding the middle ranks, and only the durations of those minutes are sorted.
    """
    count = len(durations)
    if not count:
        return None
    minute = 60 * _US
    histogram = Counter(value // minute for value in durations)
    ranks = ((count - 1) // 2, count // 2)
    below: dict[int, int] = {}  # minute -> how many durations lie in earlier minutes
    wanted: set[int] = set()
    seen = 0
    for bucket in sorted(histogram):
        if any(seen <= rank < seen + histogram[bucket] for rank in ranks):
            wanted.add(bucket)
            below[bucket] = seen
        seen += histogram[bucket]
    middle = []
    for bucket in sorted(wanted):
        inside = sorted(value for value in durations if value // minute == bucket)
        middle += [inside[rank - below[bucket]] for rank in ranks if below[bucket] <= rank < below[bucket] + len(inside)]
    twice = middle[0] + middle[-1]  # twice the median, in microseconds
    return (twice + minute) // (2 * minute)  # a half rounded up


@dataclass(frozen=True)
class Bounds:
    """The period asked for: inclusive instants, or None for open."""

    start: datetime | None = None
    end: datetime | None = None


def parse_bound(clock: Clock, text: str, *, upper: bool) -> datetime:
    """`--from`/`--to`: a date is a whole day in the playbook's zone (from its first instant,
    to its last), a time is itself (in the playbook's zone without an offset); ValueError otherwise."""
    value = text.strip()
    if len(value) == 10:
        day = date.fromisoformat(value)
        if upper:
            return clock.localize(datetime.combine(day + timedelta(days=1), datetime.min.time())) - timedelta(microseconds=1)
        return clock.localize(datetime.combine(day, datetime.min.time()))
    return clock.parse(value)


def _micros(at: datetime) -> int:
    return (at - _EPOCH) // timedelta(microseconds=1)


class _Reader:
    """Folds records into day tallies; one instance per report."""

    def __init__(self, clock: Clock, bounds: Bounds) -> None:
        self.clock = clock
        self.zone = clock.zone
        self.start = None if bounds.start is None else _micros(clock.localize(bounds.start))
        self.end = None if bounds.end is None else _micros(clock.localize(bounds.end))
        self.days: dict[date, Tally] = {}
        self.day_of_quarter: dict[int, Tally] = {}
        self.problems: list[Problem] = []
        self.unreadable = 0  # records that cannot be placed in time
        self.latest: int | None = None

    def problem(self, line: int, reason: str) -> None:
        self.unreadable += 1
        if len(self.problems) < KEPT_PROBLEMS:
            self.problems.append(Problem(line, reason))

    def micros(self, value: Any) -> int | None:
        """An ISO time as exact µs since 1970 (naive: in the playbook's zone, fold=0); None when
        absent or empty; ValueError/TypeError when unreadable."""
        if value is None or value == "":
            return None
        at = datetime.fromisoformat(value.strip())
        if at.tzinfo is None:
            at = at.replace(tzinfo=self.zone)
        micros = (at - _EPOCH) // _ONE_US
        if not _FIRST_US <= micros <= _LAST_US:  # a day either side, so every zone can show it
            raise ValueError("a time outside the years 1 to 9999")
        return micros

    def tally(self, at: int) -> Tally:
        """The tally of the local day holding `at` (found through its quarter hour, cached)."""
        quarter = at // _QUARTER_US
        found = self.day_of_quarter.get(quarter)
        if found is None:
            day = instant(quarter * _QUARTER_US, self.clock).date()
            found = self.days.get(day)
            if found is None:
                found = self.days[day] = Tally()
            self.day_of_quarter[quarter] = found
        return found

    def fold(self, line: int, record: dict[str, Any]) -> None:
        get = record.get
        if UNREADABLE in record:
            self.problem(line, record[UNREADABLE])
            return
        error = get("error")
        try:
            at = self.micros(get("at"))
        except (ValueError, TypeError, AttributeError, OverflowError):
            at = None
        if at is None:
            if error:
                self.unreadable += 1  # an error record without `at`: counted, nothing to name
            else:
                self.problem(line, "no readable `at` (an ISO 8601 time)")
            return
        if self.latest is None or at > self.latest:
            self.latest = at
        if (self.start is not None and at < self.start) or (self.end is not None and at > self.end):
            return
        tally = self.tally(at)
        if error:
            tally.errors += 1
            return
        try:
            due_text = get("due_at")
            if due_text:
                due = self.micros(due_text)
            else:
                within = get("respond_within_minutes")
                due = None if within is None or within == "" else at + round(float(within) * 60 * _US)
            answered = self.micros(get("answered_at"))
        except (ValueError, TypeError, AttributeError, OverflowError):
            self.problem(line, "a time or a number cannot be read (due_at, answered_at or respond_within_minutes)")
            return
        action, topic = _name(get("action")), _name(get("topic"))
        tally.kinds[action, topic, _name(get("channel"))] += 1
        if tally.first is None or at < tally.first:
            tally.first = at
        if tally.last is None or at > tally.last:
            tally.last = at
        crisis = get("crisis")
        if action == "crisis" or crisis is True or (isinstance(crisis, str) and crisis.strip().lower() in _TRUE):
            tally.crises.append((line, topic, str(get("at")), at))
        if due is None:
            return
        if answered is None:
            tally.deadlines[_name(get("escalate_to")), False, False] += 1
            return
        tally.deadlines[_name(get("escalate_to")), True, answered <= due] += 1
        tally.durations.append(answered - at)


_ONE_US = timedelta(microseconds=1)
_FIRST_US = (datetime(1, 1, 2, tzinfo=timezone.utc) - _EPOCH) // _ONE_US
_LAST_US = (datetime(9999, 12, 30, tzinfo=timezone.utc) - _EPOCH) // _ONE_US


def _name(value: Any) -> str | None:
    """An id as the journal gives it (`action`, `topic`, `channel`, `escalate_to`), None when
    absent or empty; anything else than text (a hand-edited journal) is counted by its text."""
    if not value:
        return None
    return value if isinstance(value, str) else str(value)


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
    fold = reader.fold
    for line, record in records:
        fold(line, record)
    start, end = bounds.start, bounds.end
    chosen = sorted(reader.days)
    if start is None and end is None and frequency and reader.latest is not None:
        first_day, last_day = period_days(instant(reader.latest, clock).date(), frequency)
        start = clock.localize(datetime.combine(first_day, datetime.min.time()))
        end = clock.localize(datetime.combine(last_day + timedelta(days=1), datetime.min.time())) - _ONE_US
        chosen = [day for day in chosen if first_day <= day <= last_day]
    merged = Tally()
    days = []
    for day in chosen:
        tally = reader.days[day]
        merged.add(tally)
        actions: Counter = Counter()
        for (action, _topic, _channel), count in tally.kinds.items():
            actions[action or "none"] += count
        days.append((day, actions))
    span = None
    if start is not None and end is not None:
        span = (clock.localize(start).astimezone(clock.zone).date(), clock.localize(end).astimezone(clock.zone).date())
    return Report(
        start=start,
        end=end,
        totals=Totals.of(merged, clock),
        days=tuple(days),
        problems=tuple(reader.problems),
        unreadable=reader.unreadable,
        span=span,
    )
