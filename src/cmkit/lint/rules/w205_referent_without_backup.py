"""A referent on an escalation path has no `backup`.

Subsidiarity says whom to refer to when a message is outside the community
manager's autonomy; support says that person's answer is not optional.
People are on leave, in meetings, asleep: a referent without a
backup is a message that waits. Referents here are the contacts named by an
`escalate` or `crisis` topic, by `default` or by `crisis`.

FAIL::

    contacts: [{id: sav, name: Julie Martin}]
    topics:
      - {id: remboursement, label: Remboursements, action: escalate, escalate_to: sav}
PASS::

    contacts:
      - {id: sav, name: Julie Martin, backup: sav-adjoint}
      - {id: sav-adjoint, name: Karim Benali}
    topics:
      - {id: remboursement, label: Remboursements, action: escalate, escalate_to: sav}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.lint.finding import Flag
from cmkit.lint.walk import escalation_targets
from cmkit.loading.yamlnodes import format_path
from cmkit.model.playbook import Playbook

CODE = "W205"
SEVERITY = "warning"
NAME = "referent-without-backup"


def check(playbook: Playbook) -> Iterator[Flag]:
    named_at: dict[str, str] = {}
    for escalation in escalation_targets(playbook):
        named_at.setdefault(escalation.contact_id, format_path(escalation.path))
    for i, contact in enumerate(playbook.contacts):
        if contact.id in named_at and not contact.backup:
            yield Flag(
                ("contacts", i),
                f"{contact.id!r} is a referent ({named_at[contact.id]}) but has no backup",
                "add `backup:` naming who answers when they cannot",
                at_key=True,
            )
