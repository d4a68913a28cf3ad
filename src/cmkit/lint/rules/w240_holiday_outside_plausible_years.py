"""A holiday falls outside any plausible year (before 2000 or after 2099).

A holiday closes the office for a whole day, so the deadlines of referents
who are not on call jump over it. A year typed wrong (`2062-12-25` for
`2026-12-25`, `0226-…`) silently leaves the real day open, and the charter
promises answers « dans des délais compatibles avec les attentes du public »
on a day nobody works. cmkit reads any year; this warns about those no
charter plans for.

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

#: The years a charter plausibly plans holidays for.
FIRST_YEAR, LAST_YEAR = 2000, 2099


def check(playbook: Playbook) -> Iterator[Flag]:
    if playbook.hours is None:
        return
    for i, day in enumerate(playbook.hours.holidays):
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            yield Flag(
                ("hours", "holidays", i),
                f"holiday {day.isoformat()} is in the year {day.year}, outside {FIRST_YEAR}–{LAST_YEAR}: "
                "a typing slip leaves the real day open",
                "check the year (YYYY-MM-DD, e.g. 2026-12-25)",
            )
