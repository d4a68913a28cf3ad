"""A referent on an escalation path has neither an e-mail nor a phone number.

Subsidiarity only works if the community manager can reach the person the
message goes to: the framework asks for « des référents » who answer « dans
des délais compatibles avec les attentes du public ». A name alone is not a
way to reach someone at 8 p.m. when a customer posts about a recall; every
referent that a topic, `default` or `crisis` escalates to needs an `email`
or a `phone` (their backups too, when they are themselves escalated to).

FAIL::

    contacts: [{id: qualite, name: Sophie Lambert, respond_within: 1h}]
    topics:
      - {id: qualite, label: Qualité, action: escalate, escalate_to: qualite}
PASS::

    contacts: [{id: qualite, name: Sophie Lambert, respond_within: 1h, phone: "+33 6 12 34 56 78"}]
    topics:
      - {id: qualite, label: Qualité, action: escalate, escalate_to: qualite}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.lint.walk import escalation_targets, subject
from cmkit.model.playbook import Playbook

CODE = "W251"
SEVERITY = "warning"
NAME = "referent-unreachable"


def check(playbook: Playbook) -> Iterator[Flag]:
    lang = language(None, playbook.organization.language)
    _ = catalogue(lang)
    named_at: dict[str, str] = {}
    for escalation in escalation_targets(playbook):
        named_at.setdefault(escalation.contact_id, subject(playbook, escalation.path, lang))
    for i, contact in enumerate(playbook.contacts):
        if contact.id in named_at and not (contact.email or contact.phone):
            yield Flag(
                ("contacts", i),
                _("referent '{id}' (named by {via}) has neither an e-mail nor a phone number").format(
                    id=contact.id, via=named_at[contact.id]
                ),
                _("add `email:` or `phone:` so the community manager can reach {name}").format(name=contact.name),
                at_key=True,
            )
