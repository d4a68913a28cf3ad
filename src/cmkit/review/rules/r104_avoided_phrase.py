"""A `tone.avoid` phrase is in the draft.

Part of the framework's « style online »: what the charter asks answers to
avoid (internal jargon, a stock phrase) is not forbidden outright, but a
reviewer points it out so the CM can choose another word.

FAIL::

    tone: {avoid: ["ticket"]}
    draft: "Votre ticket est en cours de traitement."
PASS::

    tone: {avoid: ["ticket"]}
    draft: "Votre demande est en cours de traitement."
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.review.engine import Draft
from cmkit.review.finding import Hit
from cmkit.review.phrases import spans

CODE = "R104"
SEVERITY = "warning"
NAME = "avoided-phrase"


def check(draft: Draft) -> Iterator[Hit]:
    _ = draft._
    for phrase, start, end in spans(draft.playbook.tone.avoid, draft.text, draft.playbook):
        yield Hit(
            start,
            end,
            _("the charter asks replies to avoid \u201c{phrase}\u201d").format(phrase=phrase),
            _("say it another way"),
        )
