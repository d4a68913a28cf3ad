"""A topic that is not escalated names an `escalate_to`, which is ignored.

Only `escalate` and `crisis` send a message to a referent (a crisis goes to
`crisis.escalate_to`); on an `answer`, `moderate` or `decline` topic the
referent is never called. Either the action is wrong (the consultant meant
`escalate`) or the line misleads whoever reads the charter about who handles
the subject.

FAIL::

    topics:
      - {id: livraison, label: Livraison, action: answer, escalate_to: sav, keywords: [colis]}
PASS::

    topics:
      - {id: livraison, label: Livraison, action: escalate, escalate_to: sav, keywords: [colis]}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.lint.finding import Flag
from cmkit.lint.walk import REFERRING_ACTIONS
from cmkit.model.playbook import Playbook

CODE = "W209"
SEVERITY = "warning"
NAME = "ignored-referent"


def check(playbook: Playbook) -> Iterator[Flag]:
    for i, topic in enumerate(playbook.topics):
        if topic.escalate_to and topic.action not in REFERRING_ACTIONS:
            yield Flag(
                ("topics", i, "escalate_to"),
                f"topic {topic.id!r} is handled with {topic.action}, so {topic.escalate_to!r} "
                "is never called",
                "set `action: escalate`, or remove `escalate_to`",
            )
