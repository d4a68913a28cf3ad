"""The draft says `tu` where the charter says `vous`, or the reverse (French).

The framework's « quelle proximité avec les internautes ? » is answered by
`tone.address`; a reply that switches between « vous » and « tu » reads as
careless, or as too familiar to a customer who is upset. The forms are
found by a closed word list with context rules (see `cmkit.review.address`):
« le ton », « s'est tu », the euphonic « a-t-il » and the plural « vous »
addressed to a group (« vous êtes nombreux ») are not address forms. When
the charter sets no address, a draft that uses both is flagged on the rarer
one. English playbooks are not checked.

FAIL::

    tone: {address: vous}
    draft: "Bonjour, tu peux nous envoyer ton numéro de commande ?"
PASS::

    tone: {address: vous}
    draft: "Bonjour, pouvez-vous nous envoyer votre numéro de commande ?"
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.review.address import Form, forms
from cmkit.review.engine import Draft
from cmkit.review.finding import Hit

CODE = "R103"
SEVERITY = "error"
NAME = "address"


def _wrong(found: list[Form], address: str | None) -> tuple[str, list[Form]]:
    """The address the draft should use, and the forms that do not use it."""
    tu = [f for f in found if f.address == "tu"]
    vous = [f for f in found if f.address == "vous"]
    if address is None:
        if not (tu and vous):
            return "", []
        address = "vous" if len(vous) >= len(tu) else "tu"
    return address, (tu if address == "vous" else vous)


def check(draft: Draft) -> Iterator[Hit]:
    if draft.playbook.organization.language != "fr":
        return
    _ = draft._
    address, wrong = _wrong(forms(draft.text), draft.playbook.tone.address)
    charter = draft.playbook.tone.address is not None
    for form in wrong:
        word = draft.text[form.start : form.end]
        if charter:
            message = _("\u201c{word}\u201d says {used} where the charter says {address}")
        else:
            message = _("\u201c{word}\u201d says {used} where the rest of the reply says {address}")
        yield Hit(
            form.start,
            form.end,
            message.format(word=word, used=form.address, address=address),
            _("write it with {address}: {instead}").format(address=address, instead=form.instead),
        )
