"""`cmkit triage` without typer: the run itself, and a parser for plain invocations.

Typer and pydantic take about 0.15 s to import, as long as deciding ten
thousand messages, so a plain `cmkit triage FILE [-o OUT] [--format F] [-p PB]`
is read here and run before they are (see cmkit.cli.entry); anything else
(help, a mistyped option, a bad value) goes to typer, which prints the usual
message. Both paths end in `run`.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from cmkit.cli.plain import plain_options, resolve_playbook

#: Bad records listed one by one on stderr; beyond, only counted.
REPORTED_SKIPS = 50
FORMATS = ("jsonl", "csv")
_PROGRESS_EVERY = 2048

#: Every option `triage` takes, by each of its spellings: the name `run` knows it by.
OPTIONS = {
    "-o": "output", "--output": "output",
    "-f": "output_format", "--format": "output_format",
    "-p": "playbook", "--playbook": "playbook",
}


def parse(argv: list[str]) -> dict | None:
    """The keyword arguments of `run` for a plain `triage` invocation, else None (typer's turn)."""
    options = plain_options(argv, OPTIONS, "file")
    if options is None or options["file"] is None or options.get("output_format", "jsonl") not in FORMATS:
        return None
    return {key: value if key == "output_format" else Path(value) for key, value in options.items()}


def run(file: Path, output: Path | None = None, output_format: str | None = None, playbook: Path | None = None) -> int:
    """Decide, write, report; return the exit code (1 when a record was skipped). Raise CmkitError
    when it cannot run."""
    from cmkit.decide.cache import load_decider
    from cmkit.decide.triage import input_format
    from cmkit.errors import UsageError

    kind = input_format(file)
    fmt = output_format or ("csv" if output is not None and output.suffix.lower() == ".csv" else "jsonl")
    decider = load_decider(resolve_playbook(playbook))
    try:
        handle = file.open("rb")
    except OSError as exc:
        raise UsageError(f"cannot read {file}: {exc.strerror or exc}") from None
    with handle:
        try:
            skipped = _run(decider, handle, kind, fmt, output, str(file))
        except BrokenPipeError:  # `cmkit triage ... | head`: the reader has all it wants
            from cmkit.cli.plain import silence_closed_stdout

            silence_closed_stdout()
            return 0
    return 1 if skipped else 0


def _run(decider, handle, kind: str, fmt: str, output: Path | None, name: str) -> int:
    """Decide, write, report; return how many records were skipped.

    With a spread rule, records are decided while streaming until one comes
    earlier in time than one before it; the output so far is then dropped and
    the file decided again in the exact (two-pass) way. So the output must be
    a file that can be emptied: stdout is then written at the end, and input
    that cannot be read twice (a pipe) is first copied to a temporary file.
    """
    import contextlib
    import shutil
    import tempfile

    from cmkit.decide.triage import OutOfOrder, has_spread, read_records, triage, triage_exact
    from cmkit.formats.console import stderr_console
    from cmkit.formats.triage_summary import print_summary
    from cmkit.io import atomic_output

    console = stderr_console()
    restartable = has_spread(decider)
    show_progress = console.is_terminal and (output is not None or not sys.stdout.isatty())
    with contextlib.ExitStack() as stack:
        if restartable and not handle.seekable():
            copy = stack.enter_context(tempfile.TemporaryFile())
            shutil.copyfileobj(handle, copy)
            copy.seek(0)
            handle = copy
        if output is not None:
            out = stack.enter_context(atomic_output(output))
        elif restartable:
            out = stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8", newline=""))
        else:
            out = sys.stdout
        progress = stack.enter_context(_progress(console, handle, name)) if show_progress else None

        def read():
            handle.seek(0)
            return read_records(handle, kind, name)

        try:
            counts = _write(console, triage(decider, read_records(handle, kind, name)), out, fmt, name, progress, 0)
        except OutOfOrder as exc:
            out.seek(0)
            out.truncate()
            counts = _write(console, triage_exact(decider, read), out, fmt, name, progress, exc.args[0])
        if out is not sys.stdout and output is None:
            out.seek(0)
            shutil.copyfileobj(out, sys.stdout)
    decided, skipped = counts
    if skipped > REPORTED_SKIPS:
        console.print(f"… and {skipped - REPORTED_SKIPS:,} more skipped records", highlight=False)
    actions: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    for (action, topic), count in decided.items():
        actions[action] += count
        topics[topic or "(none: default)"] += count
    print_summary(console, actions, topics, skipped)
    return skipped


def _write(console, items, out, fmt: str, name: str, progress, reported_through: int) -> tuple[Counter, int]:
    """Write the decided items, report the skipped ones (but those on lines up to
    `reported_through`, reported by a run that stopped there); return the count of each
    (action, deciding topic) and of the skipped."""
    from cmkit.decide.triage import Skipped
    from cmkit.formats.triage_records import WRITERS

    decided: Counter[tuple[str, str | None]] = Counter()  # one count per message
    skipped = 0
    write = WRITERS[fmt](out).write
    for count, item in enumerate(items, start=1):
        if type(item) is Skipped:
            skipped += 1
            if skipped <= REPORTED_SKIPS and item.line > reported_through:
                console.print(f"{name}:{item.line}: skipped: {item.reason}", markup=False, highlight=False, soft_wrap=True)
        else:
            decision = item.decision
            write(item.record_id, decision)
            decided[decision.action, decision.topic] += 1
        if progress is not None and not count % _PROGRESS_EVERY:
            progress()
    return decided, skipped


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
        ) as progress:
            task = progress.add_task(name, total=total)
            yield lambda: progress.update(task, completed=handle.tell())

    return bar()
