"""Batch triage: decide every record of a `.jsonl` or `.csv` file, streaming.

Records are read one at a time and decided as they come, so memory stays flat
whatever the file's length. A record that cannot be decided (not JSON, not
UTF-8, no `text`, an unknown channel...) becomes a `Skipped` with its line
number and the stream goes on. Records with an ISO `at` timestamp go through
the spread rule, in file order (spec: playbook.md, last paragraph).

Files are read as bytes: a JSON line is parsed by orjson straight from them,
and by the json module where the two differ (orjson refuses NaN and reads an
integer beyond 64 bits as a float; only `id` and `followers` are numbers
that matter). A line that is not UTF-8 is one bad record, not the end of the
run. A UTF-8 byte-order mark is ignored.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import json
import re
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any, NamedTuple

import orjson

from cmkit.decide.engine import Decider, Decision, SpreadWindow
from cmkit.errors import UsageError

#: The author kinds of the playbook format (the model's AUTHOR_KINDS, without importing pydantic).
AUTHOR_KINDS = frozenset({"customer", "prospect", "influencer", "journalist", "employee", "unknown"})
INPUT_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
#: Allocations between two runs of the garbage collector's youngest generation while triaging.
_FEW_COLLECTIONS = 100_000
_BOM = b"\xef\xbb\xbf"
#: What `surrogateescape` makes of bytes that are not UTF-8.
_UNDECODABLE = re.compile("[\udc80-\udcff]")


class Triaged(NamedTuple):
    """A record and its decision (a tuple: one is made per message)."""

    line: int
    record_id: Any
    decision: Decision


class Skipped(NamedTuple):
    """A record that could not be decided, and why."""

    line: int
    reason: str


class BadRecord(ValueError):
    """Why one record cannot be decided (a sentence)."""


def input_format(path: Path) -> str:
    """'jsonl' or 'csv', from the file's extension."""
    found = INPUT_FORMATS.get(path.suffix.lower())
    if found is None:
        raise UsageError(f"{path}: cannot tell the format; name the file .jsonl or .csv")
    return found


def read_records(handle: IO[bytes], kind: str) -> Iterator[tuple[int, Any]]:
    """(line number, record) for each record, or (line, BadRecord) for one that does not parse.

    `handle` is opened in binary mode. A JSON record that is not an object is
    passed on as it is; `triage` says so.
    """
    if kind == "csv":
        yield from _csv_records(io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline=""))
        return
    loads = orjson.loads
    for number, line in enumerate(handle, start=1):
        if number == 1 and line.startswith(_BOM):
            line = line[len(_BOM):]
        try:
            record = loads(line)
        except orjson.JSONDecodeError:
            if line.strip():
                yield number, _json_fallback(line)
            continue
        if type(record) is dict and (type(record.get("id")) is float or type(record.get("followers")) is float):
            record = _json_fallback(line)
        yield number, record


def _json_fallback(line: bytes) -> Any:
    """The json module's reading of a line orjson refuses, or why it is no record."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return BadRecord("not valid UTF-8")
    try:
        return json.loads(text)
    except ValueError as exc:
        return BadRecord(f"not valid JSON ({exc.args[0].split(':')[0]})")


def _csv_records(handle: IO[str]) -> Iterator[tuple[int, dict | BadRecord]]:
    """Rows as dicts keyed by the header, each with the line it starts on (quoted newlines and
    blank lines counted); empty cells are left out, as if the field were absent."""
    reader = csv.reader(handle)
    header: list[str] | None = None
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, BadRecord(f"not valid CSV ({exc})")
            continue
        if not row:
            continue
        if any(_UNDECODABLE.search(cell) for cell in row):
            yield start, BadRecord("not valid UTF-8")
        elif header is None:
            header = row
        elif len(row) > len(header):
            yield start, BadRecord("more fields than the header has columns")
        else:
            yield start, {key: value for key, value in zip(header, row) if value}


def triage(decider: Decider, records: Iterable[tuple[int, Any]]) -> Iterator[Triaged | Skipped]:
    """Decide each record in order; the spread rule applies to those with an `at`."""
    window = SpreadWindow.for_decider(decider)
    decide_at = decider.decide_at
    channels = decider.channels
    with _few_collections():
        for line, record in records:
            if type(record) is not dict:
                yield Skipped(line, str(record) if isinstance(record, BadRecord) else "not a JSON object")
                continue
            try:
                text, channel, author_kind, followers, minute = _fields(record, channels)
            except BadRecord as exc:
                yield Skipped(line, str(exc))
                continue
            yield Triaged(line, record.get("id"), decide_at(text, channel, author_kind, followers, window, minute))


@contextlib.contextmanager
def _few_collections() -> Iterator[None]:
    """Run the cyclic garbage collector rarely while triaging, then as before.

    Records make no reference cycles, but the decider's memo grows with the
    stream and every full collection walks all of it: a tenth of the run at the
    default thresholds. Memory is still freed at once by reference counting.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], _FEW_COLLECTIONS), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _fields(record: dict, channels: dict) -> tuple[str, str | None, str | None, int | None, float | None]:
    """A record's text, channel, author kind, followers and minute, each checked."""
    text = record.get("text")
    if type(text) is not str or text.isspace() or not text:
        raise BadRecord("no `text`" if text is None else "`text` must be a non-empty string")
    channel = record.get("channel")
    if channel is not None and (type(channel) is not str or channel not in channels):
        known = ", ".join(channels) or "none"
        raise BadRecord(f"unknown channel {channel!r} (the playbook's channels: {known})")
    author_kind = record.get("author_kind")
    if author_kind is not None and (type(author_kind) is not str or author_kind not in AUTHOR_KINDS):
        raise BadRecord(f"unknown author_kind {author_kind!r} (one of {', '.join(sorted(AUTHOR_KINDS))})")
    followers = record.get("followers")
    at = record.get("at")
    return (
        text,
        channel,
        author_kind,
        None if followers is None else _followers(followers),
        None if at is None else _minute(at),
    )


def _followers(value: Any) -> int:
    if isinstance(value, str) and value.strip().isdecimal():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise BadRecord(f"`followers` must be a whole number of 0 or more, not {value!r}")


def _minute(value: Any) -> float:
    """Minutes since the epoch of an ISO 8601 timestamp; a time without zone is UTC."""
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise BadRecord(f"`at` must be an ISO 8601 timestamp like 2024-05-01T09:30:00Z, not {value!r}") from None
    return epoch_minutes(moment)


def epoch_minutes(moment: datetime) -> float:
    """Minutes since 1970-01-01 UTC; a time without zone is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return (moment - _EPOCH).total_seconds() / 60
