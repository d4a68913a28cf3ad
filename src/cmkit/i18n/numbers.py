"""Numbers, shares, durations and moments as each language writes them.

French typography is not English with other words: a thousands separator is a
narrow no-break space (« 1 200 messages »), a percent sign is spaced by one
(« 90 % »), an hour reads « 2 h 30 », a moment « lun. 2 mars, 9 h 00 ». English
writes "1,200 messages", "90%", "2h30", "Mon 2 Mar, 09:00". Every screen and
document cmkit prints takes its figures from here, so that the two never drift
apart from one command to the next.

Only the standard library: the CLI's cold start must not pay for Babel's
locale data to write a number.
"""

from __future__ import annotations

from datetime import date, datetime

#: U+202F NARROW NO-BREAK SPACE: French thousands separator, and the space before %, ; : ! ?
NNBSP = "\u202f"
#: U+00A0 NO-BREAK SPACE: between a figure and its unit (« 2 h 30 », « 45 min »), never split.
NBSP = "\u00a0"

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def number(value: int, lang: str) -> str:
    """A whole number: 1200 -> "1,200" (fr: « 1 200 » with a narrow no-break space)."""
    shown = f"{value:,}"
    return shown.replace(",", NNBSP) if lang == "fr" else shown


def decimal(value: float | None, lang: str, digits: int = 2) -> str:
    """A fraction written out: 0.85 -> "0.85" (fr: « 0,85 »); None -> "—"."""
    if value is None:
        return "—"
    shown = f"{value:,.{digits}f}"
    if lang == "fr":
        return shown.replace(",", NNBSP).replace(".", ",")
    return shown


def percent(share: float | None, lang: str, digits: int = 0) -> str:
    """A share of one as a percentage: 0.9 -> "90%" (fr: « 90 % »); None -> "—"."""
    if share is None:
        return "—"
    shown = decimal(share * 100, lang, digits)
    return f"{shown}{NNBSP}%" if lang == "fr" else f"{shown}%"


def duration(minutes: int | None, lang: str) -> str:
    """A span for a reader: 150 -> "2h30" (fr: « 2 h 30 »), 45 -> "45 min", 1500 -> "1d 1h"
    (fr: « 1 j 1 h »); None -> "—". Minutes under an hour keep their unit in both."""
    if minutes is None:
        return "—"
    days, rest = divmod(int(minutes), 1440)
    hours, mins = divmod(rest, 60)
    sep = NBSP if lang == "fr" else ""
    day_unit = "j" if lang == "fr" else "d"
    parts = []
    if days:
        parts.append(f"{days}{sep}{day_unit}")
    if hours:
        parts.append(f"{hours}{sep}h" + (f"{sep}{mins:02d}" if mins else ""))
    elif mins or not parts:
        parts.append(f"{mins}{NBSP}min")
    return " ".join(parts)


def day(value: date, lang: str) -> str:
    """A day as a reader says it: "Sat 7 Mar" (fr: « sam. 7 mars »)."""
    from cmkit.i18n import catalogue

    _ = catalogue(lang)
    names = {
        "Mon": _("Mon"), "Tue": _("Tue"), "Wed": _("Wed"), "Thu": _("Thu"), "Fri": _("Fri"), "Sat": _("Sat"),
        "Sun": _("Sun"), "Jan": _("Jan"), "Feb": _("Feb"), "Mar": _("Mar"), "Apr": _("Apr"), "May": _("May"),
        "Jun": _("Jun"), "Jul": _("Jul"), "Aug": _("Aug"), "Sep": _("Sep"), "Oct": _("Oct"), "Nov": _("Nov"),
        "Dec": _("Dec"),
    }
    return _("{weekday} {day} {month}").format(
        weekday=names[_WEEKDAYS[value.weekday()]], day=day_number(value, lang), month=names[_MONTHS[value.month - 1]]
    )


def day_number(value: date, lang: str) -> str:
    """The day of the month as written before its month: '1' (fr: « 1er », the French ordinal
    for the first day alone: « 1er mars », « 2 mars »)."""
    return "1er" if value.day == 1 and lang == "fr" else str(value.day)


def moment(at: datetime, lang: str) -> str:
    """A moment (already in the zone it is read in): "Sat 7 Mar, 09:00", the 24-hour clock as
    English timetables write it (fr: « sam. 7 mars à 9 h 00 »)."""
    from cmkit.i18n import catalogue

    return catalogue(lang)("{day}, {hour}:{minute}").format(
        day=day(at.date(), lang), hour=f"{at.hour:02d}", h=at.hour, minute=f"{at.minute:02d}"
    )
