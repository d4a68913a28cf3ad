"""`cmkit eval`: how often the charter decides as a careful community manager did."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from cmkit.cli.common import Exit, LangOption, PlaybookOption, exit_on_error, resolve_playbook

NAME = "eval"
HELP = (
    "Measure the playbook's decisions against a labelled history (.csv or .jsonl with "
    "expect_action and/or expect_topic): accuracy, precision and recall, confusion, dangerous misses."
)
EPILOG = "Example: cmkit eval -p playbooks/maison-dupuis.fr.yaml playbooks/history/maison-dupuis.fr.csv --fail-under 0.9"


def command(
    history: Annotated[Path, typer.Argument(metavar="HISTORY", help="The labelled history.", show_default=False)],
    output_format: Annotated[Literal["text", "json"], typer.Option("--format", "-f", help="Output format.")] = "text",
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            metavar="SHARE",
            min=0.0,
            max=1.0,
            help="Exit 1 when the action accuracy is below SHARE (0 to 1), for CI.",
            show_default=False,
        ),
    ] = None,
    playbook: PlaybookOption = None,
    lang: LangOption = None,
) -> None:
    with exit_on_error():
        code = evaluate_history(history, output_format, fail_under, playbook, lang)
    raise typer.Exit(code)


def evaluate_history(history: Path, output_format: str, fail_under: float | None, playbook: Path | None, lang: str | None) -> int:
    """Measure and print; the exit code (`cmkit test HISTORY` runs this too)."""
    from cmkit.learn.run import run_eval
    from cmkit.trusted import load_playbook

    playbook_path = resolve_playbook(playbook)
    model = load_playbook(playbook_path)
    result = run_eval(model, history)
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
