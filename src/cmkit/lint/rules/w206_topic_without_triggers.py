"""A topic has neither `keywords` nor `patterns`.

The scope is only useful if a message can be recognised as belonging to it:
a topic with nothing to match never decides anything, and the messages the
consultant had in mind fall to `default` instead.

FAIL::

    topics:
      - {id: presse, label: Presse et médias, action: crisis}
PASS::

    topics:
      - {id: presse, label: Presse et médias, action: crisis, keywords: [journaliste, reportage]}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "W206"
SEVERITY = "warning"
NAME = "topic-without-triggers"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    for i, topic in enumerate(playbook.topics):
        if not topic.keywords and not topic.patterns:
            yield Flag(
                ("topics", i),
                _("topic {topic} has no keywords and no patterns, so no message ever matches it").format(
                    topic=repr(topic.id)
                ),
                _("add `keywords:` (whole words, `rembours*` for a prefix) or `patterns:`"),
                at_key=True,
            )
