"""A topic belongs to no `process`.

« Le community management doit faire partie d'un (ou plusieurs) processus »
(the framework): what the community manager handles must land with marketing,
innovation, support, crisis or communication, or it is « brasser de l'air ».
Naming the process says who uses what the CM reports on this topic.

FAIL::

    topics:
      - {id: suggestions, label: Idées de produits, action: answer, keywords: [suggestion*]}
PASS::

    topics:
      - {id: suggestions, label: Idées de produits, action: answer, keywords: [suggestion*],
         process: innovation}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import PROCESSES, Playbook

CODE = "W208"
SEVERITY = "warning"
NAME = "topic-outside-processes"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    for i, topic in enumerate(playbook.topics):
        if topic.process is None:
            yield Flag(
                ("topics", i),
                _("topic {topic} belongs to no process, so what the CM learns here goes nowhere").format(
                    topic=repr(topic.id)
                ),
                _("add `process:` ({processes})").format(processes=", ".join(PROCESSES)),
                at_key=True,
            )
