"""An `escalate` topic has no `escalate_to`.

A topic outside the community manager's autonomy must say whom to refer to;
otherwise the message waits in the CM's inbox while the public waits for an
answer (the framework: organise subsidiarity).

FAIL::

    topics:
      - {id: juridique, label: Questions juridiques, action: escalate}
PASS::

    topics:
      - {id: juridique, label: Questions juridiques, action: escalate, escalate_to: juriste}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "E103"
SEVERITY = "error"
#: A playbook with this finding means nothing: no command loads it (spec: "Loading and lint").
STOPS_LOADING = True
NAME = "escalate-without-referent"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    for i, topic in enumerate(playbook.topics):
        if topic.action == "escalate" and not topic.escalate_to:
            yield Flag(
                ("topics", i, "action"),
                _("topic {topic} escalates but names no referent").format(topic=repr(topic.id)),
                _("add `escalate_to:` with a contact id"),
            )
