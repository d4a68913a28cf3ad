"""`cmkit triage`: decide every message of a `.jsonl` or `.csv` file, streaming.

The work is in cmkit.cli.triage_fast, which a plain invocation reaches without
typer (see cmkit.cli.entry); this is the typer face: help, and the messages
for a mistyped option or a bad value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from cmkit.cli.common import PlaybookOption, exit_on_error

NAME = "triage"
HELP = "Decide every message of a .jsonl or .csv file (fields text, id, channel, author_kind, followers, at)."
EPILOG = "Example: cmkit triage -p playbooks/maison-dupuis.fr.yaml inbox.jsonl -o decisions.csv"


def command(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Messages, one per line (.jsonl) or per row (.csv).", show_default=False)],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here (atomically) instead of stdout.", show_default=False),
    ] = None,
    output_format: Annotated[
        Literal["jsonl", "csv"] | None,
        typer.Option("--format", "-f", help="Output format. Default: from -o's extension, else jsonl.", show_default=False),
    ] = None,
    playbook: PlaybookOption = None,
) -> None:
    with exit_on_error():
        from cmkit.cli.triage_fast import run

        code = run(file, output, output_format, playbook)
    raise typer.Exit(code)
