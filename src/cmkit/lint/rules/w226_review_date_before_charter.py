"""`document.review_by` is not after `document.date`.

A charter is reviewed as the organisation learns (the framework: « mesurer la
valeur ajoutée », and a process that is framed before it is trusted): a
review date on or before the charter's own date is a typo, or a charter
already overdue the day it is delivered.

FAIL::

    document: {date: 2026-11-30, review_by: 2026-06-30}
PASS::

    document: {date: 2026-11-30, review_by: 2027-06-30}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "W226"
SEVERITY = "warning"
NAME = "review-date-before-charter"


def check(playbook: Playbook) -> Iterator[Flag]:
    document = playbook.document
    if document is None or document.date is None or document.review_by is None:
        return
    if document.review_by > document.date:
        return
    _ = catalogue(language(None, playbook.organization.language))
    yield Flag(
        ("document", "review_by"),
        _("the charter is to be reviewed by {review_by}, not after its own date {date}").format(
            review_by=document.review_by.isoformat(), date=document.date.isoformat()
        ),
        _("set review_by after the charter's date (six months to a year is usual)"),
    )
