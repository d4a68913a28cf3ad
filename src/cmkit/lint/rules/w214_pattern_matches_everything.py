r"""A pattern matches every message.

A regular expression that can match nothing at all (`.*`, `(commande)?`,
`n?\d*`) is found in any message, so its topic matches everything and its
action applies to the whole scope: the périmètre that says what is handled
and what is not collapses into one topic.

FAIL::

    topics:
      - {id: commandes, label: Commandes, action: answer, patterns: ['(commande )?(n°)?\d*']}
PASS::

    topics:
      - {id: commandes, label: Commandes, action: answer, patterns: ['commande n°\d{6}']}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.decide.matcher import compile_pattern
from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "W214"
SEVERITY = "warning"
NAME = "pattern-matches-everything"


#: Texts that share nothing: a pattern found in all of them is found in any message.
_PROBES = ("", "z", "Où est mon colis ?\n")


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    for i, topic in enumerate(playbook.topics):
        for k, pattern in enumerate(topic.patterns):
            compiled = compile_pattern(pattern)  # with the matcher's time budget: lint never hangs
            if all(compiled.search(probe) for probe in _PROBES):
                yield Flag(
                    ("topics", i, "patterns", k),
                    _("the pattern {pattern} matches any text, so topic {topic} matches every message").format(
                        pattern=repr(pattern), topic=repr(topic.id)
                    ),
                    _("make some part of the pattern required (`+` rather than `*`, not everything optional)"),
                )
