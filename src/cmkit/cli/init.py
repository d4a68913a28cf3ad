"""`cmkit init`: not written yet (placeholder so the app can register every command)."""

from __future__ import annotations

import typer

NAME = "init"
HELP = "Not written yet."
EPILOG = None


def command() -> None:
    raise typer.Exit(2)
