"""A walked scenario as JSON (cli.md, "Scenarios"): events, breaches, crisis, and a summary.

Beside every minute, its instant when the scenario is in the calendar
(`at`, `due_at`, `answered_at`: ISO 8601 with the offset of `hours.timezone`;
null otherwise). `breaches` keep exactly the spec's keys; the breaches office
hours alone caused are listed again in `off_hours_breaches`, with their
instants and when the office opened again (`reopens_at`).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from typing import Any

from cmkit.simulate.timeline import Breach, EventOutcome, Timeline


def _iso(timeline: Timeline, minute: int | None, start: datetime | None) -> str | None:
    at = timeline.instant(minute, start)
    return None if at is None else at.isoformat(timespec="seconds")


def _breach(breach: Breach) -> dict[str, Any]:
    """Exactly the spec's keys (cli.md): readers compare them as they are."""
    return {
        "event": breach.event,
        "contact": breach.contact,
        "due_minute": breach.due_minute,
        "answered_minute": breach.answered_minute,
    }


def _off_hours(timeline: Timeline, breach: Breach, start: datetime | None) -> dict[str, Any]:
    """A breach office hours alone caused, with its instants and when the office reopened."""
    return {
        **_breach(breach),
        "due_at": _iso(timeline, breach.due_minute, start),
        "answered_at": _iso(timeline, breach.answered_minute, start),
        "reopens_minute": breach.reopens_minute,
        "reopens_at": _iso(timeline, breach.reopens_minute, start),
    }


def _event(outcome: EventOutcome, timeline: Timeline, start: datetime | None) -> dict[str, Any]:
    """The event, then its decision's keys at the top level as in a triage record (and, for
    readers that prefer them grouped, again under `decision`), then how it was answered."""
    decision = {**outcome.decision.summary_json(), "process": outcome.decision.process}
    return {
        "index": outcome.index,
        "id": outcome.id,
        "at_minutes": outcome.at_minute,
        "at": _iso(timeline, outcome.at_minute, start),
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
        "due_at": _iso(timeline, outcome.due_minute, start),
        "answered_at": _iso(timeline, outcome.answered_minute, start),
        "answered_by": outcome.answered_by,
        "chain": [asdict(engagement) for engagement in outcome.chain],
        "chain_end": outcome.chain_end,
        "breach": outcome.breach,
    }


def as_data(timeline: Timeline, *, start: datetime | None = None) -> dict[str, Any]:
    """The JSON document as plain data; `start` (the wall-clock time of minute 0) is echoed."""
    crisis = timeline.crisis
    start = start or timeline.start
    return {
        "scenario": timeline.title,
        "playbook": timeline.playbook,
        "start": start.isoformat(timespec="minutes") if start else None,
        "events": [_event(outcome, timeline, start) for outcome in timeline.events],
        "breaches": [_breach(breach) for breach in timeline.breaches],
        "off_hours_breaches": [_off_hours(timeline, b, start) for b in timeline.breaches if b.off_hours],
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
