"""`cmkit triage`: decide every message of a `.jsonl` or `.csv` file, streaming."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from cmkit.cli.common import Exit, PlaybookOption, exit_on_error, resolve_playbook

NAME = "triage"
HELP = "Decide every message of a .jsonl or .csv file (fields text, id, channel, author_kind, followers, at)."
EPILOG = "Example: cmkit triage -p playbooks/maison-dupuis.fr.yaml inbox.jsonl -o decisions.csv"

#: Bad records listed one by one on stderr; beyond, only counted.
REPORTED_SKIPS = 50
_PROGRESS_EVERY = 2048


def command(
    file: Annotated[Path, typer.Argument(help="Messages, one per line (.jsonl) or per row (.csv).", show_default=False)],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here (atomically) instead of stdout.", show_default=False),
    ] = None,
    output_format: Annotated[
        Literal["jsonl", "csv"] | None,
        typer.Option("--format", help="Output format. Default: from -o's extension, else jsonl.", show_default=False),
    ] = None,
    playbook: PlaybookOption = None,
) -> None:
    with exit_on_error():
        from cmkit.decide.triage import input_format

        kind = input_format(file)
        fmt = output_format or ("csv" if output is not None and output.suffix.lower() == ".csv" else "jsonl")
        from cmkit.decide.cache import load_decider

        decider = load_decider(resolve_playbook(playbook))
        try:
            handle = file.open("rb")
        except OSError as exc:
            from cmkit.errors import UsageError

            raise UsageError(f"cannot read {file}: {exc.strerror or exc}") from None
        with handle:
            try:
                skipped = _run(decider, handle, kind, fmt, output, str(file))
            except BrokenPipeError:  # `cmkit triage ... | head`: the reader has all it wants
                from cmkit.cli.plain import silence_closed_stdout

                silence_closed_stdout()
                raise typer.Exit(Exit.OK) from None
    raise typer.Exit(Exit.FOUND if skipped else Exit.OK)


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
    actions: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    skipped = 0
    show_progress = console.is_terminal and (output is not None or not sys.stdout.isatty())
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(atomic_output(output)) if output is not None else sys.stdout
        progress = stack.enter_context(_progress(console, handle, name)) if show_progress else None
        writer = WRITERS[fmt](out)
        for count, item in enumerate(triage(decider, read_records(handle, kind)), start=1):
            if isinstance(item, Skipped):
                skipped += 1
                if skipped <= REPORTED_SKIPS:
                    console.print(f"{name}:{item.line}: skipped: {item.reason}", markup=False, highlight=False, soft_wrap=True)
            else:
                writer.write(item.record_id, item.decision)
                actions[item.decision.action] += 1
                topics[item.decision.topic or "(none: default)"] += 1
            if progress is not None and not count % _PROGRESS_EVERY:
                progress()
    if skipped > REPORTED_SKIPS:
        console.print(f"… and {skipped - REPORTED_SKIPS:,} more skipped records", highlight=False)
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
