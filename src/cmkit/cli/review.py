"""`cmkit review`: is my reply all right? A draft public reply checked against the charter."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from cmkit.cli.common import Exit, LangOption, PlaybookOption, exit_on_error, resolve_playbook
from cmkit.i18n import current

#: what `--help` says, in the user's language (no playbook is read to show it)
_ = current()

NAME = "review"
HELP = _("Check a draft public reply against the charter: address, forbidden phrases, promises, emoji, signature, length, personal data.")
EPILOG = _('Example: cmkit review -p playbooks/maison-dupuis.fr.yaml --topic livraison --channel twitter "Bonjour, ..."')


class Format(str, Enum):
    """The outputs of `review`."""

    text = "text"
    json = "json"


def command(
    draft: Annotated[
        str | None,
        typer.Argument(
            metavar="DRAFT", help=_("The draft reply. Without it (or with -), it is read from stdin."), show_default=False
        ),
    ] = None,
    topic: Annotated[
        str | None, typer.Option("--topic", "-t", help=_("The topic the reply answers (its id)."), show_default=False)
    ] = None,
    channel: Annotated[
        str | None,
        typer.Option("--channel", "-c", help=_("The channel it will be posted on (id or alias)."), show_default=False),
    ] = None,
    author: Annotated[
        str | None,
        typer.Option("--author", help=_("The handle the reply answers (@camille): any other @handle is flagged."), show_default=False),
    ] = None,
    output_format: Annotated[Format, typer.Option("--format", "-f", help=_("text or json (one array)."))] = Format.text,
    playbook: PlaybookOption = None,
    lang: LangOption = None,
) -> None:
    """Review DRAFT; exit 1 when a finding is an error (do not post it as it is)."""
    with exit_on_error():
        from cmkit.i18n import catalogue, language
        from cmkit.trusted import load_playbook
        from cmkit.review.context import find_channel, find_topic
        from cmkit.review.engine import failed, review

        path = resolve_playbook(playbook)
        loaded = load_playbook(path)
        lang = language(lang, loaded.organization.language)
        _ = catalogue(lang)
        context = {
            "topic": find_topic(loaded, topic, str(path), _),
            "channel": find_channel(loaded, channel, str(path), _),
        }
        text = _draft_text(draft, _)
        findings = review(text, loaded, lang=lang, author=author, **context)
        _print(findings, text, lang, output_format)
    raise typer.Exit(Exit.FOUND if failed(findings) else Exit.OK)


def _draft_text(draft: str | None, _) -> str:
    """DRAFT, or stdin without one trailing newline; never waits on a terminal."""
    from cmkit.errors import UsageError

    if draft is None or draft == "-":
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageError(_("no draft: pass it as DRAFT, or pipe it on stdin"))
        from cmkit.cli.check_fast import stdin_text

        draft = stdin_text(_)
        if draft.endswith("\r\n"):
            draft = draft[:-2]
        elif draft.endswith("\n"):
            draft = draft[:-1]
    if not draft.strip():
        raise UsageError(_("the draft is empty"))
    return draft


def _print(findings, text: str, lang: str, output_format: Format) -> None:
    if output_format is Format.json:
        from cmkit.formats.review_json import render

        print(render(findings))
        return
    from cmkit.formats import review_text
    from cmkit.formats.console import stdout_console

    console = stdout_console()
    rendered = review_text.lines(findings, text, lang, console.width)
    if console.color_system is None:
        console.file.write("".join(f"{line.plain}\n" for line in rendered))
        console.file.flush()
    else:
        for line in rendered:
            console.print(line, soft_wrap=True)
