"""A topic has no `examples`: nothing shows what its messages look like.

The framework's handling process starts with recognising what a message is
about. Examples — messages as people really write them — are what the
handout's exercises, `cmkit test`'s self-checks and the suggestion of a topic
for an unmatched message are built from; a topic without them is learned
from its keywords alone, which nobody writes. Information only: a charter
works without them, it is just harder to learn and to check.

FAIL::

    topics:
      - {id: livraison, label: Livraison, keywords: [colis], action: answer}
PASS::

    topics:
      - id: livraison
        label: Livraison
        keywords: [colis]
        examples: ["Toujours pas reçu mon colis, commandé il y a 10 jours !"]
        action: answer
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "I303"
SEVERITY = "info"
NAME = "topic-without-examples"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    for i, topic in enumerate(playbook.topics):
        if not topic.examples:
            yield Flag(
                ("topics", i),
                _("topic '{id}' has no examples of the messages it is meant to catch").format(id=topic.id),
                _("add `examples:` with two or three messages as people really write them"),
                at_key=True,
            )
