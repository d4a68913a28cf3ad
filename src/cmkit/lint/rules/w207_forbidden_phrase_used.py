"""A `tone.forbidden` phrase appears in the playbook's own texts.

The online style is part of the frame (the framework: « quel ton adopter ? »). A
phrase the charter forbids, but that its own guidance, `push` items or
signature use, will end up in answers: the community manager copies what the
charter says. Phrases compare as the matcher compares keywords (case,
accents and punctuation ignored, whole words). The texts checked are the
charter's own voice: objectives, `tone.signature` and `tone.do`,
`autonomy.may`, each topic's `label`, `push`, `report` and `guidance`, and
`reporting.metrics`; what names what not to write or do (`tone.avoid`,
`tone.forbidden`, `autonomy.must_not`) and what quotes the public
(`keywords`, `examples`) is not.

FAIL::

    tone: {forbidden: [pas de notre ressort]}
    topics:
      - {id: recrutement, label: Emploi, action: decline,
         guidance: "Répondre que ce n'est pas de notre ressort."}
PASS::

    tone: {forbidden: [pas de notre ressort]}
    topics:
      - {id: recrutement, label: Emploi, action: decline,
         guidance: Renvoyer vers la page carrières.}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.decide.normalize import normalize
from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.lint.walk import own_texts
from cmkit.model.playbook import Playbook

CODE = "W207"
SEVERITY = "warning"
NAME = "forbidden-phrase-used"


def check(playbook: Playbook) -> Iterator[Flag]:
    forbidden = [(phrase, f" {normalize(phrase)} ") for phrase in playbook.tone.forbidden]
    forbidden = [(phrase, padded) for phrase, padded in forbidden if padded.strip()]
    if not forbidden:
        return
    _ = catalogue(language(None, playbook.organization.language))
    for path, text in own_texts(playbook):
        padded_text = f" {normalize(text)} "
        for phrase, padded in forbidden:
            if padded in padded_text:
                yield Flag(
                    path,
                    _("this text uses the forbidden phrase {phrase}").format(phrase=repr(phrase)),
                    _("rephrase it: the community manager copies what the charter says"),
                )
