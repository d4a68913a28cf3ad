"""A labelled history, read and decided exactly as `cmkit triage` reads and decides an inbox.

`eval` and `suggest` read the same inputs as `triage` — JSONL, CSV as Excel
writes it (`;`, Windows-1252), XLSX, a tool's JSON export, `--map`,
`--from`, day-first dates — with triage's own readers and field checks, and
decide them with the same code, spread included when rows have `at`, so that
`eval`'s figures equal those computed from `triage`'s own output on the same
file. Each row comes back as a record: the decision's keys (or `error`),
`line`, `id`, the input's own columns, and `expect_action` / `expect_topic`
found in the row by name (case, accents and spacing ignored).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from cmkit.decide.engine import Decider
from cmkit.errors import UsageError

#: The label columns of a history, as named in its header or keys (folded).
LABELS = ("expect_action", "expect_topic")


class Reading(NamedTuple):
    """How to read the history: triage's own input options."""

    maps: Sequence[str] = ()
    tool: str | None = None
    input_format: str | None = None
    encoding: str | None = None
    dayfirst: bool = False
    monthfirst: bool = False


class History(NamedTuple):
    """The rows of a history as read (before deciding), and how to decide them again."""

    name: str
    kind: str
    header: list[str] | None
    rows: list[tuple[int, Any]]
    reading: Reading
    labelled: bool  # some row names an expect_action or expect_topic
    topic_column: bool  # the history labels topics: a row without one expects none


def read_history(path: Path, reading: Reading = Reading(), lang: str | None = None) -> History:
    """Every row of a history file (`-` for stdin, with `--input-format`), read as triage reads it."""
    from cmkit.i18n import catalogue, language, os_reason
    from cmkit.inbox.mapping import mapping
    from cmkit.inbox.read import input_format, open_source
    from cmkit.inbox.values import fold

    _ = catalogue(language(lang))
    name = "-" if str(path) == "-" else str(path)
    kind = input_format(path, reading.input_format, _)
    mapped = mapping(reading.tool, list(reading.maps), _)
    try:
        handle = sys.stdin.buffer if name == "-" else path.open("rb")
    except OSError as exc:
        raise UsageError(_("cannot read {path}: {why}").format(path=path, why=os_reason(exc, _))) from None
    try:
        source = open_source(handle, kind, name, _, encoding=reading.encoding, records_at=mapped.records_at)
        rows = list(source.rows)
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()
    if source.header is not None:
        folded = [fold(str(column)).replace(" ", "_") for column in source.header]
        labelled = any(label in folded for label in LABELS)
        topic_column = "expect_topic" in folded
    else:
        keys = {fold(str(k)).replace(" ", "_") for _, row in rows if isinstance(row, dict) for k in row}
        labelled = any(label in keys for label in LABELS)
        topic_column = "expect_topic" in keys
    return History(name, kind, source.header, rows, reading._replace(encoding=reading.encoding or source.assumed_encoding),
                   labelled, topic_column)


def decided_records(decider: Decider, history: History, rows: Sequence[tuple[int, Any]] | None = None,
                    lang: str | None = None) -> Iterator[dict[str, Any]]:
    """Triage's record for each row (all rows, or `rows`), in input order, nothing lost."""
    from cmkit.decide.triage import Failed, Fields, OutOfOrder, triage, triage_exact
    from cmkit.i18n import catalogue, language
    from cmkit.inbox.mapping import columns_of, mapping, record_reader, row_reader
    from cmkit.inbox.values import fold

    playbook_language = (decider.data.get("organization") or {}).get("language")
    _ = catalogue(language(lang, playbook_language))
    reading = history.reading
    mapped = mapping(reading.tool, list(reading.maps), _)
    given = {item.partition("=")[0].strip().lower() for item in reading.maps}
    if history.header is not None:
        extract = row_reader(columns_of(mapped, history.header, given, history.name, _))
        names = [str(column) for column in history.header]
    else:
        extract = record_reader(mapped)
        names = None
    dayfirst = reading.dayfirst or (not reading.monthfirst and playbook_language == "fr")
    chosen = history.rows if rows is None else rows

    def fields() -> Fields:
        return Fields(decider, extract, tabular=history.header is not None, dayfirst=dayfirst,
                      default_channel=mapped.channel, _=_)

    try:
        items = list(triage(decider, chosen, fields()))
    except OutOfOrder:
        items = list(triage_exact(decider, lambda: chosen, fields()))
    for item in items:
        cells = item.cells
        if names is not None and isinstance(cells, list):
            base = {column: value for column, value in zip(names, cells) if value not in ("", None)}
        elif isinstance(cells, dict):
            base = dict(cells)
        else:
            base = {}
        for key in list(base):
            folded = fold(str(key)).replace(" ", "_")
            if folded in LABELS:
                base[folded] = base.pop(key)
        if "text" not in base and isinstance(cells, (list, dict)):
            try:  # the message as --map or --from found it, for the reports that quote it
                text = extract(cells).get("text")
            except Exception:  # a row triage could not read: its error says why
                text = None
            if isinstance(text, str):
                base["text"] = text
        if type(item) is Failed:
            yield {**base, "line": item.line, "id": item.record_id, "error": item.reason}
        else:
            yield {**base, **item.decision.summary_json(), "line": item.line, "id": item.record_id}
