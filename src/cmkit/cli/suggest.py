"""`cmkit suggest`: keywords to add and remove, learned from a labelled history."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Annotated, Any

import typer

from cmkit.cli.common import Exit, LangOption, PlaybookOption, exit_on_error, refuse_output_over_input, resolve_playbook
from cmkit.cli.eval import FormatOption, HistoryArgument
from cmkit.cli.triage import READING, reading_parameters
from cmkit.i18n import current

#: what `--help` says, in the user's language (no playbook is read to show it)
_ = current()

NAME = "suggest"
HELP = (
    _("Propose keywords to add to each topic and to remove, learned from a labelled history; "
    "--write OUT writes the amended playbook, comments and layout kept.")
)
EPILOG = _("Example: cmkit suggest -p charte.yaml historique.csv --write charte-v2.yaml")

WriteOption = Annotated[
    Path | None, typer.Option("--write", metavar="OUT", help=_("Write the amended playbook here."), show_default=False)
]


def command(history: Path, **options: Any) -> None:
    with exit_on_error():
        run(history, **options)
    raise typer.Exit(Exit.OK)


def _parameters() -> list[inspect.Parameter]:
    keyword = inspect.Parameter.KEYWORD_ONLY
    return [
        inspect.Parameter("history", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=HistoryArgument),
        inspect.Parameter("output_format", keyword, default="text", annotation=FormatOption),
        inspect.Parameter("write", keyword, default=None, annotation=WriteOption),
        *reading_parameters(),
        inspect.Parameter("playbook", keyword, default=None, annotation=PlaybookOption),
        inspect.Parameter("lang", keyword, default=None, annotation=LangOption),
    ]


command.__signature__ = inspect.Signature(_parameters())  # type: ignore[attr-defined]
command.__annotations__ = {p.name: p.annotation for p in command.__signature__.parameters.values()}  # type: ignore[attr-defined]


def run(history: Path, output_format: str = "text", write: Path | None = None, playbook: Path | None = None,
        lang: str | None = None, **reading: Any) -> None:
    """Learn, print, and write the amended playbook when asked."""
    from cmkit.learn.amend import write_amended
    from cmkit.learn.history import Reading
    from cmkit.learn.run import run_suggest
    from cmkit.trusted import load_playbook

    playbook_path = resolve_playbook(playbook)
    refuse_output_over_input(write, [history, playbook_path], lang)
    model = load_playbook(playbook_path)
    given = {key: value for key, value in reading.items() if key in READING and value is not None}
    suggestions = run_suggest(model, history, Reading(**given), lang)
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
