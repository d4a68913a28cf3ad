"""The playbook says nothing about the community manager's autonomy.

« Jusqu'où le community manager peut-il aller, peut-il prendre l'initiative,
jusqu'où peut-il engager l'entreprise (car sa parole engage l'entreprise) »
(the framework). Without `autonomy.may` and `autonomy.must_not`, every answer is
a guess about what the CM is allowed to promise, and the organisation cannot
trust the CM, nor the CM feel safe (« n'aura pas peur de mal faire »).

FAIL::

    autonomy: {}
PASS::

    autonomy:
      may: [s'excuser, donner un lien de suivi]
      must_not: [promettre un remboursement]
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.lint.walk import section_or_start
from cmkit.model.playbook import Playbook

CODE = "W215"
SEVERITY = "warning"
NAME = "autonomy-undefined"


def check(playbook: Playbook) -> Iterator[Flag]:
    autonomy = playbook.autonomy
    if autonomy.may and autonomy.must_not:
        return
    _ = catalogue(language(None, playbook.organization.language))
    missing = (" " + _("and no") + " ").join(
        f"`{key}`" for key, items in (("may", autonomy.may), ("must_not", autonomy.must_not)) if not items
    )
    yield Flag(
        ("autonomy",),
        _("the autonomy section has no {missing}: nothing says how far the community manager may go alone").format(
            missing=missing
        ),
        _("list what the CM may do alone (`may`) and what always goes to a referent (`must_not`)"),
        at_key=True,
        at=section_or_start(playbook, "autonomy"),
    )
