"""Audience tiers are not listed from the smallest audience to the largest.

The last tier a message reaches applies (spec, decision rule 6), so tiers
must grow: a larger tier listed before a smaller one is overridden by it,
and the biggest accounts would go to the smaller tier's referent — the
opposite of the escalation the framework's subsidiarity asks for. Each
threshold a tier gives must be above the same threshold of the tier before.

FAIL::

    audience:
      - {followers_at_least: 100000, escalate_to: dg}
      - {followers_at_least: 10000, escalate_to: lead}
PASS::

    audience:
      - {followers_at_least: 10000, escalate_to: lead}
      - {followers_at_least: 100000, escalate_to: dg}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "W219"
SEVERITY = "warning"
NAME = "tiers-out-of-order"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    for key in ("followers_at_least", "engagement_at_least"):
        previous: tuple[int, int] | None = None  # (tier index, threshold)
        for i, tier in enumerate(playbook.audience):
            value = getattr(tier, key)
            if value is None:
                continue
            if previous is not None and value <= previous[1]:
                yield Flag(
                    ("audience", i, key),
                    _(
                        "tier {number} starts at {value} but tier {before} before it at {previous}: "
                        "the last tier reached applies, so tiers must grow"
                    ).format(number=i + 1, value=value, before=previous[0] + 1, previous=previous[1]),
                    _("list the tiers from the smallest audience to the largest"),
                )
            previous = (i, value)
