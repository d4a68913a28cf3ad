"""A referent on an escalation path has no `backup`.

Subsidiarity says whom to refer to when a message is outside the community
manager's autonomy; support says that person's answer is not optional.
People are on leave, in meetings, asleep: a referent without a
backup is a message that waits. The referents on an escalation path are the
contacts messages are sent to as they are decided: the `escalate_to` of an
`escalate` topic (of a `crisis` topic too when there is no `crisis` section),
of `default` (or the first contact, when `default` names none or is absent)
and of `crisis`. Backups further down a chain are not flagged: a chain has
to end with someone.

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

from cmkit.i18n import Catalogue, catalogue, language
from cmkit.lint.finding import Flag
from cmkit.lint.walk import Escalation, escalation_targets
from cmkit.model.playbook import Playbook

CODE = "W205"
SEVERITY = "warning"
NAME = "referent-without-backup"


def _named_where(escalation: Escalation, playbook: Playbook, _: Catalogue) -> str:
    """Where the referent is named, in the playbook's language (`Escalation.via` is English)."""
    section = escalation.path[0]
    if section == "topics":
        topic = playbook.topics[int(escalation.path[1])]
        return _("topic {topic}").format(topic=repr(topic.id))
    if section == "contacts":
        return _("the default referent, as there is no `default`")
    if escalation.path == ("default", "action"):
        return _("the default referent, as `default` names none")
    return f"`{section}`"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    named_at: dict[str, str] = {}
    for escalation in escalation_targets(playbook):
        named_at.setdefault(escalation.contact_id, _named_where(escalation, playbook, _))
    for i, contact in enumerate(playbook.contacts):
        if contact.id in named_at and not contact.backup:
            yield Flag(
                ("contacts", i),
                _("{contact} is a referent ({via}) but has no backup").format(
                    contact=repr(contact.id), via=named_at[contact.id]
                ),
                _("add `backup:` naming who answers when they cannot"),
                at_key=True,
            )
