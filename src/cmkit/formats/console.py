"""The rich consoles every text formatter prints through.

With NO_COLOR set (no-color.org), nothing is styled at all: rich alone would
drop the colours but keep bold and dim, which are escape codes too. Rich pads
table cells to the width of the console; in a pipe or a file those trailing
spaces are noise (and break `diff`), so stdout drops them when it is no
terminal.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TextIO

from rich.console import Console


def _console(file: TextIO) -> Console:
    plain = bool(os.environ.get("NO_COLOR"))
    return Console(file=file, highlight=False, soft_wrap=False, color_system=None if plain else "auto")


class _TrimmedLines:
    """A text stream that drops the spaces rich leaves at the end of each line."""

    _TRAILING = re.compile(r"[ \t]+(?=\n)")

    def __init__(self, file: TextIO) -> None:
        self._file = file
        self._pending = ""

    def write(self, text: str) -> int:
        joined = self._pending + text
        end = joined.rfind("\n") + 1
        self._pending = joined[end:]
        self._file.write(self._TRAILING.sub("", joined[:end]))
        return len(text)

    def flush(self) -> None:
        if self._pending.strip():
            self._file.write(self._pending)
            self._pending = ""
        self._file.flush()

    def isatty(self) -> bool:
        return False


def stdout_console() -> Console:
    """A console on stdout: colour on a terminal, plain text without padding in a pipe or with NO_COLOR."""
    if sys.stdout.isatty():
        return _console(sys.stdout)
    return _console(_TrimmedLines(sys.stdout))  # type: ignore[arg-type]


def stderr_console() -> Console:
    """A console on stderr, for progress bars and summaries that must not pollute stdout."""
    return _console(sys.stderr)
