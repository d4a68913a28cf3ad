"""A model reply uses a `{placeholder}` cmkit does not fill.

A model `reply` or the crisis `holding_statement` is filled in before the
community manager sees it: `{signature}`, `{referent}`, `{deadline}` and
`{author}` only (spec, revision 1.1). Any other `{…}` would reach the
public as written — in a crisis, the message that must be right the first
time (the framework: « délivrer un message scalable »). Braces themselves
are written `{{` and `}}`.

FAIL::

    topics:
      - {id: livraison, label: Livraison, action: answer,
         reply: "Bonjour {prenom}, {referent} revient vers vous. {signature}"}
PASS::

    topics:
      - {id: livraison, label: Livraison, action: answer,
         reply: "Bonjour {author}, {referent} revient vers vous. {signature}"}
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook
from cmkit.review.replies import KNOWN, model_replies, unknown

CODE = "E105"
SEVERITY = "error"
NAME = "unknown-placeholder"
#: An unknown placeholder makes the reply mean nothing: other commands refuse the playbook.
STOPS_LOADING = True


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    known = ", ".join("{" + name + "}" for name in KNOWN)
    for path, text, _topic in model_replies(playbook):
        for name, _start, _end in unknown(text):
            close = difflib.get_close_matches(name.strip(), KNOWN, n=1)
            hint = (
                _("did you mean {placeholder}?").format(placeholder="{" + close[0] + "}")
                if close
                else _("the placeholders are {known}; write a brace as {{{{ or }}}}").format(known=known)
            )
            yield Flag(
                path,
                _("{placeholder} is no placeholder cmkit fills").format(placeholder="{" + name + "}"),
                hint,
            )
