"""The `cmkit` console script: a plain `cmkit check` runs before typer is imported.

Everything else, and any `check` invocation the plain parser is unsure about
(help, an unknown option, a bad value), goes to the typer application.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run `cmkit`."""
    argv = sys.argv[1:]
    if argv[:1] == ["check"]:
        from cmkit.cli.check_fast import parse

        options = parse(argv[1:])
        if options is not None:
            sys.exit(_run_check(options))
    from cmkit.cli.app import main as typer_main

    typer_main()


def _run_check(options: dict) -> int:
    """The exit code of `check`, with the same error lines as every command."""
    from cmkit.cli.check_fast import run
    from cmkit.cli.plain import error_line, silence_closed_stdout
    from cmkit.errors import CmkitError

    try:
        run(**options)
    except CmkitError as exc:
        error_line(str(exc))
        return 2
    except KeyboardInterrupt:
        error_line("interrupted")
        return 130
    except BrokenPipeError:  # `cmkit check ... | head -1`
        silence_closed_stdout()
    return 0
