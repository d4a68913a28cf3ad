"""A day is named twice in `hours.open`.

The framework asks that the referent « comprenne que sa réponse n'est pas
facultative et qu'elle doit se faire dans des délais compatibles avec les
attentes du public »: a deadline counted in open hours means something only
when each day has one set of hours. `mon-fri` and `fri` both giving Friday's
hours leave it to chance which one the charter meant, so the hours are
malformed and no command loads the playbook (spec: a malformed `hours`).

FAIL::

    hours:
      timezone: Europe/Paris
      open: {mon-fri: "09:00-18:00", fri: "09:00-17:00"}
PASS::

    hours:
      timezone: Europe/Paris
      open: {mon-thu: "09:00-18:00", fri: "09:00-17:00"}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook
from cmkit.open_hours import DAYS, day_numbers

CODE = "E110"
STOPS_LOADING = True  # malformed hours: every deadline in open hours would mean nothing
SEVERITY = "error"
NAME = "hours-day-named-twice"


def check(playbook: Playbook) -> Iterator[Flag]:
    if playbook.hours is None or not playbook.hours.open:
        return
    named_by: dict[int, str] = {}
    for key in playbook.hours.open:
        twice = [day for day in day_numbers(key) if day in named_by]
        if twice:
            first = named_by[twice[0]]
            days = ", ".join(DAYS[day] for day in twice)
            yield Flag(
                ("hours", "open", key),
                f"{key!r} names {days} again, already given by {first!r}",
                "give each day its hours once: split the range (mon-thu, then fri) "
                "or list both ranges in one value (\"09:00-12:00, 14:00-18:00\")",
                at_key=True,
            )
        for day in day_numbers(key):
            named_by.setdefault(day, key)
