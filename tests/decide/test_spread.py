"""The spread rule over timestamped messages: one topic on N channels within a window."""

from __future__ import annotations

from cmkit.decide.engine import Decider, Message, SpreadWindow, decide_at

from tests.decide.builders import playbook, topic

SPREAD = {"escalate_to": "deputy", "respond_within": "30m", "spread": {"channels": 3, "within": "24h"}}


def window():
    return SpreadWindow(playbook([topic("t", keywords=["x"])], crisis=SPREAD))


def test_a_topic_on_three_channels_within_the_window_spreads():
    w = window()
    assert w.add(0, "a", ["t"]) == ()
    assert w.add(60, "b", ["t"]) == ()
    assert w.add(120, "c", ["t"]) == ("t",)


def test_the_window_includes_its_edge_and_forgets_what_is_older():
    w = window()
    w.add(0, "a", ["t"])
    w.add(10, "b", ["t"])
    assert w.add(1440, "c", ["t"]) == ("t",)  # exactly `within` after the first: still in
    w = window()
    w.add(0, "a", ["t"])
    w.add(10, "b", ["t"])
    assert w.add(1441, "c", ["t"]) == ()


def test_one_channel_repeated_does_not_spread_and_no_channel_does_not_count():
    w = window()
    for minute in range(5):
        assert w.add(minute, "a", ["t"]) == ()
    assert w.add(6, None, ["t"]) == ()
    assert w.add(7, "b", ["t"]) == ()
    assert w.add(8, None, ["t"]) == ()
    assert w.add(9, "c", ["t"]) == ("t",)
    assert w.add(10, None, ["t"]) == ("t",)  # a message with no channel is still part of the spread


def test_topics_are_counted_apart():
    w = window()
    w.add(0, "a", ["t"])
    w.add(1, "b", ["u"])
    assert w.add(2, "c", ["t"]) == ()


def test_a_message_out_of_order_is_compared_with_its_own_window():
    w = window()
    w.add(100, "a", ["t"])
    w.add(200, "b", ["t"])
    assert w.add(150, "c", ["t"]) == ()  # at 150, only a (100) and c stand
    assert w.add(250, "d", ["t"]) == ("t",)


def test_no_spread_rule_never_spreads():
    w = SpreadWindow(playbook([topic("t", keywords=["x"])]))
    assert all(w.add(m, str(m), ["t"]) == () for m in range(10))


def test_decide_at_turns_the_third_channel_into_a_crisis():
    pb = playbook([topic("t", keywords=["x"])], crisis=SPREAD)
    decider, w = Decider(pb), SpreadWindow(pb)
    actions = [decide_at(decider, w, Message("x", channel=c), m).action for m, c in [(0, "web"), (5, "mail"), (9, "sms")]]
    assert actions == ["answer", "answer", "crisis"]
    assert decide_at(decider, w, Message("x", channel="web"), None).action == "answer"  # no time: no spread
