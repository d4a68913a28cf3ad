"""A model reply does what `cmkit review` reports as an error (R101, R102, R103).

The community manager copies the charter's model replies (`reply`,
`crisis.holding_statement`); one that uses a forbidden phrase, promises
what the CM must not (a `must_not` item's `detect`) or says « tu » in a
« vous » charter teaches the mistake to everyone who uses it — the
framework's « style online » and autonomy, contradicted by the charter
itself. The reply is reviewed filled with sample values. A warning, so it
fails `lint --strict` and never stops other commands from loading.

FAIL::

    tone: {address: vous, forbidden: [pas de notre ressort]}
    topics:
      - {id: recrutement, label: Emploi, action: decline,
         reply: "Ce n'est pas de notre ressort. {signature}"}
PASS::

    tone: {address: vous, forbidden: [pas de notre ressort]}
    topics:
      - {id: recrutement, label: Emploi, action: decline,
         reply: "Vous trouverez nos offres sur la page carrières. {signature}"}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.lint.finding import Flag
from cmkit.lint.rules._model_reply_review import flags
from cmkit.model.playbook import Playbook

CODE = "W217"
SEVERITY = "warning"
NAME = "model-reply-breaks-charter"


def check(playbook: Playbook) -> Iterator[Flag]:
    return flags(playbook, frozenset({"error"}))
