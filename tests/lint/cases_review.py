"""The cases of the lint rules for model replies and revision 1.1's keys (W217-W223, E105, E106,
E101's new references), in the shape of tests/lint/test_rules.py's CASES."""

from __future__ import annotations

from tests.lint.playbooks import CLEAN, broken

_AFTER_LIVRAISON = "    process: support\n  - id: litige"


def _reply(text: str, playbook: str = CLEAN) -> str:
    return broken(_AFTER_LIVRAISON, f"    process: support\n    reply: \"{text}\"\n  - id: litige", playbook)


def _before_crisis(block: str) -> str:
    return broken("crisis:\n", block + "crisis:\n")


CASES = [
    ("E105", _reply("Bonjour {prenom}, {referent} revient vers vous."), '"Bonjour {prenom}', 1),
    ("W217", _reply("Ce n'est pas de notre ressort."), "\"Ce n'est", 1),
    ("W218", _reply("Appelez le 06 12 34 56 78."), '"Appelez', 1),
    ("E101", broken("within: 24h}", "within: 24h, topics: [litig]}"), "litig]", 1),
    ("E101", _before_crisis("audience:\n  - {followers_at_least: 1000, escalate_to: sa}\n"), "sa}\n", 1),
    ("E101", _before_crisis("document: {approved_by: [dgg]}\n"), "dgg]", 1),
    ("E106", _before_crisis("audience:\n  - {escalate_to: dg}\n"), "{escalate_to: dg}", 1),
    ("W219", _before_crisis("audience:\n  - {followers_at_least: 5000}\n  - {followers_at_least: 1000}\n"), "1000}", 1),
    ("W220", broken("  authors: [journalist]\n", "  authors: [journalist]\n  followers_at_least: 5000\n")
     .replace("crisis:\n", "audience:\n  - {followers_at_least: 9000}\ncrisis:\n"), "9000}", 1),
    ("W221", broken("keywords: [litige, rembours*]", "keywords: [litige, rembours*]\n    unless: [rembours*]"),
     "rembours*]", 1),
    ("W222", _before_crisis("watchlist:\n  - {handles: ['@leparisien'], kind: journalist}\n"
                            "  - {handles: ['@LeParisien'], kind: influenceur}\n"), "'@LeParisien'", 1),
    ("W224", _reply("x" * 300, broken("{id: twitter, expected_response: 1h}", "{id: twitter, expected_response: 1h, max_length: 280}")),
     '"xxx', 1),
    ("W225", _before_crisis("watchlist:\n  - {handles: ['@lucie'], kind: influenceuse}\n"), "influenceuse}", 1),
    ("W226", _before_crisis("document: {date: 2026-11-30, review_by: 2026-06-30}\n"), "2026-06-30", 1),
    ("W223", broken("{id: facebook, expected_response: 2h}", "{id: facebook, expected_response: 2h, aliases: [Twitter]}"),
     "Twitter]", 1),
]
