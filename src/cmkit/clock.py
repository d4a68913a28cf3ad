"""Time as the charter counts it: wall-clock time for the public, open hours for referents.

Revision 1.1 of the format separates two clocks (Zendesk's schedules do the
same): the public expects its answer in elapsed time, night and weekend
included, while a referent who is not on call works in `hours.open` outside
`hours.holidays`. `Clock` does both kinds of arithmetic for one playbook:

- wall-clock time is elapsed time, added to the instant in UTC, so `1d` is
  1,440 minutes and the night the clocks change is an hour shorter or longer;
- open-hours time counts only the open minutes, minute by minute in the
  playbook's time zone (`1d` in open hours is 1,440 open minutes, not "one
  working day");
- a local time without an offset is in `hours.timezone` (UTC without
  `hours`), read as `zoneinfo` reads it with `fold=0` when it does not exist
  or exists twice.

It takes the playbook's `hours` as plain data (`Hours.model_dump(mode="json")`,
what the decision cache holds), so deciding never needs pydantic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from cmkit.i18n.numbers import day as spoken_day  # moments in words: one module writes every figure
from cmkit.i18n.numbers import moment as spoken
from cmkit.open_hours import week_ranges

__all__ = ["Clock", "spoken", "spoken_day"]

_UTC = timezone.utc
_EPOCH_DAY = date(1970, 1, 1)
_EPOCH = datetime(1970, 1, 1, tzinfo=_UTC)
_SECOND = timedelta(seconds=1)
#: Open minutes are searched at most this many days ahead: an office open one minute
#: a week still finds it; an `open` with no minute at all (a lint error) never loops.
_HORIZON_DAYS = 3 * 366


class Clock:
    """Wall-clock and open-hours arithmetic in one playbook's time zone."""

    def __init__(self, hours: Mapping[str, Any] | None = None) -> None:
        self.has_hours = hours is not None
        self.zone = ZoneInfo(hours["timezone"]) if hours else _UTC
        self.week = week_ranges((hours or {}).get("open"))
        self.holidays = frozenset(date.fromisoformat(str(d)) for d in (hours or {}).get("holidays") or ())
        self.always_open = all(day == [(0, 1440)] for day in self.week) and not self.holidays
        self._days: dict[int, str] = {}  # dates written out, by days since the epoch (`wall_text`)

    # -- reading and writing instants -------------------------------------------------

    def localize(self, at: datetime) -> datetime:
        """An aware instant: a naive `at` is read in the playbook's zone (fold=0)."""
        return at.replace(tzinfo=self.zone, fold=0) if at.tzinfo is None else at

    def parse(self, text: str) -> datetime:
        """An ISO 8601 time (`2026-03-02T09:15`, `…+01:00`, `…Z`, or a date alone: its
        midnight), as an aware instant; ValueError when it is not one."""
        value = text.strip()
        if value.endswith(("Z", "z")):
            value = value[:-1] + "+00:00"
        return self.localize(datetime.fromisoformat(value))

    def format(self, at: datetime) -> str:
        """`YYYY-MM-DDTHH:MM:SS±HH:MM` in the playbook's zone (UTC without `hours`)."""
        return self.localize(at).astimezone(self.zone).isoformat(timespec="seconds")

    def wall_text(self, at: datetime, minutes: int) -> str:
        """`format(add_wall(at, minutes))` for whole minutes, as triage writes every record's
        `due_at`: in whole seconds since the epoch, read back in the zone in one step."""
        aware = at if at.tzinfo is not None else at.replace(tzinfo=self.zone, fold=0)
        due = (aware - _EPOCH) // _SECOND + minutes * 60  # whole seconds, exactly (a float's are not, in year 7000)
        try:
            if self.zone is not _UTC:
                return datetime.fromtimestamp(due, self.zone).isoformat()
            days, second = divmod(due, 86400)  # in UTC, a day is 86,400 seconds: the date, then the time
            day = self._days.get(days)
            if day is None:
                if len(self._days) >= 4096:
                    self._days.clear()
                day = self._days[days] = (_EPOCH_DAY + timedelta(days=days)).isoformat()
        except (OverflowError, ValueError, OSError):  # beyond the years a datetime holds: as add_wall says it
            return self.format(self.add_wall(at, minutes))
        hour, second = divmod(second, 3600)
        minute, second = divmod(second, 60)
        return f"{day}T{hour:02d}:{minute:02d}:{second:02d}+00:00"

    # -- arithmetic ---------------------------------------------------------------------

    def add_wall(self, at: datetime, minutes: float) -> datetime:
        """`at` plus elapsed minutes (computed in UTC, so a clock change is one hour)."""
        return (self.localize(at).astimezone(_UTC) + timedelta(minutes=minutes)).astimezone(self.zone)

    def add_open(self, at: datetime, minutes: float) -> datetime:
        """`at` plus `minutes` of open time: the instant the last of them ends.

        Zero minutes from a closed moment is the next opening (a referent cannot
        answer before the office opens); without `hours`, the same as `add_wall`.
        """
        if self.always_open:
            return self.add_wall(at, minutes)
        local = self.localize(at).astimezone(self.zone)
        remaining = float(minutes)
        day = local.date()
        minute_of_day = local.hour * 60 + local.minute + local.second / 60 + local.microsecond / 60e6
        for _ in range(_HORIZON_DAYS):
            if day not in self.holidays:
                for start, end in self.week[day.weekday()]:
                    if end <= minute_of_day:
                        continue
                    begin = max(start, minute_of_day)
                    if remaining <= end - begin:
                        return _local_instant(day, begin + remaining, self.zone)
                    remaining -= end - begin
            day += timedelta(days=1)
            minute_of_day = 0.0
        raise ValueError("the office hours have no open minute within three years")

    def is_open(self, at: datetime) -> bool:
        """Whether `at` falls in open hours (outside holidays)."""
        local = self.localize(at).astimezone(self.zone)
        if local.date() in self.holidays:
            return False
        minute = local.hour * 60 + local.minute
        return any(start <= minute < end for start, end in self.week[local.weekday()])

    def next_open(self, at: datetime) -> datetime:
        """`at` itself when open, else the next moment the office opens."""
        return self.add_open(at, 0)

    def due_at(self, at: datetime, candidates: Iterable[tuple[int, bool]]) -> datetime | None:
        """The earliest of `at` + each (minutes, counted_in_open_hours) candidate, or None."""
        due = [self.add_open(at, m) if open_hours else self.add_wall(at, m) for m, open_hours in candidates]
        return min(due, key=lambda d: d.astimezone(_UTC)) if due else None


def _local_instant(day: date, minute: float, zone: ZoneInfo) -> datetime:
    """The instant `minute` minutes after local midnight of `day`, read on the wall clock
    (fold=0), so 09:00 is 09:00 whatever the clocks did overnight; 24:00 is next midnight."""
    whole = int(minute)
    rest = timedelta(minutes=minute - whole)
    base = datetime(day.year, day.month, day.day, tzinfo=zone) + timedelta(minutes=whole)
    # datetime + timedelta on an aware value moves the wall clock, not the instant: what we want
    return base.replace(fold=0) + rest
