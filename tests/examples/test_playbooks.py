"""The example playbooks: they lint clean, use revision 1.1, and each topic's examples are its own.

Their cases (`playbooks/cases/*.cases.yaml`) run in tests/cli/test_test.py.
"""

from __future__ import annotations

import pytest

from cmkit.cli.app import app
from cmkit.decide.engine import Decider, Message
from cmkit.trusted import load_playbook
from tests.conftest import EXAMPLE_PLAYBOOKS


@pytest.mark.parametrize("path", EXAMPLE_PLAYBOOKS, ids=lambda p: p.name)
def test_an_example_playbook_passes_the_strictest_lint(runner, path):
    result = runner.invoke(app, ["lint", "--strict", str(path)])
    assert result.exit_code == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", EXAMPLE_PLAYBOOKS, ids=lambda p: p.name)
def test_each_topic_s_examples_are_decided_by_that_topic(path):
    playbook = load_playbook(path)
    decider = Decider(playbook)
    wrong = [(t.id, e, decider.decide(Message(text=e)).topic) for t in playbook.topics for e in t.examples]
    assert [w for w in wrong if w[0] != w[2]] == []
    assert all(len(t.examples) >= 3 for t in playbook.topics)


@pytest.mark.parametrize("path", EXAMPLE_PLAYBOOKS, ids=lambda p: p.name)
def test_an_example_playbook_uses_the_revision_1_1_keys(path):
    playbook = load_playbook(path)
    assert playbook.document and playbook.hours and playbook.watchlist and playbook.audience
    assert any(t.unless for t in playbook.topics) and any(t.reply for t in playbook.topics)
    assert any(c.aliases for c in playbook.channels) and any(c.max_length for c in playbook.channels)
    assert any(c.phone for c in playbook.contacts) and any(c.on_call for c in playbook.contacts)
    assert any(not isinstance(item, str) and item.detect for item in playbook.autonomy.must_not)
    assert playbook.crisis.holding_statement and playbook.crisis.spread.topics
    assert not any("example." in (c.email or "") for c in playbook.contacts)

