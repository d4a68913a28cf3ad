"""Deadlines in words, and reply templates filled in, in the playbook's language.

A reply says « Julie revient vers vous sous 2 heures », not "within 2h":
`{deadline}` is written for the public, in the playbook's language, through
the catalogue (revision 1.1, `reply`). `cmkit check` writes its verdict with
the same words, so the CM reads what the public will read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from cmkit.i18n import catalogue

#: `{{`, `}}`, or a `{name}` placeholder (any other brace is left as written).
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([A-Za-z_]+)\}")


def duration_words(minutes: int, lang: str) -> str:
    """90 -> '1 hour 30 minutes' (fr: '1 heure 30 minutes'); 0 -> '0 minutes'."""
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
    return " ".join(parts)


def deadline_words(minutes: int | None, lang: str) -> str:
    """'within 2 hours' (fr: 'sous 2 heures'); without a deadline, 'as soon as possible'."""
    _ = catalogue(lang)
    if minutes is None:
        return _("as soon as possible")
    return _("within {duration}").format(duration=duration_words(minutes, lang))


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
