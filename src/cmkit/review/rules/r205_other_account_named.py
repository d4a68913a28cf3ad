"""The reply names another account than the one it answers (with `--author`).

A public reply that @-mentions someone else — another customer who
complained, a colleague's personal account — drags them into a
conversation they did not start, and tells the world who else had the same
trouble (the framework: what concerns one customer goes « en message
privé »). Only with `--author`: without it, who is « another » is unknown.
Handles compare with case and the leading `@` ignored; an e-mail address
is R108's.

FAIL::

    draft: "@marie comme @paul, votre colis arrive demain."   (--author @marie)
PASS::

    draft: "@marie votre colis arrive demain."   (--author @marie)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cmkit.review.engine import Draft
from cmkit.review.finding import Hit

CODE = "R205"
SEVERITY = "warning"
NAME = "other-account-named"

_MENTION = re.compile(r"(?<![\w@.])@(\w[\w.]*\w|\w)")


def _key(handle: str) -> str:
    return handle.strip().casefold().removeprefix("@")


def check(draft: Draft) -> Iterator[Hit]:
    if not draft.author:
        return
    _ = draft._
    author = _key(draft.author)
    for match in _MENTION.finditer(draft.text):
        if _key(match.group(1)) != author:
            yield Hit(
                match.start(),
                match.end(),
                _("the reply names {handle}, not the person it answers").format(handle=match.group()),
                _("answer only the author in public; talk to others in private"),
            )
