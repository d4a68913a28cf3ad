"""A watchlist entry's kind is not in `crisis.authors`, so listing it changes no decision.

The watchlist exists so that a journalist who never writes « journaliste »
is still handled as one: the framework's crisis communication (« délivrer un
message scalable ») starts when the press writes. But an author's kind only
changes a decision through `crisis.authors`; a watchlist of journalists in
a charter whose crisis section does not name journalists (or that has no
crisis section) is a list nobody reads. Entries of the ordinary kinds
(customer, prospect, unknown) are left alone: they rightly keep a known
account from being taken for the press.

FAIL::

    watchlist: [{handles: ["@leparisien"], kind: journalist}]
    crisis: {escalate_to: dg, authors: [influencer]}
PASS::

    watchlist: [{handles: ["@leparisien"], kind: journalist}]
    crisis: {escalate_to: dg, authors: [journalist]}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.kinds import author_kind
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "W225"
SEVERITY = "warning"
NAME = "watchlist-kind-decides-nothing"
#: Kinds a watchlist gives to say an account is *not* special.
_ORDINARY = frozenset({"customer", "prospect", "unknown"})


def check(playbook: Playbook) -> Iterator[Flag]:
    if not playbook.watchlist:
        return
    _ = catalogue(language(None, playbook.organization.language))
    crisis_kinds = {author_kind(k) or k for k in (playbook.crisis.authors if playbook.crisis else [])}
    for i, entry in enumerate(playbook.watchlist):
        kind = author_kind(entry.kind) or entry.kind
        if kind not in crisis_kinds and kind not in _ORDINARY:
            yield Flag(
                ("watchlist", i, "kind"),
                _("the kind {kind} is not in crisis.authors, so these accounts are decided like anyone else").format(
                    kind=entry.kind
                ),
                _("add {kind} to crisis.authors, or remove the entry").format(kind=kind),
            )
