"""Helpers for the render tests: golden files and small playbooks built for one test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"

MINIMAL = """\
cmkit: 1
organization: {{name: "{name}", language: {language}}}
objectives: [{{id: o, statement: "Be there"}}]
contacts:
  - {{id: a, name: "{contact}", respond_within: 2h, backup: b}}
  - {{id: b, name: Backup Person}}
channels: [{{id: tw, name: Twitter, expected_response: 1h}}]
topics:
  - {{id: t, label: "{label}", keywords: [parcel], action: escalate, escalate_to: a, examples: ["Where is my parcel?"]}}
  - {{id: k, label: Keywords only, keywords: ["refund*", "money back"], action: answer}}
crisis: {{escalate_to: b}}
"""


@pytest.fixture
def minimal_playbook(write):
    """Write a small valid playbook whose strings a test chooses; returns its path."""

    def _make(name="Acme", language="en", contact="Ada Lovelace", label="Parcels", file="playbook.yaml") -> Path:
        return write(file, MINIMAL.format(name=name, language=language, contact=contact, label=label))

    return _make


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/render/golden/NAME; CMKIT_UPDATE_GOLDEN=1 rewrites it instead."""
    path = GOLDEN / name
    if os.environ.get("CMKIT_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path}: run with CMKIT_UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden file (CMKIT_UPDATE_GOLDEN=1 to accept)"


@pytest.fixture
def rich_playbook(fr_playbook):
    """The French example with every revision 1.1 key the documents show (document, phone,
    on_call, hours, reply), real addresses (not a draft), built in code so that it does not
    depend on the example files' own revision."""
    from cmkit.model.playbook import Playbook

    data = fr_playbook.model_dump(mode="json", exclude_none=True)
    data["document"] = {
        "version": "1.2",
        "date": "2026-11-30",
        "author": "Cabinet Martin Conseil",
        "approved_by": ["dg"],
        "review_by": "2027-06-30",
    }
    data["hours"] = {"timezone": "Europe/Paris", "open": {"mon-fri": "09:00-18:00", "sat": "10:00-12:30"}}
    for index, contact in enumerate(data["contacts"]):
        contact["email"] = contact["email"].replace("example.org", "maison-dupuis.fr")
        contact["phone"] = f"+33 1 23 45 67 {index:02d}"
        contact["on_call"] = contact["id"] == "dg"
    for topic in data["topics"]:
        if topic["id"] == "livraison":
            topic["reply"] = "Bonjour, nous regardons votre commande et revenons vers vous {deadline}. {signature}"
    return Playbook.model_validate(data)
