"""The draft does what a `must_not` item's `detect` describes.

The framework sets the community manager's autonomy: « jusqu'où peut-il
engager l'entreprise (car sa parole engage l'entreprise) ». A public reply
that promises a refund, or comments on a court case, when the charter says
the CM must not, commits the organisation beyond the CM's mandate; the
`detect` keywords of the item say what such a reply looks like.

FAIL::

    autonomy:
      must_not:
        - {text: promettre un remboursement, detect: ["vous rembourser*"]}
    draft: "Nous allons vous rembourser dès demain."
PASS::

    autonomy:
      must_not:
        - {text: promettre un remboursement, detect: ["vous rembourser*"]}
    draft: "Nous transmettons votre demande au service client, qui revient vers vous."
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.model.playbook import MustNot
from cmkit.review.engine import Draft
from cmkit.review.finding import Hit
from cmkit.review.phrases import spans

CODE = "R102"
SEVERITY = "error"
NAME = "beyond-autonomy"


def check(draft: Draft) -> Iterator[Hit]:
    _ = draft._
    for item in draft.playbook.autonomy.must_not:
        if not isinstance(item, MustNot) or not item.detect:
            continue
        for _phrase, start, end in spans(item.detect, draft.text, draft.playbook):
            yield Hit(
                start,
                end,
                _("the charter says the community manager must not {item}").format(item=item.text),
                _("take this out and pass the question to the referent"),
            )
