"""Hold a scenario to the outcome its `expect:` key promises (a project addition to cli.md).

Example scenarios ship with their expected outcome, so a change to a playbook
that silently changes how a drill ends fails `cmkit simulate` and CI.
"""

from __future__ import annotations

from cmkit.durations import format_duration
from cmkit.i18n import catalogue
from cmkit.model.scenario import Expectation
from cmkit.simulate.timeline import Timeline


def unmet(expectation: Expectation | None, timeline: Timeline, lang: str = "en") -> list[str]:
    """One sentence per promise the timeline does not keep, in `lang`; empty when all are kept."""
    if expectation is None:
        return []
    _ = catalogue(lang)
    problems = []
    if expectation.breaches is not None and expectation.breaches != len(timeline.breaches):
        problems.append(_.n("expected {count} late answer, got {got}", "expected {count} late answers, got {got}",
                            expectation.breaches).format(count=expectation.breaches, got=len(timeline.breaches)))
    crisis = timeline.crisis
    if expectation.crisis is not None and expectation.crisis != crisis.triggered:
        problems.append(
            _("expected a crisis, none was triggered") if expectation.crisis else
            _("expected no crisis, one was triggered at {offset}").format(offset=format_duration(crisis.at_minutes))
        )
    if expectation.crisis_at is not None and expectation.crisis_at != crisis.at_minutes:
        got = (_("none was triggered") if crisis.at_minutes is None else
               _("it came at {offset}").format(offset=format_duration(crisis.at_minutes)))
        problems.append(_("expected the crisis at {offset}, {got}").format(offset=format_duration(expectation.crisis_at), got=got))
    return problems
