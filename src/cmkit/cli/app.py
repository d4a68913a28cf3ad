"""The `cmkit` Typer application: registers one command per module and runs them."""

from __future__ import annotations

import os
import sys

import typer

from cmkit import __version__
from cmkit.cli import (
    check,
    diff,
    drill,
    eval,
    init,
    lint,
    render,
    report,
    review,
    schema,
    simulate,
    suggest,
    test,
    triage,
)
from cmkit.cli.helptext import localized_usage_errors, localized_words, plain_errors, plain_metavars
from cmkit.i18n import current

#: what `--help` says, in the user's language (no playbook is read to show it)
_ = current()

plain_metavars()
plain_errors()
localized_words()
localized_usage_errors()

app = typer.Typer(
    name="cmkit",
    help=(
        _("Turn a community-management charter into something executable: lint it, "
        "ask it whether to answer a message, simulate a crisis, render the charter.")
    ),
    no_args_is_help=True,
    add_completion=True,  # `cmkit --install-completion` (bash, zsh, fish, PowerShell)
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"cmkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help=_("Print the version and exit.")
    ),
) -> None:
    """cmkit: a community-management charter, made executable."""


for module in (lint, check, triage, simulate, render, init, test, schema, diff, eval, suggest, review, report, drill):
    app.command(name=module.NAME, help=module.HELP, epilog=module.EPILOG)(module.command)


def main() -> None:
    """Console-script entry point; a closed pipe (`cmkit triage ... | head`) is not an error."""
    try:
        app()
    except SystemExit as exc:
        if exc.code == 130:  # typer's own answer to a KeyboardInterrupt outside a command's guard
            from cmkit.cli.plain import report_interrupted

            sys.exit(report_interrupted())
        raise
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
