"""`cmkit simulate`: walk a scenario's events through the process and report breaches and crises."""

from __future__ import annotations

import sys
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cmkit.cli.common import Exit, PlaybookOption, exit_on_error, resolve_playbook

if TYPE_CHECKING:
    from cmkit.simulate.timeline import Timeline

NAME = "simulate"
HELP = "Walk a scenario's events through the process: replies, backups, missed deadlines, crises."
EPILOG = (
    "Example: cmkit simulate playbooks/scenarios/cascade-24h.fr.yaml --start 2026-03-02T09:00"
)


class Format(str, Enum):
    """The outputs of `simulate`."""

    text = "text"
    json = "json"
    mermaid = "mermaid"


def command(
    scenario: Annotated[
        Path, typer.Argument(help="The scenario file (YAML).", metavar="SCENARIO", show_default=False)
    ],
    playbook: PlaybookOption = None,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="text (a table), json, or mermaid (a Gantt chart).")
    ] = Format.text,
    start: Annotated[
        str | None,
        typer.Option(
            "--start",
            metavar="YYYY-MM-DDTHH:MM",
            help="Wall-clock time of the first minute, e.g. 2026-03-02T09:00: times instead of offsets.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Walk SCENARIO through the playbook; exit 1 when an answer is late or `expect:` is not met."""
    with exit_on_error():
        from cmkit.trusted import load_playbook
        from cmkit.simulate.engine import walk
        from cmkit.simulate.expect import unmet
        from cmkit.simulate.load import load_scenario, named_playbook

        start_time = _parse_start(start)
        loaded = load_scenario(scenario)
        playbook_path = playbook or named_playbook(loaded, scenario) or resolve_playbook(None)
        timeline = walk(loaded, load_playbook(playbook_path), playbook_name=str(playbook_path))
        _print(timeline, output_format, start_time)
        problems = unmet(loaded.expect, timeline)
        where = loaded.source.key_at(("expect",))
        for problem in problems:
            print(f"{scenario}:{where.line}:{where.column}: {problem}", file=sys.stderr)
    raise typer.Exit(Exit.FOUND if timeline.breaches or problems else Exit.OK)


def _parse_start(start: str | None) -> datetime | None:
    """--start as a datetime, or a usage error naming the expected form."""
    if start is None:
        return None
    from cmkit.errors import UsageError

    try:
        return datetime.fromisoformat(start)
    except ValueError:
        raise UsageError(f"--start {start!r} is not a date and time like 2026-03-02T09:00") from None


def _print(timeline: Timeline, output_format: Format, start: datetime | None) -> None:
    if output_format is Format.json:
        from cmkit.formats.timeline_json import render as render_json

        sys.stdout.write(render_json(timeline, start=start))
    elif output_format is Format.mermaid:
        from cmkit.formats.timeline_mermaid import render as render_mermaid

        sys.stdout.write(render_mermaid(timeline, start=start))
    else:
        from cmkit.formats.console import stdout_console
        from cmkit.formats.timeline_text import render as render_text

        stdout_console().print(render_text(timeline, start=start))
