"""Office hours in the walk (revision 1.1): the calendar, open-hours replies and hand-offs, and
the breaches that come from hours alone. Dates: 6 March 2026 is a Friday; the clocks go
forward in Paris on Sunday 29 March 2026."""

from __future__ import annotations

import json
import re

import pytest

from cmkit.cli.app import app

PLAYBOOK = """\
cmkit: 1
organization: {name: Drill, language: LANG}
objectives: [{id: o, statement: Answer in time}]
channels:
  - {id: email, public: false}
  - {id: twitter, expected_response: 1h}
contacts:
  - {id: sav, name: Julie, respond_within: 1h, backup: lead}
  - {id: lead, name: Karim, respond_within: 2h}
  - {id: dg, name: Claire, respond_within: 30m, on_call: true}
topics:
  - {id: refund, label: Refunds, keywords: [refund], action: escalate, escalate_to: sav, respond_within: 2h}
crisis: {escalate_to: dg, respond_within: 1h, authors: [journalist]}
hours:
  timezone: Europe/Paris
  open: {mon-fri: "09:00-18:00"}
  holidays: [2026-12-25]
"""


def scenario(events, replies=None, start=None) -> str:
    lines = ["scenario: Drill"]
    if start:
        lines.append(f"start: {start}")
    lines.append("events:")
    for at, channel, text, *kind in events:
        lines += [f"  - at: {at}", f"    author: {{kind: {kind[0] if kind else 'customer'}}}", f"    text: {text!r}"]
        if channel:
            lines.append(f"    channel: {channel}")
    if replies:
        lines.append("replies:")
        lines += [f"  {contact}: {delay}" for contact, delay in replies.items()]
    return "\n".join(lines) + "\n"


@pytest.fixture
def simulate(runner, write):
    def _simulate(events, replies=None, *args, start=None, lang="en", fmt="json", playbook=PLAYBOOK):
        book = write("playbook.yaml", playbook.replace("LANG", lang))
        path = write("drill.yaml", scenario(events, replies, start))
        result = runner.invoke(app, ["simulate", str(path), "-p", str(book), "-f", fmt, *args], env={"COLUMNS": "120"})
        assert result.exit_code in (0, 1), result.output
        return result.exit_code, (json.loads(result.stdout) if fmt == "json" else result.stdout)

    return _simulate


def test_an_escalation_late_on_friday_is_due_and_answered_on_monday_in_open_hours(simulate):
    code, data = simulate([("0m", "email", "refund please")], {"sav": "1h"}, start="2026-03-06T17:30")
    event = data["events"][0]
    assert event["at"] == "2026-03-06T17:30:00+01:00"
    assert event["due_at"] == event["decision"]["due_at"] == "2026-03-09T10:30:00+01:00"  # the spec's example
    assert event["answered_at"] == "2026-03-09T09:30:00+01:00"  # 30 open minutes on Friday, 30 on Monday
    assert event["answered_minute"] == 60 * 64 and code == 0


def test_a_silent_referent_hands_over_at_the_end_of_their_open_hours_delay(simulate):
    code, data = simulate([("0m", "email", "refund please")], {"sav": "never", "lead": "30m"}, start="2026-03-06T17:30")
    chain = data["events"][0]["chain"]
    assert [(e["contact"], e["engaged_minute"]) for e in chain] == [("sav", 0), ("lead", 60 * 64)]  # Mon 09:30
    assert data["events"][0]["answered_at"] == "2026-03-09T10:00:00+01:00" and code == 0


def test_the_public_channel_counts_wall_clock_time_and_the_breach_comes_from_hours_alone(simulate):
    code, data = simulate([("0m", "twitter", "refund please")], {"sav": "1h"}, start="2026-03-06T17:30")
    assert data["events"][0]["due_at"] == "2026-03-06T18:30:00+01:00"  # within the hour, night or not
    assert data["breaches"] == [{"event": 0, "contact": "sav", "due_minute": 60, "answered_minute": 60 * 64}]
    [late] = data["off_hours_breaches"]
    assert (late["due_at"], late["answered_at"], late["reopens_at"]) == (
        "2026-03-06T18:30:00+01:00", "2026-03-09T09:30:00+01:00", "2026-03-09T09:00:00+01:00")
    assert code == 1


def test_a_breach_the_chain_would_make_anyway_is_not_blamed_on_hours(simulate):
    code, data = simulate([("0m", "twitter", "refund please")], {"sav": "3h", "lead": "3h"}, start="2026-03-03T10:00")
    assert len(data["breaches"]) == 1 and data["off_hours_breaches"] == [] and code == 1


def test_an_on_call_referent_answers_at_night_in_wall_clock_time(simulate):
    code, data = simulate([("0m", "twitter", "I am writing a story", "journalist")], {"dg": "20m"},
                          start="2026-03-07T23:00")
    event = data["events"][0]
    assert (event["action"], event["answered_at"], event["due_at"]) == (
        "crisis", "2026-03-07T23:20:00+01:00", "2026-03-08T00:00:00+01:00")
    assert code == 0


def test_a_holiday_is_closed(simulate):
    _, data = simulate([("0m", "email", "refund please")], {"sav": "30m"}, start="2026-12-24T17:45")
    assert data["events"][0]["answered_at"] == "2026-12-28T09:15:00+01:00"  # Thu 15 min, Fri 25 Dec closed, Mon 15 min


def test_the_night_the_clocks_change_is_an_hour_shorter_in_wall_clock_time(simulate):
    _, data = simulate([("0m", "twitter", "I am writing a story", "journalist"), ("5h", "twitter", "hello refund")],
                       {"dg": "10m"}, start="2026-03-28T23:00")
    assert data["events"][1]["at"] == "2026-03-29T05:00:00+02:00"  # 5 elapsed hours: 04:00 UTC
    assert data["events"][1]["due_at"] == "2026-03-29T06:00:00+02:00"


def test_the_default_start_is_a_documented_monday_and_the_scenario_may_set_its_own(simulate):
    _, data = simulate([("0m", "email", "refund please")])
    assert data["start"] == "2026-03-02T09:00+01:00"
    _, data = simulate([("0m", "email", "refund please")], start="2026-03-06T17:30")
    assert data["start"] == "2026-03-06T17:30+01:00"
    _, data = simulate([("0m", "email", "refund please")], None, "--start", "2026-03-04T10:00", start="2026-03-06T17:30")
    assert data["start"] == "2026-03-04T10:00+01:00"


def test_without_hours_a_scenario_keeps_its_offsets(simulate):
    without = PLAYBOOK[: PLAYBOOK.index("hours:")]
    _, data = simulate([("0m", "twitter", "refund please")], {"sav": "1h"}, playbook=without)
    assert data["start"] is None and data["events"][0]["at"] is None and data["events"][0]["due_minute"] == 60


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "late because of office hours alone: due Fri 6 Mar, 18:30, nobody on call until Mon 9 Mar, 09:00"),
     ("fr", "en retard du seul fait des horaires\u202f: délai ven. 6 mars à 18\u00a0h\u00a030, personne d’astreinte "
            "avant lun. 9 mars à 9\u00a0h\u00a000")],
)
def test_the_text_says_when_nobody_was_on_call_in_the_playbook_language(simulate, lang, said):
    code, text = simulate([("0m", "twitter", "refund please")], {"sav": "1h"}, start="2026-03-06T17:30", lang=lang, fmt="text")
    assert said in re.sub(r"[ \n]+", " ", text), text  # the summary may wrap; no-break spaces stay
    assert code == 1


def test_the_friday_cascade_shows_a_saturday_request_waiting_for_monday():
    """The example scenario, walked through the example playbook with office hours Monday to
    Friday, quality and top management on call (set here, so the test says what it relies on)."""
    from cmkit.model.playbook import Playbook
    from cmkit.simulate.engine import walk
    from cmkit.simulate.load import load_scenario, named_playbook
    from cmkit.trusted import load_playbook
    from conftest import PLAYBOOKS

    path = PLAYBOOKS / "scenarios" / "cascade-vendredi.fr.yaml"
    scenario = load_scenario(path)
    data = load_playbook(named_playbook(scenario, path)).model_dump(mode="json", exclude_none=True)
    data["hours"] = {"timezone": "Europe/Paris", "open": {"mon-fri": "09:00-18:00"}}
    for contact in data["contacts"]:
        contact["on_call"] = contact["id"] in ("qualite", "dg")
    timeline = walk(scenario, Playbook.model_validate(data))
    assert timeline.start.isoformat() == "2026-03-06T15:30:00+01:00"
    request = next(o for o in timeline.events if o.id == "remboursement")
    assert (request.decision.action, request.decision.escalate_to) == ("escalate", "sav")
    assert request.decision.due_at == "2026-03-07T11:00:00+01:00"
    [late] = [b for b in timeline.breaches if b.off_hours]
    assert late.event == request.index
    assert timeline.instant(late.reopens_minute).isoformat() == "2026-03-09T09:00:00+01:00"
    assert timeline.instant(request.answered_minute).isoformat() == "2026-03-09T09:30:00+01:00"
    journalist = timeline.events[-1]
    assert timeline.instant(journalist.answered_minute).isoformat() == "2026-03-07T11:50:00+01:00"  # dg, on call


def test_a_start_at_the_end_of_time_is_one_sentence(runner, write):
    book = write("playbook.yaml", PLAYBOOK.replace("LANG", "en"))
    path = write("drill.yaml", scenario([("0m", "email", "refund please"), ("2d", "email", "refund please")]))
    result = runner.invoke(app, ["simulate", str(path), "-p", str(book), "--start", "9999-12-31T20:00"])
    assert result.exit_code == 2 and "runs past the year 9999" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
