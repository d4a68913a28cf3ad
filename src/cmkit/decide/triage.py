"""Batch triage: decide every record of a `.jsonl` or `.csv` file, streaming.

Records are read one at a time and decided as they come, so memory stays flat
whatever the file's length. A record that cannot be decided (not JSON, not
UTF-8, no `text`, an unknown channel...) becomes a `Skipped` with its line
number and the stream goes on. Records with an ISO `at` timestamp go through
the spread rule (spec: playbook.md, last paragraph), which looks back in time,
not in the file: `triage` applies it while streaming and stops with
`OutOfOrder` at the first record earlier than one before it; `triage_exact`
then decides the same records in two passes, keeping a few numbers per
timestamped record.

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
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
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
#: The separators a CSV header may use (a French spreadsheet writes `;`).
_CSV_DELIMITERS = (",", ";", "\t")
#: The fields of a record, as a CSV header names them.
FIELDS = ("text", "id", "channel", "author_kind", "followers", "at")


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


class OutOfOrder(Exception):
    """A timestamped record earlier than one before it: one pass cannot apply the spread rule."""


def input_format(path: Path) -> str:
    """'jsonl' or 'csv', from the file's extension."""
    found = INPUT_FORMATS.get(path.suffix.lower())
    if found is None:
        raise UsageError(f"{path}: cannot tell the format; name the file .jsonl or .csv")
    return found


def read_records(handle: IO[bytes], kind: str, name: str) -> Iterator[tuple[int, Any]]:
    """(line number, record) for each record, or (line, BadRecord) for one that does not parse.

    `handle` is opened in binary mode and left open; `name` is the file's, for
    a CSV header without a `text` column (UsageError). A JSON record that is
    not an object is passed on as it is; `triage` says so.
    """
    if kind == "csv":
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline="")
        try:
            yield from _csv_records(text, name)
        finally:
            text.detach()  # so that the caller may read the file again
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


def _csv_records(handle: IO[str], name: str) -> Iterator[tuple[int, dict | BadRecord]]:
    """Rows as dicts keyed by the header, each with the line it starts on (quoted newlines and
    blank lines counted); empty cells are left out, as if the field were absent.

    The separator is the one of `,` `;` and tab the header line uses most, and
    header names are matched stripped and in any case. Quoting is strict CSV,
    so that a quote that never closes is one bad record, not the rest of the file.
    """
    before_header = []
    for line in handle:
        before_header.append(line)
        if line.strip():
            break
    counts = [before_header[-1].count(d) if before_header else 0 for d in _CSV_DELIMITERS]
    delimiter = _CSV_DELIMITERS[counts.index(max(counts))]
    reader = csv.reader(itertools.chain(before_header, handle), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if str(exc) == "unexpected end of data":
                lines = f"lines {start}–{reader.line_num} skipped"
                yield start, BadRecord(f"not valid CSV: a quote opened here never closes ({lines})")
            else:
                yield start, BadRecord(f"not valid CSV ({exc})")
            continue
        if not row:
            continue
        if any(_UNDECODABLE.search(cell) for cell in row):
            yield start, BadRecord("not valid UTF-8")
        elif header is None:
            header = [cell.strip().lower() for cell in row]
            if "text" not in header:
                raise UsageError(
                    f"{name}:{start}: the CSV header has no `text` column (found: {', '.join(row)}; "
                    f"expected: {', '.join(FIELDS)}, of which only text is required)"
                )
        elif len(row) > len(header):
            yield start, BadRecord("more fields than the header has columns")
        else:
            yield start, {key: value for key, value in zip(header, row) if value}


def has_spread(decider: Decider) -> bool:
    """Whether the playbook has a spread rule, the only one that looks at other records."""
    return SpreadWindow.for_decider(decider).channels is not None


def triage(decider: Decider, records: Iterable[tuple[int, Any]]) -> Iterator[Triaged | Skipped]:
    """Decide each record in order, in constant memory; the spread rule applies to those with an `at`.

    Raises OutOfOrder at the first record whose `at` is earlier than one
    before it, when the playbook has a spread rule: the records decided so far
    may have missed it.
    """
    return _decided(decider, records, SpreadWindow.for_decider(decider), in_order=True)


def triage_exact(decider: Decider, read: Callable[[], Iterable[tuple[int, Any]]]) -> Iterator[Triaged | Skipped]:
    """Decide each record whatever the order of their `at`s: the same as `triage` on sorted input.

    `read` gives the records anew each time it is called. A first pass keeps,
    per timestamped record that matches a topic, its minute, channel and
    topics; the spread of each is then counted from all of them; the second
    pass decides, handing those counts to the decider in the order it asks.
    """
    window = SpreadWindow.for_decider(decider)
    if window.channels is None:
        return _decided(decider, read(), window, in_order=False)
    timed = [item for item in _decided(decider, read(), _Replay(None, []), in_order=False) if type(item) is _Timed]
    spreads = _spreads(timed, window.channels, window.within)
    return _decided(decider, read(), _Replay(window.channels, spreads), in_order=False)


class _Timed(NamedTuple):
    """What the first pass of `triage_exact` keeps of a timestamped record matching a topic."""

    minute: float
    channel: str | None
    topics: tuple[str, ...]


class _Replay:
    """Stands in for a SpreadWindow: hands out spreads counted beforehand, one per call of `add`.

    The decider calls `add` for each record with an `at` that matches a topic,
    in file order: the order of `triage_exact`'s first pass.
    """

    def __init__(self, channels: int | None, spreads: list[tuple[str, ...]]) -> None:
        self.channels = channels
        self._spreads = iter(spreads)

    def add(self, minute: float, channel: str | None, topics: tuple[str, ...]) -> tuple[str, ...]:
        return next(self._spreads)


def _spreads(timed: list[_Timed], channels: int, within: float) -> list[tuple[str, ...]]:
    """For each timed record, those of its topics whose records at most `within` before it,
    itself included, stand on `channels` channels or more. Records of the same instant
    count in file order, as when streaming: the same answer as `triage` on sorted input."""
    by_topic: dict[str, list[tuple[float, str | None, int]]] = {}
    for index, (minute, channel, topics) in enumerate(timed):
        for topic in topics:
            by_topic.setdefault(topic, []).append((minute, channel, index))
    spreading: set[tuple[int, str]] = set()
    for topic, records in by_topic.items():
        records.sort(key=lambda record: record[0])  # stable: file order within an instant
        counts: dict[str, int] = {}
        oldest = 0
        for minute, channel, index in records:
            _count(counts, channel, 1)
            while records[oldest][0] < minute - within:
                _count(counts, records[oldest][1], -1)
                oldest += 1
            if len(counts) >= channels:
                spreading.add((index, topic))
    return [tuple(t for t in topics if (index, t) in spreading) for index, (_, _, topics) in enumerate(timed)]


def _count(counts: dict[str, int], channel: str | None, step: int) -> None:
    """Add `step` to a channel's count, forgetting it at zero; no channel is not counted."""
    if channel is not None:
        left = counts.get(channel, 0) + step
        if left:
            counts[channel] = left
        else:
            del counts[channel]


def _decided(decider: Decider, records: Iterable[tuple[int, Any]], window: Any, *, in_order: bool) -> Iterator[Any]:
    """The loop of `triage` and of both passes of `triage_exact` (whose first pass, with a
    window that has no rule, yields a _Timed where a record with an `at` matches a topic)."""
    decide_at = decider.decide_at
    channels = decider.channels
    watch = in_order and window.channels is not None
    first_pass = type(window) is _Replay and window.channels is None
    latest = float("-inf")
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
            if watch and minute is not None:
                if minute < latest:
                    raise OutOfOrder(line)
                latest = minute
            decision = decide_at(text, channel, author_kind, followers, window, minute)
            if first_pass and minute is not None and decision.topics:
                yield _Timed(minute, channel, decision.topics)
            else:
                yield Triaged(line, record.get("id"), decision)


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
    """A record's text, channel, author kind, followers and minute, each checked. An optional
    field that is an empty string is absent, as an empty CSV cell is."""
    text = record.get("text")
    if type(text) is not str or text.isspace() or not text:
        raise BadRecord("no `text`" if text is None else "`text` must be a non-empty string")
    channel = record.get("channel")
    if channel is not None and channel != "" and (type(channel) is not str or channel not in channels):
        known = ", ".join(channels) or "none"
        raise BadRecord(f"unknown channel {_shown(channel)} (the playbook's channels: {known})")
    author_kind = record.get("author_kind")
    if author_kind is not None and author_kind != "" and (
        type(author_kind) is not str or author_kind not in AUTHOR_KINDS
    ):
        raise BadRecord(f"unknown author_kind {_shown(author_kind)} (one of {', '.join(sorted(AUTHOR_KINDS))})")
    followers = record.get("followers")
    at = record.get("at")
    return (
        text,
        channel or None,
        author_kind or None,
        None if followers is None or followers == "" else _followers(followers),
        None if at is None or at == "" else _minute(at),
    )


def _shown(value: Any) -> str:
    """A field's value in a message: a string quoted, anything else as JSON writes it (true, not True)."""
    return repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _followers(value: Any) -> int:
    if isinstance(value, str) and value.strip().isdecimal():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise BadRecord(f"`followers` must be a whole number of 0 or more, not {_shown(value)}")


def _minute(value: Any) -> float:
    """Minutes since the epoch of an ISO 8601 timestamp; a time without zone is UTC."""
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise BadRecord(f"`at` must be an ISO 8601 timestamp like 2024-05-01T09:30:00Z, not {_shown(value)}") from None
    return epoch_minutes(moment)


def epoch_minutes(moment: datetime) -> float:
    """Minutes since 1970-01-01 UTC; a time without zone is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return (moment - _EPOCH).total_seconds() / 60
