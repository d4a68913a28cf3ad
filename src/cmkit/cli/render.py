"""`cmkit render`: not written yet (placeholder so the app can register every command)."""

from __future__ import annotations

import typer

NAME = "render"
HELP = "Not written yet."
EPILOG = None


def command() -> None:
    raise typer.Exit(2)
