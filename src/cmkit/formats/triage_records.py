"""Triage output: one record per input record, in input order, as JSON Lines, CSV or XLSX.

JSONL: `{"line", "id", "at", "channel", ...the decision's keys (cli.md)}`, or
`{"line", "id", "error"}` for a record that could not be decided. Many
messages share a decision (the decider memoises them), so the serialised
decision is kept per decision object and only what is the record's own
(line, id, time, channel) is written anew: writing costs about as much as
copying the input.

CSV and XLSX give the inbox back whole: the input's own columns, in their
order, then those of the decision (`line, id, at, channel, action, topic,
topics, escalate_to, respond_within_minutes, crisis, tier, due_at, error`).
A column of the input that has one of these names (a file triaged before)
keeps its place and takes the new value (and our spelling of its name), so triaging twice adds nothing
twice. A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`
first, and not a plain number) is neutralised: a `'` before it in CSV, a
text cell in XLSX. A lone surrogate (from JSON's `"\\ud800"`) is written as
an escape in JSONL and as U+FFFD in CSV and XLSX: never an encoding error.
"""

from __future__ import annotations

import csv
import json
import math
import re
from datetime import date, datetime
from typing import IO, Any

import orjson

from cmkit.decide.engine import Decision, Reason
from cmkit.decide.triage import Failed, Triaged

#: The decision's columns in CSV and XLSX, after the input's own.
DECISION_COLUMNS = (
    "action", "topic", "topics", "escalate_to", "respond_within_minutes", "crisis", "tier", "due_at", "error",
)
#: Every column triage adds to the input's.
ADDED_COLUMNS = ("line", "id", "at", "channel", *DECISION_COLUMNS)
_KEPT = 16384
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_SURROGATE = re.compile("[\ud800-\udfff]")
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
    """One JSON value, non-ASCII kept; orjson for speed, json for what orjson refuses (huge
    integers; lone surrogates, escaped; NaN and infinities, as null since JSON has none)."""
    try:
        return orjson.dumps(value).decode()
    except orjson.JSONEncodeError:
        if isinstance(value, float) and not math.isfinite(value):
            return "null"
        return json.dumps(value, ensure_ascii=isinstance(value, str) and bool(_SURROGATE.search(value)), default=str)


def _strings(values: tuple[str, ...]) -> str:
    """A JSON list of strings, spaced like `json.dumps`: ["a", "b"]. Ids and words are plain
    printable ASCII most of the time: then they are written as they are, in one join."""
    if not values:
        return "[]"
    joined = '", "'.join(values)
    if joined.isascii() and joined.isprintable() and '"' not in joined and "\\" not in joined:
        return f'["{joined}"]'
    return "[" + ", ".join([_dumps(v) for v in values]) + "]"


def _reason(reason: Reason) -> str:
    return f'{{"topic": {_dumps(reason.topic)}, "kind": {_dumps(reason.kind)}, "matched": {_strings(reason.matched)}}}'


class JsonlWriter:
    """One JSON object per line (see the module's docstring).

    The decision's keys are written from pieces: what a message shares with
    every message decided alike (up to `tier`: `Triaged.shared`) is encoded once,
    without its opening brace so that the record's own keys can go first; then
    the message's own keys (`due_at`, `reply`, `suggested_topic`).
    """

    def __init__(self, out: IO[str], columns: Any = None, *, extract: Any = None) -> None:
        self._out = out
        self._bodies: dict[int, tuple[Decision, str]] = {}  # by shared decision, kept so that its id stays unique
        self._prefixes: dict[tuple, tuple[str, str]] = {}
        self._topics = _PerDecision()  # a message's `topics` tuple is shared by those with the same matches
        self._reasons = _PerDecision()  # a reason object is shared by every message that fires the same words
        self._channels: dict[str, str] = {}

    def write(self, item: Triaged | Failed) -> None:
        self._out.write(self.encode(item))

    def encode(self, item: Triaged | Failed) -> str:
        """The item's line of JSON, ending with a line break."""
        record_id = item.record_id
        written_id = "null" if record_id is None else str(record_id) if type(record_id) is int else _dumps(record_id)
        if type(item) is Failed:
            return f'{{"line": {item.line}, "id": {written_id}, "error": {_dumps(item.reason)}}}\n'
        decision = item.decision
        shared = item.shared or decision
        found = self._bodies.get(id(shared))
        if found is None or found[0] is not shared:
            if len(self._bodies) >= _KEPT:
                self._bodies.clear()
            found = self._bodies[id(shared)] = (shared, self._shared_keys(shared))
        due, reply, suggested = decision.due_at, decision.reply, decision.suggested_topic
        if reply is None and suggested is None:  # a time as triage writes it: no character to escape
            own = _NO_OWN_KEYS if due is None else f', "due_at": "{due}", "reply": null, "suggested_topic": null}}\n'
        else:
            own = (f', "due_at": {"null" if due is None else _dumps(due)}, '
                   f'"reply": {"null" if reply is None else _dumps(reply)}, '
                   f'"suggested_topic": {"null" if suggested is None else _dumps(suggested)}}}\n')
        at, channel = item.at, item.channel
        if channel is not None:
            channel = self._channels.get(channel) or self._channel(channel)
        # `at` is an ISO 8601 time (as read or written by triage): no character to escape
        at = "" if at is None else ', "at": "' + at + '"'
        return f'{{"line": {item.line}, "id": {written_id}{at}{channel or ""}, {found[1]}{own}'

    def close(self) -> None:
        """Nothing to finish: each record is a line of its own."""

    def _channel(self, channel: str) -> str:
        text = self._channels[channel] = ', "channel": ' + _dumps(channel)
        return text

    def _shared_keys(self, decision: Decision) -> str:
        """The keys a decision shares with every message decided alike, up to `tier`, as JSON text
        (without the opening brace). Parts of it are shared more widely still, and kept: the
        verdict's keys, a message's `topics` list (one per set of matches), each reason."""
        key = (
            decision.action, decision.topic, decision.escalate_to,
            decision.respond_within_minutes, decision.crisis, decision.crisis_reason, decision.tier,
        )
        verdict = self._prefixes.get(key)
        if verdict is None:
            if len(self._prefixes) >= _KEPT:
                self._prefixes.clear()
            verdict = self._prefixes[key] = _verdict(decision)
        reason = self._reasons.get
        return (f'{verdict[0]}{self._topics.get(decision.topics, _strings)}{verdict[1]}, '
                f'"reasons": [{", ".join([reason(r, _reason) for r in decision.reasons])}]')


_NO_OWN_KEYS = ', "due_at": null, "reply": null, "suggested_topic": null}\n'


def _verdict(decision: Decision) -> tuple[str, str]:
    """The decision's keys up to `tier` but `topics`, as JSON text spaced like `json.dumps`: what
    comes before `topics`' list and what comes after it (`reasons` follow, from each reason's text)."""
    deadline, tier = decision.respond_within_minutes, decision.tier
    return (
        f'"action": {_dumps(decision.action)}, "topic": {_dumps(decision.topic)}, "topics": ',
        f', "escalate_to": {_dumps(decision.escalate_to)}, '
        f'"respond_within_minutes": {"null" if deadline is None else deadline}, '
        f'"crisis": {"true" if decision.crisis else "false"}, "crisis_reason": {_dumps(decision.crisis_reason)}, '
        f'"tier": {"null" if tier is None else tier}',
    )


def output_columns(input_columns: list[str]) -> tuple[list[str], list[int | None], list[int]]:
    """The output's header, and for each of its columns the input column it copies (None: one
    of ours), and for each of ADDED_COLUMNS its position in the output."""
    ours = {name: None for name in ADDED_COLUMNS}
    header: list[str] = []
    source: list[int | None] = []
    for position, name in enumerate(input_columns):
        key = str(name).strip().lower()
        if key in ours and ours[key] is None:
            ours[key] = len(header)
            source.append(None)
            header.append(key)
        else:
            source.append(position)
            header.append(str(name))
    for name in ADDED_COLUMNS:
        if ours[name] is None:
            ours[name] = len(header)
            header.append(name)
            source.append(None)
    return header, source, [ours[name] for name in ADDED_COLUMNS]  # type: ignore[misc]


class _Rows:
    """What the CSV and XLSX writers share: a row per item, input cells first, decision after."""

    def __init__(self, columns: list[str], cell, extract) -> None:
        self.header, self._source, self._added = output_columns(columns)
        self._fields = columns  # for JSON inputs, the raw fields' names
        self._extract = extract  # for JSON inputs, a record's raw fields
        self._cell = cell
        self._tails = _PerDecision()

    def row(self, item: Triaged | Failed) -> list:
        cells = item.cells
        cell = self._cell
        if type(cells) is dict:  # a JSON record: its raw fields
            raw = self._extract(cells) if self._extract is not None else cells
            values = [cell(raw.get(name)) for name in self._fields]
        elif type(cells) is list:  # a CSV or XLSX row
            values = [cell(v) for v in cells]
        else:  # a JSON value that is not an object, or a row that could not be read
            values = []
        size = len(values)
        row = [values[i] if i is not None and i < size else None for i in self._source]
        if type(item) is Failed:
            added = (item.line, cell(item.record_id), None, None, *(None,) * (len(DECISION_COLUMNS) - 1), cell(item.reason))
        else:
            added = (item.line, cell(item.record_id), item.at, item.channel,
                     *self._tails.get(item.decision, _decision_cells))
        for position, value in zip(self._added, added):
            row[position] = value
        return row


def _decision_cells(decision: Decision) -> tuple:
    return (
        decision.action,
        decision.topic,
        ";".join(decision.topics),
        decision.escalate_to,
        decision.respond_within_minutes,
        "true" if decision.crisis else "false",
        decision.tier,
        decision.due_at,
        None,
    )


def _csv_cell(value: Any) -> Any:
    """A cell's text, neutralised if a spreadsheet would run it as a formula."""
    if value is None:
        return ""
    if isinstance(value, str):
        if not value.isascii():
            value = _SURROGATE.sub("\ufffd", value)
        if "\r" in value:  # a line break, as the reader reads it: the writer quotes a cell with "\n",
            value = value.replace("\r\n", "\n").replace("\r", "\n")  # not one with a lone "\r"
        if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
            return "'" + value
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, (dict, list)):
        return _csv_cell(json.dumps(value, ensure_ascii=False, default=str))
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


class CsvWriter:
    """The input's columns, then the decision's (see the module's docstring)."""

    def __init__(self, out: IO[str], columns: list[str], *, extract: Any = None, delimiter: str = ",",
                 header: bool = True) -> None:
        self._rows = _Rows(columns, _csv_cell, extract)
        self._writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        if header:
            self._writer.writerow(self._rows.header)

    def write(self, item: Triaged | Failed) -> None:
        self._writer.writerow(self._rows.row(item))

    def close(self) -> None:
        """Nothing to finish: each row is written as it comes."""


class XlsxWriter:
    """The same rows as CSV, in a workbook's first sheet, streamed (openpyxl's write-only mode).

    Text cells are written as text: a value starting with `=` stays a value.
    Control characters an XLSX file cannot hold are dropped, surrogates replaced.
    """

    def __init__(self, out: IO[bytes], columns: list[str], *, extract: Any = None) -> None:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        self._out = out
        self._book = Workbook(write_only=True)
        self._sheet = self._book.create_sheet("triage")
        self._cell_type = WriteOnlyCell
        self._illegal = ILLEGAL_CHARACTERS_RE
        self._rows = _Rows(columns, self._value, extract)
        self._sheet.append(self._rows.header)

    def _value(self, value: Any) -> Any:
        if isinstance(value, str):
            value = _SURROGATE.sub("\ufffd", self._illegal.sub("", value))
            if value.startswith(("=", "+", "-", "@")) and not _PLAIN_NUMBER.fullmatch(value):
                cell = self._cell_type(self._sheet, value=value)
                cell.data_type = "s"
                return cell
            return value
        if isinstance(value, float) and not math.isfinite(value):
            return None
        if isinstance(value, (dict, list)):
            return self._value(json.dumps(value, ensure_ascii=False, default=str))
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 1 << 53:
            return str(value)  # a spreadsheet keeps 15 digits: an id stays exact as text
        return value

    def write(self, item: Triaged | Failed) -> None:
        self._sheet.append(self._rows.row(item))

    def close(self) -> None:
        """Write the workbook (a zip file: it is whole only once every row is in)."""
        self._book.save(self._out)


WRITERS = {"jsonl": JsonlWriter, "csv": CsvWriter, "xlsx": XlsxWriter}
