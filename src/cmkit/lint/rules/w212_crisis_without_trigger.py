"""The `crisis` section can never be triggered.

A crisis is declared by an author kind (`authors`), an audience
(`followers_at_least`), a spread over channels (`spread`), or a topic whose
action is `crisis`. With none of them, the section names who takes a crisis
but nothing ever reaches them: crisis communication, one of the processes
the framework plugs community management into, is then only on paper.

FAIL::

    crisis: {escalate_to: dg, respond_within: 30m}
PASS::

    crisis: {escalate_to: dg, respond_within: 30m, authors: [journalist]}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "W212"
SEVERITY = "warning"
NAME = "crisis-without-trigger"


def check(playbook: Playbook) -> Iterator[Flag]:
    crisis = playbook.crisis
    if crisis is None or crisis.authors or crisis.followers_at_least is not None or crisis.spread:
        return
    if any(topic.action == "crisis" for topic in playbook.topics):
        return
    _ = catalogue(language(None, playbook.organization.language))
    yield Flag(
        ("crisis",),
        _("nothing triggers a crisis: no `authors`, no `followers_at_least`, no `spread`, no crisis topic"),
        _("add `authors: [journalist]`, `followers_at_least:`, `spread:`, or a topic with `action: crisis`"),
        at_key=True,
    )
