"""How `hours.open` is written, read without pydantic (the clock uses it on the fast path)."""

from __future__ import annotations

import re
from collections.abc import Mapping

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


def week_ranges(open_hours: Mapping[str, str] | None) -> list[list[tuple[int, int]]]:
    """Open ranges for each weekday (Monday first), in minutes from midnight, merged;
    every minute open when `open` is absent."""
    if open_hours is None:
        return [[(0, 1440)] for _ in DAYS]
    days: list[list[tuple[int, int]]] = [[] for _ in DAYS]
    for key, ranges in open_hours.items():
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
