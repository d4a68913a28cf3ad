"""The message fields of revision 1.1 (author, engagement, at) in scenarios and test cases."""

from __future__ import annotations

from pathlib import Path

from cmkit.trusted import load_playbook
from cmkit.model.scenario import Scenario
from cmkit.simulate.engine import walk

SMALL = Path(__file__).with_name("boulangerie.fr.yaml")


def test_a_scenario_author_s_handle_and_engagement_decide(tmp_path):
    scenario = Scenario.model_validate({"events": [
        {"at": "0h", "channel": "twitter", "author": {"kind": "client", "handle": "x@AFP.com"}, "text": "Bonjour"},
        {"at": "1h", "channel": "email", "author": {"engagement": 50}, "text": "remboursez-moi"},
        {"at": "2h", "channel": "email", "author": {"engagement": 49}, "text": "remboursez-moi"},
    ]})
    timeline = walk(scenario, load_playbook(SMALL))
    first, second, third = (e.decision for e in timeline.events)
    assert first.action == "crisis" and first.author_kind == "journalist"
    assert (second.tier, second.escalate_to) == (0, "lead")
    assert (third.tier, third.escalate_to) == (None, "sav")


def test_test_cases_take_author_engagement_at_french_kinds_and_channel_aliases(runner, tmp_path):
    from cmkit.cli.app import app

    cases = tmp_path / "cases.yaml"
    cases.write_text(f"""playbook: {SMALL}
cases:
  - text: "Bonjour"
    author: "@leparisien"
    author_kind: client
    expect: {{action: crisis, author_kind: journalist, reasons: [{{topic: null, kind: watchlist, matched: ["@LeParisien"]}}, {{topic: null, matched: [journalist]}}]}}
  - text: "remboursez-moi"
    channel: Page Facebook
    engagement: 50
    at: 2026-03-06T17:30:00
    expect: {{action: escalate, tier: 0, escalate_to: lead, due_at: "2026-03-06T18:00:00+01:00"}}
  - text: "remboursez-moi"
    author_kind: salariée
    expect: {{author_kind: employee, reasons: [{{topic: remboursement, matched: ["rembours*"]}}]}}
""", encoding="utf-8")
    result = runner.invoke(app, ["test", str(cases)], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.stdout + result.stderr
