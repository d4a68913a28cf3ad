"""`cmkit render`: the charter, the onboarding guide or the training handout, as md, html, pdf or docx."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from cmkit.cli.common import Exit, PlaybookOption, exit_on_error, refuse_output_over_input, resolve_playbook
from cmkit.i18n import current

#: what `--help` says, in the user's language (no playbook is read to show it)
_ = current()

NAME = "render"
HELP = _("Render the charter, the onboarding guide or the training handout (md, html, pdf, docx).")
EPILOG = _("Example: cmkit render playbooks/maison-dupuis.fr.yaml --doc charter --format pdf")


class Document(str, Enum):
    charter = "charter"
    onboarding = "onboarding"
    handout = "handout"


class Format(str, Enum):
    md = "md"
    html = "html"
    pdf = "pdf"
    docx = "docx"


def command(
    playbook_file: Annotated[
        Path | None,
        typer.Argument(
            metavar="PLAYBOOK",
            help=_("The playbook to render (or -p; default: $CMKIT_PLAYBOOK, then ./playbook.yaml)."),
            show_default=False,
        ),
    ] = None,
    playbook: PlaybookOption = None,
    doc: Annotated[Document, typer.Option("--doc", "-d", help=_("Which document."))] = Document.charter,
    fmt: Annotated[
        Format | None,
        typer.Option("--format", "-f", help=_("Output format. Default: from -o's extension, else html."), show_default=False),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=_("File to write ('-' for stdout). Default: <organisation>-<document>.<format>, e.g. maison-dupuis-charte.pdf."),
            show_default=False,
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help=_("Folder of your own templates (md/, html/, typst/ like the shipped ones), used before them."),
            show_default=False,
        ),
    ] = None,
    no_answers: Annotated[
        bool,
        typer.Option("--no-answers", help=_("Leave the handout's answer key out (a copy for trainees).")),
    ] = False,
) -> None:
    with exit_on_error():
        from cmkit.errors import UsageError
        from cmkit.io import atomic_write
        from cmkit.trusted import load_playbook
        from cmkit.render.documents import default_file_name
        from cmkit.render.engine import render

        from cmkit.i18n import catalogue, language

        if playbook_file is not None and playbook is not None and playbook_file != playbook:
            _ = catalogue(language())
            raise UsageError(_("two playbooks given ({first} and -p {second}): pass only one").format(
                first=playbook_file, second=playbook))
        playbook_path = resolve_playbook(playbook_file or playbook)
        refuse_output_over_input(output, [playbook_path])
        loaded = load_playbook(playbook_path)
        _ = catalogue(language(None, loaded.organization.language))
        fmt = fmt or _format_of(output)
        binary = fmt in (Format.pdf, Format.docx)
        if str(output) == "-" and binary and sys.stdout.isatty():
            raise UsageError(_("refusing to print a {format} file to the terminal: pass -o FILE or pipe it").format(
                format=fmt.value))
        data = render(loaded, doc.value, fmt.value, templates, answers=not no_answers)
        if str(output) == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            raise typer.Exit(Exit.OK)
        target = output or Path(default_file_name(loaded, doc.value, fmt.value))
        refuse_output_over_input(target, [playbook_path])
        atomic_write(target, data)
        print(_("wrote {path} ({size})").format(path=target, size=_size(len(data), loaded.organization.language)))
    raise typer.Exit(Exit.OK)


def _format_of(output: Path | None) -> Format:
    """The format -o's extension names (`charte.pdf` → pdf); html when it names none."""
    suffix = output.suffix.lstrip(".").lower() if output is not None else ""
    return Format(suffix) if suffix in Format.__members__ else Format.html


def _size(count: int, lang: str) -> str:
    """A file's size as its language writes it: « 202 Ko », "202 KB"."""
    if lang == "fr":
        return f"{count / 1024:.0f}\u00a0Ko" if count >= 1024 else f"{count}\u00a0octets"
    return f"{count / 1024:.0f} KB" if count >= 1024 else f"{count} bytes"
