"""`cmkit eval`: how often the charter decides as a careful community manager did."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from cmkit.cli.common import Exit, LangOption, PlaybookOption, exit_on_error, resolve_playbook
from cmkit.cli.triage import READING, reading_parameters
from cmkit.i18n import current

#: what `--help` says, in the user's language (no playbook is read to show it)
_ = current()

NAME = "eval"
HELP = (
    _("Measure the playbook's decisions against a labelled history (triage's inputs with "
    "expect_action and/or expect_topic): accuracy, precision and recall, confusion, dangerous misses.")
)
EPILOG = _("Example: cmkit eval -p playbooks/maison-dupuis.fr.yaml playbooks/history/maison-dupuis.fr.csv --fail-under 0.9")

HistoryArgument = Annotated[
    Path, typer.Argument(metavar="HISTORY", help=_("The labelled history (as triage reads an inbox)."), show_default=False)
]
FormatOption = Annotated[Literal["text", "json"], typer.Option("--format", "-f", help=_("Output format."))]
FailUnderOption = Annotated[
    float | None,
    typer.Option(
        "--fail-under",
        metavar="SHARE",
        min=0.0,
        max=1.0,
        help=_("Exit 1 when the action accuracy is below SHARE (0 to 1), for CI."),
        show_default=False,
    ),
]


def command(history: Path, **options: Any) -> None:
    with exit_on_error():
        code = evaluate_history(history, **options)
    raise typer.Exit(code)


def _parameters() -> list[inspect.Parameter]:
    keyword = inspect.Parameter.KEYWORD_ONLY
    return [
        inspect.Parameter("history", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=HistoryArgument),
        inspect.Parameter("output_format", keyword, default="text", annotation=FormatOption),
        inspect.Parameter("fail_under", keyword, default=None, annotation=FailUnderOption),
        *reading_parameters(),
        inspect.Parameter("playbook", keyword, default=None, annotation=PlaybookOption),
        inspect.Parameter("lang", keyword, default=None, annotation=LangOption),
    ]


command.__signature__ = inspect.Signature(_parameters())  # type: ignore[attr-defined]
command.__annotations__ = {p.name: p.annotation for p in command.__signature__.parameters.values()}  # type: ignore[attr-defined]


def evaluate_history(history: Path, output_format: str = "text", fail_under: float | None = None,
                     playbook: Path | None = None, lang: str | None = None, **reading: Any) -> int:
    """Measure and print; the exit code (`cmkit test HISTORY` runs this too)."""
    from cmkit.learn.history import Reading
    from cmkit.learn.run import run_eval
    from cmkit.trusted import load_playbook

    playbook_path = resolve_playbook(playbook)
    model = load_playbook(playbook_path)
    given = {key: value for key, value in reading.items() if key in READING and value is not None}
    result = run_eval(model, history, Reading(**given), lang)
    if output_format == "json":
        import json

        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        from cmkit.formats.console import stdout_console
        from cmkit.formats.learn_text import print_evaluation
        from cmkit.i18n import language

        chosen = language(lang, model.organization.language)
        print_evaluation(stdout_console(), result, str(history), str(playbook_path), chosen)
    accuracy = result.action_accuracy
    if fail_under is not None and (accuracy is None or accuracy < fail_under):
        return Exit.FOUND
    return Exit.OK
