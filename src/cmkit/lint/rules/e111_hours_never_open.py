"""`hours.open` opens no minute at all.

Open-hours deadlines count only the minutes in `hours.open`; with none, a
referent who is not on call could never answer, and every deadline counted
in open hours would never come. The framework asks for answers « dans des
délais compatibles avec les attentes du public », which needs someone at
work at some point: leave `open` out for an office that never closes.

FAIL::

    hours:
      timezone: Europe/Paris
      open: {}
PASS::

    hours:
      timezone: Europe/Paris
      open: {mon-fri: "09:00-18:00"}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "E111"
STOPS_LOADING = True  # malformed hours: every deadline in open hours would mean nothing
SEVERITY = "error"
NAME = "hours-never-open"


def check(playbook: Playbook) -> Iterator[Flag]:
    hours = playbook.hours
    if hours is None or hours.open is None:
        return
    if not any(hours.week()):
        yield Flag(
            ("hours", "open"),
            "`hours.open` opens no minute of the week, so no referent off call could ever answer",
            "give the days and hours the office works (mon-fri: \"09:00-18:00\"), "
            "or leave `open` out if it never closes",
            at_key=True,
        )
