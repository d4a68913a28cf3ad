"""Backups form a loop.

A backup answers when a referent cannot; a chain that comes back to where it
started never reaches anyone new, so an unanswered message circles instead of
reaching someone who answers in time (the framework: support for the CM).

FAIL::

    contacts:
      - {id: sav, name: Julie Martin, backup: lead}
      - {id: lead, name: Marc Petit, backup: sav}
PASS::

    contacts:
      - {id: sav, name: Julie Martin, backup: lead}
      - {id: lead, name: Marc Petit, backup: dg}
      - {id: dg, name: Claire Dupuis}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "E104"
SEVERITY = "error"
#: A playbook with this finding means nothing: no command loads it (spec: "Loading and lint").
STOPS_LOADING = True
NAME = "backup-loop"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    backup_of = {c.id: c.backup for c in playbook.contacts if c.backup}
    index = {c.id: i for i, c in enumerate(playbook.contacts)}
    reported: set[str] = set()
    for contact in playbook.contacts:
        chain = [contact.id]
        current = backup_of.get(contact.id)
        while current is not None and current not in chain:
            chain.append(current)
            current = backup_of.get(current)
        if current is None:
            continue
        loop = chain[chain.index(current):]
        if reported.isdisjoint(loop):
            reported.update(loop)
            start = min(loop, key=index.__getitem__)
            turn = loop[loop.index(start):] + loop[: loop.index(start)]
            yield Flag(
                ("contacts", index[start], "backup"),
                _("backups form a loop: {loop}").format(loop=" → ".join([*turn, start])),
                _("end the chain with someone who has no backup, or who is always reachable"),
            )
