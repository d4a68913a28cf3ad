"""`cmkit eval`'s figures, held to the spec's definitions computed independently."""

from __future__ import annotations

import json
import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from cmkit.learn.evaluate import evaluate

ACTIONS = ["answer", "escalate", "moderate", "decline", "crisis"]
TOPICS = ["livraison", "qualite", "presse", None]


def _independent(records):
    """The spec's figures, written the plain way."""
    action_rows = [r for r in records if r.get("expect_action")]
    topic_rows = [r for r in records if "expect_topic" in r]

    def got_action(r):
        return "none" if r.get("error") else r["action"]

    def got_topic(r):
        return "none" if r.get("error") else (r["topic"] or "none")

    def want_topic(r):
        return r["expect_topic"] or "none"

    action_acc = sum(r["expect_action"] == got_action(r) for r in action_rows) / len(action_rows) if action_rows else None
    topic_acc = sum(want_topic(r) == got_topic(r) for r in topic_rows) / len(topic_rows) if topic_rows else None
    dangerous = [
        r["line"]
        for r in action_rows
        if r["expect_action"] in ("escalate", "crisis") and got_action(r) in ("answer", "moderate", "decline")
    ]
    recall = {}
    for label in {r["expect_action"] for r in action_rows}:
        support = [r for r in action_rows if r["expect_action"] == label]
        recall[label] = sum(got_action(r) == label for r in support) / len(support)
    precision = {}
    for label in {got_action(r) for r in action_rows}:
        decided = [r for r in action_rows if got_action(r) == label]
        precision[label] = sum(r["expect_action"] == label for r in decided) / len(decided)
    return action_acc, topic_acc, dangerous, recall, precision


records_strategy = st.lists(
    st.fixed_dictionaries(
        {
            "expect_action": st.sampled_from([*ACTIONS, ""]),
            "action": st.sampled_from(ACTIONS),
            "topic": st.sampled_from(TOPICS),
            "error": st.sampled_from([None, None, None, "no `text`"]),
        },
        optional={"expect_topic": st.sampled_from([*TOPICS[:-1], "", "none"])},
    ),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(records_strategy)
def test_figures_equal_an_independent_computation(raw):
    records = [{**r, "line": i + 2, "id": f"m{i}"} for i, r in enumerate(raw)]
    for r in records:
        if r.get("expect_topic") == "none":
            r["expect_topic"] = ""
    result = evaluate(records).as_json()
    action_acc, topic_acc, dangerous, recall, precision = _independent(records)
    assert result["action"]["accuracy"] == action_acc
    assert result["topic"]["accuracy"] == topic_acc
    assert [d["line"] for d in result["dangerous"]] == dangerous
    for label, value in recall.items():
        assert result["action"]["per_label"][label]["recall"] == value
    for label, value in precision.items():
        assert result["action"]["per_label"][label]["precision"] == value
    assert result["messages"] == len(records)
    confusion = result["confusion"]["action"]
    assert sum(sum(row.values()) for row in confusion.values()) == len([r for r in records if r["expect_action"]])


def test_the_spec_example_shapes():
    records = [
        {"line": 2, "id": "m1", "expect_action": "crisis", "expect_topic": "presse", "action": "answer", "topic": "produits"},
        {"line": 3, "id": "m2", "expect_action": "answer", "expect_topic": "", "action": "answer", "topic": None},
        {"line": 4, "id": "m3", "expect_action": "escalate", "expect_topic": "qualite", "error": "no `text`"},
    ]
    result = evaluate(records).as_json()
    assert result["dangerous"] == [{"line": 2, "id": "m1", "expected": "crisis", "got": "answer"}]
    assert result["misses"] == [
        {"line": 2, "id": "m1", "expected_topic": "presse", "topic": "produits"},
        {"line": 4, "id": "m3", "expected_topic": "qualite", "topic": None},
    ]
    assert result["errors"] == [{"line": 4, "id": "m3", "error": "no `text`"}]
    assert result["action"]["per_label"]["crisis"] == {"precision": None, "recall": 0.0, "support": 1}
    assert result["confusion"]["action"]["escalate"] == {"none": 1}
    assert result["topic"]["accuracy"] == 1 / 3
    json.dumps(result)  # plain JSON
