"""The walk: one test per rule of cli.md's "How a case walks", plus the rules docs/simulate.md adds."""

from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from cmkit.formats import timeline_json, timeline_mermaid, timeline_text
from cmkit.simulate.engine import walk
from cmkit.simulate.timeline import Breach

from .builders import event, playbook, scenario


def _walk(*events, replies=None, pb=None):
    return walk(scenario(*events, replies=replies), pb or playbook())


def test_an_answer_is_given_at_once_and_is_never_late():
    timeline = _walk(event("2h", "where is my parcel"))
    (outcome,) = timeline.events
    assert outcome.decision.action == "answer"
    assert (outcome.due_minute, outcome.answered_minute) == (180, 120)  # twitter 1h < topic 2h
    assert outcome.chain == () and not outcome.breach and timeline.breaches == ()


def test_a_moderation_is_given_at_once():
    (outcome,) = _walk(event("1h", "win at the casino")).events
    assert outcome.decision.action == "moderate"
    assert outcome.answered_minute == 60 and not outcome.breach


def test_a_decline_is_never_answered_and_never_late():
    timeline = _walk(event("0h", "who wins the election"))
    (outcome,) = timeline.events
    assert outcome.decision.action == "decline"
    assert (outcome.due_minute, outcome.answered_minute) == (None, None)
    assert timeline.breaches == () and timeline.longest_wait is None


def test_a_referent_within_their_deadline_answers_in_time():
    (outcome,) = _walk(event("0h", "I want a refund", "forum"), replies={"sav": "45m"}).events
    assert outcome.decision.escalate_to == "sav"
    assert (outcome.due_minute, outcome.answered_minute, outcome.answered_by) == (180, 45, "sav")
    assert not outcome.breach


def test_a_referent_past_the_decision_deadline_is_a_breach_naming_the_decided_referent():
    timeline = _walk(event("1h", "I want a refund"), replies={"sav": "50m", "lead": "never"})
    (outcome,) = timeline.events
    assert outcome.due_minute == 120  # twitter's 1h beats the topic's 3h
    assert outcome.answered_minute == 110 and not outcome.breach
    timeline = _walk(event("1h", "I want a refund"), replies={"sav": "5h", "lead": "never"})
    assert timeline.breaches == (Breach(event=0, contact="sav", due_minute=120, answered_minute=360),)


def test_a_silent_referent_hands_off_to_the_backup_who_answers():
    (outcome,) = _walk(event("0h", "refund please", "forum"), replies={"sav": "never", "lead": "30m"}).events
    assert [(e.contact, e.engaged_minute, e.passed_on_minute) for e in outcome.chain] == [
        ("sav", 0, 60),
        ("lead", 60, None),
    ]
    assert (outcome.answered_minute, outcome.answered_by) == (90, "lead")
    assert not outcome.breach  # forum: topic 3h < channel 4h


def test_nobody_replying_is_a_breach_never_answered():
    timeline = _walk(event("0h", "refund please"), replies={"sav": "never", "lead": "never"})
    (outcome,) = timeline.events
    assert outcome.answered_minute is None and outcome.chain_end == "no-backup"
    assert timeline.breaches == (Breach(event=0, contact="sav", due_minute=60, answered_minute=None),)
    assert timeline.longest_wait is not None and timeline.longest_wait.minutes is None


def test_the_deadline_comes_from_the_channel_or_the_topic_whichever_is_smaller():
    def due(channel: str) -> int | None:
        return _walk(event("0h", "refund please", channel), replies={"sav": "10m"}).events[0].due_minute

    assert due("twitter") == 60  # channel 1h < topic 3h
    assert due("forum") == 180  # topic 3h < channel 4h
    assert due("blog") == 180  # the channel expects nothing: the topic's 3h


def test_a_message_matching_nothing_follows_the_default():
    (outcome,) = _walk(event("0h", "hello there", "blog"), replies={"sav": "10m"}).events
    assert outcome.decision.action == "escalate" and outcome.decision.topic is None
    assert outcome.decision.escalate_to == "sav" and outcome.answered_minute == 10


def test_spread_turns_the_third_channel_into_a_crisis():
    timeline = _walk(
        event("0h", "refund please", "email"),
        event("2h", "refund please", "forum"),
        event("5h", "refund please", "twitter"),
        replies={"sav": "10m", "dg": "10m"},
    )
    assert [o.decision.crisis for o in timeline.events] == [False, False, True]
    crisis = timeline.crisis
    assert (crisis.triggered, crisis.at_minutes, crisis.event) == (True, 300, 2)
    assert crisis.reason
    assert timeline.events[2].decision.escalate_to == "dg"
    assert timeline.events[2].due_minute == 330  # crisis.respond_within 30m


def test_spread_counts_only_messages_within_the_window():
    timeline = _walk(
        event("0h", "refund please", "email"),
        event("1d", "refund please", "forum"),
        event("2d", "refund please", "twitter"),
        replies={"sav": "10m"},
    )
    assert not timeline.crisis.triggered


def test_the_same_channel_twice_is_no_spread():
    timeline = _walk(*(event(f"{h}h", "refund please", "twitter") for h in range(5)), replies={"sav": "10m"})
    assert not timeline.crisis.triggered


def test_a_journalist_is_a_crisis_at_once():
    timeline = _walk(
        event("0h", "where is my parcel"),
        event("3h", "a question about parcels", kind="journalist"),
        replies={"dg": "20m"},
    )
    assert timeline.crisis.at_minutes == 180 and timeline.crisis.event == 1
    outcome = timeline.events[1]
    assert (outcome.decision.action, outcome.decision.escalate_to) == ("crisis", "dg")
    assert (outcome.due_minute, outcome.answered_minute) == (210, 200)


def test_a_large_audience_is_a_crisis():
    timeline = _walk(event("0h", "I want a refund", kind="customer", followers=80000), replies={"dg": "20m"})
    assert timeline.crisis.triggered and timeline.events[0].decision.escalate_to == "dg"


def test_a_crisis_topic_is_a_crisis():
    timeline = _walk(event("4h", "we were poisoned"), replies={"dg": "1h"})
    assert timeline.crisis.at_minutes == 240
    assert timeline.breaches == (Breach(event=0, contact="dg", due_minute=270, answered_minute=300),)


def test_a_backup_loop_in_the_playbook_never_makes_the_walk_loop():
    looping = playbook(
        contacts=[
            {"id": "sav", "name": "A", "respond_within": "1h", "backup": "lead"},
            {"id": "lead", "name": "B", "respond_within": "1h", "backup": "sav"},
            {"id": "dg", "name": "C", "respond_within": "30m", "backup": "dg"},
        ]
    )
    timeline = _walk(
        event("0h", "refund please"),
        event("1h", "a story", kind="journalist"),
        replies={"sav": "never", "lead": "never", "dg": "never"},
        pb=looping,
    )
    assert [o.chain_end for o in timeline.events] == ["loop", "loop"]
    assert [len(o.chain) for o in timeline.events] == [2, 1]
    assert len(timeline.breaches) == 2


def test_the_summary_names_who_was_engaged_processes_and_the_longest_wait():
    timeline = _walk(
        event("0h", "where is my parcel"),
        event("1h", "refund please", "forum"),
        event("2h", "we were poisoned", "blog"),
        replies={"sav": "never", "lead": "40m", "dg": "10m"},
    )
    assert timeline.engaged == ("sav", "lead", "dg")
    assert timeline.processes == ("support", "crisis")
    assert (timeline.longest_wait.event, timeline.longest_wait.minutes) == (1, 100)
    assert timeline.names["lead"] == "Karim"


_TEXTS = st.sampled_from(
    ["parcel", "refund", "election", "casino", "poisoned", "hello", "refund parcel election", "", "ÉLECTION!"]
)
_EVENTS = st.lists(
    st.tuples(
        st.integers(0, 3000),
        _TEXTS,
        st.sampled_from(["email", "twitter", "forum", "blog", None]),
        st.sampled_from(["customer", "journalist", "unknown", "influencer"]),
        st.one_of(st.none(), st.integers(0, 100000)),
    ),
    min_size=1,
    max_size=12,
)
_DELAYS = st.one_of(st.just("never"), st.sampled_from(["0m", "10m", "45m", "2h", "1d"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    events=_EVENTS,
    replies=st.dictionaries(st.sampled_from(["sav", "lead", "dg"]), _DELAYS),
    backups=st.tuples(*(st.sampled_from(["sav", "lead", "dg", None]) for _ in range(3))),
)
def test_any_scenario_walks_without_crashing_and_keeps_its_invariants(events, replies, backups):
    contacts = [
        {"id": cid, "name": cid, "respond_within": within, "backup": backup}
        for cid, within, backup in zip(("sav", "lead", "dg"), ("1h", None, "30m"), backups, strict=True)
    ]
    ordered = sorted(events, key=lambda e: e[0])
    built = [
        {"at": f"{at}m", "text": text or "?", "channel": channel, "author": {"kind": kind, "followers": followers}}
        for at, text, channel, kind, followers in ordered
    ]
    timeline = _walk(*built, replies=replies, pb=playbook(contacts=contacts))
    assert len(timeline.events) == len(built)
    for outcome in timeline.events:
        if outcome.answered_minute is not None:
            assert outcome.answered_minute >= outcome.at_minute
        assert outcome.breach == any(b.event == outcome.index for b in timeline.breaches)
        assert outcome.breach == (outcome.due_minute is not None and (
            outcome.answered_minute is None or outcome.answered_minute > outcome.due_minute))
        if outcome.decision.action in ("answer", "moderate"):
            assert outcome.answered_minute == outcome.at_minute
        if outcome.decision.action == "decline":
            assert (outcome.due_minute, outcome.answered_minute, outcome.breach) == (None, None, False)
        holders = [e.contact for e in outcome.chain]
        assert len(holders) == len(set(holders))
    if timeline.crisis.triggered:
        assert timeline.events[timeline.crisis.event].decision.crisis
        assert not any(o.decision.crisis for o in timeline.events[: timeline.crisis.event])
    _render_everywhere(timeline)


def _render_everywhere(timeline) -> None:
    """Every output of `simulate`, wide and narrow, renders whatever the walk gave it."""
    for width in (60, 200):
        out = io.StringIO()
        Console(file=out, width=width, no_color=True).print(timeline_text.render(timeline))
        assert "Breaches" in out.getvalue()
    assert len(json.loads(timeline_json.render(timeline))["events"]) == len(timeline.events)
    assert timeline_mermaid.render(timeline).startswith("gantt\n")
