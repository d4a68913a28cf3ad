"""The context a review is given on the command line: a topic id, a channel id or alias."""

from __future__ import annotations

import difflib

from cmkit.errors import UsageError
from cmkit.i18n import Catalogue, catalogue
from cmkit.model.playbook import Channel, Playbook, Topic

_ENGLISH = catalogue("en")


def _unknown(message: str, given: str, known: list[str], file: str, _: Catalogue) -> UsageError:
    close = difflib.get_close_matches(given, known, n=1)
    if close:
        tail = _("did you mean {close}?").format(close=close[0])
    else:
        tail = _("the ids are: {known}").format(known=", ".join(known) or "-")
    return UsageError(_("{problem}; {hint}").format(problem=message.format(given=given, file=file), hint=tail))


def find_topic(playbook: Playbook, given: str | None, file: str, _: Catalogue = _ENGLISH) -> Topic | None:
    """The topic named by `--topic`, None without one; a UsageError naming the file if unknown."""
    if given is None:
        return None
    for topic in playbook.topics:
        if topic.id == given:
            return topic
    message = _("--topic {given}: no such topic in {file}")
    raise _unknown(message, given, [t.id for t in playbook.topics], file, _)


def find_channel(playbook: Playbook, given: str | None, file: str, _: Catalogue = _ENGLISH) -> Channel | None:
    """The channel named by `--channel`, by id or by one of its `aliases` (case ignored)."""
    if given is None:
        return None
    wanted = given.strip().casefold()
    for channel in playbook.channels:
        if channel.id == given:
            return channel
    for channel in playbook.channels:
        if wanted == channel.id.casefold() or wanted in (a.strip().casefold() for a in channel.aliases):
            return channel
    message = _("--channel {given}: no such channel in {file}")
    raise _unknown(message, given, [c.id for c in playbook.channels], file, _)
