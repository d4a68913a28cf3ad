"""A one-word keyword ends in `*` after five letters or fewer: it matches common words.

The framework asks the charter to sort messages by what people actually write
(« traitement », « périmètre »); a prefix is meant for the endings of one word
(`rembours*` for remboursé, remboursement, rembourser). Cut short, it reaches
other words: `mite*` finds « mitée » but also « mitigé » and « mitaine »,
`poil*` finds « poilu » and « au poil », `brûlé*` finds « crème brûlée ». A
happy customer is then escalated to the quality manager, and the topic's
measured precision falls. Multi-word keywords (`un ver*`) are left alone: the
words before the `*` already narrow it.

FAIL::

    topics:
      - {id: corps-etranger, label: Corps étrangers, action: escalate, escalate_to: qualite,
         keywords: [mite*, poil*]}
PASS::

    matching: {stems: true}
    topics:
      - {id: corps-etranger, label: Corps étrangers, action: escalate, escalate_to: qualite,
         keywords: [mite, un poil, des poils]}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.decide.phrases import words_with_spans
from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "W260"
SEVERITY = "warning"
NAME = "short-prefix-keyword"

#: A prefix this short (in letters, accents folded) is the start of too many words.
LONGEST_SHORT_PREFIX = 5


def too_short(keyword: str) -> str | None:
    """The prefix, as written, of a one-word `*` keyword when it has LONGEST_SHORT_PREFIX
    letters or fewer (counted as the matcher folds them); else None."""
    if not keyword.rstrip().endswith("*"):
        return None
    words = words_with_spans(keyword)
    if len(words) != 1:
        return None
    word, start, end = words[0]
    return keyword[start:end] if len(word) <= LONGEST_SHORT_PREFIX else None


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    for i, topic in enumerate(playbook.topics):
        for field in ("keywords", "unless"):
            for k, keyword in enumerate(getattr(topic, field, None) or ()):
                prefix = too_short(keyword)
                if prefix is None:
                    continue
                yield Flag(
                    ("topics", i, field, k),
                    _("the keyword {keyword} matches every word that starts with '{prefix}', "
                      "common words included").format(keyword=repr(keyword), prefix=prefix),
                    _("write the words out (mite, mites) or drop the `*` and set `matching.stems: true`"),
                )
