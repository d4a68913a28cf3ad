"""A referent answers more slowly than the deadline of what is escalated to them.

A topic, `default` or `crisis` that promises an answer within 1 hour but
escalates to someone whose `respond_within` is 4 hours breaks its own
promise every time the referent takes the time they were given. The framework
asks that the referent understand « que sa réponse n'est pas facultative et
qu'elle doit se faire dans des délais compatibles avec les attentes du
public » (the framework).

FAIL::

    contacts: [{id: qualite, name: Sophie Lambert, respond_within: 4h}]
    topics:
      - {id: qualite, label: Qualité, action: escalate, escalate_to: qualite, respond_within: 1h}
PASS::

    contacts: [{id: qualite, name: Sophie Lambert, respond_within: 45m}]
    topics:
      - {id: qualite, label: Qualité, action: escalate, escalate_to: qualite, respond_within: 1h}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.durations import format_duration
from cmkit.lint.finding import Flag
from cmkit.lint.walk import escalation_targets
from cmkit.model.playbook import Playbook

CODE = "W210"
SEVERITY = "warning"
NAME = "referent-slower-than-deadline"


def check(playbook: Playbook) -> Iterator[Flag]:
    for path, contact_id, deadline, via in escalation_targets(playbook):
        contact = playbook.contact(contact_id)
        if deadline is None or contact is None or contact.respond_within is None:
            continue
        if contact.respond_within > deadline:
            yield Flag(
                path,
                f"{via} is due within {format_duration(deadline)}, but "
                f"{contact_id!r} answers within {format_duration(contact.respond_within)}",
                f"agree on {format_duration(deadline)} or less with {contact.name}, "
                "or escalate to someone faster",
            )
