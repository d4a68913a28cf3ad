r"""A text of the playbook holds a control character (other than tab and newline).

A playbook's texts are read by people and printed in documents. A control
character (ESC, BEL, a vertical tab, a NUL written as `\0`, a C1 code such as
U+009B) or a bidirectional override (U+202E, which shows `txt.exe` as
`exe.txt`) has no meaning in a charter: it comes from a copy-paste or from
someone who wants the text to act on a terminal or to read differently from
what it says. cmkit escapes them wherever it prints a text, and the DOCX
format cannot hold most of them at all; tab and newline are ordinary text.

FAIL::

    contacts:
      - {id: sav, name: "Julie\e[2J Martin"}
PASS::

    contacts:
      - {id: sav, name: Julie Martin}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.formats.safe_text import printable
from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.lint.walk import every_text
from cmkit.model.playbook import Playbook

CODE = "W231"
SEVERITY = "warning"
NAME = "control-character-in-text"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    for path, text in every_text(playbook):
        shown = printable(text)
        if shown != text:
            first = next(c for c, s in zip(text, shown) if c != s)
            yield Flag(
                path,
                _("the text holds the control character U+{code} ({text}); it means nothing to a reader "
                  "and can act on a terminal").format(code=f"{ord(first):04X}", text=f"'{shown[:60]}'"),
                _("delete it: only tab and newline belong in a text"),
            )
