"""An audience tier's `followers_at_least` is at or above `crisis.followers_at_least`.

An escalated message from that audience is a crisis first (spec, decision
rule 3), so the tier can only serve messages that matched no topic: the
referent and deadline it names are, for the rest, never used. The
framework's crisis communication takes over there; the tier is probably
meant lower.

FAIL::

    audience: [{followers_at_least: 500000, escalate_to: dg}]
    crisis: {escalate_to: dg, followers_at_least: 500000}
PASS::

    audience: [{followers_at_least: 100000, escalate_to: dg}]
    crisis: {escalate_to: dg, followers_at_least: 500000}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "W220"
SEVERITY = "warning"
NAME = "tier-above-crisis"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    crisis_at = playbook.crisis.followers_at_least if playbook.crisis else None
    if crisis_at is None:
        return
    for i, tier in enumerate(playbook.audience):
        if tier.followers_at_least is not None and tier.followers_at_least >= crisis_at:
            yield Flag(
                ("audience", i, "followers_at_least"),
                _(
                    "from {threshold} followers an escalated message is a crisis, so this tier "
                    "only ever serves messages that matched no topic"
                ).format(threshold=crisis_at),
                _("set it below {threshold}, or remove the tier").format(threshold=crisis_at),
            )
