"""The draft does not end with `tone.signature`.

The framework's « style online » includes how the organisation signs: a
signed reply tells the public a person answered in the organisation's
name, and a missing signature is the first thing a reviewer sees. The end
of the draft is compared word for word, as keywords are (case, accents and
punctuation ignored, so « - Léa » and « — Léa » both sign). The finding is
placed at the end of the draft (start = end = its length).

FAIL::

    tone: {signature: "— Léa, équipe Maison Dupuis"}
    draft: "Merci pour votre message !"
PASS::

    tone: {signature: "— Léa, équipe Maison Dupuis"}
    draft: "Merci pour votre message ! — Léa, équipe Maison Dupuis"
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.decide.normalize import padded_words
from cmkit.review.engine import Draft
from cmkit.review.finding import Hit

CODE = "R106"
SEVERITY = "warning"
NAME = "signature"


def signed(text: str, signature: str) -> bool:
    """Whether `text` ends with the words of `signature` (a signature with no word signs anything)."""
    wanted = padded_words(signature)
    if not wanted.strip():
        return text.rstrip().endswith(signature.strip())
    return padded_words(text).endswith(wanted)


def check(draft: Draft) -> Iterator[Hit]:
    signature = draft.playbook.tone.signature
    if not signature or not signature.strip() or signed(draft.text, signature):
        return
    _ = draft._
    end = len(draft.text)
    yield Hit(
        end,
        end,
        _("the reply does not end with the charter's signature"),
        _("end it with: {signature}").format(signature=signature.strip()),
    )
