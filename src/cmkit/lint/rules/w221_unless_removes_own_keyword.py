"""A topic's `unless` also matches one of its own keywords.

`unless` exists to exclude a misleading context (« pas de rembours* » in a
refund topic); an exclusion that matches a keyword of the topic on its own
(`unless: [colis]` with `keywords: [colis]`) removes every message that
keyword would have brought in, so the topic silently stops handling what
the framework's « périmètre » says it handles. Compared by the keywords'
rules: each keyword is read as a message, and the topic's `unless` tried on it.

FAIL::

    topics:
      - {id: remboursement, label: Remboursement, action: escalate, escalate_to: sav,
         keywords: [rembours*], unless: [rembours*]}
PASS::

    topics:
      - {id: remboursement, label: Remboursement, action: escalate, escalate_to: sav,
         keywords: [rembours*], unless: [pas de rembours*]}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook
from cmkit.review.phrases import matcher

CODE = "W221"
SEVERITY = "warning"
NAME = "unless-removes-own-keyword"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    for i, topic in enumerate(playbook.topics):
        if not topic.unless:
            continue
        unless = matcher(topic.unless, playbook)
        for k, keyword in enumerate(topic.keywords):
            for hit in unless.search(keyword.rstrip("*").replace("=", "")):
                yield Flag(
                    ("topics", i, "keywords", k),
                    _(
                        "the topic's own `unless` \u201c{unless}\u201d matches its keyword \u201c{keyword}\u201d, "
                        "so this keyword never brings a message in"
                    ).format(unless=topic.unless[hit.index], keyword=keyword),
                    _("make the `unless` longer than the keyword (`pas de rembours*`), or remove one of them"),
                )
                break
