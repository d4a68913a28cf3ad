"""A small playbook that every rule accepts, and helpers to break it one way at a time."""

from __future__ import annotations

CLEAN = """\
cmkit: 1
organization: {name: Test}
objectives:
  - {id: reactivite, statement: Répondre vite, kpi: délai médian}
channels:
  - {id: twitter, expected_response: 1h}
  - {id: email, public: false, expected_response: 1d}
  - {id: facebook, expected_response: 2h}
tone:
  forbidden: [pas de notre ressort]
autonomy:
  may: [s'excuser]
  must_not: [promettre un remboursement]
contacts:
  - {id: sav, name: Julie Martin, email: julie.martin@fromagerie.fr, respond_within: 1h, backup: dg}
  - {id: dg, name: Claire Dupuis, phone: "+33 1 23 56 78 90", respond_within: 30m, backup: adjoint}
  - {id: adjoint, name: Bernard Fontaine, respond_within: 30m}
topics:
  - id: livraison
    label: Livraison
    keywords: [colis, livraison]
    examples: ["Mon colis n'est toujours pas arrivé"]
    action: answer
    process: support
  - id: litige
    label: Litiges
    keywords: [litige, rembours*]
    examples: ["Je veux être remboursée"]
    action: escalate
    escalate_to: sav
    respond_within: 2h
    process: support
crisis:
  escalate_to: dg
  respond_within: 30m
  authors: [journalist]
  spread: {channels: 3, within: 24h}
reporting:
  recipients: [dg, sav]
  metrics: [messages traités]
"""


def broken(old: str, new: str, text: str = CLEAN) -> str:
    """CLEAN with one piece replaced; fails loudly if the piece is not there exactly once."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def locate(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """The 1-based line and column where `needle` occurs (the n-th time) in `text`."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column
