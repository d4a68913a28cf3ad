"""A model reply gets a review warning (avoided phrase, emoji, no signature, personal data…).

What `cmkit review` warns about in a draft (R104–R106, R108, R201, R202)
matters more in a model reply, which every community manager copies: a
reply without `{signature}`, with an emoji in an `emoji: false` charter, or
with a colleague's phone number in it (the framework's « style online » and
its process: personal data « en message privé »). Reviewed filled with
sample values; a warning, never stopping other commands.

FAIL::

    tone: {emoji: false, signature: "— Léa"}
    topics:
      - {id: merci, label: Compliments, action: answer, reply: "Merci ! 😊"}
PASS::

    tone: {emoji: false, signature: "— Léa"}
    topics:
      - {id: merci, label: Compliments, action: answer, reply: "Merci ! {signature}"}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.lint.finding import Flag
from cmkit.lint.rules._model_reply_review import flags
from cmkit.model.playbook import Playbook

CODE = "W218"
SEVERITY = "warning"
NAME = "model-reply-review-warning"


def check(playbook: Playbook) -> Iterator[Flag]:
    return flags(playbook, frozenset({"warning"}))
