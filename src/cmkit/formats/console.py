"""The rich consoles every text formatter prints through.

With NO_COLOR set (no-color.org), nothing is styled at all: rich alone would
drop the colours but keep bold and dim, which are escape codes too. Rich pads
table cells to the width of the console; in a pipe or a file those trailing
spaces are noise (and break `diff`), so stdout drops them when it is no
terminal.

Every console escapes the characters that would act on a terminal (ESC, the
other controls, bidi overrides) in the text it prints, while keeping its own
styles: text from a playbook or a message is shown, never obeyed
(see cmkit.formats.safe_text). That is done here, once, so that every
formatter printing through these consoles is covered.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from typing import TextIO

from rich.console import Console
from rich.segment import Segment

from cmkit.formats.safe_text import printable


class SafeConsole(Console):
    """A rich console that escapes terminal controls in the text it is given, not in its own styles."""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            segment if segment.control else Segment(printable(segment.text), segment.style, None)
            for segment in buffer
        )


def _console(file: TextIO) -> Console:
    plain = bool(os.environ.get("NO_COLOR"))
    return SafeConsole(file=file, highlight=False, soft_wrap=False, color_system=None if plain else "auto")


def write_plain(console: Console, lines: Iterable[str]) -> None:
    """Write unstyled lines straight to a console's file (no layout: fast), escaped like everything it prints."""
    console.file.write("".join(f"{printable(line)}\n" for line in lines))
    console.file.flush()


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
