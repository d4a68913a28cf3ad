"""`cmkit schema`: the JSON Schema of the playbook format, for editors (yaml-language-server)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cmkit.cli.common import Exit, exit_on_error
from cmkit.i18n import current

#: what `--help` says, in the user's language (no playbook is read to show it)
_ = current()

NAME = "schema"
HELP = _("Print the JSON Schema of the playbook format, for editor completion and checks.")
EPILOG = _("Example: cmkit schema -o schema/playbook.schema.json")


def command(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help=_("Write to this file (atomically) instead of stdout."), show_default=False
        ),
    ] = None,
) -> None:
    """Print the playbook JSON Schema (draft 2020-12), or write it to OUTPUT."""
    with exit_on_error():
        from cmkit.io import atomic_write
        from cmkit.loading.schema import playbook_schema_text

        text = playbook_schema_text()
        if output is None:
            print(text, end="")
        else:
            atomic_write(output, text)
    raise typer.Exit(Exit.OK)
