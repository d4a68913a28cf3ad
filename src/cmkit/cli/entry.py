"""The `cmkit` console script: a plain `cmkit check` or `cmkit triage` runs before typer is imported.

Everything else, and any invocation the plain parsers are unsure about
(help, an unknown option, a bad value), goes to the typer application.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM unwinds like Ctrl-C, so a file being written is removed, not left half-done."""
    raise KeyboardInterrupt


def main() -> None:
    """Run `cmkit`."""
    signal.signal(signal.SIGTERM, _terminated)
    argv = sys.argv[1:]
    if argv[:1] == ["check"]:
        from cmkit.cli import check_fast as fast
    elif argv[:1] == ["triage"]:
        from cmkit.cli import triage_fast as fast
    else:
        fast = None
    options = fast.parse(argv[1:]) if fast is not None else None
    if options is not None:
        sys.exit(_run_plain(fast.run, options))
    from cmkit.cli.app import main as typer_main

    typer_main()


def _run_plain(run: Callable[..., int | None], options: dict) -> int:
    """The exit code of a plain run (`run` returns it, or None for 0), with the same error
    lines as every command."""
    from cmkit.cli.plain import error_line, silence_closed_stdout
    from cmkit.errors import CmkitError
    from cmkit.i18n import set_language

    set_language(options.get("lang"))
    try:
        return run(**options) or 0
    except CmkitError as exc:
        error_line(str(exc), exc.lang)
        return 2
    except KeyboardInterrupt:
        error_line("interrupted")
        return 130
    except BrokenPipeError:  # `cmkit check ... | head -1`
        silence_closed_stdout()
    return 0
