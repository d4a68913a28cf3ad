"""A topic lists the same keyword twice.

Keywords compare as the matcher sees them (case, accents and punctuation
ignored), so `Reçu` and `recu` are one keyword. The repeat changes nothing
when messages are decided, but it is usually a sign that one of the two was
meant to be something else (`recu` for `reçu*`), and it lengthens the charter
a community manager has to read.

FAIL::

    topics:
      - {id: livraison, label: Livraison, action: answer, keywords: [colis, Colis]}
PASS::

    topics:
      - {id: livraison, label: Livraison, action: answer, keywords: [colis, livraison]}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.lint.finding import Flag
from cmkit.lint.walk import keyword_identity
from cmkit.model.playbook import Playbook

CODE = "W213"
SEVERITY = "warning"
NAME = "keyword-repeated-in-topic"


def check(playbook: Playbook) -> Iterator[Flag]:
    for i, topic in enumerate(playbook.topics):
        first_at: dict[str, int] = {}
        for k, keyword in enumerate(topic.keywords):
            earlier = first_at.setdefault(keyword_identity(keyword), k)
            if earlier != k:
                yield Flag(
                    ("topics", i, "keywords", k),
                    f"{keyword!r} repeats {topic.keywords[earlier]!r} in topic {topic.id!r}",
                    "remove the repeat, or write the keyword you meant",
                )
