"""What every command shares: finding the playbook, turning errors into exit codes.

Command modules import only typer and this module at their top; engines,
formatters and rich are imported inside the command, so that `cmkit check`
does not pay for the documents libraries.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from enum import IntEnum
from pathlib import Path
from typing import Annotated

import typer

from cmkit.cli.plain import error_line, refuse_output_over_input, resolve_playbook
from cmkit.errors import CmkitError
from cmkit.i18n import current

#: what `--help` says, in the user's language (no playbook is read to show it)
_ = current()

__all__ = [
    "Exit", "LangOption", "PlaybookOption", "error_line", "exit_on_error", "refuse_output_over_input",
    "resolve_playbook",
]


class Exit(IntEnum):
    """The exit codes every command uses (spec: cli.md)."""

    OK = 0  # done, nothing to report
    FOUND = 1  # ran, and found what it exists to find
    ERROR = 2  # could not run


PlaybookOption = Annotated[
    Path | None,
    typer.Option(
        "--playbook",
        "-p",
        help=_("The playbook file. Default: $CMKIT_PLAYBOOK, then ./playbook.yaml."),
        show_default=False,
    ),
]

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="en|fr",
        help=_("Language of what is printed: en or fr. Default: $CMKIT_LANG, then the playbook's language."),
        show_default=False,
    ),
]


@contextlib.contextmanager
def exit_on_error(lang: str | None = None) -> Iterator[None]:
    """Turn cmkit's own errors into one line on stderr and exit code 2, never a traceback.

    `lang` is the command's `--lang`: set for the whole run here, before anything is
    loaded, so that the loader's errors and the lint messages speak it too.
    """
    from cmkit.i18n import set_language

    previous = set_language(lang)
    try:
        yield
    except CmkitError as exc:
        error_line(str(exc), exc.lang)
        raise typer.Exit(Exit.ERROR) from None
    except KeyboardInterrupt:
        from cmkit.cli.plain import report_interrupted

        raise typer.Exit(report_interrupted()) from None
    finally:
        set_language(previous)  # a run inside a longer process (tests, a library) leaves no trace
