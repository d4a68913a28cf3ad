"""A watchlist handle is listed twice with different kinds.

The watchlist says who an author is, whatever the message says; the same
handle as a journalist in one entry and an influencer in another is decided
by whichever comes first in the file (spec: "the first in the file wins"),
which is rarely what the consultant meant. A journalist is the framework's
crisis communication; an influencer is marketing: the difference is who is
called. Handles compare as the spec matches them (case and a leading `@`
ignored).

FAIL::

    watchlist:
      - {handles: ["@leparisien"], kind: journalist}
      - {handles: ["@LeParisien"], kind: influencer}
PASS::

    watchlist:
      - {handles: ["@leparisien"], kind: journalist}
      - {handles: ["@lucie_mode"], kind: influencer}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.kinds import author_kind
from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "W222"
SEVERITY = "warning"
NAME = "watchlist-conflict"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    first: dict[str, tuple[int, str]] = {}
    for i, entry in enumerate(playbook.watchlist):
        kind = author_kind(entry.kind) or entry.kind
        for h, handle in enumerate(entry.handles):
            key = handle.strip().casefold().removeprefix("@")
            if key not in first:
                first[key] = (i, kind)
                continue
            where, earlier = first[key]
            if earlier != kind:
                yield Flag(
                    ("watchlist", i, "handles", h),
                    _(
                        "\u201c{handle}\u201d is already a {earlier} in watchlist entry {number}; "
                        "the first entry wins, so it is never a {kind}"
                    ).format(handle=handle, earlier=earlier, number=where + 1, kind=kind),
                    _("keep the handle in one entry, with the kind you mean"),
                )
