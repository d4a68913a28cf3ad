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
        from cmkit.i18n import current

        _ = current()
        raise UsageError(
            _("no playbook given: pass -p FILE, set CMKIT_PLAYBOOK, or run where playbook.yaml is")
        )
    return default


def plain_options(argv: list[str], options: dict[str, str], positional: str) -> dict | None:
    """The values of a plain invocation, by the names in `options` (spelling -> name) and
    `positional` for its one argument (None if absent); None for anything else, such as help,
    an unknown or repeated option, or a second argument: typer's turn."""
    found: dict = {positional: None}
    positional_only = False
    args = iter(argv)
    for arg in args:
        if positional_only or arg == "-" or not arg.startswith("-"):
            if found[positional] is not None:
                return None
            found[positional] = arg
        elif arg == "--":
            positional_only = True
        else:
            name, _, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
            if name not in options or options[name] in found:
                return None
            value = inline or next(args, None)
            if value is None:
                return None
            found[options[name]] = value
    return found


#: The signal that interrupted the run: Ctrl-C (SIGINT) unless SIGTERM's handler says otherwise.
_interrupted_by = [2]


def note_signal(signum: int) -> None:
    """Remember which signal is interrupting the run (its handler then raises KeyboardInterrupt)."""
    _interrupted_by[0] = signum


def signal_number() -> int:
    """The signal interrupting the run (SIGINT unless noted otherwise)."""
    return _interrupted_by[0]


def interrupted_exit_code() -> int:
    """The shell's code for the signal that interrupted the run: 128 + its number (130, 143)."""
    return 128 + _interrupted_by[0]


_reported: list[bool] = []


def report_interrupted() -> int:
    """Say "interrupted" on stderr (once, however many layers see it) and return the exit code."""
    if not _reported:
        _reported.append(True)
        from cmkit.i18n import current

        _ = current()
        error_line(_("interrupted"))
    return interrupted_exit_code()


def error_line(message: str, lang: str | None = None) -> None:
    """Print one sentence to stderr (a file name or value in it escaped, as on stdout), after
    "error:" in `lang` (the message's own language), else the run's."""
    from cmkit.formats.safe_text import printable
    from cmkit.i18n import catalogue, current

    _ = catalogue(lang) if lang else current()
    print(_("error: {message}").format(message=printable(message)), file=sys.stderr)


def silence_closed_stdout() -> None:
    """After a BrokenPipeError (`cmkit ... | head`): point stdout at /dev/null so exiting is quiet."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def refuse_output_over_input(output: Path | str | None, inputs: list[Path | str | None], lang: str | None = None) -> None:
    """Raise UsageError when `output` is one of `inputs` (the same file, by any name or link).

    `cmkit render pb.yaml -o pb.yaml` would replace the charter with HTML: the
    atomic write protects a file from a half-written version, not from the
    wrong one. `-` (stdout) and an output that does not exist yet are never
    an input. A command that reads its whole input before writing may pass
    fewer inputs (triage's own message file is such a case, by choice).
    """
    if output is None or str(output) == "-" or not os.path.exists(output):
        return
    for given in inputs:
        if given is None or str(given) == "-":
            continue
        try:
            same = os.path.samefile(output, given)
        except OSError:
            continue
        if same:
            from cmkit.errors import UsageError
            from cmkit.i18n import catalogue, language

            _ = catalogue(language(lang))
            raise UsageError(
                _("{output} is one of this command's inputs ({input}); write the output to another file").format(
                    output=output, input=given
                )
            )
