"""The `cmkit` console script: a plain `cmkit check` or `cmkit triage` runs before typer is imported.

Everything else, and any invocation the plain parsers are unsure about
(help, an unknown option, a bad value), goes to the typer application.
"""

from __future__ import annotations

# First, before any other import: a Ctrl-C or SIGTERM that lands while Python imports the
# rest (typer, pydantic: tens of milliseconds) is only noted here, and `main` ends the run
# with one line and the shell's code for it. `_signal` is the C module `signal` wraps: it
# is ready at once, where `signal` itself first imports enum and functools.
import _signal

_early_signals: list[int] = []


def _noted_early(signum: int, frame: object) -> None:
    _early_signals.append(signum)


_signal.signal(_signal.SIGINT, _noted_early)
_signal.signal(_signal.SIGTERM, _noted_early)

import os  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402

from cmkit.cli.plain import error_line, note_signal, report_interrupted, signal_number  # noqa: E402


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM unwinds like Ctrl-C, so a file being written is removed, not left half-done."""
    note_signal(signum)
    raise KeyboardInterrupt


def _unraisable(hook: object) -> None:
    """A signal that landed in a callback Python cannot unwind from (an import lock's, a
    `__del__`) would be printed as "Exception ignored" and lost: have it land again a moment
    later (a one-shot SIGALRM), once this hook has returned, where it unwinds. Sending it at
    once would raise inside this very hook, which cannot unwind either."""
    if isinstance(getattr(hook, "exc_value", None), KeyboardInterrupt):
        signal.signal(signal.SIGALRM, _interrupt_again)
        signal.setitimer(signal.ITIMER_REAL, 0.005)
        return
    sys.__unraisablehook__(hook)  # type: ignore[arg-type]


def _interrupt_again(signum: int, frame: object) -> None:
    """The signal noted by `_unraisable`, landing where it unwinds (its number kept)."""
    raise KeyboardInterrupt


def main() -> None:
    """Run `cmkit`: an interruption at any moment, imports included, ends in one line and
    the shell's code for the signal (130 for Ctrl-C, 143 for SIGTERM), never a traceback."""
    signal.signal(signal.SIGTERM, _terminated)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.unraisablehook = _unraisable
    try:
        if _early_signals:
            note_signal(_early_signals[0])
            raise KeyboardInterrupt
        _main()
    except KeyboardInterrupt:
        sys.exit(report_interrupted())


def _main() -> None:
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
    from cmkit.cli.plain import silence_closed_stdout
    from cmkit.errors import CmkitError
    from cmkit.i18n import set_language

    set_language(options.get("lang"))
    try:
        return run(**options) or 0
    except CmkitError as exc:
        error_line(str(exc), exc.lang)
        return 2
    except KeyboardInterrupt:
        return report_interrupted()
    except BrokenPipeError:  # `cmkit check ... | head -1`
        silence_closed_stdout()
    return 0
