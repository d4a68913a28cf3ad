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
    pb = playbook([topic("t", keywords=["x"])], crisis={**SPREAD, "spread": {**SPREAD["spread"], "topics": ["t"]}})
    decider, w = Decider(pb), SpreadWindow(pb)
    actions = [decide_at(decider, w, Message("x", channel=c), m).action for m, c in [(0, "web"), (5, "mail"), (9, "sms")]]
    assert actions == ["answer", "answer", "crisis"]
    assert decide_at(decider, w, Message("x", channel="web"), None).action == "answer"  # no time: no spread


def test_an_answer_topic_on_three_channels_is_ordinary_traffic_by_default():
    pb = playbook([topic("t", keywords=["x"])], crisis=SPREAD)  # no `topics`: escalate topics only
    decider, w = Decider(pb), SpreadWindow(pb)
    actions = [decide_at(decider, w, Message("x", channel=c), m).action for m, c in [(0, "web"), (5, "mail"), (9, "sms")]]
    assert actions == ["answer", "answer", "answer"]


def test_triage_counts_the_spread_in_time_order_whatever_the_file_order():
    import pytest

    from cmkit.decide.triage import OutOfOrder, triage, triage_exact

    pb = playbook([topic("t", keywords=["x"]), topic("u", keywords=["y"])],
                  crisis={**SPREAD, "spread": {"channels": 2, "within": "24h", "topics": ["t", "u"]}})
    records = [(1, {"text": "x y", "channel": "web", "at": "2024-01-02T00:00"}),
               (2, {"text": "x", "channel": "mail", "at": "2024-01-01T00:00"}),  # exactly `within` before line 1
               (3, {"text": "y", "channel": "web", "at": "2024-01-01T00:01"}),
               (4, {"text": "x", "channel": "mail", "at": "2024-01-05T00:00"}),
               (5, {"text": "x", "channel": "web", "at": "2024-01-05T00:00"}),  # same instant as line 4: counts after it
               (6, {"text": "x", "channel": "web", "at": "2024-01-06T00:01"})]  # more than `within` after them
    with pytest.raises(OutOfOrder):
        list(triage(Decider(pb), records))
    decided = list(triage_exact(Decider(pb), lambda: iter(records)))
    assert [d.decision.crisis for d in decided] == [True, False, False, False, True, False]
    assert decided[0].decision.crisis_reason == "the topic t is on 2 channels or more within 1d"  # u: one channel
