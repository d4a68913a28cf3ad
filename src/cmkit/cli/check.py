"""`cmkit check`: may I answer this? One message in, one verdict out.

The work is in cmkit.cli.check_fast, which a plain invocation reaches without
typer (see cmkit.cli.entry); this is the typer face: help, and the messages
for a mistyped option. Its options are not written here: the command's
signature is built from `check_fast.OPTIONS`, the one declaration both faces
read, so an option cannot be added to one and forgotten in the other.
"""

from __future__ import annotations

import inspect
from typing import Annotated, Any

import typer

from cmkit.cli.check_fast import OPTIONS
from cmkit.cli.common import exit_on_error
from cmkit.i18n import current

#: what `--help` says, in the user's language (no playbook is read to show it)
_ = current()

NAME = "check"
HELP = _("Decide one message: answer, escalate to whom and by when, moderate, decline, or crisis.")
EPILOG = (
    _("Example: cmkit check -p playbooks/maison-dupuis.fr.yaml --channel twitter --author @leparisien "
    "--at 2026-03-06T17:30 \"Où est mon colis ?\"")
)


def command(text: str | None = None, **options: Any) -> None:
    with exit_on_error():
        from cmkit.cli.check_fast import run

        run(text, **options)


def _parameter(option) -> inspect.Parameter:
    if option.metavar is None:
        annotation = Annotated[bool, typer.Option(*option.flags, help=option.help)]
        default: Any = False
    else:
        annotation = Annotated[
            str | None, typer.Option(*option.flags, help=option.help, metavar=option.metavar, show_default=False)
        ]
        default = None
    return inspect.Parameter(option.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


command.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [
        inspect.Parameter(
            "text",
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            default=None,
            annotation=Annotated[
                str | None,
                typer.Argument(
                    metavar="TEXT", help=_("The message. Without it (or with -), it is read from stdin."), show_default=False
                ),
            ],
        ),
        *(_parameter(option) for option in OPTIONS),
    ]
)
