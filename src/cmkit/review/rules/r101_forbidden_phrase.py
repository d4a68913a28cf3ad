"""A `tone.forbidden` phrase is in the draft.

The framework asks to define the « style online » (« quel ton adopter ? »):
a phrase the charter forbids ("pas de notre ressort") must never reach the
public, whoever writes the reply. Phrases match by the keywords' rules
(case, accents and punctuation ignored, whole words, `*` prefixes).

FAIL::

    tone: {forbidden: ["pas de notre ressort"]}
    draft: "Ce n'est pas de notre ressort, désolés."
PASS::

    tone: {forbidden: ["pas de notre ressort"]}
    draft: "Nous transmettons votre demande au service concerné."
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.review.engine import Draft
from cmkit.review.finding import Hit
from cmkit.review.phrases import spans

CODE = "R101"
SEVERITY = "error"
NAME = "forbidden-phrase"


def check(draft: Draft) -> Iterator[Hit]:
    _ = draft._
    for phrase, start, end in spans(draft.playbook.tone.forbidden, draft.text, draft.playbook):
        yield Hit(
            start,
            end,
            _("the charter forbids \u201c{phrase}\u201d").format(phrase=phrase),
            _("rephrase this without the forbidden words"),
        )
