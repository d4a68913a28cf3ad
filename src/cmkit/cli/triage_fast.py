"""`cmkit triage` without typer: its options (declared once, here), the run, and a parser for
plain invocations.

Typer and pydantic take about 0.15 s to import, as long as deciding ten
thousand messages, so a plain invocation is read here and run before they are
(see cmkit.cli.entry); anything else (help, a mistyped option, a bad value)
goes to typer, which prints the usual message. `OPTIONS` is the one
declaration of the options: the parser below reads it, and cmkit.cli.triage
builds the typer command's parameters from it, so the two cannot drift apart.
Both paths end in `run`.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from cmkit.cli.plain import refuse_output_over_input, resolve_playbook
from cmkit.i18n import current, os_reason

#: what `--help` says, in the user's language (no playbook is read to show it)
_ = current()

#: Bad records listed one by one on stderr; beyond, only counted.
REPORTED_FAILURES = 50
OUTPUT_FORMATS = ("jsonl", "csv", "xlsx")
INPUT_FORMATS = ("jsonl", "csv", "xlsx", "json")
TOOLS = ("zendesk", "freshdesk", "hootsuite", "sprout", "facebook")
_PROGRESS_EVERY = 2048
#: Deciding in several processes is the default from this input size: below, starting the
#: workers costs more than they give (measured: benchmarks/bench_triage.py, docs/triage.md).
PARALLEL_BYTES = 1_000_000


class Option(NamedTuple):
    """One option of `triage`: how `run` names it, how the user spells it, what it takes."""

    name: str
    flags: tuple[str, ...]
    help: str
    metavar: str = ""
    choices: tuple[str, ...] = ()
    path: bool = False
    repeat: bool = False
    switch: bool = False


OPTIONS: tuple[Option, ...] = (
    Option("output", ("--output", "-o"), _("Write here (atomically) instead of stdout."), "FILE", path=True),
    Option("output_format", ("--format", "-f"),
           _("Output format. Default: from the extension of -o or --append, else jsonl."), "FORMAT", OUTPUT_FORMATS),
    Option("maps", ("--map",), _("Read FIELD from COLUMN (repeatable): --map text=Message --map channel=Réseau."),
           "FIELD=COLUMN", repeat=True),
    Option("tool", ("--from",), _("The export's tool: its columns are known."), "TOOL", TOOLS),
    Option("input_format", ("--input-format",), _("The input's format, for - (stdin) or an unusual extension."),
           "FORMAT", INPUT_FORMATS),
    Option("encoding", ("--encoding",), _("A CSV's encoding. Default: UTF-8 if it reads as such, else Windows-1252."),
           "NAME"),
    Option("dayfirst", ("--dayfirst",), _("Read 02/03/2026 as 2 March (the default when the playbook is in French)."),
           switch=True),
    Option("monthfirst", ("--monthfirst",), _("Read 02/03/2026 as 3 February (the default otherwise)."), switch=True),
    Option("append", ("--append",), _("Add the decisions to this journal (.jsonl or .csv), each id once."),
           "JOURNAL", path=True),
    Option("jobs", ("--jobs",), _("Decide a JSON Lines file in N processes (1: in this one). Default: as many as "
           "cores when the file has {size} MB or more, else 1.").format(size=PARALLEL_BYTES // 1_000_000), "N"),
)
#: The options every command shares (declared, with their help, in cmkit.cli.common): the
#: name `run` knows each by, by its spellings.
SHARED = {"playbook": ("--playbook", "-p"), "lang": ("--lang",)}


def parse(argv: list[str]) -> dict | None:
    """The keyword arguments of `run` for a plain `triage` invocation, else None (typer's turn)."""
    spelled = {flag: option for option in OPTIONS for flag in option.flags}
    found: dict = {"file": None}
    args = iter(argv)
    positional_only = False
    for arg in args:
        if positional_only or arg == "-" or not arg.startswith("-"):
            if found["file"] is not None:
                return None
            found["file"] = Path(arg)
            continue
        if arg == "--":
            positional_only = True
            continue
        flag, has_inline, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        shared = next((name for name, flags in SHARED.items() if flag in flags), None)
        if shared is not None:
            value = inline if has_inline else next(args, None)
            if shared in found or not value:
                return None
            found[shared] = Path(value) if shared == "playbook" else value
            continue
        option = spelled.get(flag)
        if option is None or (option.name in found and not option.repeat):
            return None
        if option.switch:
            if has_inline:
                return None
            found[option.name] = True
            continue
        value = inline if has_inline else next(args, None)
        if not value or (option.choices and value not in option.choices):
            return None
        if option.repeat:
            found.setdefault(option.name, []).append(value)
        else:
            found[option.name] = Path(value) if option.path else value
    if found["file"] is None:
        return None
    return found


class _Run(NamedTuple):
    """What one triage reads and writes, resolved from the options."""

    name: str
    kind: str
    fmt: str
    output: Path | None
    append: Path | None


def run(file: Path, output: Path | None = None, output_format: str | None = None, playbook: Path | None = None,
        maps: list[str] | None = None, tool: str | None = None, input_format: str | None = None,
        encoding: str | None = None, dayfirst: bool = False, monthfirst: bool = False, append: Path | None = None,
        jobs: str | None = None, lang: str | None = None) -> int:
    """Decide, write, report; return the exit code (1 when a record could not be decided).
    Raise CmkitError when it cannot run."""
    import contextlib
    import shutil
    import tempfile

    from cmkit.decide.cache import load_decider
    from cmkit.errors import UsageError
    from cmkit.i18n import catalogue, language
    from cmkit.inbox.read import input_format as format_of

    playbook_path = resolve_playbook(playbook)
    # The inbox itself may be the output: it is read from its open file, which the atomic replace leaves whole.
    refuse_output_over_input(output or append, [playbook_path], lang)
    decider = load_decider(playbook_path)
    playbook_language = (decider.data.get("organization") or {}).get("language")
    _ = catalogue(language(lang, playbook_language))
    if output is not None and append is not None:
        raise UsageError(_("-o and --append cannot go together: --append writes into the journal"))
    if dayfirst and monthfirst:
        raise UsageError(_("--dayfirst and --monthfirst cannot go together"))
    processes = _jobs(jobs, _)
    kind = format_of(file, input_format, _)
    target = append or output
    fmt = output_format or _format_of(target)
    if append is not None and fmt == "xlsx":
        raise UsageError(_("--append takes a .jsonl or .csv journal"))
    name = "-" if str(file) == "-" else str(file)
    with contextlib.ExitStack() as stack:
        if name == "-":
            handle = sys.stdin.buffer
        else:
            try:
                handle = stack.enter_context(file.open("rb"))
            except OSError as exc:
                raise UsageError(_("cannot read {path}: {why}").format(path=file, why=os_reason(exc, _))) from None
        if not handle.seekable() and _reads_twice(decider, kind, encoding):  # a pipe: kept, to be read again
            copy = stack.enter_context(tempfile.TemporaryFile())
            shutil.copyfileobj(handle, copy)
            copy.seek(0)
            handle = copy
        try:
            failed = _run(decider, handle, _Run(name, kind, fmt, output, append), _, maps or [], tool, encoding,
                          dayfirst or (not monthfirst and playbook_language == "fr"), processes)
        except BrokenPipeError:  # `cmkit triage ... | head`: the reader has all it wants
            from cmkit.cli.plain import silence_closed_stdout

            silence_closed_stdout()
            return 0
    return 1 if failed else 0


def _jobs(given: str | None, _) -> int | None:
    """The number of processes asked for (None: the default, decided from the input's size)."""
    if given is None:
        return None
    if not given.strip().isdigit() or int(given) < 1:
        from cmkit.errors import UsageError

        raise UsageError(_("--jobs takes a whole number of processes, 1 or more, not {value}").format(value=given))
    return int(given)


def _processes(jobs: int | None, handle, where: _Run, journal: bool, console, _) -> int:
    """How many processes decide: as asked, else as many as the cores this process may use when
    the input is a file of PARALLEL_BYTES or more (below, starting workers costs more than they
    give). Several only for a JSON Lines file (read in chunks of whole lines) written as JSON
    Lines or CSV, not into a journal: other inputs are read, and a workbook written, in one
    process; asked for more there, a note says so."""
    import os
    import stat

    try:
        status = os.fstat(handle.fileno())
        regular = stat.S_ISREG(status.st_mode) and handle.seekable()
        size = status.st_size - handle.tell() if regular else 0
    except (OSError, ValueError, AttributeError):
        regular, size = False, 0
    chunked = regular and where.kind == "jsonl" and where.fmt in ("jsonl", "csv") and not journal
    if jobs is not None:
        if jobs > 1 and not chunked:
            console.print(_("--jobs: only a JSON Lines file, written as JSON Lines or CSV and not into a journal, is "
                            "decided in several processes: this input is decided in one"),
                          markup=False, highlight=False, soft_wrap=True)
            return 1
        return jobs
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores if chunked and cores > 1 and size >= PARALLEL_BYTES else 1


def _reads_twice(decider, kind: str, encoding: str | None) -> bool:
    """Whether the input is read more than once: a workbook or a JSON export (read whole), a CSV
    whose encoding is to be found, or any input when the spread rule may need a second pass.
    A JSON Lines pipe otherwise streams, record by record (`tail -f log | cmkit triage -`)."""
    from cmkit.decide.triage import has_spread

    return kind in ("xlsx", "json") or (kind == "csv" and encoding is None) or has_spread(decider)


def _format_of(path: Path | None) -> str:
    suffix = path.suffix.lower() if path is not None else ""
    return {".csv": "csv", ".tsv": "csv", ".xlsx": "xlsx"}.get(suffix, "jsonl")


def _run(decider, handle, where: _Run, _, maps: list[str], tool: str | None, encoding: str | None,
         dayfirst: bool, jobs: int | None = 1) -> int:
    """Decide, write, report; return how many records could not be decided.

    With a spread rule, records are decided while streaming until one comes
    earlier in time than one before it; the output so far is then dropped and
    the file decided again in the exact (two-pass) way. So the output must be
    a file that can be emptied: stdout is then written at the end (stdin was
    copied to a temporary file, so it can be read again).
    """
    import contextlib
    import io
    import shutil
    import tempfile

    from cmkit.decide.triage import READ_AHEAD, Fields, OutOfOrder, has_spread, triage, triage_exact, triage_parallel
    from cmkit.errors import CmkitError
    from cmkit.formats.console import stderr_console
    from cmkit.formats.triage_summary import print_summary
    from cmkit.i18n.numbers import number as figure
    from cmkit.inbox.mapping import FIELDS, columns_of, mapping, record_reader, row_reader
    from cmkit.inbox.read import open_source

    console = stderr_console()
    mapped = mapping(tool, maps, _)
    given = {item.partition("=")[0].strip().lower() for item in maps}
    source = open_source(handle, where.kind, where.name, _, encoding=encoding, records_at=mapped.records_at)
    if source.assumed_encoding:
        console.print(_("{name}: not UTF-8: read as {encoding} (--encoding to choose another)").format(
            name=where.name, encoding=_ENCODING_NAMES.get(source.assumed_encoding, source.assumed_encoding)),
            markup=False, highlight=False, soft_wrap=True)
    if source.header is not None:
        extract = row_reader(columns_of(mapped, source.header, given, where.name, _))
        columns = source.header
    else:
        extract = record_reader(mapped)
        columns = list(FIELDS)
    fields = Fields(decider, extract, tabular=source.header is not None, dayfirst=dayfirst,
                    default_channel=mapped.channel, _=_)
    chosen_encoding = encoding or source.assumed_encoding

    origin = handle.tell() if handle.seekable() else 0  # stdin may come positioned past some lines

    def read():
        handle.seek(origin)
        return open_source(handle, where.kind, where.name, _, encoding=chosen_encoding, records_at=mapped.records_at).rows

    restartable = has_spread(decider)
    destination = where.append or where.output
    show_progress = (console.is_terminal and where.kind in ("jsonl", "csv") and handle.seekable()
                     and (destination is not None or not sys.stdout.isatty()))
    binary = where.fmt == "xlsx"
    if binary and destination is None and sys.stdout.isatty():
        from cmkit.errors import UsageError

        raise UsageError(_("an .xlsx workbook does not go to a terminal: pass -o FILE.xlsx"))
    with contextlib.ExitStack() as stack:
        journal = _Journal(where.append, where.fmt, _) if where.append is not None else None
        if destination is not None:
            bom = source.header is not None and source.assumed_encoding is not None
            sink = stack.enter_context(_open_output(destination, binary, where.fmt, bom))
        else:
            sink = sys.stdout.buffer if binary else sys.stdout
        if (restartable or binary) and not _rewindable(sink):  # a restart empties what was written
            out = stack.enter_context(tempfile.TemporaryFile("w+b" if binary else "w+", **({} if binary else {"encoding": "utf-8", "newline": ""})))
        else:
            out = sink
        if out is sys.stdout and not handle.seekable() and hasattr(out, "reconfigure"):
            out.reconfigure(line_buffering=True)  # a stream in, a stream out: each decision as its message comes
        progress = stack.enter_context(_progress(console, handle, where.name)) if show_progress else None
        make_writer = _writer_factory(where.fmt, columns, fields, source, journal, out)
        processes = _processes(jobs, handle, where, journal is not None, console, _)
        try:
            if processes > 1:  # the bar follows what is written, not what the parent has read ahead
                from concurrent.futures.process import BrokenProcessPool

                from cmkit.inbox.read import jsonl_chunks, jsonl_rows

                done = triage_parallel(decider, jsonl_chunks(handle), fields, processes,
                                       lambda chunk: jsonl_rows(io.BytesIO(chunk.data), _, chunk.first),
                                       _encoder_factory(where.fmt, columns, fields))
                try:
                    counts = _write_chunks(console, done, make_writer(), out, where.name, progress, _)
                except BrokenProcessPool:
                    raise CmkitError(_("a process deciding {name} stopped before its share was done (killed, or out "
                                       "of memory?): nothing was written; run again, or with --jobs 1").format(
                                           name=where.name)) from None
            else:
                live = not handle.seekable()  # a stream: each decision as its message comes, not 256 later
                counts = _write(console, triage(decider, source.rows, fields, read_ahead=1 if live else READ_AHEAD),
                                make_writer(), where.name, progress, 0, _)
        except OutOfOrder as exc:
            out.seek(0)
            out.truncate()
            counts = _write(console, triage_exact(decider, read, fields), make_writer(), where.name, progress, exc.args[0], _)
        if out is not sink:
            out.seek(0)
            shutil.copyfileobj(out, sink)
    decided, failed, duplicates = counts
    if failed > REPORTED_FAILURES:
        console.print(_("… and {count} more records not decided").format(count=figure(failed - REPORTED_FAILURES, _.lang)), highlight=False, soft_wrap=True)
    if duplicates:
        console.print(_.n("{count} record already in the journal, not added again",
                          "{count} records already in the journal, not added again", duplicates).format(count=figure(duplicates, _.lang)),
                      highlight=False, soft_wrap=True)
    actions: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    for (action, topic), count in (+decided).items():
        actions[action] += count
        topics[topic or _("(none: default)")] += count
    print_summary(console, actions, topics, failed, _)
    return failed


_ENCODING_NAMES = {"cp1252": "Windows-1252"}


def _rewindable(stream) -> bool:
    """Whether what was written to `stream` can be dropped: a regular file (not stdout, a pipe,
    a terminal or /dev/null, which say they can seek and cannot be emptied)."""
    import os
    import stat

    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode) and stream.seekable()
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation is both OSError and ValueError
        return False


def _open_output(path: Path, binary: bool, fmt: str, bom: bool):
    """The output file, written atomically; a CSV for Excel (the input was not plain UTF-8) gets
    UTF-8 with a byte-order mark, which Excel reads right."""
    from cmkit.io import atomic_output

    if binary:
        return atomic_output(path, binary=True)
    return atomic_output(path, encoding="utf-8-sig" if fmt == "csv" and bom else "utf-8")


def _writer_factory(fmt: str, columns: list[str], fields, source, journal, out):
    """A function making a fresh writer (a restarted run writes again from the start)."""
    from cmkit.formats.triage_records import WRITERS

    def make():
        if journal is not None:
            return journal.writer(out, columns, fields.extract)
        options = {"delimiter": source.delimiter} if fmt == "csv" and source.delimiter else {}
        return WRITERS[fmt](out, columns, extract=fields.extract, **options)

    return make


def _encoder_factory(fmt: str, columns: list[str], fields):
    """A function making an encoder: a function from an item to its output text (a JSON line or
    a CSV row, the header left to the writer of the output itself), for `triage_parallel`."""
    from types import SimpleNamespace

    from cmkit.formats.triage_records import WRITERS

    def make():
        texts: list[str] = []
        options = {"header": False} if fmt == "csv" else {}
        writer = WRITERS[fmt](SimpleNamespace(write=texts.append), columns, extract=fields.extract, **options)
        if hasattr(writer, "encode"):  # JSON Lines: the text itself
            return writer.encode

        def encode(item) -> str:
            writer.write(item)
            return texts.pop()

        return encode

    return make


def _write_chunks(console, chunks, writer, out, name: str, progress, _) -> tuple[Counter, int, int]:
    """`_write` for decided chunks (`triage_parallel`): `writer` only writes what comes first
    (a CSV's header), each chunk's texts are written as they are."""
    decided: Counter[tuple[str, str | None]] = Counter()
    failed = 0
    for done in chunks:
        out.write(done.text)
        decided.update(done.counts)
        for line, reason in done.failures:
            failed += 1
            if failed <= REPORTED_FAILURES:
                console.print(_("{name}:{line}: not decided: {reason}").format(name=name, line=line, reason=reason),
                              markup=False, highlight=False, soft_wrap=True)
        if progress is not None:
            progress(done.end)
    writer.close()
    return decided, failed, 0


class _Journal:
    """`--append JOURNAL`: the journal's records first, then each new record whose id it does
    not hold yet (a decided record: not yet decided; an error record: not there at all).
    Records without id are always added."""

    def __init__(self, path: Path, fmt: str, _) -> None:
        self.path, self.fmt, self._ = path, fmt, _
        self.decided: set = set()
        self.present: set = set()
        self.header: list[str] | None = None
        self.text = ""
        if path.exists():
            self._read()

    def _read(self) -> None:
        import csv
        import io
        import json

        from cmkit.errors import UsageError

        try:
            self.text = self.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(self._("cannot read the journal {path}: {why}").format(path=self.path, why=exc)) from None
        if self.text and not self.text.endswith("\n"):
            self.text += "\n"
        if self.fmt == "csv":
            rows = csv.DictReader(io.StringIO(self.text))
            self.header = rows.fieldnames
            records = list(rows)
        else:
            records = []
            for line in self.text.splitlines():
                try:
                    records.append(json.loads(line))
                except ValueError:
                    continue
        for record in records:
            if isinstance(record, dict) and record.get("id") not in (None, ""):
                key = str(record["id"])
                self.present.add(key)
                if not record.get("error"):
                    self.decided.add(key)

    def writer(self, out, columns: list[str], extract):
        from cmkit.errors import UsageError
        from cmkit.formats.triage_records import WRITERS, CsvWriter, Failed, output_columns

        out.write(self.text)
        if self.fmt == "csv" and self.header is not None:
            if output_columns(columns)[0] != self.header:
                raise UsageError(self._("{path}: the journal's columns are not this input's: append to another journal").format(path=self.path))
            inner = CsvWriter(out, columns, extract=extract, header=False)
        else:
            inner = WRITERS[self.fmt](out, columns, extract=extract)
        present, decided = set(self.present), set(self.decided)  # a restarted run starts from the journal again

        class Appending:
            duplicates = 0

            def write(self, item) -> None:
                if item.record_id is not None:
                    key = str(item.record_id)
                    if key in (present if type(item) is Failed else decided):
                        self.duplicates += 1
                        return
                    present.add(key)
                    if type(item) is not Failed:
                        decided.add(key)
                inner.write(item)

            def close(self) -> None:
                inner.close()

        return Appending()


def _write(console, items, writer, name: str, progress, reported_through: int, _) -> tuple[Counter, int, int]:
    """Write every item, report the failed ones (but those on lines up to `reported_through`,
    reported by a run that stopped there); return the count of each (action, deciding topic),
    of the failed, and of the records the journal already had."""
    from cmkit.decide.triage import Failed

    decided: Counter[tuple[str, str | None]] = Counter()  # one count per message
    failed = 0
    write = writer.write
    for count, item in enumerate(items, start=1):
        write(item)
        if type(item) is Failed:
            failed += 1
            if failed <= REPORTED_FAILURES and item.line > reported_through:
                console.print(_("{name}:{line}: not decided: {reason}").format(name=name, line=item.line, reason=item.reason),
                              markup=False, highlight=False, soft_wrap=True)
        else:
            decision = item.decision
            decided[decision.action, decision.topic] += 1
        if progress is not None and not count % _PROGRESS_EVERY:
            progress()
    writer.close()
    return decided, failed, getattr(writer, "duplicates", 0)


def _progress(console, handle, name: str):
    """A context manager yielding a function that moves the bar to the file's read position."""
    import contextlib
    import os

    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

    @contextlib.contextmanager
    def bar():
        total = os.fstat(handle.fileno()).st_size
        with Progress(
            TextColumn("[bold]triage[/] {task.description}"),
            BarColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            auto_refresh=False,  # refreshed as it moves, from this thread: no thread of its own when workers fork
        ) as progress:
            task = progress.add_task(name, total=total)
            yield lambda position=None: progress.update(
                task, completed=handle.tell() if position is None else position, refresh=True)

    return bar()
