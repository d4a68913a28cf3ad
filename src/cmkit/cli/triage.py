"""`cmkit triage`: decide every message of an inbox (JSONL, CSV, XLSX, a tool's JSON export).

The work is in cmkit.cli.triage_fast, which a plain invocation reaches without
typer (see cmkit.cli.entry); this is the typer face: help, and the messages
for a mistyped option or a bad value. Its parameters are built from
`triage_fast.OPTIONS`, the one declaration of triage's own options, and
the shared ones (`-p`, `--lang`) from cmkit.cli.common.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from cmkit.cli.common import LangOption, PlaybookOption, exit_on_error
from cmkit.cli.triage_fast import OPTIONS, Option
from cmkit.i18n import current

#: what `--help` says, in the user's language (no playbook is read to show it)
_ = current()

NAME = "triage"
HELP = (
    _("Decide every message of an inbox: .jsonl, .csv (Excel's too), .xlsx, or a tool's export (--from); "
    "fields text, id, channel, author_kind, author, followers, engagement, at.")
)
EPILOG = (
    _("Example: cmkit triage -p playbooks/maison-dupuis.fr.yaml export.csv --map text=Message "
    "--map channel=Réseau -o triage.xlsx")
)


def _annotation(option: Option) -> Any:
    """The typer annotation of one declared option."""
    if option.switch:
        kind: Any = bool
    elif option.choices:
        kind = Literal[option.choices] | None  # type: ignore[valid-type]
    elif option.repeat:
        kind = list[str] | None
    else:
        kind = Path | None if option.path else str | None
    metavar = "|".join(option.choices) if option.choices else option.metavar or None
    info = typer.Option(*option.flags, help=option.help, metavar=metavar, show_default=False)
    return Annotated[kind, info]


#: triage's options that say how to read an input: `eval` and `suggest` read histories with them.
READING = ("maps", "tool", "input_format", "encoding", "dayfirst", "monthfirst")


def reading_parameters() -> list[inspect.Parameter]:
    """The typer parameters of triage's reading options, for the commands that read its inputs."""
    return [
        inspect.Parameter(option.name, inspect.Parameter.KEYWORD_ONLY, default=False if option.switch else None,
                          annotation=_annotation(option))
        for option in OPTIONS
        if option.name in READING
    ]


def _parameters() -> list[inspect.Parameter]:
    file = inspect.Parameter(
        "file", inspect.Parameter.POSITIONAL_OR_KEYWORD,
        annotation=Annotated[Path, typer.Argument(metavar="FILE", help=_("The inbox; - for stdin (with --input-format)."),
                                                  show_default=False)],
    )
    declared = [
        inspect.Parameter(option.name, inspect.Parameter.KEYWORD_ONLY, default=False if option.switch else None,
                          annotation=_annotation(option))
        for option in OPTIONS
    ]
    shared = [
        inspect.Parameter("playbook", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=PlaybookOption),
        inspect.Parameter("lang", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=LangOption),
    ]
    return [file, *declared, *shared]


def command(file: Path, **options: Any) -> None:
    with exit_on_error():
        from cmkit.cli.triage_fast import run

        code = run(file, **options)
    raise typer.Exit(code)


command.__signature__ = inspect.Signature(_parameters())  # type: ignore[attr-defined]
command.__annotations__ = {p.name: p.annotation for p in command.__signature__.parameters.values()}  # type: ignore[attr-defined]
