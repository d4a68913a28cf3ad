"""The draft shows personal data in public (an e-mail address, a phone number).

A public reply is read by everyone: the framework's process sends what
concerns one customer « en message privé », and an address or a phone
number posted in public is personal data exposed (GDPR) — the customer's,
or a colleague's. Phone numbers are found by Google's libphonenumber rules
(the `phonenumbers` package), in French and international formats (« 06 12
34 56 78 », « +33 6 12 34 56 78 », « +44 20 7946 0958 »), made-up ones
written like a number included; dates, prices and post codes are not
numbers. Any e-mail address
counts, the organisation's own included: a reviewer would rather see it
once than miss one.

FAIL::

    draft: "Écrivez à julie.martin@example.org ou appelez le 06 12 34 56 78."
PASS::

    draft: "Écrivez-nous en message privé, nous vous rappelons."
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cmkit.review.engine import Draft
from cmkit.review.finding import Hit

CODE = "R108"
SEVERITY = "warning"
NAME = "personal-data"

_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")


def emails(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every e-mail address."""
    for match in _EMAIL.finditer(text):
        yield match.start(), match.end()


#: How a French number is written (« 07 00 00 00 00 », « 01.23.45.67.89 »): a reader sees a phone
#: number even where no operator has one yet.
_FRENCH_LAYOUT = re.compile(r"0[1-9](?:[ .\-]?\d{2}){4}")


def phones(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every phone number, French or international.

    libphonenumber's VALID numbers (an allocated range), and also the merely
    possible ones written as a reader recognises a number: in international
    format (`+32 2 123 45 67`) or in the French layout of ten digits in pairs —
    a made-up number is still personal data to whoever reads it as one.
    """
    if sum(ch.isdigit() for ch in text) < 6:  # no phone number has fewer digits: skip the library
        return
    import phonenumbers

    found = [(m.start, m.end) for m in phonenumbers.PhoneNumberMatcher(text, "FR", leniency=phonenumbers.Leniency.VALID)]
    for match in phonenumbers.PhoneNumberMatcher(text, "FR", leniency=phonenumbers.Leniency.POSSIBLE):
        written = match.raw_string
        if not (written.startswith("+") or _FRENCH_LAYOUT.fullmatch(written)):
            continue
        if all(match.end <= start or match.start >= end for start, end in found):
            found.append((match.start, match.end))
    yield from sorted(found)


def check(draft: Draft) -> Iterator[Hit]:
    _ = draft._
    hint = _("give it in a private message, not in public")
    for start, end in emails(draft.text):
        yield Hit(start, end, _("an e-mail address in a public reply"), hint)
    for start, end in phones(draft.text):
        yield Hit(start, end, _("a phone number in a public reply"), hint)
