"""The rich consoles every text formatter prints through (NO_COLOR is honoured by rich itself)."""

from __future__ import annotations

import sys

from rich.console import Console


def stdout_console() -> Console:
    """A console on stdout: colour on a terminal, plain text in a pipe or with NO_COLOR."""
    return Console(file=sys.stdout, highlight=False, soft_wrap=False)


def stderr_console() -> Console:
    """A console on stderr, for progress bars and summaries that must not pollute stdout."""
    return Console(file=sys.stderr, highlight=False, soft_wrap=False)
