"""Durations as the playbook writes them (`45m`, `2h`, `1d`, `1h30m`) and as minutes.

Minutes are the one unit every engine computes with; the written form is only
for people, so parsing and formatting live here and nowhere else.
"""

from __future__ import annotations

import re

_UNITS = {"d": 1440, "h": 60, "m": 1}
_DURATION = re.compile(r"(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?")

#: The largest duration accepted: a year. Longer ones are typos, not deadlines.
MAX_MINUTES = 366 * 1440


def parse_duration(text: str) -> int:
    """Return the minutes in `text`, or raise ValueError with a sentence saying why."""
    cleaned = text.strip().lower().replace(" ", "")
    match = _DURATION.fullmatch(cleaned)
    if not cleaned or not match or not any(match.groups()):
        raise ValueError(
            f"{text!r} is not a duration: write it like 45m, 2h, 1d or 1h30m"
        )
    days, hours, minutes = (int(g) if g else 0 for g in match.groups())
    total = days * 1440 + hours * 60 + minutes
    if total > MAX_MINUTES:
        raise ValueError(f"{text!r} is longer than a year")
    return total


def format_duration(minutes: int | None) -> str:
    """Write minutes back the way a playbook would: 90 -> '1h30m', 1440 -> '1d'."""
    if minutes is None:
        return "—"
    if minutes == 0:
        return "0m"
    parts = []
    for unit, size in _UNITS.items():
        count, minutes = divmod(minutes, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts)
