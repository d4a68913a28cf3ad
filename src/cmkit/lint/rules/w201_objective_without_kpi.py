"""An objective has no `kpi`.

The framework starts by defining the objectives of community management, and
an objective nobody measures cannot show the value it adds: the framework asks to
« mesurer la valeur ajoutée (par rapport à vos attentes) », and reporting to
top management needs a figure to report.

FAIL::

    objectives:
      - id: reactivite
        statement: Répondre vite à ceux qui nous interpellent en public
PASS::

    objectives:
      - id: reactivite
        statement: Répondre vite à ceux qui nous interpellent en public
        kpi: part des messages publics traités dans le délai
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "W201"
SEVERITY = "warning"
NAME = "objective-without-kpi"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    for i, objective in enumerate(playbook.objectives):
        if not objective.kpi:
            yield Flag(
                ("objectives", i),
                _("objective {objective} has no kpi, so nobody can tell whether it is met").format(
                    objective=repr(objective.id)
                ),
                _("add `kpi:` (and a `target:`) saying how it is measured"),
                at_key=True,
            )
