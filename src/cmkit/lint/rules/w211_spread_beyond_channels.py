"""`crisis.spread.channels` asks for more channels than the playbook has.

The framework's cascade (email, review, tweet, Facebook group, blog, journalist
within 24 hours) is what `spread` detects: one topic showing up on
several channels in a short window. Messages come on the playbook's channels,
so a threshold above their number can never be reached and the cascade goes
unnoticed until the journalist calls.

FAIL::

    channels: [{id: email}, {id: twitter}]
    crisis: {escalate_to: dg, spread: {channels: 3, within: 24h}}
PASS::

    channels: [{id: email}, {id: twitter}, {id: facebook}]
    crisis: {escalate_to: dg, spread: {channels: 3, within: 24h}}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "W211"
SEVERITY = "warning"
NAME = "spread-beyond-channels"


def check(playbook: Playbook) -> Iterator[Flag]:
    spread = playbook.crisis.spread if playbook.crisis else None
    if spread is None or spread.channels <= len(playbook.channels):
        return
    _ = catalogue(language(None, playbook.organization.language))
    yield Flag(
        ("crisis", "spread", "channels"),
        _("spread needs {needed} channels, but the playbook lists {listed}, so a spreading crisis is never detected").format(
            needed=spread.channels, listed=len(playbook.channels)
        ),
        _("lower it to {most} at most, or list the channels you watch").format(most=max(1, len(playbook.channels))),
    )
