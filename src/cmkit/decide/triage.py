"""Batch triage: decide every record of a `.jsonl` or `.csv` file, streaming.

Records are read one at a time and decided as they come, so memory stays flat
whatever the file's length. A record that cannot be decided (not JSON, no
`text`, an unknown channel...) becomes a `Skipped` with its line number and
the stream goes on. Records with an ISO `at` timestamp go through the spread
rule, in file order (spec: playbook.md, last paragraph).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from cmkit.decide.engine import Decider, Decision, Message, SpreadWindow, decide_at
from cmkit.errors import UsageError

#: The author kinds of the playbook format (the model's AUTHOR_KINDS, without importing pydantic).
AUTHOR_KINDS = frozenset({"customer", "prospect", "influencer", "journalist", "employee", "unknown"})
INPUT_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Triaged:
    """A record and its decision."""

    line: int
    record_id: Any
    decision: Decision


@dataclass(frozen=True)
class Skipped:
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


def read_records(handle: IO[str], kind: str) -> Iterator[tuple[int, dict | BadRecord]]:
    """(line number, record) for each record, or (line, BadRecord) for one that does not parse."""
    if kind == "csv":
        yield from _csv_records(handle)
        return
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield number, BadRecord(f"not valid JSON ({exc.args[0].split(':')[0]})")
            continue
        yield number, record if isinstance(record, dict) else BadRecord("not a JSON object")


def _csv_records(handle: IO[str]) -> Iterator[tuple[int, dict | BadRecord]]:
    reader = csv.DictReader(handle)
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield reader.line_num, BadRecord(f"not valid CSV ({exc})")
            continue
        start, line = line + 1, reader.line_num
        if None in row:
            yield start, BadRecord("more fields than the header has columns")
            continue
        yield start, {key: value for key, value in row.items() if value not in ("", None)}


def triage(decider: Decider, records: Iterable[tuple[int, dict | BadRecord]]) -> Iterator[Triaged | Skipped]:
    """Decide each record in order; the spread rule applies to those with an `at`."""
    window = SpreadWindow.for_decider(decider)
    for line, record in records:
        if isinstance(record, BadRecord):
            yield Skipped(line, str(record))
            continue
        try:
            message, minute = _message(record, decider)
        except BadRecord as exc:
            yield Skipped(line, str(exc))
            continue
        yield Triaged(line, record.get("id"), decide_at(decider, window, message, minute))


def _message(record: dict, decider: Decider) -> tuple[Message, float | None]:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadRecord("no `text`" if text is None else "`text` must be a non-empty string")
    channel = record.get("channel")
    if channel is not None and channel not in decider.channels:
        known = ", ".join(decider.channels) or "none"
        raise BadRecord(f"unknown channel {channel!r} (the playbook's channels: {known})")
    author_kind = record.get("author_kind")
    if author_kind is not None and author_kind not in AUTHOR_KINDS:
        raise BadRecord(f"unknown author_kind {author_kind!r} (one of {', '.join(sorted(AUTHOR_KINDS))})")
    return Message(text, channel, author_kind, _followers(record.get("followers"))), _minute(record.get("at"))


def _followers(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise BadRecord(f"`followers` must be a whole number of 0 or more, not {value!r}")


def _minute(value: Any) -> float | None:
    """Minutes since the epoch of an ISO 8601 timestamp; a time without zone is UTC."""
    if value is None:
        return None
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
