"""The rich consoles every text formatter prints through.

With NO_COLOR set (no-color.org), nothing is styled at all: rich alone would
drop the colours but keep bold and dim, which are escape codes too.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from rich.console import Console


def _console(file: TextIO) -> Console:
    plain = bool(os.environ.get("NO_COLOR"))
    return Console(file=file, highlight=False, soft_wrap=False, color_system=None if plain else "auto")


def stdout_console() -> Console:
    """A console on stdout: colour on a terminal, plain text in a pipe or with NO_COLOR."""
    return _console(sys.stdout)


def stderr_console() -> Console:
    """A console on stderr, for progress bars and summaries that must not pollute stdout."""
    return _console(sys.stderr)
