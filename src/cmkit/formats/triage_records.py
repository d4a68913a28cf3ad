"""Triage output: one record per decided message, as JSON Lines or CSV.

Many messages share a decision (the decider memoises them), so the serialised
decision is kept per decision object and only the record's `id` is written
anew: writing costs about as much as copying the input.
"""

from __future__ import annotations

import csv
import json
from typing import IO, Any

import orjson

from cmkit.decide.engine import Decision, Reason

CSV_COLUMNS = (
    "id", "action", "topic", "topics", "escalate_to", "respond_within_minutes", "crisis", "crisis_reason", "reasons",
)
_KEPT = 16384


class _PerDecision:
    """A bounded cache of a text per object (the object is kept, so its id stays unique)."""

    def __init__(self) -> None:
        self._texts: dict[int, tuple[Any, Any]] = {}

    def get(self, key: Any, make) -> Any:
        found = self._texts.get(id(key))
        if found is None:
            if len(self._texts) >= _KEPT:
                self._texts.clear()
            found = self._texts[id(key)] = (key, make(key))
        return found[1]


def _dumps(value: Any) -> str:
    """One JSON value, non-ASCII kept; orjson for speed, json for what orjson refuses (huge integers)."""
    try:
        return orjson.dumps(value).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value, ensure_ascii=False)


def _strings(values: tuple[str, ...]) -> str:
    """A JSON list of strings, spaced like `json.dumps`: ["a", "b"]."""
    return "[" + ", ".join(_dumps(v) for v in values) + "]"


def _reasons(reasons: tuple[Reason, ...]) -> str:
    """The `reasons` list as JSON, spaced like `json.dumps`."""
    return "[" + ", ".join(
        f'{{"topic": {_dumps(r.topic)}, "kind": {_dumps(r.kind)}, "matched": {_strings(r.matched)}}}' for r in reasons
    ) + "]"


def _topics_and_reasons(decision: Decision) -> tuple[str, str]:
    return _strings(decision.topics), _reasons(decision.reasons)


class JsonlWriter:
    """`{"id": ..., "action": ..., ...}` one per line; `id` only when the record had one.

    The same keys as `Decision.summary_json()`, written from pieces: the
    `topics` and `reasons` of one set of matches are encoded once, so is the
    rest of each distinct verdict, and each decision's line is then kept
    whole (without its opening brace, so that an `id` can go first).
    """

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._bodies: dict[int, tuple[Decision, str]] = {}  # the decision is kept, so its id stays unique
        self._matches = _PerDecision()
        self._verdicts: dict[tuple, tuple[str, str]] = {}

    def write(self, record_id: Any, decision: Decision) -> None:
        found = self._bodies.get(id(decision))
        body = self._body(decision) if found is None else found[1]
        if record_id is None:
            self._out.write("{" + body)
        elif type(record_id) is int:
            self._out.write(f'{{"id": {record_id}, {body}')
        else:
            self._out.write('{"id": ' + _dumps(record_id) + ", " + body)

    def _body(self, decision: Decision) -> str:
        topics, reasons = self._matches.get(decision.reasons, lambda _: _topics_and_reasons(decision))
        verdict = (
            decision.action, decision.topic, decision.escalate_to,
            decision.respond_within_minutes, decision.crisis, decision.crisis_reason,
        )
        head, middle = self._verdicts.get(verdict) or self._verdict(verdict)
        if len(self._bodies) >= _KEPT:
            self._bodies.clear()
        tail = (
            f', "tier": {_dumps(decision.tier)}, "due_at": {_dumps(decision.due_at)}, '
            f'"reply": {_dumps(decision.reply)}, "suggested_topic": {_dumps(decision.suggested_topic)}'
        )
        body = f"{head}{topics}{middle}{reasons}{tail}}}\n"
        self._bodies[id(decision)] = (decision, body)
        return body

    def _verdict(self, verdict: tuple) -> tuple[str, str]:
        """The keys around `topics`: before it, and between it and `reasons`."""
        action, topic, escalate_to, deadline, crisis, crisis_reason = verdict
        if len(self._verdicts) >= _KEPT:
            self._verdicts.clear()
        found = self._verdicts[verdict] = (
            f'"action": {_dumps(action)}, "topic": {_dumps(topic)}, "topics": ',
            f', "escalate_to": {_dumps(escalate_to)}, '
            f'"respond_within_minutes": {"null" if deadline is None else deadline}, '
            f'"crisis": {"true" if crisis else "false"}, "crisis_reason": {_dumps(crisis_reason)}, "reasons": ',
        )
        return found


class CsvWriter:
    """The same fields as columns; `topics` space-separated, `reasons` as JSON."""

    def __init__(self, out: IO[str]) -> None:
        self._writer = csv.writer(out, lineterminator="\n")
        self._writer.writerow(CSV_COLUMNS)
        self._rows = _PerDecision()

    def write(self, record_id: Any, decision: Decision) -> None:
        self._writer.writerow(("" if record_id is None else record_id, *self._rows.get(decision, _csv_row)))


def _csv_row(decision: Decision) -> tuple:
    return (
        decision.action,
        decision.topic or "",
        " ".join(decision.topics),
        decision.escalate_to or "",
        "" if decision.respond_within_minutes is None else decision.respond_within_minutes,
        "true" if decision.crisis else "false",
        decision.crisis_reason or "",
        _reasons(decision.reasons) if decision.reasons else "",
    )


WRITERS = {"jsonl": JsonlWriter, "csv": CsvWriter}
