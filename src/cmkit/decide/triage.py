"""Batch triage: decide every record of an inbox, streaming, one output item per input record.

Records come from `cmkit.inbox` readers as (line, row) pairs; `Fields` reads
a row's fields (through the mapping) and checks them. A record that cannot be
decided (not JSON, no `text`, an unknown channel...) becomes a `Failed` in
its place, with its line and one sentence, and the stream goes on: nothing
is lost (cli.md, revision 1.1).

Records with a time go through the spread rule (playbook.md, last
paragraph), which looks back in time, not in the file. `triage` applies it
while streaming and stops with `OutOfOrder` at the first record earlier than
one before it; `triage_exact` then decides the same records in two passes.
Its first pass keeps, per timed record that matches a topic, a compact key
(minute, sequence number, channel, topics) and sorts the keys on disk in
runs (`_external_sorted`); the spread is counted over them in time order,
and the verdicts, sorted back into file order the same way, are handed to the
second pass. Memory stays flat whatever the order and the length of the
input; only the temporary disk grows (a few dozen bytes per timed record).
"""

from __future__ import annotations

import contextlib
import gc
import heapq
import math
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

from cmkit.decide.engine import Decider, Decision, SpreadWindow
from cmkit.inbox.mapping import Extract, mapping as make_mapping, record_reader
from cmkit.inbox.values import BadRecord, Channels, Moment, author_kind_of, epoch_minutes, moment, shown, whole_number

__all__ = [
    "BadRecord", "Failed", "Fields", "OutOfOrder", "Skipped", "Triaged", "epoch_minutes", "has_spread", "input_format",
    "read_records", "triage", "triage_exact",
]

#: Allocations between two runs of the garbage collector's youngest generation while triaging.
_FEW_COLLECTIONS = 100_000
#: Keys sorted in memory at once before a run goes to disk (about 20 MB of them).
SORT_RUN = 100_000
_BATCH = 1000


class Triaged(NamedTuple):
    """A record and its decision (a tuple: one is made per message).

    `cells`: the record as read (a CSV or XLSX row, or a JSON record's raw
    fields), for outputs that give the input back; `at`: the time as written
    out (ISO 8601); `channel`: the channel's id.
    """

    line: int
    cells: Any
    record_id: Any
    at: str | None
    channel: str | None
    decision: Decision


class Failed(NamedTuple):
    """A record that could not be decided, in its place, and why (one sentence)."""

    line: int
    cells: Any
    record_id: Any
    reason: str


#: The name other commands (eval, suggest) know a failed record by.
Skipped = Failed


class OutOfOrder(Exception):
    """A timed record earlier than one before it: one pass cannot apply the spread rule."""


class Fields:
    """Reads and checks a record's fields: text, id, channel, author kind, followers, at.

    `extract` turns a row into its fields' raw values (see cmkit.inbox.mapping): a
    `tabular` row (CSV, XLSX) is a list of cells, any other a JSON object;
    `default_channel` is the channel of an export that names none (Facebook's),
    used when the playbook has it.
    """

    def __init__(self, decider: Decider, extract: Extract | None = None, *, tabular: bool = False, dayfirst: bool = False,
                 default_channel: str | None = None, _: Any = None) -> None:
        from cmkit.i18n import catalogue

        self._ = _ or catalogue("en")
        self.extract = extract or record_reader(make_mapping(None, (), self._))
        self.channels = Channels(decider.data.get("channels") or [], self._)
        self.dayfirst = dayfirst
        self.row_type = list if tabular else dict
        self.default_channel = None
        if default_channel is not None:
            with contextlib.suppress(BadRecord):
                self.default_channel = self.channels.find(default_channel)
        self._kinds: dict[str, str] = {}

    def read(self, row: Any) -> tuple[Any, str, str | None, str | None, int | None, Moment | None, str | None, int | None]:
        """(id, text, channel, author kind, followers, moment, author, engagement) of a row;
        BadRecord if one is wrong."""
        _ = self._
        if type(row) is not self.row_type:
            raise BadRecord(_("not a JSON object"))
        record = self.extract(row)
        record_id = record.get("id")
        if record_id is not None and type(record_id) not in (str, int) and not _is_id(record_id):
            raise BadRecord(_("`id` must be a string or a number, not {value}").format(value=shown(record_id)))
        text = record.get("text")
        if type(text) is not str or not text or text.isspace():
            if text is None or text == "":
                raise BadRecord(_("no `text`"))
            if type(text) in (int, float):  # a spreadsheet's cell holding only a number
                text = str(text)
            else:
                raise BadRecord(_("`text` must be a non-empty string"))
        channel = record.get("channel")
        channel = self.default_channel if channel is None or channel == "" else self.channels.find(channel)
        kind = record.get("author_kind")
        if kind is not None and kind != "":
            known = self._kinds.get(kind) if type(kind) is str else None
            if known is None:
                known = author_kind_of(kind, _)
                if len(self._kinds) < 1000:
                    self._kinds[kind] = known
            kind = known
        else:
            kind = None
        followers = record.get("followers")
        followers = None if followers is None or followers == "" else whole_number(followers, "followers", _)
        engagement = record.get("engagement")
        engagement = None if engagement is None or engagement == "" else whole_number(engagement, "engagement", _)
        author = record.get("author")
        if author is not None and type(author) is not str:
            author = str(author) if type(author) is int else None  # a numeric handle; anything else says nothing
        at = record.get("at")
        when = None if at is None or at == "" else moment(at, self.dayfirst, _)
        return record_id, text, channel, kind, followers, when, author or None, engagement


def _is_id(value: Any) -> bool:
    """A finite number other than a boolean may stand as an id (JSON allows it)."""
    return type(value) is float and math.isfinite(value)


def input_format(path: Path) -> str:
    """The format of an input file from its extension (`jsonl`, `csv`, `xlsx`, `json`); UsageError
    for anything else. For other commands reading triage's inputs (eval, suggest)."""
    from cmkit.i18n import catalogue
    from cmkit.inbox.read import input_format as format_of

    return format_of(path, None, catalogue("en"))


def read_records(handle: IO[bytes], kind: str, name: str) -> Iterator[tuple[int, Any]]:
    """(line, record) for each record of an input, as `triage` reads it without a mapping: a CSV
    or XLSX row as a dict keyed by its header's names, lower-cased (empty cells left out), a
    JSON record as it is, a record that cannot be read as a BadRecord. For other commands that
    decide triage's inputs (eval, suggest): `triage(decider, read_records(...))`."""
    from cmkit.i18n import catalogue
    from cmkit.inbox.read import open_source

    source = open_source(handle, kind, name, catalogue("en"))
    if source.header is None:
        yield from source.rows
        return
    keys = [str(column).strip().lower() for column in source.header]
    for line, row in source.rows:
        if type(row) is list:
            row = {key: value for key, value in zip(keys, row) if value not in ("", None)}
        yield line, row


def has_spread(decider: Decider) -> bool:
    """Whether the playbook has a spread rule, the only one that looks at other records."""
    return SpreadWindow.for_decider(decider).channels is not None


def triage(decider: Decider, records: Iterable[tuple[int, Any]], fields: Fields | None = None) -> Iterator[Triaged | Failed]:
    """Decide each record in order, in constant memory; the spread rule applies to those with a time.

    Raises OutOfOrder at the first record whose time is earlier than one
    before it, when the playbook has a spread rule: the records decided so far
    may have missed it.
    """
    return _decided(decider, records, fields or Fields(decider), SpreadWindow.for_decider(decider), in_order=True)


def triage_exact(decider: Decider, read: Callable[[], Iterable[tuple[int, Any]]], fields: Fields | None = None) -> Iterator[Triaged | Failed]:
    """Decide each record whatever the order of their times: the same as `triage` on sorted input.

    `read` gives the records anew each time it is called. Memory stays flat
    (see the module's docstring).
    """
    fields = fields or Fields(decider)
    window = SpreadWindow.for_decider(decider)
    if window.channels is None:
        return _decided(decider, read(), fields, window, in_order=False)
    return _two_passes(decider, read, fields, window)


def _two_passes(decider: Decider, read: Callable[[], Iterable[tuple[int, Any]]], fields: Fields,
                window: SpreadWindow) -> Iterator[Triaged | Failed]:
    with contextlib.ExitStack() as stack:
        numbering = _Replay(window.channels, iter(()), numbering=True)
        timed = (item for item in _decided(decider, read(), fields, numbering, in_order=False) if type(item) is _Timed)
        in_time_order = _external_sorted(timed, stack)
        counting = SpreadWindow(spread={"channels": window.channels, "within": window.within})
        verdicts = ((sequence, spreading) for minute, sequence, channel, topics in in_time_order
                    if (spreading := counting.add(minute, channel, topics)))
        in_file_order = _external_sorted(verdicts, stack)
        yield from _decided(decider, read(), fields, _Replay(window.channels, in_file_order), in_order=False)


class _Timed(NamedTuple):
    """The key the first pass of `triage_exact` keeps of a timed record matching a topic."""

    minute: float
    sequence: int
    channel: str | None
    topics: tuple[str, ...]


class _Replay:
    """Stands in for a SpreadWindow: hands out spreads counted beforehand.

    The decider calls `add` for each record with a time that matches a topic,
    in file order: the order of the first pass, which numbered them.
    `verdicts` are (sequence number, spreading topics), the spreading ones only,
    in that order. When `numbering` (the first pass), `add` only numbers the
    calls and the caller yields a `_Timed` for each.
    """

    def __init__(self, channels: int | None, verdicts: Iterator[tuple[int, tuple[str, ...]]], *,
                 numbering: bool = False) -> None:
        self.channels = channels
        self.numbering = numbering
        self._verdicts = verdicts
        self._next = next(verdicts, None)
        self.calls = 0

    def add(self, minute: float, channel: str | None, topics: tuple[str, ...]) -> tuple[str, ...]:
        sequence = self.calls
        self.calls += 1
        if self._next is not None and self._next[0] == sequence:
            spreading = self._next[1]
            self._next = next(self._verdicts, None)
            return spreading
        return ()


def _external_sorted(items: Iterable[tuple], stack: contextlib.ExitStack) -> Iterator[tuple]:
    """`items` in sorted order, holding at most SORT_RUN of them in memory: sorted runs are
    pickled to temporary files (removed with `stack`) and merged."""
    runs: list[Any] = []
    buffer: list[tuple] = []

    def spill() -> None:
        buffer.sort()
        run = stack.enter_context(tempfile.TemporaryFile())
        for start in range(0, len(buffer), _BATCH):
            pickle.dump(buffer[start:start + _BATCH], run, protocol=pickle.HIGHEST_PROTOCOL)
        run.seek(0)
        runs.append(run)
        buffer.clear()

    for item in items:
        buffer.append(item)
        if len(buffer) >= SORT_RUN:
            spill()
    if not runs:
        buffer.sort()
        return iter(buffer)
    if buffer:
        spill()
    return heapq.merge(*(_read_run(run) for run in runs))


def _read_run(run: Any) -> Iterator[tuple]:
    while True:
        try:
            batch = pickle.load(run)
        except EOFError:
            return
        yield from batch


def _decided(decider: Decider, records: Iterable[tuple[int, Any]], fields: Fields, window: Any, *,
             in_order: bool) -> Iterator[Any]:
    """The loop of `triage` and of both passes of `triage_exact` (whose first pass, with a
    replay that has no rule, yields a _Timed where a timed record matches a topic)."""
    decide_at = decider.decide_at
    read = fields.read
    watch = in_order and window.channels is not None
    first_pass = type(window) is _Replay and window.numbering
    latest = float("-inf")
    with _few_collections():
        for line, row in records:
            if isinstance(row, BadRecord):
                if not first_pass:
                    yield Failed(line, None, None, str(row))
                continue
            try:
                record_id, text, channel, kind, followers, when, author, engagement = read(row)
            except BadRecord as exc:
                if not first_pass:
                    yield Failed(line, row, _id_of(row, fields), str(exc))
                continue
            minute = None if when is None else when.minute
            if watch and minute is not None:
                if minute < latest:
                    raise OutOfOrder(line)
                latest = minute
            if first_pass:  # only which topics matched counts here: no due time, no reply to fill
                calls = window.calls
                decision = decide_at(text, channel, kind, followers, window, minute)
                if window.calls != calls:
                    yield _Timed(minute, calls, channel, decision.topics)
            else:
                at = None if when is None else when.when
                decision = decide_at(text, channel, kind, followers, window, minute, author=author, engagement=engagement, at=at)
                yield Triaged(line, row, record_id, None if when is None else when.text, channel, decision)


def _id_of(row: Any, fields: Fields) -> Any:
    """A failed record's id, when it has a usable one (so the error can be matched back)."""
    try:
        found = fields.extract(row).get("id") if type(row) is fields.row_type else None
    except Exception:  # noqa: BLE001 - the record is already failed; its id is a courtesy
        return None
    return found if type(found) in (str, int) or _is_id(found) else None


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

