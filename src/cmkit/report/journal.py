"""Read a journal record by record, whatever `triage` wrote it as: JSON Lines or CSV.

Streaming, so a year of messages never sits in memory: each record is a
plain dict of the fields the report reads, and its line in the journal (the
journal's own line, the header being line 1 in CSV). A line that is not a
record (broken JSON, say, from an append that was cut short) is yielded as
an error record rather than stopping the report: it is counted in `errors`,
and the command names it on stderr.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from cmkit.errors import CmkitError
from cmkit.i18n import current, os_reason

#: The key of the record yielded for a line that is no record; its value says why.
UNREADABLE = "\0unreadable"

#: The fields the report reads; everything else in a record is left alone.
FIELDS = (
    "at", "answered_at", "due_at", "respond_within_minutes", "action", "topic", "channel", "escalate_to",
    "crisis", "error",
)


def read_journal(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(journal line, record) for every record of the journal, in order."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        _ = current()
        raise CmkitError(_("cannot read the journal: {why}").format(why=os_reason(exc, _)), file=str(path)) from None
    with handle:
        if path.suffix.lower() == ".csv":
            yield from _csv_records(handle, path)
        else:
            yield from _jsonl_records(handle)


def _jsonl_records(handle: io.BufferedReader) -> Iterator[tuple[int, dict[str, Any]]]:
    loads = orjson.loads
    for number, raw in enumerate(handle, 1):
        if not raw.strip():
            continue
        try:
            record = loads(raw)
        except orjson.JSONDecodeError:
            yield number, {UNREADABLE: "this line is not a JSON record"}
            continue
        if not isinstance(record, dict):
            yield number, {UNREADABLE: "this line is not a JSON object"}
            continue
        yield number, record


def _csv_records(handle: io.BufferedReader, path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    head = handle.read(65536)
    handle.seek(0)
    try:
        head.decode("utf-8")
        encoding = "utf-8-sig"
    except UnicodeDecodeError as exc:
        # a cut in the middle of a character at the end of the sample is still UTF-8
        encoding = "utf-8-sig" if exc.start >= len(head) - 3 else "cp1252"
    first_line = head.split(b"\n", 1)[0].decode(encoding, "replace")
    delimiter = max((",", ";", "\t"), key=first_line.count)
    text = io.TextIOWrapper(handle, encoding=encoding, newline="")
    reader = csv.reader(text, delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        return
    columns = [(header.index(name), name) for name in FIELDS if name in header]
    if not any(name == "at" for _, name in columns):
        _ = current()
        raise CmkitError(_("the journal has no `at` column: report needs the time of each message"), file=str(path), line=1)
    width = len(header)
    line = reader.line_num + 1
    for row in reader:
        if not any(row):  # a blank line is no record
            line = reader.line_num + 1
            continue
        if len(row) < width:
            row = row + [""] * (width - len(row))
        yield line, {name: row[index] for index, name in columns}
        line = reader.line_num + 1
