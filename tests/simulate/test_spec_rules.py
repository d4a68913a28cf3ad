"""cli.md "Scenarios" and playbook.md's spread rule, one test per rule, as a user meets them:
a playbook and a scenario written as YAML files, `cmkit simulate --format json`, its exit code."""

from __future__ import annotations

import json

import pytest

from cmkit.cli.app import app

PLAYBOOK = """\
cmkit: 1
organization: {name: Drill}
objectives: [{id: o, statement: Answer in time}]
channels:
  - {id: email, public: false, expected_response: 1d}
  - {id: twitter, expected_response: 1h}
  - {id: forum}
contacts:
  - {id: sav, name: Julie, respond_within: 1h, backup: lead}
  - {id: lead, name: Karim, respond_within: 2h, backup: boss}
  - {id: boss, name: Claire, respond_within: 30m}
  - {id: dg, name: Dan, respond_within: 20m, backup: boss}
topics:
  - {id: delivery, label: Delivery, keywords: [parcel], action: answer, respond_within: 2h}
  - {id: spam, label: Spam, keywords: [casino], action: moderate, respond_within: 3h}
  - {id: politics, label: Politics, keywords: [election], action: decline, respond_within: 1h}
  - {id: refund, label: Refunds, keywords: [refund], action: escalate, escalate_to: sav, respond_within: 3h}
default: {action: escalate, escalate_to: sav}
crisis:
  escalate_to: dg
  respond_within: 30m
  authors: [journalist]
  spread: {channels: 3, within: 6h}
"""


def _scenario(events: list[tuple], replies: dict[str, str] | None = None) -> str:
    """Scenario YAML from (at, channel or None, text[, author kind]) tuples."""
    lines = ["scenario: Drill", "events:"]
    for at, channel, text, *kind in events:
        lines.append(f"  - at: {at}")
        if channel:
            lines.append(f"    channel: {channel}")
        lines.append(f"    author: {{kind: {kind[0] if kind else 'customer'}}}")
        lines.append(f"    text: {text!r}")
    if replies:
        lines.append("replies:")
        lines += [f"  {contact}: {delay}" for contact, delay in replies.items()]
    return "\n".join(lines) + "\n"


@pytest.fixture
def simulate(runner, write):
    """Run `cmkit simulate --format json` on events and replies; return (exit code, JSON)."""
    playbook = write("pb/playbook.yaml", PLAYBOOK)

    def _simulate(events, replies=None):
        path = write("drill.yaml", _scenario(events, replies))
        result = runner.invoke(app, ["simulate", str(path), "-p", str(playbook), "--format", "json"])
        assert result.exit_code in (0, 1), result.stderr
        return result.exit_code, json.loads(result.stdout)

    return _simulate


def _timing(data, index=0):
    event = data["events"][index]
    return event["due_minute"], event["answered_minute"]


def test_an_answer_and_a_moderation_are_given_at_the_event_minute(simulate):
    code, data = simulate([("30m", "forum", "where is my parcel"), ("1h", "twitter", "casino bonus")])
    assert [e["action"] for e in data["events"]] == ["answer", "moderate"]
    assert _timing(data, 0) == (30 + 120, 30)  # no channel deadline: the topic's 2h
    assert _timing(data, 1) == (60 + 60, 60)  # twitter's 1h beats the topic's 3h
    assert (code, data["breaches"]) == (0, [])


def test_a_decline_is_never_answered_never_due_and_never_a_breach(simulate):
    code, data = simulate([("2h", "twitter", "who wins the election")])
    assert data["events"][0]["action"] == "decline"
    assert _timing(data, 0) == (None, None)
    assert (code, data["breaches"]) == (0, [])


def test_an_escalation_reaches_its_referent_at_the_event_minute_and_they_reply_after_their_delay(simulate):
    _, data = simulate([("1h", "forum", "refund please")], {"sav": "45m"})
    event = data["events"][0]
    assert (event["escalate_to"], event["chain"][0]["engaged_minute"]) == ("sav", 60)
    assert _timing(data) == (60 + 180, 60 + 45)


def test_without_a_replies_entry_a_referent_takes_their_own_respond_within(simulate):
    _, data = simulate([("0h", "forum", "refund please")])
    assert _timing(data)[1] == 60  # sav's own 1h: replying at the end of it is not being silent
    assert [e["contact"] for e in data["events"][0]["chain"]] == ["sav"]


def test_a_silent_referent_passes_the_case_to_their_backup_whose_delay_starts_at_the_hand_off(simulate):
    _, data = simulate([("0h", "forum", "refund please")], {"sav": "never", "lead": "30m"})
    event = data["events"][0]
    assert [(e["contact"], e["engaged_minute"]) for e in event["chain"]] == [("sav", 0), ("lead", 60)]
    assert (event["answered_minute"], event["answered_by"]) == (90, "lead")


def test_the_case_goes_on_down_the_chain_and_the_breach_names_the_decided_referent(simulate):
    code, data = simulate([("0h", "forum", "refund please")], {"sav": "never", "lead": "never"})
    event = data["events"][0]
    assert [(e["contact"], e["engaged_minute"]) for e in event["chain"]] == [("sav", 0), ("lead", 60), ("boss", 180)]
    assert _timing(data) == (180, 210)  # boss's own 30m from the hand-off at 3h
    assert data["breaches"] == [{"event": 0, "contact": "sav", "due_minute": 180, "answered_minute": 210}]
    assert code == 1


def test_never_answered_with_a_deadline_is_a_breach_with_a_null_answer(simulate):
    code, data = simulate(
        [("0h", "forum", "parcel"), ("1h", "twitter", "refund please")],
        {"sav": "never", "lead": "never", "boss": "never"},
    )
    assert _timing(data, 1) == (120, None)
    assert data["breaches"] == [{"event": 1, "contact": "sav", "due_minute": 120, "answered_minute": None}]
    assert code == 1


def test_an_answer_exactly_at_the_deadline_is_not_late(simulate):
    code, data = simulate([("0h", "twitter", "refund please")], {"sav": "1h"})
    assert _timing(data) == (60, 60)
    assert (code, data["breaches"]) == (0, [])


def test_a_crisis_goes_to_the_crisis_referent_and_is_reported_once_at_its_first_minute(simulate):
    code, data = simulate(
        [("0h", "forum", "parcel"), ("2h", "twitter", "a story", "journalist"), ("3h", "forum", "x", "journalist")],
        {"dg": "20m"},
    )
    event = data["events"][1]
    assert (event["action"], event["crisis"], event["escalate_to"]) == ("crisis", True, "dg")
    assert _timing(data, 1) == (150, 140)
    crisis = data["crisis"]
    assert set(crisis) == {"triggered", "at_minutes", "reason"}
    assert (crisis["triggered"], crisis["at_minutes"]) == (True, 120) and "journalist" in crisis["reason"]
    assert code == 0  # a crisis handled in time is no missed deadline


def test_no_crisis_is_triggered_false_with_null_minute_and_reason(simulate):
    _, data = simulate([("0h", "forum", "parcel")])
    assert data["crisis"] == {"triggered": False, "at_minutes": None, "reason": None}


@pytest.mark.parametrize(("third", "crisis_at"), [("6h", 360), ("6h1m", None)])
def test_spread_counts_channels_within_the_window_boundary_included(simulate, third, crisis_at):
    _, data = simulate(
        [("0h", "email", "refund please"), ("3h", "forum", "refund again"), (third, "twitter", "refund!")],
        {"sav": "10m", "dg": "10m"},
    )
    assert data["crisis"]["at_minutes"] == crisis_at
    assert [e["crisis"] for e in data["events"]] == [False, False, crisis_at is not None]


def test_spread_counts_one_topic_on_distinct_channels_only(simulate):
    _, data = simulate(
        [("0h", "email", "refund"), ("1h", "email", "refund"), ("2h", "forum", "refund"), ("3h", None, "refund")],
        {"sav": "10m"},
    )
    assert data["crisis"]["triggered"] is False  # two channels; an event without one stands on none


def test_an_event_may_have_no_channel_and_then_only_its_topic_sets_the_deadline(simulate):
    _, data = simulate([("0h", None, "refund please")], {"sav": "10m"})
    event = data["events"][0]
    assert (event["channel"], event["due_minute"], event["answered_minute"]) == (None, 180, 10)


def test_each_event_carries_its_decision_keys_due_and_answered(simulate):
    _, data = simulate([("0h", "twitter", "refund please")], {"sav": "10m"})
    event = data["events"][0]
    decision_keys = {"action", "topic", "topics", "escalate_to", "respond_within_minutes", "crisis", "reasons"}
    assert decision_keys <= set(event) and decision_keys <= set(event["decision"])
    assert (event["topic"], event["topics"], event["respond_within_minutes"]) == ("refund", ["refund"], 60)
    assert event["reasons"] == [{"topic": "refund", "kind": "keyword", "matched": ["refund"]}]
    assert {"due_minute", "answered_minute"} <= set(event)


def test_offsets_take_every_duration_form(simulate):
    _, data = simulate([("0h", "forum", "parcel"), ("90m", "forum", "parcel"), ("1h30m", "forum", "parcel"),
                        ("1d", "forum", "parcel")])
    assert [e["at_minutes"] for e in data["events"]] == [0, 90, 90, 1440]


def test_the_playbook_comes_from_the_environment_when_neither_p_nor_the_scenario_names_one(runner, write):
    playbook = write("elsewhere/pb.yaml", PLAYBOOK)
    path = write("drill.yaml", _scenario([("0h", "forum", "parcel")]))
    result = runner.invoke(app, ["simulate", str(path), "-f", "json"], env={"CMKIT_PLAYBOOK": str(playbook)})
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["playbook"] == str(playbook)


def test_the_scenario_s_playbook_key_is_read_from_its_folder_and_beats_the_environment(runner, write, tmp_path):
    write("pb/playbook.yaml", PLAYBOOK)
    path = write("drills/drill.yaml", "playbook: ../pb/playbook.yaml\n" + _scenario([("0h", "forum", "parcel")]))
    result = runner.invoke(app, ["simulate", str(path), "-f", "json"], env={"CMKIT_PLAYBOOK": "nowhere.yaml"})
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["playbook"] == str(tmp_path / "pb" / "playbook.yaml")


def test_a_playbook_whose_backups_loop_does_not_load_exit_2(runner, write):
    looping = PLAYBOOK.replace("respond_within: 30m}", "respond_within: 30m, backup: sav}")
    playbook = write("loop.yaml", looping)
    path = write("drill.yaml", _scenario([("0h", "forum", "refund")], {"sav": "never"}))
    result = runner.invoke(app, ["simulate", str(path), "-p", str(playbook)])
    assert result.exit_code == 2 and result.stdout == ""
    assert str(playbook) in result.stderr and "Traceback" not in result.stderr
