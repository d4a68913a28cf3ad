"""`cmkit suggest`: keywords to add and remove, learned from a labelled history."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from cmkit.cli.common import Exit, LangOption, PlaybookOption, exit_on_error, resolve_playbook

NAME = "suggest"
HELP = (
    "Propose keywords to add to each topic and to remove, learned from a labelled history; "
    "--write OUT writes the amended playbook, comments and layout kept."
)
EPILOG = "Example: cmkit suggest -p charte.yaml historique.csv --write charte-v2.yaml"


def command(
    history: Annotated[Path, typer.Argument(metavar="HISTORY", help="The labelled history.", show_default=False)],
    output_format: Annotated[Literal["text", "json"], typer.Option("--format", "-f", help="Output format.")] = "text",
    write: Annotated[
        Path | None,
        typer.Option("--write", metavar="OUT", help="Write the amended playbook here.", show_default=False),
    ] = None,
    playbook: PlaybookOption = None,
    lang: LangOption = None,
) -> None:
    with exit_on_error():
        from cmkit.learn.amend import write_amended
        from cmkit.learn.run import run_suggest
        from cmkit.trusted import load_playbook

        playbook_path = resolve_playbook(playbook)
        model = load_playbook(playbook_path)
        suggestions = run_suggest(model, history)
        if output_format == "json":
            import json

            print(json.dumps(suggestions.as_json(), ensure_ascii=False, indent=2))
        else:
            from cmkit.formats.console import stdout_console
            from cmkit.formats.learn_text import print_suggestions
            from cmkit.i18n import language

            labels = {t.id: t.label for t in model.topics}
            print_suggestions(stdout_console(), suggestions, labels, language(lang, model.organization.language))
        if write is not None:
            adds = {t: [p.keyword for p in ps] for t, ps in suggestions.add.items()}
            removes = {t: [p.keyword for p in ps] for t, ps in suggestions.remove.items()}
            write_amended(playbook_path, write, adds, removes, True if suggestions.stems else None)
    raise typer.Exit(Exit.OK)
