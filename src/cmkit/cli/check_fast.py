"""`cmkit check` without typer: its options, declared once, and the verdict.

`cmkit check` is started once per message, often from a script or an editor,
so its start-up time is the command's speed. Typer alone takes several times
Python's own start-up, so `cmkit.cli.entry` hands a plain `check` invocation
to `parse` and `run` here, and leaves everything else (help, a mistyped
option) to typer, which prints the usual message.

Both faces come from one declaration, `OPTIONS`: `parse` reads it, and
`cmkit.cli.check` builds the typer command's signature from it. Every value
reaches `run` as the text the user typed and is converted there, by the
option's own converter, so a bad value (`--followers ²`, `--at hier`) gets the
same one-sentence error and exit code 2 on both paths.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cmkit.decide.record import record
from cmkit.cli.plain import resolve_playbook
from cmkit.kinds import AUTHOR_KINDS, AUTHOR_KINDS_FR, author_kind
from cmkit.i18n import current

#: what `--help` says, in the user's language (no playbook is read to show it)
_ = current()

if TYPE_CHECKING:
    from cmkit.i18n import Catalogue

FORMATS = ("text", "json")
LANGS = ("en", "fr")
#: Counts are at most this many digits: a bigger one is a typo (and Python refuses
#: to read an integer of more than 4,300 digits at all).
_MAX_DIGITS = 15


@record
class Option:
    """One option of `check`: its spellings, help, and how its text becomes a value."""

    name: str  # the keyword of `run`
    flags: tuple[str, ...]
    help: str
    metavar: str | None = None  # None: a switch, which takes no value
    convert: Callable[[str, Catalogue], Any] | None = None  # raises UsageError in the user's language


def _count(flag: str) -> Callable[[str, Catalogue], int]:
    def convert(text: str, _: Catalogue) -> int:
        from cmkit.errors import UsageError

        digits = text.strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
        if not (digits.isascii() and digits.isdigit()) or len(digits) > _MAX_DIGITS:
            shown = repr(text) if len(text) <= 20 else _("{start}… ({count} characters)").format(
                start=repr(text[:20]), count=len(text))
            raise UsageError(_("{flag} must be a whole number of 0 or more (digits 0-9, at most {most}), not {value}")
                             .format(flag=flag, most=_MAX_DIGITS, value=shown))
        return int(digits)

    return convert


def _kind(text: str, _: Catalogue) -> str:
    found = author_kind(text)
    if found is None:
        from cmkit.errors import UsageError

        raise UsageError(_("--author-kind {value} is not an author kind: use one of {kinds} (or in French: {french})").format(
            value=repr(text), kinds=", ".join(AUTHOR_KINDS),
            french=", ".join(sorted(set(AUTHOR_KINDS_FR) - set(AUTHOR_KINDS))),
        ))
    return found


def _one_of(flag: str, choices: tuple[str, ...]) -> Callable[[str, Catalogue], str]:
    def convert(text: str, _: Catalogue) -> str:
        if text.strip().lower() not in choices:
            from cmkit.errors import UsageError

            raise UsageError(_("{flag} must be one of {choices}, not {value}").format(
                flag=flag, choices=", ".join(choices), value=repr(text)))
        return text.strip().lower()

    return convert


def _path(text: str, _: Catalogue) -> Path:
    return Path(text)


#: Every option of `check`, once, for both the typer command and the plain parser.
OPTIONS: tuple[Option, ...] = (
    Option("channel", ("--channel", "-c"), _("The channel it came on: id, name or alias (case and accents ignored)."), "CHANNEL"),
    Option("author_kind", ("--author-kind", "-a"),
           _("Who wrote it: customer, prospect, influencer, journalist, employee, unknown (or in French)."), "KIND", _kind),
    Option("followers", ("--followers",), _("The author's follower count."), "N", _count("--followers")),
    Option("author", ("--author",), _("The author's handle or e-mail address (the watchlist looks it up)."), "HANDLE"),
    Option("engagement", ("--engagement",), _("Likes, replies and shares of the message."), "N", _count("--engagement")),
    Option("at", ("--at",), _("When it was posted (ISO 8601; without an offset, in the playbook's time zone): "
           "the verdict then says when the answer is due."), "TIME"),
    Option("output_format", ("--format", "-f"), _("Output format: text or json."), "[text|json]", _one_of("--format", FORMATS)),
    Option("brief", ("--brief",), _("One line: the verdict alone, for scripts and editors.")),
    Option("verbose", ("--verbose", "-v"), _("Show the tone and autonomy in full.")),
    Option("lang", ("--lang",), _("Language of the verdict: fr or en (default: the playbook's)."), "LANG",
           _one_of("--lang", LANGS)),
    Option("playbook", ("--playbook", "-p"), _("The playbook file. Default: $CMKIT_PLAYBOOK, then ./playbook.yaml."),
           "FILE", _path),
)
_BY_FLAG = {flag: option for option in OPTIONS for flag in option.flags}


def run(text: str | None = None, **given: Any) -> None:
    """Decide the message and print the verdict; raise CmkitError on bad input.

    `given` holds option values by name, as typed (text) or already converted.
    Sentences, errors included, are in the verdict's language: `--lang`, else
    the playbook's, so the playbook is found and loaded first."""
    from cmkit.decide.cache import load_decider
    from cmkit.decide.engine import Message
    from cmkit.errors import UsageError
    from cmkit.i18n import catalogue, language

    chosen = given.get("lang")
    if isinstance(chosen, str):
        chosen = chosen.strip().lower() if chosen.strip().lower() in LANGS else None
    playbook = given.get("playbook")
    playbook_path = resolve_playbook(Path(playbook) if isinstance(playbook, str) else playbook)
    decider = load_decider(playbook_path)
    lang = language(chosen, decider.language)
    _ = catalogue(lang)
    values = _converted(given, _)
    message_text = _message_text(text, _)
    channel = values.get("channel")
    if channel is not None:
        found = decider.find_channel(channel)
        if found is None:
            raise UsageError(_("{file} has no channel {channel}; its channels: {known}").format(
                file=playbook_path, channel=repr(channel), known=", ".join(decider.channels) or "—"))
        channel = found
    at = None
    if values.get("at") is not None:
        try:
            at = decider.clock.parse(values["at"])
        except ValueError:
            raise UsageError(_("--at must be an ISO 8601 time such as 2026-03-02T09:15 or "
                               "2026-03-02T09:15+01:00, not {value}").format(value=repr(values["at"]))) from None
    message = Message(
        message_text, channel, values.get("author_kind"), values.get("followers"),
        values.get("author"), values.get("engagement"), at,
    )
    decision = decider.decide(message)
    if values.get("output_format") == "json":
        import json

        data = decision.to_json()
        if decision.crisis:  # a sentence: in the verdict's language (the formatter only then: start-up)
            from cmkit.formats.decision_text import crisis_reason

            data["crisis_reason"] = crisis_reason(decision, lang)
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from cmkit.formats.decision_text import Verdict, render_decision, terminal_width, wants_color

    verdict = Verdict(decision, lang=lang, spread_rule=decider.spread_watches(decision.topics))
    sys.stdout.write(
        render_decision(
            verdict, color=wants_color(sys.stdout), width=terminal_width(),
            brief=bool(values.get("brief")), verbose=bool(values.get("verbose")),
        )
    )


def _converted(given: dict[str, Any], _: Catalogue) -> dict[str, Any]:
    """Each value through its option's converter (text only: typer may hand over None or a bool)."""
    values = {}
    for option in OPTIONS:
        value = given.get(option.name)
        if isinstance(value, str) and option.convert is not None:
            value = option.convert(value, _)
        values[option.name] = value
    return values


def _message_text(text: str | None, _: Catalogue) -> str:
    """TEXT, or stdin when TEXT is absent or '-'; never waits on a terminal."""
    from cmkit.errors import UsageError

    if text is None or text == "-":
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageError(_("no message: pass it as TEXT, or pipe it on stdin"))
        text = stdin_text(_)
    if not text.strip():
        raise UsageError(_("the message is empty"))
    return text


#: The most stdin may hold: a message or a draft is a few kilobytes; a megabyte is a
#: whole thread pasted by mistake, and anything more a file or a device (`< /dev/zero`).
STDIN_LIMIT = 1 << 20


def stdin_text(_: Catalogue, limit: int = STDIN_LIMIT) -> str:
    """stdin as text, read in bytes and at most `limit` of them, so that `< /dev/zero` or a
    multi-gigabyte pipe ends in one sentence (exit 2) instead of filling memory. Text only:
    not UTF-8, or holding a NUL byte (a binary file, a device), it is refused rather than
    decided as an ordinary message. `check` and `review` both read stdin here."""
    from cmkit.errors import UsageError

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream handed in by a test or an embedding program
        data = sys.stdin.read(limit + 1).encode("utf-8", "surrogatepass")
    else:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise UsageError(_("stdin holds more than {size} MB: pass one message, not a file").format(
            size=f"{limit / STDIN_LIMIT:g}"))
    if b"\0" in data:
        raise UsageError(_("stdin holds binary data (a NUL byte), not a text"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UsageError(_("stdin is not UTF-8 text (byte {position} cannot be read): save it as UTF-8")
                         .format(position=error.start + 1)) from None


def parse(argv: list[str]) -> dict | None:
    """The keyword arguments of `run` for a plain `check` invocation, else None (typer's turn):
    help, an unknown or repeated option, a missing value, a second TEXT. Values stay text;
    `run` converts them, as it does for typer."""
    found: dict[str, Any] = {"text": None}
    positional_only = False
    args = iter(argv)
    for arg in args:
        if positional_only or arg == "-" or not arg.startswith("-"):
            if found["text"] is not None:
                return None
            found["text"] = arg
            continue
        if arg == "--":
            positional_only = True
            continue
        flag, equals, inline = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        option = _BY_FLAG.get(flag)
        if option is None or option.name in found:
            return None
        if option.metavar is None:
            if equals:
                return None
            found[option.name] = True
            continue
        value = inline if equals else next(args, None)
        if value is None:
            return None
        found[option.name] = value
    return found
