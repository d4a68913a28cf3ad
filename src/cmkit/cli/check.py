"""`cmkit check`: may I answer this? One message in, one verdict out.

The work is in cmkit.cli.check_fast, which a plain invocation reaches without
typer (see cmkit.cli.entry); this is the typer face: help, and the messages
for a mistyped option or a bad value.
"""

from __future__ import annotations

from typing import Annotated

import typer

from cmkit.cli.check_fast import AuthorKindChoice, FormatChoice
from cmkit.cli.common import PlaybookOption, exit_on_error

NAME = "check"
HELP = "Decide one message: answer, escalate to whom and by when, moderate, decline, or crisis."
EPILOG = "Example: cmkit check -p playbooks/maison-dupuis.fr.yaml --channel twitter \"Où est mon colis ?\""


def command(
    text: Annotated[
        str | None,
        typer.Argument(metavar="TEXT", help="The message. Without it (or with -), it is read from stdin.", show_default=False),
    ] = None,
    channel: Annotated[
        str | None, typer.Option("--channel", "-c", help="The channel id it came on.", show_default=False)
    ] = None,
    author_kind: Annotated[
        AuthorKindChoice | None,
        typer.Option("--author-kind", "-a", help="Who wrote it.", show_default=False),
    ] = None,
    followers: Annotated[
        int | None,
        typer.Option("--followers", min=0, help="The author's follower count.", show_default=False),
    ] = None,
    output_format: Annotated[FormatChoice, typer.Option("--format", "-f", help="Output format.")] = "text",
    playbook: PlaybookOption = None,
) -> None:
    with exit_on_error():
        from cmkit.cli.check_fast import run

        run(text, channel, author_kind, followers, output_format, playbook)
