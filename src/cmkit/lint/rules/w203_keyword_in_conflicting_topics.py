"""One keyword belongs to topics with different actions.

The scope says which subjects are handled and how (the framework: « sujets à
traiter et à ne pas traiter, sujets sur lesquels répondre ou ne pas
répondre »). A keyword listed under an `answer` topic and an `escalate` topic
makes every message containing it take the more severe action, whatever the
consultant meant by the first listing. Keywords compare as the matcher sees
them: case and accents ignored, a trailing `*` part of the keyword.

FAIL::

    topics:
      - {id: livraison, label: Livraison, action: answer, keywords: [colis]}
      - {id: litiges, label: Litiges, action: escalate, escalate_to: sav, keywords: [Colis]}
PASS::

    topics:
      - {id: livraison, label: Livraison, action: answer, keywords: [colis]}
      - {id: litiges, label: Litiges, action: escalate, escalate_to: sav, keywords: [colis abîmé]}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.i18n.terms import action_word
from cmkit.lint.finding import Flag
from cmkit.lint.walk import keyword_identity
from cmkit.model.playbook import Playbook

CODE = "W203"
SEVERITY = "warning"
NAME = "keyword-in-conflicting-topics"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    topics_with: dict[str, list[int]] = {}
    for i, topic in enumerate(playbook.topics):
        for k, keyword in enumerate(topic.keywords):
            earlier = topics_with.setdefault(keyword_identity(keyword), [])
            conflicting = (playbook.topics[j] for j in earlier if playbook.topics[j].action != topic.action)
            other = next(conflicting, None)
            if other is not None:
                yield Flag(
                    ("topics", i, "keywords", k),
                    _("the keyword {keyword} is also in topic {other} ({other_action}), but here the action is {action}").format(
                        keyword=repr(keyword),
                        other=repr(other.id),
                        other_action=action_word(other.action, _.lang),
                        action=action_word(topic.action, _.lang),
                    ),
                    _("keep the keyword in one topic, or make it more precise in one of them"),
                )
            if i not in earlier:
                earlier.append(i)
