"""Playbooks and scenarios built in code, small enough that each test states its whole case."""

from __future__ import annotations

from typing import Any

from cmkit.model.playbook import Playbook
from cmkit.model.scenario import Scenario


def playbook(**overrides: Any) -> Playbook:
    """A tiny charter: three public channels, a referent with a backup, a crisis section.

    Pass a key (`contacts`, `topics`, `crisis`...) to replace that section.
    Built with model_validate, so it may hold what load_playbook refuses (a backup loop).
    """
    data: dict[str, Any] = {
        "cmkit": 1,
        "organization": {"name": "Test"},
        "objectives": [{"id": "o", "statement": "Answer in time"}],
        "channels": [
            {"id": "email", "public": False, "expected_response": "1d"},
            {"id": "twitter", "expected_response": "1h"},
            {"id": "forum", "expected_response": "4h"},
            {"id": "blog"},
        ],
        "contacts": [
            {"id": "sav", "name": "Julie", "respond_within": "1h", "backup": "lead"},
            {"id": "lead", "name": "Karim", "respond_within": "2h"},
            {"id": "dg", "name": "Claire", "respond_within": "30m"},
        ],
        "topics": [
            {"id": "delivery", "label": "Delivery", "keywords": ["parcel"], "action": "answer",
             "respond_within": "2h", "process": "support"},
            {"id": "refund", "label": "Refunds", "keywords": ["refund"], "action": "escalate",
             "escalate_to": "sav", "respond_within": "3h", "process": "support"},
            {"id": "politics", "label": "Politics", "keywords": ["election"], "action": "decline"},
            {"id": "spam", "label": "Spam", "keywords": ["casino"], "action": "moderate"},
            {"id": "poison", "label": "Poisoning", "keywords": ["poisoned"], "action": "crisis",
             "process": "crisis"},
        ],
        "default": {"action": "escalate", "escalate_to": "sav"},
        "crisis": {
            "escalate_to": "dg",
            "respond_within": "30m",
            "authors": ["journalist"],
            "followers_at_least": 50000,
            "spread": {"channels": 3, "within": "24h"},
        },
    }
    data.update(overrides)
    return Playbook.model_validate(data)


def event(at: str, text: str, channel: str = "twitter", **author: Any) -> dict[str, Any]:
    """One scenario event as YAML would give it."""
    return {"at": at, "channel": channel, "text": text, "author": author or {"kind": "customer"}}


def scenario(*events: dict[str, Any], replies: dict[str, str] | None = None) -> Scenario:
    """A scenario from events built with `event`."""
    return Scenario.model_validate({"scenario": "Test", "events": list(events), "replies": replies or {}})
