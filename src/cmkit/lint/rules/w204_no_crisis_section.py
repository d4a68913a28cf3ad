"""The playbook has no `crisis` section.

Crisis communication is one of the processes community management plugs
into, and the framework's cascade shows why it must be written down
beforehand: an email complaint, a product review, a tweet, a Facebook group,
a blog post, then a journalist, « le tout en moins de 24 heures ». Without a
`crisis` section no journalist, large audience or spreading topic ever makes
a crisis, and nobody is named to lead one.

FAIL::

    topics: [...]
PASS::

    topics: [...]
    crisis:
      escalate_to: dg
      respond_within: 30m
      authors: [journalist]
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.lint.walk import missing_section
from cmkit.model.playbook import Playbook

CODE = "W204"
SEVERITY = "warning"
NAME = "no-crisis-section"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    return missing_section(
        playbook,
        "crisis",
        _(
            "the playbook has no crisis section: no journalist, large audience or spreading topic "
            "ever makes a crisis, and nobody is named to lead one"
        ),
        _(
            "add `crisis:` with `escalate_to:` (top management) and what triggers it "
            "(`authors`, `followers_at_least`, `spread`)"
        ),
    )
