"""Every example scenario under playbooks/scenarios/ ends as its `expect:` promises."""

from __future__ import annotations

import pytest

from cmkit.trusted import load_playbook
from cmkit.simulate.engine import walk
from cmkit.simulate.expect import unmet
from cmkit.simulate.load import load_scenario, named_playbook
from conftest import PLAYBOOKS

SCENARIOS = sorted((PLAYBOOKS / "scenarios").glob("*.yaml"))


def test_there_are_example_scenarios_for_each_example_playbook():
    named = {named_playbook(load_scenario(path), path).name for path in SCENARIOS}
    assert "maison-dupuis.fr.yaml" in named


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_an_example_scenario_keeps_its_promise(path):
    scenario = load_scenario(path)
    assert scenario.expect is not None, "an example scenario states its expected outcome"
    timeline = walk(scenario, load_playbook(named_playbook(scenario, path)))
    assert unmet(scenario.expect, timeline) == []


def test_unmet_names_every_broken_promise():
    from cmkit.model.scenario import Expectation

    scenario = load_scenario(PLAYBOOKS / "scenarios" / "cascade-24h.fr.yaml")
    timeline = walk(scenario, load_playbook(named_playbook(scenario, PLAYBOOKS / "scenarios" / "x.yaml")))
    promises = Expectation(breaches=0, crisis=False, crisis_at="20h")
    assert unmet(promises, timeline) == [
        "expected 0 late answers, got 2",
        "expected no crisis, one was triggered at 5h",
        "expected the crisis at 20h, it came at 5h",
    ]
