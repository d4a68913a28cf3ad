"""The draft still holds a `{placeholder}` of a model reply.

A model `reply` is written with `{referent}`, `{deadline}`, `{signature}`
and `{author}`; a CM who pastes it and forgets one posts « {referent}
revient vers vous » to the public. Any `{word}` left in a draft is flagged
(`{{` and `}}` write braces and are not placeholders).

FAIL::

    draft: "{referent} revient vers vous {deadline}."
PASS::

    draft: "Julie Martin revient vers vous dans les deux heures."
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.review.engine import Draft
from cmkit.review.finding import Hit
from cmkit.review.replies import placeholders

CODE = "R204"
SEVERITY = "warning"
NAME = "unfilled-placeholder"


def check(draft: Draft) -> Iterator[Hit]:
    _ = draft._
    for name, start, end in placeholders(draft.text):
        yield Hit(
            start,
            end,
            _("{placeholder} was not filled in").format(placeholder="{" + name + "}"),
            _("replace it with the words it stands for"),
        )
