"""Steps 3 to 7 of the spec: crisis, precedence, default, deadline, what comes with it."""

from __future__ import annotations

from cmkit.decide.engine import Decider, Message

from tests.decide.builders import decide, playbook, topic

CRISIS = {"escalate_to": "deputy", "respond_within": "30m", "authors": ["journalist"], "followers_at_least": 1000}


def test_the_most_severe_action_wins_and_every_match_is_reported():
    pb = playbook(
        [
            topic("declined", "decline", ["x"]),
            topic("answered", "answer", ["x"]),
            topic("moderated", "moderate", ["x"]),
            topic("escalated", "escalate", ["x"], escalate_to="deputy"),
        ]
    )
    decision = decide(pb, "x")
    assert (decision.action, decision.topic, decision.escalate_to) == ("escalate", "escalated", "deputy")
    assert decision.topics == ("declined", "answered", "moderated", "escalated")


def test_a_tie_goes_to_the_first_topic_in_the_file():
    pb = playbook([topic("first", "answer", ["b"]), topic("second", "answer", ["a"])])
    assert decide(pb, "a b").topic == "first"


def test_answer_has_no_referent_even_when_its_topic_names_one():
    pb = playbook([topic("t", "answer", ["x"], escalate_to="deputy")])
    decision = decide(pb, "x")
    assert decision.escalate_to is None and decision.referent is None


def test_the_deadline_is_the_smallest_of_topic_and_channel():
    pb = playbook([topic("slow", "answer", ["x"], respond_within="4h"), topic("fast", "answer", ["y"], respond_within="30m")])
    assert decide(pb, "x", channel="web").respond_within_minutes == 60
    assert decide(pb, "y", channel="web").respond_within_minutes == 30
    assert decide(pb, "x").respond_within_minutes == 240
    assert decide(pb, "x", channel="unknown").respond_within_minutes == 240


def test_moderate_names_no_referent_and_keeps_the_smallest_deadline():
    pb = playbook([topic("t", "moderate", ["x"], escalate_to="deputy", respond_within="15m")])
    decision = decide(pb, "x", channel="web")
    assert (decision.action, decision.escalate_to, decision.respond_within_minutes) == ("moderate", None, 15)


def test_no_deadline_given_means_none():
    assert decide(playbook([topic("t", "answer", ["x"])]), "x").respond_within_minutes is None


def test_decline_has_no_deadline_even_on_a_fast_channel_and_no_referent():
    pb = playbook([topic("t", "decline", ["x"], respond_within="1h", escalate_to="deputy")])
    decision = decide(pb, "x", channel="web")
    assert (decision.action, decision.respond_within_minutes, decision.escalate_to) == ("decline", None, None)


def test_no_default_section_escalates_to_the_first_contact_within_the_channel_delay():
    decision = decide(playbook([topic("t", keywords=["x"])]), "hello", channel="web")
    assert (decision.action, decision.topic, decision.escalate_to) == ("escalate", None, "lead")
    assert decision.respond_within_minutes == 60
    assert [b.id for b in decision.backups] == ["deputy"]


def test_default_escalate_without_referent_goes_to_the_first_contact():
    pb = playbook([topic("t", keywords=["x"])], default={"action": "escalate", "respond_within": "3h"})
    decision = decide(pb, "hello", channel="mail")
    assert (decision.escalate_to, decision.respond_within_minutes) == ("lead", 180)


def test_default_answer_and_decline():
    pb = playbook([topic("t", keywords=["x"])], default={"action": "answer", "respond_within": "3h"})
    assert (decide(pb, "hi", channel="web").action, decide(pb, "hi", channel="web").respond_within_minutes) == ("answer", 60)
    pb = playbook([topic("t", keywords=["x"])], default={"action": "decline", "respond_within": "3h"})
    assert decide(pb, "hi").respond_within_minutes is None


def test_a_crisis_author_makes_a_crisis_with_the_crisis_deadline():
    pb = playbook([topic("t", "answer", ["x"], respond_within="5m")], crisis=CRISIS)
    decision = decide(pb, "x", author_kind="journalist", channel="web")
    assert (decision.action, decision.crisis, decision.escalate_to) == ("crisis", True, "deputy")
    assert decision.respond_within_minutes == 30  # crisis.respond_within only
    assert decision.topic == "t"  # the topic that would have decided
    assert "journalist" in decision.crisis_reason


def test_a_crisis_keeps_the_crisis_deadline_even_on_a_faster_channel():
    pb = playbook(
        [topic("t", "answer", ["x"])],
        channels=[{"id": "chat", "expected_response": "10m"}],
        crisis=CRISIS,
    )
    assert decide(pb, "x", channel="chat", author_kind="journalist").respond_within_minutes == 30


def test_a_crisis_where_nothing_matched_has_no_deciding_topic():
    decision = decide(playbook([topic("t", keywords=["x"])], crisis=CRISIS), "hello", author_kind="journalist")
    assert (decision.action, decision.topic, decision.topics, decision.escalate_to) == ("crisis", None, (), "deputy")


def test_without_a_crisis_topic_the_topic_that_would_have_decided_decides_the_crisis():
    pb = playbook([topic("a", "answer", ["x"]), topic("e", "escalate", ["x"], escalate_to="lead")], crisis=CRISIS)
    decision = decide(pb, "x", followers=1000)
    assert (decision.action, decision.topic, decision.escalate_to) == ("crisis", "e", "deputy")


def test_followers_exactly_at_the_threshold_is_a_crisis_one_below_is_not():
    pb = playbook([topic("t", "escalate", ["x"], escalate_to="lead")], crisis=CRISIS)
    assert decide(pb, "x", followers=1000).crisis
    assert not decide(pb, "x", followers=999).crisis
    assert "1,000 followers" in decide(pb, "x", followers=5000).crisis_reason
    assert [r.matched for r in decide(pb, "x", followers=5000).reasons if r.kind == "followers"] == [("followers ≥ 1000",)]


def test_an_audience_makes_a_crisis_only_with_an_escalate_topic():
    pb = playbook(
        [topic("a", "answer", ["merci"]), topic("m", "moderate", ["spam"]), topic("d", "decline", ["vote"]),
         topic("e", "escalate", ["casse"], escalate_to="lead")],
        crisis=CRISIS,
    )
    for text in ("merci", "spam", "vote", "rien du tout"):
        assert not decide(pb, text, followers=10**6).crisis, text
    assert decide(pb, "merci casse", followers=10**6).crisis  # the escalate topic rules
    default_escalates = playbook([topic("a", "answer", ["merci"])], crisis=CRISIS, default={"action": "escalate"})
    assert not decide(default_escalates, "nothing matched", followers=10**6).crisis


def test_the_first_crisis_topic_decides_a_crisis():
    pb = playbook(
        [topic("esc", "escalate", ["x"], escalate_to="lead"), topic("c1", "crisis", ["x"]), topic("c2", "crisis", ["x"])],
        crisis=CRISIS,
    )
    decision = decide(pb, "x")
    assert (decision.action, decision.topic, decision.topics) == ("crisis", "c1", ("esc", "c1", "c2"))


def test_a_crisis_without_crisis_deadline_has_none():
    pb = playbook([topic("c", "crisis", ["x"])], crisis={"escalate_to": "deputy"})
    assert decide(pb, "x", channel="web").respond_within_minutes is None


def test_a_crisis_topic_without_crisis_section_goes_to_its_referent_within_the_smallest_delay():
    pb = playbook([topic("c", "crisis", ["x"], escalate_to="deputy", respond_within="2h")])
    decision = decide(pb, "x", channel="web")
    assert (decision.action, decision.escalate_to, decision.respond_within_minutes) == ("crisis", "deputy", 60)
    pb = playbook([topic("c", "crisis", ["x"])], default={"action": "escalate", "escalate_to": "deputy"})
    assert decide(pb, "x").escalate_to == "deputy"
    assert decide(playbook([topic("c", "crisis", ["x"])]), "x").escalate_to == "lead"


def test_authors_and_followers_need_a_crisis_section():
    pb = playbook([topic("t", keywords=["x"])])
    assert not decide(pb, "x", author_kind="journalist", followers=10**9).crisis


def test_a_spreading_topic_makes_a_crisis():
    pb = playbook([topic("t", "escalate", ["x"], escalate_to="lead")], crisis={**CRISIS, "spread": {"channels": 2, "within": "1h"}})
    decision = Decider(pb).decide(Message("x"), spreading={"t"})
    assert decision.crisis and "2 channels" in decision.crisis_reason
    assert [(r.topic, r.kind) for r in decision.reasons][-1] == ("t", "spread")
    assert not Decider(pb).decide(Message("y"), spreading={"t"}).crisis  # only a matched topic counts


def test_spread_watches_escalate_topics_unless_told_which():
    spread = {"channels": 2, "within": "1h"}
    topics = [topic("merci", "answer", ["x"]), topic("casse", "escalate", ["x"], escalate_to="lead")]
    pb = playbook(topics, crisis={**CRISIS, "spread": spread})
    decision = Decider(pb).decide(Message("x"), spreading={"merci", "casse"})
    assert decision.crisis and decision.topic == "casse"
    assert not Decider(pb).decide(Message("x"), spreading={"merci"}).crisis
    listed = playbook(topics, crisis={**CRISIS, "spread": {**spread, "topics": ["merci"]}})
    decision = Decider(listed).decide(Message("x"), spreading={"merci", "casse"})
    assert decision.crisis and decision.topic == "merci"  # the spreading topic decides
    none = playbook(topics, crisis={**CRISIS, "spread": {**spread, "topics": []}})
    assert not Decider(none).decide(Message("x"), spreading={"merci", "casse"}).crisis


def test_what_comes_with_it():
    pb = playbook(
        [topic("t", "escalate", ["x"], escalate_to="lead", process="support", push=["p"], report=["r"], guidance="g")],
        tone={"address": "vous", "do": ["merci"], "forbidden": ["non"]},
        autonomy={"may": ["m"], "must_not": ["n"]},
    )
    decision = decide(pb, "x")
    assert decision.referent.name == "Lea Lead" and decision.referent.respond_within_minutes == 120
    assert [b.name for b in decision.backups] == ["Dan Deputy"]
    assert (decision.process, decision.push, decision.report, decision.guidance) == ("support", ("p",), ("r",), "g")
    assert decision.tone.do == ("merci",) and decision.autonomy.must_not == ("n",)
    data = decision.to_json()
    assert {"action", "topic", "topics", "escalate_to", "respond_within_minutes", "crisis", "reasons"} <= set(data)
    assert data["reasons"] == [{"topic": "t", "kind": "keyword", "matched": ["x"]}]
    assert (data["tier"], data["due_at"], data["reply"], data["suggested_topic"]) == (None, None, None, None)


def test_a_backup_loop_ends_the_chain():
    pb = playbook([topic("t", "escalate", ["x"], escalate_to="lead")])
    pb.contacts[1].backup = "lead"
    assert [b.id for b in decide(pb, "x").backups] == ["deputy"]
