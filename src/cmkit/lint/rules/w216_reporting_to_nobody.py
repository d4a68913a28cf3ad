"""The `reporting` section has no recipients.

The handling process includes « quel suivi, quel reporting » (the framework), and
the framework wants community management to report straight to top management:
« être rattaché au plus haut manager, c'est s'assurer que l'information va
arriver rapidement dans les deux sens » (the framework). Metrics sent to nobody
are not reporting.

FAIL::

    reporting: {frequency: weekly, metrics: [messages traités]}
PASS::

    reporting: {frequency: weekly, recipients: [dg], metrics: [messages traités]}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "W216"
SEVERITY = "warning"
NAME = "reporting-to-nobody"


def check(playbook: Playbook) -> Iterator[Flag]:
    if playbook.reporting is not None and not playbook.reporting.recipients:
        _ = catalogue(language(None, playbook.organization.language))
        yield Flag(
            ("reporting",),
            _("the reporting section names no recipients, so nobody reads it"),
            _("add `recipients:` with contact ids, top management first"),
            at_key=True,
        )
