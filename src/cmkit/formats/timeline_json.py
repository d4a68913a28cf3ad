"""A walked scenario as JSON (cli.md, "Scenarios"): events, breaches, crisis, and a summary."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from typing import Any

from cmkit.simulate.timeline import EventOutcome, Timeline


def _event(outcome: EventOutcome) -> dict[str, Any]:
    """The event, then its decision's keys at the top level as in a triage record (and, for
    readers that prefer them grouped, again under `decision`), then how it was answered."""
    decision = {**outcome.decision.summary_json(), "process": outcome.decision.process}
    return {
        "index": outcome.index,
        "id": outcome.id,
        "at_minutes": outcome.at_minute,
        "channel": outcome.channel,
        "author": {
            "kind": outcome.author_kind,
            "followers": outcome.author_followers,
            "name": outcome.author_name,
        },
        "text": outcome.text,
        **decision,
        "decision": decision,
        "due_minute": outcome.due_minute,
        "answered_minute": outcome.answered_minute,
        "answered_by": outcome.answered_by,
        "chain": [asdict(engagement) for engagement in outcome.chain],
        "chain_end": outcome.chain_end,
        "breach": outcome.breach,
    }


def as_data(timeline: Timeline, *, start: datetime | None = None) -> dict[str, Any]:
    """The JSON document as plain data; `start` (the wall-clock time of minute 0) is echoed."""
    crisis = timeline.crisis
    return {
        "scenario": timeline.title,
        "playbook": timeline.playbook,
        "start": start.isoformat(timespec="minutes") if start else None,
        "events": [_event(outcome) for outcome in timeline.events],
        "breaches": [asdict(breach) for breach in timeline.breaches],
        "crisis": {"triggered": crisis.triggered, "at_minutes": crisis.at_minutes, "reason": crisis.reason},
        "summary": {
            "engaged": list(timeline.engaged),
            "processes": list(timeline.processes),
            "longest_wait": asdict(timeline.longest_wait) if timeline.longest_wait else None,
        },
    }


def render(timeline: Timeline, *, start: datetime | None = None) -> str:
    """The JSON text, UTF-8 kept readable (French accents stay accents)."""
    return json.dumps(as_data(timeline, start=start), ensure_ascii=False, indent=2) + "\n"
