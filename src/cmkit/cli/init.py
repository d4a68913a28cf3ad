"""`cmkit init [PATH]`: start a client's charter from a sector preset and a short questionnaire."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from cmkit.cli.common import Exit, exit_on_error

NAME = "init"
HELP = "Start a playbook from a sector preset and a short questionnaire (or flags, with --no-input)."
EPILOG = (
    "Example: cmkit init charte.yaml --no-input --name 'Le Fournil' --lang fr --preset local "
    "--channel instagram=2h --channel google=1d --referent 'gerance=Léa Morel,1h'"
)


class Language(str, Enum):
    fr = "fr"
    en = "en"


class Preset(str, Enum):
    retail = "retail"
    saas = "saas"
    public = "public"
    local = "local"


def command(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="Where to write the playbook.")] = Path("playbook.yaml"),
    name: Annotated[str | None, typer.Option(metavar="TEXT", help="The organisation's name.")] = None,
    lang: Annotated[
        Language | None, typer.Option(help="Language of the charter and its comments. Default: en.")
    ] = None,
    preset: Annotated[
        Preset | None,
        typer.Option(help="Sector preset to start from (topics, referents, autonomy). Default: retail."),
    ] = None,
    sector: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The sector, in words. Default: the preset's.")
    ] = None,
    channel: Annotated[
        list[str] | None,
        typer.Option(metavar="ID=DELAY", help="Repeatable: a channel and the response the public expects there."),
    ] = None,
    referent: Annotated[
        list[str] | None,
        typer.Option(
            metavar="ID=NAME[,DELAY[,BACKUP]]",
            help="Repeatable: one of the preset's referents (BACKUP - for none).",
        ),
    ] = None,
    may: Annotated[
        list[str] | None, typer.Option(metavar="TEXT", help="Repeatable: what the CM may do alone.")
    ] = None,
    must_not: Annotated[
        list[str] | None,
        typer.Option(metavar="TEXT", help="Repeatable: what the CM never does without sign-off."),
    ] = None,
    schema: Annotated[
        str,
        typer.Option(metavar="URL|PATH", help="The JSON Schema named in the modeline, for editor completion."),
    ] = "playbook.schema.json",
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Ask nothing: the flags and the preset decide.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace PATH if it exists.")] = False,
) -> None:
    """Write a commented playbook that passes `cmkit lint`; never overwrite without --force."""
    with exit_on_error():
        from cmkit.errors import UsageError
        from cmkit.io import atomic_write
        from cmkit.scaffold.engine import UNNAMED, Answers, scaffold
        from cmkit.scaffold.questionnaire import parse_channels, parse_referent, run_questionnaire

        _refuse_to_overwrite(path, force)
        if not path.parent.is_dir():
            raise UsageError(f"cannot write {path}: the folder {path.parent} does not exist")
        try:
            answers = Answers(
                name=name or "",
                language=(lang or Language.en).value,
                preset=(preset or Preset.retail).value,
                sector=sector,
                channels=parse_channels(",".join(channel)) if channel else None,
                referents=dict(parse_referent(item) for item in referent or []),
                may=may,
                must_not=must_not,
                schema=schema,
            )
        except ValueError as error:
            raise UsageError(str(error)) from None
        if no_input and not name:
            answers.name = UNNAMED[answers.language]
        if not no_input:
            flags = {
                "name": name, "language": lang, "preset": preset, "sector": sector, "channels": channel,
                "referents": referent, "may": may, "must_not": must_not,
            }
            answered = {field for field, value in flags.items() if value}
            answers = run_questionnaire(_prompt, typer.echo, answers, answered=answered)
        text = scaffold(answers, str(path))
        _refuse_to_overwrite(path, force)  # again: the file may have appeared during the questionnaire
        atomic_write(path, text)
        _report(path, answers.schema)
    raise typer.Exit(Exit.OK)


def _refuse_to_overwrite(path: Path, force: bool) -> None:
    """A consultant's charter is never replaced by accident."""
    from cmkit.errors import UsageError

    if path.is_dir():
        raise UsageError(f"cannot write {path}: it is a folder; name the playbook file, e.g. {path / 'playbook.yaml'}")
    if (path.exists() or path.is_symlink()) and not force:  # a dangling link is someone's too
        raise UsageError(f"{path} already exists; pass --force to replace it")


def _prompt(question: str, default: str | None, suffix: str, shown: bool) -> str:
    """One answer from the terminal, or the next line of piped stdin; the end of input stops init."""
    from cmkit.errors import UsageError

    try:
        answer = typer.prompt(
            question, default=default, show_default=shown and default is not None, prompt_suffix=suffix
        )
    except typer.Abort:
        typer.echo()  # end the unanswered prompt's line before the error
        raise UsageError("the questionnaire ended before its last answer; nothing was written") from None
    if not sys.stdin.isatty():  # piped answers are not echoed: show them, so the transcript reads
        typer.echo(answer)
    return answer


def _report(path: Path, schema: str) -> None:
    """What was written, what `lint --strict` would still say, and the next steps, on stderr."""
    from cmkit.lint.engine import lint_file

    findings = lint_file(path)
    typer.echo(f"Wrote {path}.", err=True)
    for finding in findings:
        where = f"{finding.file}:{finding.line}:{finding.column}"
        typer.echo(f"  {where}: {finding.code} {finding.message}", err=True)
    schema_file = path.parent / schema
    if "://" not in schema and not schema_file.exists():
        typer.echo(f"Editor completion: cmkit schema > {schema_file}", err=True)
    typer.echo(f"Next: cmkit lint --strict {path}", err=True)
