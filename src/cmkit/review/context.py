"""The context a review is given on the command line: a topic id, a channel id or alias."""

from __future__ import annotations

import difflib

from cmkit.errors import UsageError
from cmkit.model.playbook import Channel, Playbook, Topic


def _unknown(option: str, given: str, known: list[str], file: str) -> UsageError:
    close = difflib.get_close_matches(given, known, n=1)
    tail = f"did you mean {close[0]!r}?" if close else f"it has: {', '.join(known) or 'none'}"
    return UsageError(f"{option} {given!r} is not in {file}; {tail}")


def find_topic(playbook: Playbook, given: str | None, file: str) -> Topic | None:
    """The topic named by `--topic`, None without one; a UsageError naming the file if unknown."""
    if given is None:
        return None
    for topic in playbook.topics:
        if topic.id == given:
            return topic
    raise _unknown("--topic", given, [t.id for t in playbook.topics], file)


def find_channel(playbook: Playbook, given: str | None, file: str) -> Channel | None:
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
    raise _unknown("--channel", given, [c.id for c in playbook.channels], file)
