"""The parts of the command line that need no typer: finding the playbook, one-line errors.

`cmkit check` runs them before typer is even imported (see cmkit.cli.entry);
cmkit.cli.common re-exports them for every other command.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from cmkit.errors import UsageError


def resolve_playbook(option: Path | None) -> Path:
    """The playbook to use: -p, then $CMKIT_PLAYBOOK, then ./playbook.yaml."""
    if option is not None:
        return option
    from_env = os.environ.get("CMKIT_PLAYBOOK")
    if from_env:
        return Path(from_env)
    default = Path("playbook.yaml")
    if not default.exists():
        raise UsageError(
            "no playbook given: pass -p FILE, set CMKIT_PLAYBOOK, or run where playbook.yaml is"
        )
    return default


def error_line(message: str) -> None:
    """Print one sentence to stderr."""
    print(f"error: {message}", file=sys.stderr)


def silence_closed_stdout() -> None:
    """After a BrokenPipeError (`cmkit ... | head`): point stdout at /dev/null so exiting is quiet."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
