"""A model reply is longer than a public channel's `max_length`.

A model reply that a channel cuts or refuses (a 280-character limit, say)
cannot be posted there as the charter writes it, and the community manager
shortens it in a hurry — the framework wants answers « dans des délais
compatibles avec les attentes du public », not rewritten under pressure.
The reply is measured filled in as the decision engine fills it, in
characters (code points), against every public channel with a `max_length`.

FAIL::

    channels: [{id: twitter, max_length: 280}]
    topics:
      - {id: livraison, label: Livraison, action: answer, reply: "(a 300-character reply)"}
PASS::

    channels: [{id: twitter, max_length: 280}]
    topics:
      - {id: livraison, label: Livraison, action: answer, reply: "(a 200-character reply)"}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.decide.words import fill
from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook
from cmkit.review.replies import model_replies, sample_values

CODE = "W224"
SEVERITY = "warning"
NAME = "model-reply-too-long"


def check(playbook: Playbook) -> Iterator[Flag]:
    limited = [c for c in playbook.channels if c.public and c.max_length is not None]
    if not limited:
        return
    _ = catalogue(language(None, playbook.organization.language))
    for path, text, topic in model_replies(playbook):
        length = len(fill(text, sample_values(playbook, topic)))
        too_short = [c for c in limited if length > (c.max_length or 0)]
        if too_short:
            yield Flag(
                path,
                _("this model reply is {length} characters long, more than {channels} allow").format(
                    length=length, channels=", ".join(f"{c.id} ({c.max_length})" for c in too_short)
                ),
                _("shorten it, or say in `guidance` how to answer on those channels"),
            )
