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
Its first pass keeps, per timed record that matches a watched topic, a compact key
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
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import IO, Any, NamedTuple

from cmkit.decide.engine import Decider, Decision, SpreadWindow
from cmkit.inbox.mapping import Extract, mapping as make_mapping, record_reader
from cmkit.inbox.values import BadRecord, Channels, Moment, author_kind_of, epoch_minutes, moment, shown, whole_number

__all__ = [
    "BadRecord", "Done", "Failed", "Fields", "OutOfOrder", "Skipped", "Triaged", "epoch_minutes", "has_spread", "input_format",
    "read_records", "triage", "triage_exact", "triage_parallel",
]

#: Allocations between two runs of the garbage collector's youngest generation while triaging.
_FEW_COLLECTIONS = 100_000
#: Keys sorted in memory at once before a run goes to disk (about 20 MB of them).
SORT_RUN = 100_000
#: Keys pickled to a sorted run at once.
_BATCH = 1000
#: Records read and matched in a row before they are decided (`_read_ahead`).
READ_AHEAD = 256


class Triaged(NamedTuple):
    """A record and its decision (a tuple: one is made per message).

    `cells`: the record as read (a CSV or XLSX row, or a JSON record's raw
    fields), for outputs that give the input back; `at`: the time as written
    out (ISO 8601); `channel`: the channel's id; `shared`: the decision this
    one shares with every message decided alike (`Decider.shared`), which a
    writer encodes once.
    """

    line: int
    cells: Any
    record_id: Any
    at: str | None
    channel: str | None
    decision: Decision
    shared: Decision | None = None


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


def triage(decider: Decider, records: Iterable[tuple[int, Any]], fields: Fields | None = None, *,
           read_ahead: int = READ_AHEAD) -> Iterator[Triaged | Failed]:
    """Decide each record in order, in constant memory; the spread rule applies to those with a time.

    Raises OutOfOrder at the first record whose time is earlier than one
    before it, when the playbook has a spread rule: the records decided so far
    may have missed it. Records are read `read_ahead` at a time (see
    `_read_ahead`): a caller that feeds a live stream, whose every decision
    should come out as its record comes in, passes 1 (the CLI does for a pipe).
    """
    return _decided(decider, records, fields or Fields(decider), SpreadWindow.for_decider(decider), in_order=True,
                    read_ahead=read_ahead)


def triage_exact(decider: Decider, read: Callable[[], Iterable[tuple[int, Any]]], fields: Fields | None = None, *,
                 read_ahead: int = READ_AHEAD) -> Iterator[Triaged | Failed]:
    """Decide each record whatever the order of their times: the same as `triage` on sorted input.

    `read` gives the records anew each time it is called. Memory stays flat
    (see the module's docstring). `read_ahead` as in `triage`.
    """
    fields = fields or Fields(decider)
    window = SpreadWindow.for_decider(decider)
    if window.channels is None:
        return _decided(decider, read(), fields, window, in_order=False, read_ahead=read_ahead)
    return _two_passes(decider, read, fields, window, read_ahead)


def _two_passes(decider: Decider, read: Callable[[], Iterable[tuple[int, Any]]], fields: Fields,
                window: SpreadWindow, read_ahead: int) -> Iterator[Triaged | Failed]:
    with contextlib.ExitStack() as stack:
        numbering = _Replay(window.channels, iter(()), numbering=True)
        timed = (item for item in _decided(decider, read(), fields, numbering, in_order=False, read_ahead=read_ahead)
                 if type(item) is _Timed)
        in_time_order = _external_sorted(timed, stack)
        counting = SpreadWindow(spread={"channels": window.channels, "within": window.within})
        verdicts = ((sequence, spreading) for minute, sequence, channel, topics in in_time_order
                    if (spreading := counting.add(minute, channel, topics)))
        in_file_order = _external_sorted(verdicts, stack)
        yield from _decided(decider, read(), fields, _Replay(window.channels, in_file_order), in_order=False,
                            read_ahead=read_ahead)


class _Timed(NamedTuple):
    """The key the first pass of `triage_exact` keeps of a timed record matching a watched topic."""

    minute: float
    sequence: int
    channel: str | None
    topics: tuple[str, ...]


class _Replay:
    """Stands in for a SpreadWindow: hands out spreads counted beforehand.

    The decider calls `add` for each record with a time that matches a watched topic,
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
             in_order: bool, order: _Order | None = None, read_ahead: int = READ_AHEAD) -> Iterator[Any]:
    """The loop of `triage`, of both passes of `triage_exact` (whose first pass, with a
    replay that has no rule, yields a _Timed where a timed record matches a watched topic)
    and of a worker of `triage_parallel` (which is told, in `order`, the first time and
    the latest)."""
    decide_at = decider.decide_at
    watch = in_order and window.channels is not None
    first_pass = type(window) is _Replay and window.numbering
    order = order or _Order()
    latest = order.latest
    with _few_collections():
        for line, row, values, found in _read_ahead(records, fields.read, decider.matcher.find, read_ahead):
            if isinstance(values, BadRecord):  # the reader's (no row to show) or the fields'
                if not first_pass:
                    yield (Failed(line, None, None, str(row)) if values is row
                           else Failed(line, row, _id_of(row, fields), str(values)))
                continue
            record_id, text, channel, kind, followers, when, author, engagement = values
            minute = None if when is None else when.minute
            if watch and minute is not None:
                if minute < latest:
                    raise OutOfOrder(line)
                if order.first is None:
                    order.first = (minute, line)
                latest = order.latest = minute
            if first_pass:  # only which topics matched counts here: no due time, no reply to fill
                calls = window.calls
                decision = decide_at(text, channel, kind, followers, window, minute, found=found)
                if window.calls != calls:
                    yield _Timed(minute, calls, channel, decider.watched_in(decision.topics))
            else:
                at = None if when is None else when.when
                decision = decide_at(text, channel, kind, followers, window, minute, author=author, engagement=engagement, at=at,
                                     found=found)
                yield Triaged(line, row, record_id, None if when is None else when.text, channel, decision, decider.shared)


def _read_ahead(records: Iterable[tuple[int, Any]], read: Callable[[Any], tuple], find: Callable[[str], frozenset[int]],
                count: int) -> Iterator[tuple[int, Any, Any, frozenset[int] | None]]:
    """(line, row, its fields or the BadRecord that says why not, the triggers of its text), reading
    `count` records, then matching their texts, before handing them on.

    Matching many texts in a row keeps the matcher's tables (the automaton, the
    words `matching.stems` has filed) in the processor's cache, where deciding
    and writing a record in between push them out: on text that never repeats,
    matching costs a sixth less with the automaton and 40 % less with stems.
    A source that fails (a read error) has the records it gave before decided
    first, as one record at a time would.
    """
    if count < 1:
        raise ValueError(f"read_ahead must be 1 or more, not {count}")
    records = iter(records)
    while True:
        group: list[tuple[int, Any]] = []
        failure = None
        try:
            group.extend(islice(records, count))  # what came before a failure stays in `group`
        except Exception as exc:  # noqa: BLE001 - raised again once the records before it are handed on
            failure = exc
        values = [row if isinstance(row, BadRecord) else _read_or_why(read, row) for _, row in group]
        found = [None if isinstance(got, BadRecord) else find(got[1]) for got in values]
        for (line, row), got, triggers in zip(group, values, found):
            yield line, row, got, triggers
        if failure is not None:
            raise failure
        if len(group) < count:
            return


def _read_or_why(read: Callable[[Any], tuple], row: Any) -> Any:
    """A row's fields, or the BadRecord that says why they cannot be read."""
    try:
        return read(row)
    except BadRecord as exc:
        return exc


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
    if thresholds[0] >= _FEW_COLLECTIONS:  # already so (a worker of `triage_parallel`, a nested triage)
        yield
        return
    gc.set_threshold(_FEW_COLLECTIONS, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)



#: Chunks in flight per worker: one being decided, one waiting, so that a worker never waits.
_IN_FLIGHT = 2
#: What a forked worker decides with (set by the parent just before the pool forks).
_WORKER: dict[str, Any] = {}


class Done(NamedTuple):
    """A chunk decided: its records' output texts, in input order, as one text, and what the
    summary counts.

    `watched`: for each timed record with a topic the spread rule watches, (where
    its text starts and ends in `text`, line, minute, channel, those topics),
    then, unless the worker could apply the rule itself (start and end None),
    (action, deciding topic) decided without the spread rule and (text, action,
    deciding topic) decided as if all those topics spread (the parent's most
    common case); `first`: the (minute, line) of the first timed record;
    `latest`: the minute of the last; `out_of_order`: the line of a record
    earlier than one before it in the chunk, if any; `end`: where the chunk ends
    in the input (for a progress bar).
    """

    text: str
    counts: Counter
    failures: list[tuple[int, str]]
    watched: list[tuple]
    first: tuple[float, int] | None
    latest: float
    out_of_order: int | None
    end: int


class _Watching:
    """The window a worker decides a chunk with: the chunk's own spread window, which is exact
    for a record whose `within` minutes all fall inside the chunk (a record of an earlier chunk
    is no later than the chunk's first time: the input is in time order). For the others, the
    first `within` minutes of the chunk, it finds no spread and keeps what the decider asked:
    the parent, who counts the rule over every chunk, decides those (see `triage_parallel`).
    The last call is kept, for the parent's window: `asked`, as (minute, channel, topics,
    whether the spread found is exact)."""

    def __init__(self, spread: Mapping[str, int] | None, order: _Order) -> None:
        self.window = SpreadWindow(spread=spread)
        self.channels, self.within = self.window.channels, self.window.within
        self.order = order
        self.asked: tuple | None = None

    def add(self, minute: float, channel: str | None, topics: tuple[str, ...]) -> tuple[str, ...]:
        found = self.window.add(minute, channel, topics)
        if minute - self.within > self.order.first[0]:  # every minute of its window is in this chunk
            self.asked = (minute, channel, topics, True)
            return found
        self.asked = (minute, channel, topics, False)
        return ()


class _Found:
    """The window of a record decided again: the spread the parent counted."""

    def __init__(self, channels: int | None, found: tuple[str, ...]) -> None:
        self.channels, self._found = channels, found

    def add(self, minute: float, channel: str | None, topics: tuple[str, ...]) -> tuple[str, ...]:
        return self._found


class _Order:
    """The times a chunk's records were written at: the first, and the latest so far."""

    def __init__(self) -> None:
        self.first: tuple[float, int] | None = None
        self.latest = float("-inf")


def _decide_chunk(chunk: Any) -> Done:
    """In a worker: every record of a chunk decided and encoded, the spread rule applied where
    the chunk holds the record's whole window (see `_Watching`), and readied both ways where not."""
    decider, fields, rows_of, encode = _WORKER["decider"], _WORKER["fields"], _WORKER["rows_of"], _WORKER["encode"]
    order = _Order()
    window = _Watching(_WORKER["spread"], order)
    texts: list[str] = []
    written = 0  # the length of the texts so far
    counts: Counter = Counter()
    failures: list[tuple[int, str]] = []
    watched: list[tuple] = []
    out_of_order = None
    try:
        for item in _decided(decider, rows_of(chunk), fields, window, in_order=True, order=order):
            text = encode(item)
            texts.append(text)
            written += len(text)
            if type(item) is Failed:
                failures.append((item.line, item.reason))
                continue
            decision = item.decision
            counts[decision.action, decision.topic] += 1
            if window.asked is not None:
                minute, channel, topics, exact = window.asked
                window.asked = None
                if exact:  # decided here, spread rule included: the parent only counts it
                    watched.append((None, None, item.line, minute, channel, topics))
                    continue
                # and the decision should all its watched topics spread, ready for the parent
                spread = item._replace(decision=decider.again_with_spread(topics), shared=decider.shared)
                watched.append((written - len(text), written, item.line, minute, channel, topics, decision.action,
                                decision.topic, encode(spread), spread.decision.action, spread.decision.topic))
    except OutOfOrder as exc:
        out_of_order = exc.args[0]
    return Done("".join(texts), counts, failures, watched, order.first, order.latest, out_of_order, chunk.end)


def triage_parallel(decider: Decider, chunks: Iterable[Any], fields: Fields, jobs: int,
                    rows_of: Callable[[Any], Iterable[tuple[int, Any]]],
                    encode: Callable[[], Callable[[Triaged | Failed], str]]) -> Iterator[Done]:
    """`triage` over `jobs` worker processes: each chunk of the input decided, in input order.

    `chunks` are whole lines of the input with the number of the first
    (`cmkit.inbox.read.Chunk`, from `jsonl_chunks`), `rows_of(chunk)` their
    (line, row) pairs, `encode()` makes a function giving an item's output text.
    Workers decide and encode whole chunks. The spread rule is the one rule that
    looks at other records: a worker applies it where its chunk holds a record's
    whole window, and otherwise decides the record both ways; the parent, in
    input order, counts every timed record with a watched topic in the one
    SpreadWindow (the same calls, in the same order, as `triage` makes) and takes
    the right text, or decides the record again itself when only some of its
    watched topics spread. So the texts are those `triage` and the same encoder
    give. Raises OutOfOrder like `triage`, after a last Done with the bad records
    before that line. Workers are forked (they inherit the decider); without
    `fork` (Windows, macOS' default), or with `jobs` 1, the chunks are decided
    here, the same way. At most `jobs` × 2 chunks are in flight, so memory stays
    flat.
    """
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    window = SpreadWindow.for_decider(decider)
    _WORKER.update(decider=decider, fields=fields, rows_of=rows_of, encode=encode(),
                   spread=(decider.data.get("crisis") or {}).get("spread"))
    spread = _Spread(decider, fields, rows_of, encode(), window)
    try:
        if jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
            with _few_collections():  # once for every chunk, not once per chunk
                for chunk in chunks:
                    yield from _until_late(spread.counted(chunk, _decide_chunk(chunk)))
            return
        # An executor, not a Pool: a worker that dies (killed, out of memory) breaks it and the
        # next result raises BrokenProcessPool, where a Pool would replace the worker and wait
        # for its chunk for ever; and stopping it never kills a worker holding the queue's lock.
        with _signals_deferred():
            pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=_worker_start)
        try:
            pending: deque = deque()
            for chunk in chunks:
                with _signals_deferred():
                    pending.append((chunk, pool.submit(_decide_chunk, chunk)))
                if len(pending) >= jobs * _IN_FLIGHT:
                    chunk, result = pending.popleft()
                    yield from _until_late(spread.counted(chunk, result.result()))
            while pending:
                chunk, result = pending.popleft()
                yield from _until_late(spread.counted(chunk, result.result()))
        finally:  # on any way out (out of time order, Ctrl-C, a closed pipe): the chunks not begun dropped
            _stop(pool)
    finally:
        _WORKER.clear()


def _stop(pool: Any) -> None:
    """Shut the executor down, its workers waited for (a signal held until it is done). Should
    the executor be half started all the same (a thread that cannot be joined: RuntimeError
    from `shutdown`, which would hide the signal), its workers are ended here, none left behind."""
    with _signals_deferred():
        try:
            pool.shutdown(wait=True, cancel_futures=True)
        except RuntimeError:
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.kill()
                process.join()


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back while the executor's own code runs in the parent (starting
    it, handing it a chunk, stopping it), then acted on as they would have been.

    Their handlers raise KeyboardInterrupt wherever the parent stands: inside the executor
    that left it half started — a run that hung, or ended with a traceback about a thread,
    now and then when stopped as it began. Held, the signal lands in cmkit's own code.
    Only the main thread can change handlers; elsewhere nothing is held.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    before = {number: signal.signal(number, lambda signum, frame: noted.append(signum)) for number in held}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
        if noted:
            handler = before[noted[0]]
            if callable(handler):
                handler(noted[0], None)  # cmkit's: KeyboardInterrupt, the signal's number noted
            elif handler == signal.SIG_DFL:
                signal.raise_signal(noted[0])


def _until_late(done: Done) -> Iterator[Done]:
    """The chunk; then, if it is out of time order, OutOfOrder (its bad records before that
    line are reported first, as one process reports them)."""
    yield done
    if done.out_of_order is not None:
        raise OutOfOrder(done.out_of_order)


def _worker_start() -> None:
    """A worker ends at once on SIGTERM (the parent's, when it stops early) and leaves Ctrl-C to
    the parent, which reports it: cmkit's own handlers, inherited by the fork, are not for it.
    It collects garbage rarely for its whole life (see `_few_collections`; restoring the
    thresholds after each chunk made a full collection of its memos each time), and never
    walks what it was forked with (the compiled playbook)."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()
    gc.set_threshold(_FEW_COLLECTIONS, *gc.get_threshold()[1:])


class _Spread:
    """The parent's side of `triage_parallel`: the spread rule counted over the chunks in input
    order, as `triage` counts it, and the records on which a watched topic spreads decided again."""

    def __init__(self, decider: Decider, fields: Fields, rows_of: Callable[[Any], Iterable[tuple[int, Any]]],
                 encode: Callable[[Triaged | Failed], str], window: SpreadWindow) -> None:
        self.decider, self.fields, self.rows_of, self.encode, self.window = decider, fields, rows_of, encode, window
        self.latest = float("-inf")

    def counted(self, chunk: Any, done: Done) -> Done:
        """The chunk's text with the spread rule applied. A chunk out of time order (in itself
        or after the chunks before it) comes back with no text, `out_of_order` set and only the
        bad records before that line, which one process reports before it stops there too:
        `triage_parallel` yields it, then raises OutOfOrder."""
        if self.window.channels is None:
            return done
        late = done.first[1] if done.first is not None and done.first[0] < self.latest else done.out_of_order
        if late is not None:
            return done._replace(text="", watched=[], failures=[f for f in done.failures if f[0] < late],
                                 out_of_order=late)
        if done.first is not None:
            self.latest = done.latest
        lines = None
        add = self.window.add
        pieces: list[str] = []  # the chunk's text with the records on which a topic spreads replaced
        kept = 0
        for start, end, line, minute, channel, topics, *decided in done.watched:
            found = add(minute, channel, topics)
            if not found or start is None:  # no spread, or the worker's own window was exact
                continue
            action, topic, text, spread_action, spread_topic = decided
            if found != topics:  # some of its watched topics spread, not all: decided again, here
                if lines is None:
                    lines = chunk.data.split(b"\n")
                (_, row), = self.rows_of(chunk._replace(first=line, data=lines[line - chunk.first]))
                item = _again(self.decider, self.fields, line, row, _Found(self.window.channels, found))
                text, spread_action, spread_topic = self.encode(item), item.decision.action, item.decision.topic
            pieces += (done.text[kept:start], text)
            kept = end
            done.counts[action, topic] -= 1
            done.counts[spread_action, spread_topic] += 1
        if not pieces:
            return done
        pieces.append(done.text[kept:])
        return done._replace(text="".join(pieces))


def _again(decider: Decider, fields: Fields, line: int, row: Any, window: Any) -> Triaged:
    """A timed record decided again with the spread `window` says (a `_Found`)."""
    record_id, text, channel, kind, followers, when, author, engagement = fields.read(row)
    decision = decider.decide_at(text, channel, kind, followers, window, when.minute, author=author,
                                 engagement=engagement, at=when.when)
    return Triaged(line, row, record_id, when.text, channel, decision, decider.shared)
