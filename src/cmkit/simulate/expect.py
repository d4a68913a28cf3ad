"""Hold a scenario to the outcome its `expect:` key promises (a project addition to cli.md).

Example scenarios ship with their expected outcome, so a change to a playbook
that silently changes how a drill ends fails `cmkit simulate` and CI.
"""

from __future__ import annotations

from cmkit.durations import format_duration
from cmkit.model.scenario import Expectation
from cmkit.simulate.timeline import Timeline


def unmet(expectation: Expectation | None, timeline: Timeline) -> list[str]:
    """One sentence per promise the timeline does not keep; empty when all are kept."""
    if expectation is None:
        return []
    problems = []
    if expectation.breaches is not None and expectation.breaches != len(timeline.breaches):
        problems.append(f"expected {expectation.breaches} breach(es), got {len(timeline.breaches)}")
    crisis = timeline.crisis
    if expectation.crisis is not None and expectation.crisis != crisis.triggered:
        problems.append(
            "expected a crisis, none was triggered" if expectation.crisis else
            f"expected no crisis, one was triggered at {format_duration(crisis.at_minutes)}"
        )
    if expectation.crisis_at is not None and expectation.crisis_at != crisis.at_minutes:
        got = "none was triggered" if crisis.at_minutes is None else f"it came at {format_duration(crisis.at_minutes)}"
        problems.append(f"expected the crisis at {format_duration(expectation.crisis_at)}, {got}")
    return problems
