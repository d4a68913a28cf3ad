"""Pydantic models of cmkit's files: the one source of their schema."""

from cmkit.model.playbook import (
    ACTIONS,
    PROCESSES,
    Autonomy,
    Channel,
    Contact,
    Crisis,
    Default,
    Objective,
    Organization,
    Playbook,
    Reporting,
    Spread,
    Tone,
    Topic,
)

__all__ = [
    "ACTIONS",
    "PROCESSES",
    "Autonomy",
    "Channel",
    "Contact",
    "Crisis",
    "Default",
    "Objective",
    "Organization",
    "Playbook",
    "Reporting",
    "Spread",
    "Tone",
    "Topic",
]
