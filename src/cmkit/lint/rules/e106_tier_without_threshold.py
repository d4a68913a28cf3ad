"""An audience tier gives no threshold.

Escalation matrices send bigger audiences higher; a tier says from which
audience it applies (`followers_at_least`, `engagement_at_least`, or both).
Without either, it is reached by no message — or, read loosely, by every
one — so the spec makes it an error. The framework's subsidiarity (« à qui
référer ») must not depend on a reading.

FAIL::

    audience:
      - {escalate_to: dg, respond_within: 15m}
PASS::

    audience:
      - {followers_at_least: 100000, escalate_to: dg, respond_within: 15m}
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "E106"
SEVERITY = "error"
NAME = "tier-without-threshold"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    for i, tier in enumerate(playbook.audience):
        if tier.followers_at_least is None and tier.engagement_at_least is None:
            yield Flag(
                ("audience", i),
                _("audience tier {number} gives no threshold, so no message ever reaches it").format(number=i + 1),
                _("add `followers_at_least:` or `engagement_at_least:` (or both)"),
                at_key=True,
            )
