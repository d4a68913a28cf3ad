"""Durations as the playbook writes them (`45m`, `2h`, `1d`, `1h30m`) and as minutes.

Minutes are the one unit every engine computes with; the written form is only
for people, so parsing and formatting live here and nowhere else.
"""

from __future__ import annotations

import re

_UNITS = {"d": 1440, "h": 60, "m": 1}

#: The written form: days, hours, minutes, each optional, in that order, at least one,
#: lowercase, surrounding spaces allowed. Python and JSON Schema (ECMA-262) read this
#: pattern alike, so the parser and the schema's `pattern` are this one string.
DURATION_PATTERN = r"^ *(?=[0-9])(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)? *$"
_DURATION = re.compile(DURATION_PATTERN)

#: The largest duration accepted: a year. Longer ones are typos, not deadlines.
MAX_MINUTES = 366 * 1440


def parse_duration(text: str) -> int:
    """Return the minutes in `text`, or raise ValueError with a sentence saying why."""
    match = _DURATION.fullmatch(text)
    if not match:
        from cmkit.i18n import current

        _ = current()
        raise ValueError(_("{text} is not a duration: {fix}").format(text=repr(text), fix=_how_to_write(text)))
    days, hours, minutes = (int(g) if g else 0 for g in match.groups())
    total = days * 1440 + hours * 60 + minutes
    if total > MAX_MINUTES:
        from cmkit.i18n import current

        _ = current()
        raise ValueError(_("{text} is longer than a year").format(text=repr(text)))
    return total


def _how_to_write(text: str) -> str:
    """The fix for a text that is not a duration, as precise as its mistake allows."""
    from cmkit.i18n import current

    _ = current()
    cleaned = text.strip()
    if _DURATION.fullmatch(cleaned):  # only a line break or a tab around it (`"2h\n"`)
        return f"remove the line break or tab around it, write {cleaned}"
    if _DURATION.fullmatch(cleaned.lower()):
        return _("units are lowercase, write {duration}").format(duration=cleaned.lower())
    if cleaned.isdigit():
        return _("give it a unit, write {number}m for minutes or {number}h for hours").format(number=cleaned)
    return _("write it like 45m, 2h, 1d or 1h30m (whole numbers, days then hours then minutes)")


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
