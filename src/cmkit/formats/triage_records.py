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
    return "[" + ", ".join(f'{{"topic": {_dumps(r.topic)}, "matched": {_strings(r.matched)}}}' for r in reasons) + "]"


def _topics_and_reasons(decision: Decision) -> tuple[str, str]:
    return f'"topics": {_strings(decision.topics)}', f'"reasons": {_reasons(decision.reasons)}'


class JsonlWriter:
    """`{"id": ..., "action": ..., ...}` one per line; `id` only when the record had one.

    The same keys as `Decision.summary_json()`, written from pieces: the
    `topics` and `reasons` of one set of matches are encoded once, and so is
    each decision.
    """

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._bodies = _PerDecision()
        self._matches = _PerDecision()

    def write(self, record_id: Any, decision: Decision) -> None:
        body = self._bodies.get(decision, self._body)
        if record_id is None:
            self._out.write("{" + body + "\n")
        elif type(record_id) is int:
            self._out.write(f'{{"id": {record_id}, {body}\n')
        else:
            self._out.write('{"id": ' + _dumps(record_id) + ", " + body + "\n")

    def _body(self, decision: Decision) -> str:
        """The decision's JSON object without its opening brace, so an `id` can go first."""
        topics_and_reasons = self._matches.get(decision.reasons, lambda _: _topics_and_reasons(decision))
        deadline = decision.respond_within_minutes
        return (
            f'"action": {_dumps(decision.action)}, "topic": {_dumps(decision.topic)}, '
            f'{topics_and_reasons[0]}, "escalate_to": {_dumps(decision.escalate_to)}, '
            f'"respond_within_minutes": {"null" if deadline is None else deadline}, '
            f'"crisis": {"true" if decision.crisis else "false"}, "crisis_reason": {_dumps(decision.crisis_reason)}, '
            f"{topics_and_reasons[1]}}}"
        )


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
