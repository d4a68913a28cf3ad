"""`cmkit triage` without typer: the run itself, and a parser for plain invocations.

Typer and pydantic take about 0.15 s to import, as long as deciding ten
thousand messages, so a plain `cmkit triage FILE [-o OUT] [--format F] [-p PB]`
is read here and run before they are (see cmkit.cli.entry); anything else
(help, a mistyped option, a bad value) goes to typer, which prints the usual
message. Both paths end in `run`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cmkit.cli.plain import plain_options, resolve_playbook

#: Bad records listed one by one on stderr; beyond, only counted.
REPORTED_SKIPS = 50
FORMATS = ("jsonl", "csv")
_PROGRESS_EVERY = 2048

#: Every option `triage` takes, by each of its spellings: the name `run` knows it by.
OPTIONS = {
    "-o": "output", "--output": "output",
    "--format": "output_format",
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
    """Decide, write, report; return how many records were skipped."""
    import contextlib
    from collections import Counter

    from cmkit.decide.triage import Skipped, read_records, triage
    from cmkit.formats.console import stderr_console
    from cmkit.formats.triage_records import WRITERS
    from cmkit.formats.triage_summary import print_summary
    from cmkit.io import atomic_output

    console = stderr_console()
    decided: Counter[tuple[str, str | None]] = Counter()  # (action, deciding topic): one count per message
    skipped = 0
    show_progress = console.is_terminal and (output is not None or not sys.stdout.isatty())
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(atomic_output(output)) if output is not None else sys.stdout
        progress = stack.enter_context(_progress(console, handle, name)) if show_progress else None
        write = WRITERS[fmt](out).write
        for count, item in enumerate(triage(decider, read_records(handle, kind)), start=1):
            if type(item) is Skipped:
                skipped += 1
                if skipped <= REPORTED_SKIPS:
                    console.print(f"{name}:{item.line}: skipped: {item.reason}", markup=False, highlight=False, soft_wrap=True)
            else:
                decision = item.decision
                write(item.record_id, decision)
                decided[decision.action, decision.topic] += 1
            if progress is not None and not count % _PROGRESS_EVERY:
                progress()
    if skipped > REPORTED_SKIPS:
        console.print(f"… and {skipped - REPORTED_SKIPS:,} more skipped records", highlight=False)
    actions: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    for (action, topic), count in decided.items():
        actions[action] += count
        topics[topic or "(none: default)"] += count
    print_summary(console, actions, topics, skipped)
    return skipped


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
