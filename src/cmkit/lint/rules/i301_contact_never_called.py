"""A contact is never called: no topic, default, crisis, backup or report names them.

Subsidiarity and support, in the framework, are about people the community
manager actually turns to. A contact nobody escalates to, who backs nobody
up and receives no report, is either forgotten in the process (a topic should name
them) or no longer needed in the charter.

FAIL::

    contacts:
      - {id: sav, name: Julie Martin}
      - {id: juridique, name: Antoine Blanc}
    topics:
      - {id: remboursement, label: Remboursements, action: escalate, escalate_to: sav}
PASS::

    contacts:
      - {id: sav, name: Julie Martin, backup: juridique}
      - {id: juridique, name: Antoine Blanc}
    topics:
      - {id: remboursement, label: Remboursements, action: escalate, escalate_to: sav}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.lint.rules.e101_unknown_reference import references
from cmkit.model.playbook import Playbook

CODE = "I301"
SEVERITY = "info"
NAME = "contact-never-called"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    called = {contact_id for _, contact_id in references(playbook)}
    for i, contact in enumerate(playbook.contacts):
        if contact.id not in called:
            yield Flag(
                ("contacts", i),
                _("{contact} is never escalated to, backs nobody up and receives no report").format(
                    contact=repr(contact.id)
                ),
                _("name them in a topic's `escalate_to`, as someone's `backup`, or in `reporting.recipients`"),
                at_key=True,
            )
