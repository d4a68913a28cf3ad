"""A holiday falls outside any plausible year for the charter.

A holiday closes the office for a whole day, so the deadlines of referents
who are not on call jump over it. A year typed wrong (`2062-12-25` for
`2026-12-25`, `0226-…`) silently leaves the real day open, and the charter
promises answers « dans des délais compatibles avec les attentes du public »
on a day nobody works. cmkit reads any year; this warns about those no
charter plans for: from five years before the charter's `document.date` to
ten years after it, or 2000–2099 when the charter is not dated.

FAIL::

    hours:
      timezone: Europe/Paris
      holidays: [2206-12-25]
PASS::

    hours:
      timezone: Europe/Paris
      holidays: [2026-12-25]
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "W240"
SEVERITY = "warning"
NAME = "holiday-implausible-year"

#: The years an undated charter plausibly plans holidays for.
FIRST_YEAR, LAST_YEAR = 2000, 2099
#: Around a dated charter: this many years before its date, and after.
BEFORE, AFTER = 5, 10


def plausible_years(playbook: Playbook) -> tuple[int, int]:
    dated = playbook.document.date if playbook.document else None
    return (FIRST_YEAR, LAST_YEAR) if dated is None else (dated.year - BEFORE, dated.year + AFTER)


def check(playbook: Playbook) -> Iterator[Flag]:
    if playbook.hours is None:
        return
    first, last = plausible_years(playbook)
    for i, day in enumerate(playbook.hours.holidays):
        if not first <= day.year <= last:
            yield Flag(
                ("hours", "holidays", i),
                f"holiday {day.isoformat()} is in the year {day.year}, outside {first}–{last}: "
                "a typing slip leaves the real day open",
                "check the year (YYYY-MM-DD, e.g. 2026-12-25)",
            )
