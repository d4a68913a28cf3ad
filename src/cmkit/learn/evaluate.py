"""`cmkit eval`: the playbook's decisions against a labelled history (spec: cli.md, revision 1.1).

The figures are computed from triage's own output records — the history is
decided exactly as `cmkit triage` decides it, spread included when rows have
`at` — so that `eval` and an independent computation over `triage`'s output
always agree. A record is the decision JSON plus the input's own columns,
among them `expect_action` and `expect_topic`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: What a row expects or gets when there is no topic (or no decision at all).
NONE = "none"
DANGEROUS_EXPECTED = frozenset({"escalate", "crisis"})
DANGEROUS_GOT = frozenset({"answer", "moderate", "decline"})


def _label(value: Any) -> str | None:
    """A label as written in a history cell: None when the cell names nothing."""
    if value is None:
        return None
    text = str(value).strip().lower()
    return text or None


def expected_topic(record: Mapping[str, Any], column: bool = False) -> str | None:
    """The topic a row expects: `none` for an empty cell or `none`; None when the row names no
    topic label. `column`: the file has an `expect_topic` column, so a row without the key
    (a CSV reader leaves empty cells out) expects no topic."""
    if "expect_topic" not in record:
        return NONE if column else None
    return _label(record["expect_topic"]) or NONE


def expected_action(record: Mapping[str, Any]) -> str | None:
    """The action a row expects, or None when its `expect_action` is missing or empty."""
    label = _label(record.get("expect_action"))
    return None if label in (None, NONE) else label


@dataclass
class _Axis:
    """Accuracy, per-label precision and recall, and confusion for one label (action or topic)."""

    counted: int = 0
    right: int = 0
    confusion: dict[str, Counter] = field(default_factory=dict)

    def add(self, expected: str, got: str) -> None:
        self.counted += 1
        self.right += expected == got
        self.confusion.setdefault(expected, Counter())[got] += 1

    def as_json(self) -> dict[str, Any]:
        expected_counts = {label: sum(row.values()) for label, row in self.confusion.items()}
        decided_counts: Counter = Counter()
        for row in self.confusion.values():
            decided_counts.update(row)
        labels = sorted(set(expected_counts) | set(decided_counts))
        per_label = {}
        for label in labels:
            hits = self.confusion.get(label, Counter()).get(label, 0)
            decided, support = decided_counts.get(label, 0), expected_counts.get(label, 0)
            per_label[label] = {
                "precision": hits / decided if decided else None,
                "recall": hits / support if support else None,
                "support": support,
            }
        return {"accuracy": self.right / self.counted if self.counted else None, "per_label": per_label}

    def confusion_json(self) -> dict[str, dict[str, int]]:
        return {expected: dict(sorted(row.items())) for expected, row in sorted(self.confusion.items())}


@dataclass
class Evaluation:
    """The figures of one history; `as_json()` is the spec's object."""

    messages: int = 0
    action: _Axis = field(default_factory=_Axis)
    topic: _Axis = field(default_factory=_Axis)
    dangerous: list[dict[str, Any]] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    #: the text of each listed row, for the text report (not in the JSON)
    texts: dict[int, str] = field(default_factory=dict)

    @property
    def action_accuracy(self) -> float | None:
        return self.action.right / self.action.counted if self.action.counted else None

    @property
    def topic_accuracy(self) -> float | None:
        return self.topic.right / self.topic.counted if self.topic.counted else None

    def as_json(self) -> dict[str, Any]:
        return {
            "messages": self.messages,
            "action": self.action.as_json(),
            "topic": self.topic.as_json(),
            "confusion": {"action": self.action.confusion_json(), "topic": self.topic.confusion_json()},
            "dangerous": self.dangerous,
            "misses": self.misses,
            "errors": self.errors,
        }


def evaluate(records: Iterable[Mapping[str, Any]], topic_column: bool = False) -> Evaluation:
    """The figures of triage output records that carry `expect_action` / `expect_topic`;
    `topic_column`: the history has an `expect_topic` column (see `expected_topic`)."""
    result = Evaluation()
    for record in records:
        result.messages += 1
        line, ident = record.get("line"), record.get("id")
        failed = record.get("error") is not None
        if failed:
            result.errors.append({"line": line, "id": ident, "error": record["error"]})
        got_action = NONE if failed else (_label(record.get("action")) or NONE)
        got_topic = NONE if failed else (_label(record.get("topic")) or NONE)
        want_action, want_topic = expected_action(record), expected_topic(record, topic_column)
        if want_action is not None:
            result.action.add(want_action, got_action)
            if want_action in DANGEROUS_EXPECTED and got_action in DANGEROUS_GOT:
                result.dangerous.append({"line": line, "id": ident, "expected": want_action, "got": got_action})
                result.texts[line] = str(record.get("text") or "")
        if want_topic is not None:
            result.topic.add(want_topic, got_topic)
            if want_topic != got_topic:
                result.misses.append(
                    {
                        "line": line,
                        "id": ident,
                        "expected_topic": None if want_topic == NONE else want_topic,
                        "topic": None if got_topic == NONE else got_topic,
                    }
                )
                result.texts[line] = str(record.get("text") or "")
    return result
