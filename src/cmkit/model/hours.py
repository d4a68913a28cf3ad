"""Office hours (revision 1.1): when the organisation's referents work.

The model checks the written form only — a known IANA zone, day names or
day ranges, `HH:MM-HH:MM` ranges that do not cross midnight — so that a
malformed `hours` stops loading (it would make every deadline mean nothing).
Whether a day is named twice or no minute is open at all are lint rules,
with their own codes and positions. `week()` gives the open ranges per
weekday, in minutes from midnight, for the engines that count open time.
"""

from __future__ import annotations

import re
from datetime import date

from pydantic import Field, field_validator

from cmkit.model.common import Strict

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RANGE = re.compile(r"^\s*([01]\d|2[0-3]):([0-5]\d)\s*-\s*(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))\s*$")


def day_numbers(key: str) -> list[int]:
    """`mon` -> [0], `mon-fri` -> [0, 1, 2, 3, 4] (a range may wrap: `sat-mon`); ValueError otherwise."""
    parts = [part.strip().lower() for part in key.split("-")]
    if len(parts) not in (1, 2) or any(part not in DAYS for part in parts):
        raise ValueError(
            f"{key!r} is not a day or a range of days: write mon, tue, wed, thu, fri, sat, sun or a range like mon-fri"
        )
    first = DAYS.index(parts[0])
    last = DAYS.index(parts[-1])
    return [(first + i) % 7 for i in range((last - first) % 7 + 1)]


def minute_ranges(value: str) -> list[tuple[int, int]]:
    """`"09:00-12:00, 14:00-18:00"` -> [(540, 720), (840, 1080)]; ValueError when malformed."""
    ranges = []
    for piece in str(value).split(","):
        found = _RANGE.match(piece)
        if not found:
            raise ValueError(
                f"{piece.strip()!r} is not a range of hours: write it like \"09:00-18:00\" "
                "(several separated by commas)"
            )
        start = int(found[1]) * 60 + int(found[2])
        end = 1440 if found[5] else int(found[3]) * 60 + int(found[4])
        if end <= start:
            raise ValueError(
                f"{piece.strip()!r} ends before it starts; a range never crosses midnight "
                "(split it over two days)"
            )
        ranges.append((start, end))
    return sorted(ranges)


class Hours(Strict):
    """When the organisation works: its time zone, open hours per weekday, and holidays."""

    timezone: str = Field(description="An IANA time zone, e.g. Europe/Paris.")
    open: dict[str, str] | None = Field(
        None,
        description='Day names or ranges mapped to "HH:MM-HH:MM" ranges, e.g. {mon-fri: "09:00-18:00"}; '
        "absent: every minute is open.",
    )
    holidays: list[date] = Field(default_factory=list, description="Days when nobody works but who is on call.")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone: write it like Europe/Paris or America/Montreal") from None
        return value

    @field_validator("open")
    @classmethod
    def _well_formed(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        for key, ranges in (value or {}).items():
            day_numbers(key)
            minute_ranges(ranges)
        return value

    def week(self) -> list[list[tuple[int, int]]]:
        """Open ranges for each weekday (Monday first), in minutes from midnight, merged."""
        if self.open is None:
            return [[(0, 1440)] for _ in DAYS]
        days: list[list[tuple[int, int]]] = [[] for _ in DAYS]
        for key, ranges in self.open.items():
            for day in day_numbers(key):
                days[day].extend(minute_ranges(ranges))
        return [_merged(day) for day in days]


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
