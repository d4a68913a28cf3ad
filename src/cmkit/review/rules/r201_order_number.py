"""The draft shows an order or contract number the charter's patterns name.

When a topic's `patterns` recognise an identifier (« commande n° 123456 », a
contract number), that identifier ties a public reply to one customer's
file: the framework's process asks for it « en message privé ». Only the
patterns that hold a digit (`\\d`, `[0-9]`) count: they describe numbers.

FAIL::

    topics: [{id: livraison, patterns: ['commande n[°o]? ?\\d{6}'], ...}]
    draft: "Votre commande n°123456 part demain."
PASS::

    topics: [{id: livraison, patterns: ['commande n[°o]? ?\\d{6}'], ...}]
    draft: "Votre commande part demain."
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cmkit.decide.matcher import compile_pattern
from cmkit.review.engine import Draft
from cmkit.review.finding import Hit

CODE = "R201"
SEVERITY = "warning"
NAME = "order-number"

_DIGITS = re.compile(r"\\d|\[[^\]]*0-9")


def check(draft: Draft) -> Iterator[Hit]:
    _ = draft._
    seen: set[tuple[int, int]] = set()
    for topic in draft.playbook.topics:
        for pattern in topic.patterns:
            if not _DIGITS.search(pattern):
                continue
            for span in compile_pattern(pattern).spans(draft.text):  # bounded: a pattern cannot hang review
                if span[0] == span[1] or span in seen:
                    continue
                seen.add(span)
                yield Hit(
                    *span,
                    _("a customer's file number in a public reply"),
                    _("ask for it, or give it, in a private message"),
                )
