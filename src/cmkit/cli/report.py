"""`cmkit report`: the figures of a journal of decided messages, for the terminal or the recipients."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cmkit.cli.common import Exit, LangOption, PlaybookOption, exit_on_error, refuse_output_over_input, resolve_playbook
from cmkit.i18n import current

#: what `--help` says, in the user's language (no playbook is read to show it)
_ = current()

if TYPE_CHECKING:
    from cmkit.clock import Clock
    from cmkit.report.engine import Bounds

NAME = "report"
HELP = _("Figures of a journal (triage output with at, and answered_at): volumes, deadlines kept, crises.")
EPILOG = (
    _("Example: cmkit report -p playbooks/maison-dupuis.fr.yaml journal.jsonl --format pdf -o rapport.pdf")
)


class Format(str, Enum):
    """The outputs of `report`."""

    text = "text"
    json = "json"
    md = "md"
    html = "html"
    pdf = "pdf"


def command(
    journal: Annotated[
        Path,
        typer.Argument(metavar="JOURNAL", help=_("triage's output (.jsonl or .csv), with answered_at when known."), show_default=False),
    ],
    playbook: PlaybookOption = None,
    start: Annotated[
        str | None,
        typer.Option("--from", metavar="DATE|TIME", help=_("First day (or time) of the period, included."), show_default=False),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", metavar="DATE|TIME", help=_("Last day (or time) of the period, included."), show_default=False),
    ] = None,
    output_format: Annotated[
        Format | None,
        typer.Option("--format", "-f", help=_("text, json, md, html or pdf. Default: from -o's extension, else text."), show_default=False),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help=_("Write here (atomically) instead of stdout."), show_default=False),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Report on JOURNAL over the period: --from/--to, else the last reporting.frequency period."""
    with exit_on_error():
        from cmkit.clock import Clock
        from cmkit.i18n import catalogue, language
        from cmkit.trusted import load_playbook
        from cmkit.report.engine import build_report
        from cmkit.report.journal import read_journal

        chosen = output_format or _format_of(output)
        playbook_path = resolve_playbook(playbook)
        loaded = load_playbook(playbook_path)
        lang_code = language(lang, loaded.organization.language)
        refuse_output_over_input(output, [journal, playbook_path], lang_code)
        _ = catalogue(lang_code)
        clock = Clock(loaded.hours.model_dump(mode="json") if loaded.hours else None)
        bounds = _bounds(clock, start, end, _)
        frequency = loaded.reporting.frequency if loaded.reporting else None
        report = build_report(read_journal(journal), clock, bounds=bounds, frequency=frequency)
        for problem in report.problems:
            print(
                _("{file}:{line}: not counted: {reason}").format(file=journal, line=problem.line, reason=_(problem.reason)),
                file=sys.stderr,
            )
        hidden = report.unreadable - len(report.problems)
        if report.problems and hidden > 0:
            print(
                _.n("{count} more record not counted", "{count} more records not counted", hidden).format(count=hidden),
                file=sys.stderr,
            )
        _write(chosen, output, report, loaded, clock, lang_code)
    raise typer.Exit(Exit.OK)


def _format_of(output: Path | None) -> Format:
    if output is not None and output.suffix.lower().lstrip(".") in Format.__members__:
        return Format(output.suffix.lower().lstrip("."))
    return Format.text


def _bounds(clock: Clock, start: str | None, end: str | None, _) -> Bounds | None:
    """--from/--to as instants, or a usage error naming the expected forms."""
    from cmkit.errors import UsageError
    from cmkit.report.engine import Bounds, parse_bound

    if start is None and end is None:
        return None
    parsed = {}
    for option, value, upper in (("--from", start, False), ("--to", end, True)):
        if value is None:
            continue
        try:
            parsed[option] = parse_bound(clock, value, upper=upper)
        except (ValueError, OverflowError):
            raise UsageError(
                _("{option} {value!r} is not a date or a time like 2026-03-02 or 2026-03-02T09:00").format(
                    option=option, value=value
                )
            ) from None
    first, last = parsed.get("--from"), parsed.get("--to")
    if first is not None and last is not None and first > last:
        raise UsageError(_("--from {start} comes after --to {end}: the period is empty").format(start=start, end=end))
    return Bounds(first, last)


def _write(chosen: Format, output: Path | None, report, playbook, clock, lang: str) -> None:
    from cmkit.io import atomic_write

    if chosen is Format.text and output is None:
        from cmkit.formats.console import stdout_console
        from cmkit.formats.report_text import render as render_text

        stdout_console().print(render_text(report, playbook, clock, lang))
        return
    data: str | bytes
    if chosen is Format.json:
        from cmkit.formats.report_json import render as render_json

        data = render_json(report, clock)
    elif chosen is Format.text:
        from cmkit.formats.report_text import plain

        data = plain(report, playbook, clock, lang)
    else:
        from cmkit.formats.report_document import render_document

        data = render_document(chosen.value, report, playbook, clock, lang)
    if output is None or str(output) == "-":
        if isinstance(data, bytes):
            if sys.stdout.isatty():
                from cmkit.errors import UsageError

                from cmkit.i18n import catalogue

                raise UsageError(catalogue(lang)("a PDF is not for the terminal: write it to a file with -o report.pdf"))
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            sys.stdout.write(data)
        return
    atomic_write(output, data)
