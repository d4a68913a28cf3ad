"""`cmkit check` without typer: the verdict, and a parser for plain invocations.

`cmkit check` is started once per message, often from a script or an editor,
so its start-up time is the command's speed. Typer alone takes several times
Python's own start-up (and, from 0.2x, imports pydantic to coerce every
option), so `cmkit.cli.entry` hands a plain `check` invocation to `parse` and
`run` here, and leaves everything else (help, a mistyped option, a bad value)
to typer, which prints the usual message. Both paths end in `run`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal, get_args

from cmkit.cli.plain import plain_options, resolve_playbook

#: The author kinds of the playbook format (cmkit.model.common.AUTHOR_KINDS, kept
#: here so that parsing options does not import pydantic; a test pins the two).
AuthorKindChoice = Literal["customer", "prospect", "influencer", "journalist", "employee", "unknown"]
FormatChoice = Literal["text", "json"]

#: Every option `check` takes, by each of its spellings: the name `run` knows it by.
OPTIONS = {
    "-c": "channel", "--channel": "channel",
    "-a": "author_kind", "--author-kind": "author_kind",
    "--followers": "followers",
    "-f": "output_format", "--format": "output_format",
    "-p": "playbook", "--playbook": "playbook",
}


def run(
    text: str | None,
    channel: str | None = None,
    author_kind: str | None = None,
    followers: int | None = None,
    output_format: str = "text",
    playbook: Path | None = None,
) -> None:
    """Decide the message and print the verdict; raise CmkitError on bad input."""
    from cmkit.decide.cache import load_decider
    from cmkit.decide.engine import Message
    from cmkit.errors import UsageError

    message_text = _message_text(text)
    playbook_path = resolve_playbook(playbook)
    decider = load_decider(playbook_path)
    if channel is not None and channel not in decider.channels:
        known = ", ".join(decider.channels) or "none"
        raise UsageError(f"{playbook_path} has no channel {channel!r}; its channels: {known}")
    decision = decider.decide(Message(message_text, channel, author_kind, followers))
    if output_format == "json":
        import json

        print(json.dumps(decision.to_json(), ensure_ascii=False, indent=2))
    else:
        from cmkit.formats.decision_text import render_decision, wants_color

        sys.stdout.write(render_decision(decision, color=wants_color(sys.stdout)))


def _message_text(text: str | None) -> str:
    """TEXT, or stdin when TEXT is absent or '-'; never waits on a terminal."""
    from cmkit.errors import UsageError

    if text is None or text == "-":
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageError("no message: pass it as TEXT, or pipe it on stdin")
        text = sys.stdin.read()
    if not text.strip():
        raise UsageError("the message is empty")
    return text


def parse(argv: list[str]) -> dict | None:
    """The keyword arguments of `run` for a plain `check` invocation, else None (typer's turn)."""
    options = plain_options(argv, OPTIONS, "text")
    return None if options is None else _checked(options)


def _checked(options: dict) -> dict | None:
    """Values typer would accept, converted as typer would; None for anything doubtful."""
    if options.get("author_kind", "customer") not in get_args(AuthorKindChoice):
        return None
    if options.get("output_format", "text") not in get_args(FormatChoice):
        return None
    if "followers" in options:
        if not options["followers"].isdigit():
            return None
        options["followers"] = int(options["followers"])
    if "playbook" in options:
        options["playbook"] = Path(options["playbook"])
    return options
