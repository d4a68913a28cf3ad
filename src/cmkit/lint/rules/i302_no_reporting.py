"""The playbook has no `reporting` section.

« Mesurer la valeur ajoutée (par rapport à vos attentes) » (the framework) and
report to top management (the framework): without a reporting rhythm, what the
community manager learns (the `report` items of each topic) has no regular
way up, and the objectives' KPIs are never read.

FAIL::

    crisis: {escalate_to: dg}
PASS::

    reporting:
      frequency: weekly
      recipients: [dg]
      metrics: [messages traités, délai médian de réponse]
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.lint.walk import missing_section
from cmkit.model.playbook import Playbook

CODE = "I302"
SEVERITY = "info"
NAME = "no-reporting"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    return missing_section(
        playbook,
        "reporting",
        _("the playbook has no reporting section: nobody receives the figures its objectives ask for"),
        _("add `reporting:` with `frequency`, `recipients` (top management) and `metrics`"),
    )
