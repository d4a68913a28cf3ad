"""Small playbooks built in code, so each rule's test shows the data it needs."""

from __future__ import annotations

import pytest

from cmkit.decide.engine import Decider, Message
from cmkit.model.playbook import Playbook


def playbook(topics: list[dict], **sections) -> Playbook:
    """A valid playbook with these topics; contacts lead (backup deputy) and deputy, channels web (1h) and mail (1d)."""
    data = {
        "cmkit": 1,
        "organization": {"name": "Test"},
        "objectives": [{"id": "o", "statement": "s"}],
        "contacts": [
            {"id": "lead", "name": "Lea Lead", "respond_within": "2h", "backup": "deputy"},
            {"id": "deputy", "name": "Dan Deputy"},
        ],
        "channels": [{"id": "web", "expected_response": "1h"}, {"id": "mail", "expected_response": "1d"}],
        "topics": topics,
    }
    data.update(sections)
    return Playbook.model_validate(data)


def topic(topic_id: str, action: str = "answer", keywords=(), **fields) -> dict:
    return {"id": topic_id, "label": topic_id.title(), "action": action, "keywords": list(keywords), **fields}


def decide(pb: Playbook, text: str, **message):
    return Decider(pb).decide(Message(text, **message))


@pytest.fixture(autouse=False)
def isolated_cache(tmp_path, monkeypatch):
    """Compiled playbooks go under tmp_path, never the user's ~/.cache."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "cmkit"
