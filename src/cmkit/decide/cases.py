"""Run a playbook's test cases: decide each case's message, compare what it names.

A case passes when every key of its `expect` equals the same key of the
decision JSON; where `expect` gives a mapping (`referent`, `tone`...), only
the keys it names are compared there too. A failure keeps both sides and the decision's reasons, so the
report can say what was expected, what came, and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from cmkit.decide.engine import Decider, Decision, Message, SpreadWindow, decide_at
from cmkit.decide.triage import epoch_minutes
from cmkit.i18n import catalogue, language
from cmkit.loading.yamlnodes import SourceMap
from cmkit.model.cases import CaseFile


@dataclass(frozen=True)
class CaseResult:
    """One case, run."""

    index: int
    line: int
    name: str
    text: str
    expected: dict
    got: dict
    decision: Decision

    @property
    def passed(self) -> bool:
        return self.expected == self.got


def run_cases(cases: CaseFile, source: SourceMap, decider: Decider) -> list[CaseResult]:
    """Every case in file order; those with `at` share one spread window, as in triage."""
    _check_channels(cases, source, decider)
    _check_time_order(cases, source)
    window = SpreadWindow.for_decider(decider)
    _ = catalogue(language(None, decider.language))
    results = []
    for index, case in enumerate(cases.cases):
        channel = None if case.channel is None else decider.find_channel(case.channel)
        message = Message(case.text, channel, case.author_kind, case.followers, case.author, case.engagement, case.at)
        decision = decide_at(decider, window, message, None if case.at is None else epoch_minutes(case.at))
        expected = case.expect.as_json()
        produced = decision.to_json()
        results.append(
            CaseResult(
                index=index,
                line=source.value_at(("cases", index)).line,
                name=str(case.id) if case.id is not None else _("case {number}").format(number=index + 1),
                text=case.text,
                expected=expected,
                got=_named(produced, expected),
                decision=decision,
            )
        )
    return results


def _named(produced: dict, expected: dict) -> dict:
    """What the decision says about the keys `expected` names, mappings within included;
    in a list of mappings (`reasons`), the keys its expected entries name."""
    named = {}
    for key, value in expected.items():
        if key not in produced:
            continue
        got = produced[key]
        if isinstance(value, dict) and isinstance(got, dict):
            got = _named(got, value)
        elif isinstance(value, list) and isinstance(got, list) and value and all(isinstance(v, dict) for v in value):
            if len(got) == len(value):  # entry by entry, the keys each expected entry names
                got = [_named(item, want) if isinstance(item, dict) else item for item, want in zip(got, value)]
            else:
                keys = {k for v in value for k in v}
                got = [{k: item[k] for k in item if k in keys} if isinstance(item, dict) else item for item in got]
        named[key] = got
    return named


def _check_time_order(cases: CaseFile, source: SourceMap) -> None:
    """Timed cases must go forward in time: the spread rule looks back, and a case file,
    like a scenario, says in which order things happened."""
    from cmkit.i18n import current

    latest = None
    for index, case in enumerate(cases.cases):
        if case.at is None:
            continue
        minute = epoch_minutes(case.at)
        if latest is not None and minute < latest:
            _ = current()
            raise source.error_at(
                ("cases", index, "at"),
                _("case {number} happens before the timed case above it: put timed cases in time order").format(
                    number=index + 1
                ),
            )
        latest = minute


def _check_channels(cases: CaseFile, source: SourceMap, decider: Decider) -> None:
    for index, case in enumerate(cases.cases):
        if case.channel is not None and decider.find_channel(case.channel) is None:
            from cmkit.i18n import current

            _ = current()
            known = ", ".join(decider.channels) or "—"
            raise source.error_at(
                ("cases", index, "channel"),
                _("the playbook has no channel {channel}; its channels: {known}").format(
                    channel=repr(case.channel), known=known
                ),
            )
