"""`cmkit simulate`: walk a scenario's events through the process and report breaches and crises."""

from __future__ import annotations

import sys
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cmkit.cli.common import Exit, LangOption, PlaybookOption, exit_on_error, resolve_playbook
from cmkit.i18n import current

#: what `--help` says, in the user's language (no playbook is read to show it)
_ = current()

if TYPE_CHECKING:
    from cmkit.simulate.timeline import Timeline

NAME = "simulate"
HELP = _("Walk a scenario's events through the process: replies, backups, missed deadlines, crises.")
EPILOG = (
    _("Example: cmkit simulate playbooks/scenarios/cascade-24h.fr.yaml --start 2026-03-02T09:00")
)


class Format(str, Enum):
    """The outputs of `simulate`."""

    text = "text"
    json = "json"
    mermaid = "mermaid"


def command(
    scenario: Annotated[
        Path, typer.Argument(help=_("The scenario file (YAML)."), metavar="SCENARIO", show_default=False)
    ],
    playbook: PlaybookOption = None,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help=_("text (a table), json, or mermaid (a Gantt chart)."))
    ] = Format.text,
    start: Annotated[
        str | None,
        typer.Option(
            "--start",
            metavar="YYYY-MM-DDTHH:MM",
            help=_("When the first minute is, e.g. 2026-03-06T15:30 (in hours.timezone without an offset). "
            "Default: the scenario's start:, else Monday 2026-03-02 09:00 when the playbook has hours, "
            "else offsets from the start."),
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Walk SCENARIO through the playbook; exit 1 when an answer is late or `expect:` is not met."""
    with exit_on_error():
        from cmkit.trusted import load_playbook
        from cmkit.simulate.engine import walk
        from cmkit.simulate.expect import unmet
        from cmkit.simulate.load import load_scenario, named_playbook

        from cmkit.i18n import language

        loaded = load_scenario(scenario)
        playbook_path = playbook or named_playbook(loaded, scenario) or resolve_playbook(None)
        trusted = load_playbook(playbook_path)
        lang_code = language(lang, trusted.organization.language)
        start_time = _parse_start(start, lang_code)
        try:
            timeline = walk(loaded, trusted, playbook_name=str(playbook_path), start=start_time)
        except OverflowError:
            from cmkit.errors import UsageError
            from cmkit.i18n import catalogue

            _ = catalogue(lang_code)
            raise UsageError(_("{file}: the scenario runs past the year 9999; start it earlier").format(file=scenario)) from None
        _print(timeline, output_format, lang_code)
        problems = unmet(loaded.expect, timeline, lang_code)
        where = loaded.source.key_at(("expect",))
        for problem in problems:
            print(f"{scenario}:{where.line}:{where.column}: {problem}", file=sys.stderr)
    raise typer.Exit(Exit.FOUND if timeline.breaches or problems else Exit.OK)


def _parse_start(start: str | None, lang: str) -> datetime | None:
    """--start as a datetime, or a usage error naming the expected form."""
    if start is None:
        return None
    from cmkit.errors import UsageError
    from cmkit.i18n import catalogue

    try:
        return datetime.fromisoformat(start)
    except ValueError:
        _ = catalogue(lang)
        raise UsageError(_("--start {value} is not a date and time like 2026-03-02T09:00").format(value=repr(start))) from None


def _print(timeline: Timeline, output_format: Format, lang: str) -> None:
    """The timeline in the chosen format; its start (when it is in the calendar) comes with it."""
    if output_format is Format.json:
        from cmkit.formats.timeline_json import render as render_json

        sys.stdout.write(render_json(timeline))
    elif output_format is Format.mermaid:
        from cmkit.formats.safe_text import printable
        from cmkit.formats.timeline_mermaid import render as render_mermaid

        sys.stdout.write(printable(render_mermaid(timeline, start=timeline.start, lang=lang)))  # text too: shown, never obeyed
    else:
        from cmkit.formats.console import stdout_console
        from cmkit.formats.timeline_text import render as render_text

        stdout_console().print(render_text(timeline, lang=lang))
