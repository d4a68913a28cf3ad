"""Read a scenario file, and find the playbook it names."""

from __future__ import annotations

from pathlib import Path

from cmkit.loading.load import beside, load_model
from cmkit.model.scenario import Scenario


def load_scenario(path: Path | str) -> Scenario:
    """Load a scenario file, keeping its source map so later checks can point into it."""
    scenario, document = load_model(path, Scenario, kind="scenario")
    scenario._source = document.source
    return scenario


def named_playbook(scenario: Scenario, scenario_path: Path | str) -> Path | None:
    """The playbook the scenario names (`playbook:`, relative to the scenario's folder), if any."""
    if scenario.playbook is None:
        return None
    return beside(scenario_path, scenario.playbook)
