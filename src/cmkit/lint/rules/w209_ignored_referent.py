"""A topic or `default` names an `escalate_to` that its action never calls.

Only `escalate` sends a message to the topic's own referent. A `crisis` goes
to `crisis.escalate_to` whenever the playbook has a `crisis` section; on an
`answer`, `moderate` or `decline` topic the referent is never called. Either
the action is wrong (the consultant meant `escalate`) or the line misleads
whoever reads the charter about who handles the subject.

FAIL::

    topics:
      - {id: livraison, label: Livraison, action: answer, escalate_to: sav, keywords: [colis]}
PASS::

    topics:
      - {id: livraison, label: Livraison, action: escalate, escalate_to: sav, keywords: [colis]}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.i18n.terms import action_word
from cmkit.lint.finding import Flag
from cmkit.lint.walk import sends_to_own_referent
from cmkit.loading.yamlnodes import PathKey
from cmkit.model.playbook import Playbook

CODE = "W209"
SEVERITY = "warning"
NAME = "ignored-referent"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    named: list[tuple[PathKey, str, str, str]] = [
        (("topics", i), _("topic {topic}").format(topic=repr(t.id)), t.action, t.escalate_to)
        for i, t in enumerate(playbook.topics)
        if t.escalate_to
    ]
    if playbook.default and playbook.default.escalate_to:
        named.append((("default",), "`default`", playbook.default.action, playbook.default.escalate_to))
    for path, what, action, referent in named:
        if sends_to_own_referent(playbook, action):
            continue
        if action == "crisis":
            assert playbook.crisis is not None
            message = _("{what} is a crisis, which goes to crisis.escalate_to ({crisis}), so {referent} is never called")
        else:
            message = _("{what} is handled with {action}, so {referent} is never called")
        yield Flag(
            (*path, "escalate_to"),
            message.format(
                what=what,
                crisis=repr(playbook.crisis.escalate_to) if playbook.crisis else "",
                action=action_word(action, _.lang),
                referent=repr(referent),
            ),
            _("set `action: escalate`, or remove `escalate_to`"),
        )
