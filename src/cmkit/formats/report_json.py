"""`report --format json`: the figures exactly as cli.md (revision 1.1) shapes them.

Counts are sorted from the largest (then by name), so two runs over the same
journal print the same bytes; `share_in_time` and `median_minutes` are null
when there is nothing to divide or no answer to measure.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from cmkit.clock import Clock
from cmkit.report.engine import Report


def ranked(counts: Counter) -> dict[str, int]:
    """Largest first, then by name: the order every output of the report uses."""
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def period(report: Report, clock: Clock) -> tuple[str | None, str | None]:
    """The period's bounds as ISO times in the playbook's zone (the journal's first and last
    `at` when the period is open on that side)."""
    start = report.start if report.start is not None else report.totals.first
    end = report.end if report.end is not None else report.totals.last
    return (
        None if start is None else clock.format(start),
        None if end is None else clock.format(end),
    )


def as_data(report: Report, clock: Clock) -> dict[str, Any]:
    totals = report.totals
    start, end = period(report, clock)
    return {
        "messages": totals.messages,
        "from": start,
        "to": end,
        "by_action": ranked(totals.by_action),
        "by_topic": ranked(totals.by_topic),
        "by_channel": ranked(totals.by_channel),
        "deadlines": {
            "with_deadline": totals.with_deadline,
            "answered": totals.answered,
            "in_time": totals.in_time,
            "share_in_time": report.share_in_time,
            "median_minutes": report.median_minutes,
            "by_referent": {
                referent: {"answered": counts[1], "in_time": counts[2]}
                for referent, counts in sorted(totals.referents.items())
            },
        },
        "errors": report.errors,
        "crises": [{"line": line, "topic": topic, "at": at} for line, topic, at, _ in totals.crises],
    }


def render(report: Report, clock: Clock) -> str:
    return json.dumps(as_data(report, clock), ensure_ascii=False, indent=2) + "\n"
