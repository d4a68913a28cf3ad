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

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.lint.walk import keyword_identity
from cmkit.model.playbook import Playbook

CODE = "W213"
SEVERITY = "warning"
NAME = "keyword-repeated-in-topic"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    for i, topic in enumerate(playbook.topics):
        first_at: dict[str, int] = {}
        for k, keyword in enumerate(topic.keywords):
            earlier = first_at.setdefault(keyword_identity(keyword), k)
            if earlier != k:
                yield Flag(
                    ("topics", i, "keywords", k),
                    _("{keyword} repeats {earlier} in topic {topic}").format(
                        keyword=repr(keyword), earlier=repr(topic.keywords[earlier]), topic=repr(topic.id)
                    ),
                    _("remove the repeat, or write the keyword you meant"),
                )
