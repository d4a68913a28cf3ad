"""`cmkit lint`: validate and audit playbooks; findings as text, JSON, SARIF or GitHub annotations."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from cmkit.cli.common import Exit, LangOption, PlaybookOption, error_line, exit_on_error, resolve_playbook
from cmkit.i18n import current

#: what `--help` says, in the user's language (no playbook is read to show it)
_ = current()

NAME = "lint"
HELP = _("Validate and audit playbooks: broken references, missing backups, slow referents, tone.")
EPILOG = (
    _("Example: cmkit lint --strict playbooks/*.yaml   (or --explain W205, --list-rules). "
    "An inline exception, on the finding's line or alone on the line above: "
    "# cmkit: disable=W202 — the lawyer is external, agreed 1 day")
)


class Format(str, Enum):
    """The outputs of `lint`."""

    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


def command(
    playbooks: Annotated[
        list[Path] | None,
        typer.Argument(
            help=_("Playbook files to lint (default: -p, then $CMKIT_PLAYBOOK, then ./playbook.yaml)."),
            metavar="PLAYBOOK",
            show_default=False,
        ),
    ] = None,
    playbook: PlaybookOption = None,
    output_format: Annotated[
        Format,
        typer.Option("--format", "-f", help=_("text, json (one array), sarif (2.1.0) or github (annotations).")),
    ] = Format.text,
    strict: Annotated[bool, typer.Option("--strict", help=_("Fail (exit 1) on warnings too."))] = False,
    select: Annotated[
        str | None,
        typer.Option(
            "--select", metavar="CODES", help=_("Only these codes or prefixes, comma-separated: E1,W205."), show_default=False
        ),
    ] = None,
    ignore: Annotated[
        str | None,
        typer.Option("--ignore", metavar="CODES", help=_("Leave out these codes or prefixes: W208,I."), show_default=False),
    ] = None,
    show_suppressed: Annotated[
        bool,
        typer.Option(
            "--show-suppressed",
            help=_("Also list the findings silenced by inline exceptions (# cmkit: disable=CODE — reason)."),
        ),
    ] = False,
    list_rules: Annotated[bool, typer.Option("--list-rules", help=_("List every rule and exit."))] = False,
    lang: LangOption = None,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain", metavar="CODE", help=_("Explain one rule (why, with examples) and exit."), show_default=False
        ),
    ] = None,
) -> None:
    """Lint PLAYBOOKS; exit 1 on errors (and warnings with --strict), 2 if a file cannot be read."""
    with exit_on_error(lang):
        from cmkit.lint.registry import select_rules

        rules = select_rules(select, ignore)
        if list_rules or explain:
            _describe(rules, explain, output_format)
            raise typer.Exit(Exit.OK)
        playbooks = [*(playbooks or []), *([playbook] if playbook else [])] or [resolve_playbook(None)]

        from cmkit.lint.engine import lint_paths

        report = lint_paths(playbooks, rules)
        for result in report.unreadable:
            error_line(str(result.unreadable))
        _print(report, rules, output_format, show_suppressed, _language(report))
    if report.unreadable:
        raise typer.Exit(Exit.ERROR)
    raise typer.Exit(Exit.FOUND if report.failed(strict=strict) else Exit.OK)


def _describe(rules, explain: str | None, output_format: Format) -> None:
    """--list-rules and --explain: the rules' own documentation."""
    from cmkit.errors import UsageError
    from cmkit.formats import findings_rules
    from cmkit.i18n import current
    from cmkit.lint.registry import all_rules

    _ = current()  # --lang, CMKIT_LANG, then the locale: no playbook is read here
    if explain:
        chosen = [r for r in all_rules() if r.code == explain.strip().upper()]
        if not chosen:
            raise UsageError(
                _("--explain: {code} is no rule code (see `cmkit lint --list-rules`)").format(code=repr(explain))
            )
        print(findings_rules.explain(chosen[0], _), end="")
        return
    if output_format is Format.json:
        import json

        print(json.dumps([findings_rules.as_dict(r, _) for r in rules], ensure_ascii=False, indent=2))
    else:
        print(findings_rules.listing(rules, _))


def _language(report) -> str:
    """The language of the report's own sentences (the summary): `--lang`/`CMKIT_LANG`, else
    the language the linted playbooks declare (the first that declares one), else the locale.
    Each rule's message already speaks its own playbook's language."""
    from cmkit.i18n import language

    declared = next((result.language for result in report.files if result.language), None)
    return language(None, declared)


def _print(report, rules, output_format: Format, show_suppressed: bool, lang: str) -> None:
    """Suppressed findings: listed in text and JSON with --show-suppressed, always in SARIF (with
    `suppressions`, as code scanning expects), never as GitHub annotations."""
    if output_format is Format.text:
        from cmkit.formats import findings_text
        from cmkit.formats.console import stdout_console, write_plain

        console = stdout_console()
        if console.color_system is None:  # nothing to style (a pipe, NO_COLOR): rich's layout would cost seconds
            write_plain(console, (line.plain for line in findings_text.lines(report, show_suppressed, lang)))
        else:
            console.print(findings_text.render(report, show_suppressed, lang), soft_wrap=True)
        return
    if output_format is Format.json:
        from cmkit.formats.findings_json import render as render_json

        print(render_json(report, show_suppressed))
    elif output_format is Format.sarif:
        from cmkit.formats.findings_sarif import render as render_sarif

        print(render_sarif(report, rules, lang))
    else:
        from cmkit.formats.findings_github import render as render_github

        text = render_github(report, lang)
        if text:
            print(text)
