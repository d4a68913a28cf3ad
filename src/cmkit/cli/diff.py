"""`cmkit diff OLD NEW`: what changed between two versions of a playbook, in its own terms."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from cmkit.cli.common import Exit, LangOption, exit_on_error
from cmkit.i18n import current

#: what `--help` says, in the user's language (no playbook is read to show it)
_ = current()

NAME = "diff"
HELP = _("Say what changed between two versions of a playbook: autonomy, topics, referents, deadlines.")
EPILOG = _("Example: cmkit diff charte-v1.yaml charte-v2.yaml --format json")


class DiffFormat(str, Enum):
    text = "text"
    json = "json"


def command(
    old: Annotated[Path, typer.Argument(metavar="OLD", help=_("The earlier version of the playbook."), show_default=False)],
    new: Annotated[Path, typer.Argument(metavar="NEW", help=_("The later version of the playbook."), show_default=False)],
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help=_("text for a reader, json for a script."))
    ] = DiffFormat.text,
    lang: LangOption = None,
) -> None:
    """Exit 0 when both mean the same, 1 when they differ, 2 when one does not load."""
    with exit_on_error(lang):
        from cmkit.diffing import compare
        from cmkit.i18n import language
        from cmkit.trusted import load_playbook

        before, after = load_playbook(old), load_playbook(new)
        chosen = language(lang, after.organization.language)  # the newer charter's language, for its reader
        changes = compare(before, after, chosen)
        if output_format is DiffFormat.json:
            from cmkit.formats.diff_json import format_diff_json

            typer.echo(format_diff_json(str(old), str(new), changes), nl=False)
        else:
            from cmkit.formats.console import stdout_console
            from cmkit.formats.diff_text import render_diff_text

            stdout_console().print(render_diff_text(str(old), str(new), changes, chosen), soft_wrap=True)
    raise typer.Exit(Exit.FOUND if changes else Exit.OK)
