"""An id appears twice in its list.

Ids are how the charter's parts refer to each other and how a decision names
its topic and referent; two topics called `livraison` make every decision
about deliveries ambiguous, and two contacts with one id make an escalation
go to whoever comes first.

FAIL::

    contacts:
      - {id: sav, name: Julie Martin}
      - {id: sav, name: Paul Durand}
PASS::

    contacts:
      - {id: sav, name: Julie Martin}
      - {id: sav-2, name: Paul Durand}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "E102"
SEVERITY = "error"
#: A playbook with this finding means nothing: no command loads it (spec: "Loading and lint").
STOPS_LOADING = True
NAME = "duplicate-id"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    for section in ("objectives", "channels", "contacts", "topics"):
        first_seen: dict[str, int] = {}
        for i, entry in enumerate(getattr(playbook, section)):
            if entry.id in first_seen:
                yield Flag(
                    (section, i, "id"),
                    _("the id {id} is already used by {entry}").format(
                        id=repr(entry.id), entry=f"{section}[{first_seen[entry.id]}]"
                    ),
                    _("give each entry its own id"),
                )
            else:
                first_seen[entry.id] = i
