"""`cmkit init [PATH]`: start a client's charter from a sector preset and a short questionnaire."""

from __future__ import annotations

import sys
from dataclasses import replace
from enum import Enum
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cmkit.cli.common import Exit, exit_on_error
from cmkit.i18n import current
from cmkit.i18n import language as default_language

#: what `--help` says, in the user's language (no playbook is read to show it)
_ = current()

if TYPE_CHECKING:
    from cmkit.i18n import Catalogue

NAME = "init"
HELP = _("Start a playbook from a sector preset and a short questionnaire (or flags, with --no-input).")
EPILOG = (
    _("Example: cmkit init charte.yaml --no-input --name 'Le Fournil' --lang fr --preset local "
    "--channel instagram=2h --channel google=1d "
    "--referent 'gerance=Léa Morel,1h,-,lea@lefournil.fr,06 12 34 56 78' --remove-referent associe. "
    "cmkit init --list-presets says whom each preset is for. "
    "cmkit init charte.yaml --preset food --from-history historique.csv: the history's labels become "
    "the topics, their keywords learned as `cmkit suggest` learns them.")
)


class Language(str, Enum):
    fr = "fr"
    en = "en"


def command(
    path: Annotated[Path, typer.Argument(metavar="PATH", help=_("Where to write the playbook."))] = Path("playbook.yaml"),
    name: Annotated[str | None, typer.Option(metavar="TEXT", help=_("The organisation's name."))] = None,
    lang: Annotated[
        Language | None,
        typer.Option(help=_("Language of the charter and its comments. Default: $CMKIT_LANG, then the system's language, else en.")),
    ] = None,
    preset: Annotated[
        str | None,
        typer.Option(
            metavar="retail|food|saas|public|local",
            help=_("Sector preset to start from (topics, referents, autonomy). Default: retail."),
            show_default=False,
        ),
    ] = None,
    sector: Annotated[
        str | None, typer.Option(metavar="TEXT", help=_("The sector, in words. Default: the preset's."))
    ] = None,
    channel: Annotated[
        list[str] | None,
        typer.Option(metavar="ID=DELAY", help=_("Repeatable: a channel and the response the public expects there.")),
    ] = None,
    referent: Annotated[
        list[str] | None,
        typer.Option(
            metavar="ID=NAME[,DELAY[,BACKUP[,EMAIL[,PHONE]]]]",
            help=_("Repeatable: a referent of the preset (changed) or a new one (any id); BACKUP - for none."),
        ),
    ] = None,
    remove_referent: Annotated[
        list[str] | None,
        typer.Option(
            metavar="ID", help=_("Repeatable: a preset referent the client does not have; their backup takes over.")
        ),
    ] = None,
    on_call: Annotated[
        list[str] | None,
        typer.Option(metavar="ID", help=_("Repeatable: a referent who answers outside office hours too.")),
    ] = None,
    timezone: Annotated[
        str | None, typer.Option(metavar="ZONE", help=_("The office's time zone, e.g. Europe/Paris."))
    ] = None,
    hours: Annotated[
        str | None,
        typer.Option(metavar="HOURS", help=_("Office hours, e.g. 'mon-fri 09:00-18:00; sat 10:00-12:30'.")),
    ] = None,
    doc_version: Annotated[
        str | None, typer.Option("--doc-version", metavar="TEXT", help=_("The charter's version. Default: 1.0."))
    ] = None,
    author: Annotated[
        str | None, typer.Option(metavar="TEXT", help=_("Who wrote the charter (you, your firm)."))
    ] = None,
    approved_by: Annotated[
        list[str] | None,
        typer.Option(metavar="ID", help=_("Repeatable: a referent who approved it. Default: the crisis lead.")),
    ] = None,
    list_presets: Annotated[
        bool, typer.Option("--list-presets", help=_("List the presets and whom each is for, then exit."))
    ] = False,
    may: Annotated[
        list[str] | None, typer.Option(metavar="TEXT", help=_("Repeatable: what the CM may do alone."))
    ] = None,
    must_not: Annotated[
        list[str] | None,
        typer.Option(metavar="TEXT", help=_("Repeatable: what the CM never does without sign-off.")),
    ] = None,
    schema: Annotated[
        str,
        typer.Option(metavar="URL|PATH", help=_("The JSON Schema named in the modeline, for editor completion.")),
    ] = "playbook.schema.json",
    from_history: Annotated[
        Path | None,
        typer.Option(
            "--from-history",
            metavar="FILE",
            help=_("A labelled history, read as `cmkit eval` reads it (expect_topic, expect_action): its "
            "labels become the topics, with keywords learned as `cmkit suggest` learns them and 3 examples each."),
            show_default=False,
        ),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help=_("Ask nothing: the flags and the preset decide."))
    ] = False,
    force: Annotated[bool, typer.Option("--force", help=_("Replace PATH if it exists."))] = False,
) -> None:
    """Write a commented playbook that passes `cmkit lint`; never overwrite without --force."""
    with exit_on_error():
        from cmkit.errors import UsageError
        from cmkit.i18n import catalogue
        from cmkit.io import atomic_write
        from cmkit.scaffold.engine import UNNAMED, Answers, Referent, scaffold
        from cmkit.scaffold.presets import PRESETS
        from cmkit.scaffold.questionnaire import (
            parse_channels,
            parse_choice,
            parse_id,
            parse_line,
            parse_open_hours,
            parse_referent,
            parse_timezone,
            run_questionnaire,
        )

        if list_presets:
            _list_presets(lang.value if lang else None)
            raise typer.Exit(Exit.OK)
        language = lang.value if lang else default_language()  # $CMKIT_LANG, the locale, else English
        _ = catalogue(language)
        _refuse_to_overwrite(path, force, _)
        if not path.parent.is_dir():
            raise UsageError(
                _("cannot write {path}: the folder {folder} does not exist").format(path=path, folder=path.parent)
            )
        if from_history is not None:
            _check_history(from_history, path, _)

        def flag(option: str, values: list[str] | None, parse: Callable[[str], Any]) -> list[Any]:
            return [_flag(option, value, parse, language) for value in values or []]

        referents = dict(flag("--referent", referent, lambda item: parse_referent(item, language)))
        for contact_id in flag("--on-call", on_call, parse_id):
            referents[contact_id] = replace(referents.get(contact_id, Referent()), on_call=True)
        channels: dict[str, int] = {}
        for given in flag("--channel", channel, parse_channels):
            channels.update(given)
        answers = Answers(
            name=_one(flag("--name", [name] if name else None, parse_line)) or "",
            language=language,
            preset=_one(flag("--preset", [preset] if preset else None, lambda t: parse_choice(t, PRESETS))) or "retail",
            sector=_one(flag("--sector", [sector] if sector else None, parse_line)) or None,
            channels=channels or None,
            referents=referents,
            removed=flag("--remove-referent", remove_referent, parse_id),
            may=may,
            must_not=must_not,
            schema=schema,
            timezone=_one(flag("--timezone", [timezone] if timezone else None, parse_timezone)),
            open_hours=_one(flag("--hours", [hours] if hours else None, parse_open_hours)),
            version=_one(flag("--doc-version", [doc_version] if doc_version else None, parse_line)) or None,
            author=_one(flag("--author", [author] if author else None, parse_line)) or None,
            approved_by=flag("--approved-by", approved_by, parse_id) if approved_by else None,
            history=from_history,
        )
        if no_input and not name:
            answers.name = UNNAMED[answers.language]
        if not no_input:
            flags = {
                "name": name, "language": lang, "preset": preset, "sector": sector, "channels": channel,
                "hours": timezone or hours, "referents": referent or remove_referent or on_call,
                "may": may, "must_not": must_not, "document": doc_version or author or approved_by,
            }
            answered = {field for field, value in flags.items() if value}
            answers = run_questionnaire(_prompt, typer.echo, answers, answered=answered)
        text = scaffold(answers, str(path))
        _refuse_to_overwrite(path, force, _)  # again: the file may have appeared during the questionnaire
        atomic_write(path, text)
        _report(path, answers.schema, answers.language)
    raise typer.Exit(Exit.OK)


def _list_presets(lang: str | None) -> None:
    """Each preset and whom it is for, in the user's language."""
    from cmkit.i18n import language
    from cmkit.scaffold.presets import PRESETS, for_whom

    chosen = language(lang)
    for preset in PRESETS:
        typer.echo(f"{preset:<8} {for_whom(preset, chosen)}")


def _one(values: list[Any]) -> Any:
    """The parsed value of a flag given once, or None when it was not given."""
    return values[0] if values else None


def _flag(option: str, value: str, parse: Callable[[str], Any], language: str) -> Any:
    """A flag's value parsed as the questionnaire parses the same answer; refused in one sentence
    that names the option and the value, in the charter's language."""
    from cmkit.errors import UsageError
    from cmkit.i18n import catalogue
    from cmkit.scaffold.questionnaire import Refusal, printable

    try:
        return parse(value)
    except Refusal as refusal:
        _ = catalogue(language)
        raise UsageError(
            _("{option} {value}: {reason}").format(option=option, value=printable(value), reason=refusal.say(language))
        ) from None
    except ValueError as error:
        _ = catalogue(language)
        raise UsageError(
            _("{option} {value}: {reason}").format(option=option, value=printable(value), reason=error)
        ) from None


def _check_history(history: Path, path: Path, _: Catalogue) -> None:
    """A history that cannot be read is said before the questionnaire, not after it."""
    from cmkit.decide.triage import input_format
    from cmkit.errors import UsageError

    if not history.is_file():
        raise UsageError(_("cannot read {path}: no such file").format(path=history))
    input_format(history)
    if path.resolve() == history.resolve():
        raise UsageError(_("{path} is the history init learns from; write the playbook elsewhere").format(path=path))


def _refuse_to_overwrite(path: Path, force: bool, _: Catalogue) -> None:
    """A consultant's charter is never replaced by accident."""
    from cmkit.errors import UsageError

    if path.is_dir():
        raise UsageError(
            _("cannot write {path}: it is a folder; name the playbook file, e.g. {example}").format(
                path=path, example=path / "playbook.yaml"
            )
        )
    if (path.exists() or path.is_symlink()) and not force:  # a dangling link is someone's too
        raise UsageError(_("{path} already exists; pass --force to replace it").format(path=path))


def _prompt(question: str, default: str | None, suffix: str, shown: bool) -> str:
    """One answer from the terminal, or the next line of piped stdin; the end of input stops init."""
    from cmkit.errors import UsageError

    try:
        answer = typer.prompt(
            question, default=default, show_default=shown and bool(default), prompt_suffix=suffix
        )
    except typer.Abort:
        from cmkit.i18n import catalogue
        from cmkit.scaffold.questionnaire import SUFFIX

        typer.echo()  # end the unanswered prompt's line before the error
        # the question's suffix is the charter's typography, so it tells the language asked in
        language = next((lang for lang, end in SUFFIX.items() if end == suffix), "en")
        _ = catalogue(language)
        raise UsageError(_("the questionnaire ended before its last answer; nothing was written")) from None
    if not sys.stdin.isatty():  # piped answers are not echoed: show them, so the transcript reads
        typer.echo(answer)
    return answer


def _report(path: Path, schema: str, lang: str) -> None:
    """What was written, what `lint --strict` would still say, and the next steps, on stderr,
    in the charter's language."""
    from cmkit.i18n import catalogue
    from cmkit.lint.engine import lint_file

    _ = catalogue(lang)
    findings = lint_file(path)
    typer.echo(_("Charter written to {path}.").format(path=path), err=True)
    to_finish = [finding for finding in findings if finding.severity != "info"]
    if to_finish:
        typer.echo(
            _.n(
                "{count} thing to finish before it is delivered (cmkit lint --strict):",
                "{count} things to finish before it is delivered (cmkit lint --strict):",
                len(to_finish),
            ).format(count=len(to_finish)),
            err=True,
        )
    for finding in to_finish:
        where = f"{finding.file}:{finding.line}:{finding.column}"
        typer.echo(f"  {where}: {finding.code} {finding.message}", err=True)
    schema_file = path.parent / schema
    if "://" not in schema and not schema_file.exists():
        typer.echo(_("Editor completion: cmkit schema > {file}").format(file=schema_file), err=True)
    typer.echo(_("Next: cmkit lint --strict {path}").format(path=path), err=True)
