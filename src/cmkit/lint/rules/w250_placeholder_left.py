"""A value left from `cmkit init` is still in the playbook: it is a draft, not a charter.

`cmkit init --no-input` writes « Votre organisation », referents at
`example.org` and the like so that the file loads; delivered as it is, the
charter would send the community manager to people who do not exist. The
framework asks that support be real: the referent « doit comprendre que sa
réponse n'est pas facultative » — which supposes a referent who can be
reached. So every placeholder (the placeholder organisation name, an address
at `example.org`, `example.com` or `example.net`, a `TODO`, `TBD` or « À
COMPLÉTER ») is a warning, and `lint --strict` fails until the scaffold is
filled in; `render` marks each page « BROUILLON » meanwhile.

FAIL::

    organization: {name: Votre organisation}
    contacts: [{id: sav, name: Julie Martin, email: julie.martin@example.org}]
PASS::

    organization: {name: Fromagerie Dubois}
    contacts: [{id: sav, name: Julie Martin, email: julie@fromagerie-dubois.fr}]
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.lint.walk import subject
from cmkit.model.placeholders import placeholders
from cmkit.model.playbook import Playbook

CODE = "W250"
SEVERITY = "warning"
NAME = "placeholder-left"


def check(playbook: Playbook) -> Iterator[Flag]:
    lang = language(None, playbook.organization.language)
    _ = catalogue(lang)
    for found in placeholders(playbook):
        where = subject(playbook, found.path, lang)
        if found.why == "name":
            message = _("the organisation's name {value!r} is a placeholder left by `cmkit init`")
            hint = _("write the client's name")
        elif found.why == "example-address":
            message = _("{where}: {value!r} is an example address, which reaches nobody")
            hint = _("write the real address, or remove it")
        else:
            message = _("{where}: {value!r} is marked as still to be filled in")
            hint = _("complete it, then remove the marker")
        yield Flag(found.path, message.format(value=found.value, where=where), hint)
