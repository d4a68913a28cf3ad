"""Deadlines in words, and reply templates filled in, in the playbook's language.

A reply says « Julie revient vers vous sous 2 heures », not "within 2h":
`{deadline}` is written for the public, in the playbook's language, through
the catalogue (revision 1.1, `reply`). `cmkit check` writes its verdict with
the same words, so the CM reads what the public will read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from cmkit.i18n import catalogue
from cmkit.i18n.numbers import day_number

if TYPE_CHECKING:  # datetime costs `check` 2.6 ms of start-up; only the annotations need it
    from datetime import date, datetime

#: `{{`, `}}`, or a `{name}` placeholder (any other brace is left as written).
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_]+)\}")


def duration_words(minutes: int, lang: str, *, nbsp: bool = False) -> str:
    """90 -> '1 hour 30 minutes' (fr: '1 heure 30 minutes'); 0 -> '0 minutes'; a figure and its
    unit joined by a no-break space with `nbsp`."""
    _ = catalogue(lang)
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(_.n("{count} day", "{count} days", days).format(count=days))
    if hours:
        parts.append(_.n("{count} hour", "{count} hours", hours).format(count=hours))
    if mins or not parts:
        parts.append(_.n("{count} minute", "{count} minutes", mins).format(count=mins))
    if nbsp:  # on a card, « 30 minutes » stays on one line; a reply keeps the spaces its cases expect
        parts = [part.replace(" ", NBSP, 1) for part in parts]
    return " ".join(parts)


def deadline_words(minutes: int | None, lang: str, *, nbsp: bool = False) -> str:
    """'within 2 hours' (fr: 'sous 2 heures'); without a deadline, 'as soon as possible'."""
    _ = catalogue(lang)
    if minutes is None:
        return _("as soon as possible")
    return _("within {duration}").format(duration=duration_words(minutes, lang, nbsp=nbsp))


#: Between a figure and its unit, and inside a time (« 12 h 30 », « 30 min »): a line never
#: breaks there, so a CM never reads « 12 » at the end of a line and « h 30 » on the next.
NBSP = "\u00a0"

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)


def day_words(day: date, lang: str) -> str:
    """'Monday 7 December' (fr: « lundi 7 décembre »): the weekday matters to a CM reading a
    deadline on a Friday evening, so it is always said, in full."""
    _ = catalogue(lang)
    names = {
        "Monday": _("Monday"), "Tuesday": _("Tuesday"), "Wednesday": _("Wednesday"), "Thursday": _("Thursday"),
        "Friday": _("Friday"), "Saturday": _("Saturday"), "Sunday": _("Sunday"), "January": _("January"),
        "February": _("February"), "March": _("March"), "April": _("April"), "May": _("May"), "June": _("June"),
        "July": _("July"), "August": _("August"), "September": _("September"), "October": _("October"),
        "November": _("November"), "December": _("December"),
    }
    month, number = names[_MONTHS[day.month - 1]], day_number(day, lang)
    return _("{weekday} {day} {month}").format(
        weekday=names[_WEEKDAYS[day.weekday()]], day=number, month=month
    ).replace(f"{number} {month}", f"{number}{NBSP}{month}")


def time_words(at: datetime, lang: str) -> str:
    """'10:30' (fr: « 10 h 30 », with no-break spaces)."""
    if lang == "fr":
        return f"{at.hour}{NBSP}h{NBSP}{at.minute:02d}"
    return f"{at.hour:02d}:{at.minute:02d}"


def moment_words(at: datetime, lang: str) -> str:
    """A moment (in the zone it is to be read in): 'Monday 7 December, 10:30' (fr: « lundi
    7 décembre à 10 h 30 »)."""
    return catalogue(lang)("{day}, {time}").format(day=day_words(at.date(), lang), time=time_words(at, lang))


def by_moment_words(at: datetime, lang: str) -> str:
    """`{deadline}` of a reply when the decision has a due moment: 'by Monday 7 December, 10:30'
    (fr: « d’ici lundi 7 décembre à 10 h 30 »)."""
    return catalogue(lang)("by {moment}").format(moment=moment_words(at, lang))


def fill(template: str, values: Mapping[str, str]) -> str:
    """The template with each known `{name}` replaced and `{{`/`}}` made single braces.

    Not `str.format`: a reply is written by a consultant, and `{0}` or
    `{x.attr}` must stay text, not raise or reach into objects. An unknown
    `{name}` (a lint error, which stops loading) is left as written.
    """

    def replace(match: re.Match[str]) -> str:
        whole = match.group()
        if whole == "{{":
            return "{"
        if whole == "}}":
            return "}"
        name = match.group(1)
        return values[name] if name in values else whole

    return _PLACEHOLDER.sub(replace, template)
