"""`cmkit test`: run a playbook's own expected decisions, like unit tests."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from cmkit.cli.common import Exit, LangOption, PlaybookOption, exit_on_error, resolve_playbook
from cmkit.cli.eval import FailUnderOption
from cmkit.i18n import current

#: what `--help` says, in the user's language (no playbook is read to show it)
_ = current()

NAME = "test"
HELP = _("Run a playbook's test cases (messages and their expected decisions); exit 1 on a failure.")
EPILOG = _("Example: cmkit test playbooks/cases/maison-dupuis.fr.cases.yaml")


def command(
    cases: Annotated[
        Path,
        typer.Argument(
            metavar="CASES",
            help=_("The case file (YAML), or a labelled history (.csv, .jsonl) measured as `cmkit eval` does."),
            show_default=False,
        ),
    ],
    output_format: Annotated[Literal["text", "json"], typer.Option("--format", "-f", help=_("Output format."))] = "text",
    fail_under: FailUnderOption = None,
    playbook: PlaybookOption = None,
    lang: LangOption = None,
) -> None:
    from cmkit.learn.run import HISTORY_SUFFIXES

    if cases.suffix.lower() in HISTORY_SUFFIXES:
        from cmkit.cli.eval import evaluate_history

        with exit_on_error(lang):
            code = evaluate_history(cases, output_format, fail_under, playbook, lang)
        raise typer.Exit(code)
    with exit_on_error(lang):
        from cmkit.decide.cache import load_decider
        from cmkit.decide.cases import run_cases
        from cmkit.loading.load import beside, load_model
        from cmkit.model.cases import CaseFile

        case_file, document = load_model(cases, CaseFile, kind="case file")
        if playbook is None and case_file.playbook:
            playbook = beside(cases, case_file.playbook)
        playbook_path = resolve_playbook(playbook)
        decider = load_decider(playbook_path)
        results = run_cases(case_file, document.source, decider)
        if output_format == "json":
            from cmkit.formats.cases_json import results_json

            print(results_json(results, str(cases), str(playbook_path)))
        else:
            from cmkit.formats.cases_text import print_results
            from cmkit.formats.console import stdout_console

            from cmkit.i18n import language

            chosen = language(lang, decider.language)
            print_results(stdout_console(), results, str(cases), str(playbook_path), chosen)
    raise typer.Exit(Exit.FOUND if any(not r.passed for r in results) else Exit.OK)
