"""`cmkit drill`: a scored exercise for trainees, one message at a time, drawn from the playbook."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Annotated, Literal

import typer

from cmkit.cli.common import Exit, LangOption, PlaybookOption, exit_on_error, resolve_playbook
from cmkit.i18n import current

#: what `--help` says, in the user's language (no playbook is read to show it)
_ = current()

NAME = "drill"
HELP = _("Train on the playbook: decide messages one at a time (action, referent, deadline), then get a score.")
EPILOG = _("Example: cmkit drill -p playbooks/maison-dupuis.fr.yaml --count 5 --seed 7")

#: Text from the playbook is printed to a terminal: no escape sequence gets through.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def command(
    playbook: PlaybookOption = None,
    seed: Annotated[
        int | None,
        typer.Option("--seed", metavar="N", help=_("Fix the draw (the same seed gives the same messages). Default: a new draw."), show_default=False),
    ] = None,
    count: Annotated[int, typer.Option("--count", "-n", metavar="N", min=1, help=_("How many messages."))] = 10,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help=_("Answers without a terminal: one 'action[,referent[,deadline]]' a line, e.g. escalate,sav,2h."),
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        Literal["text", "json"], typer.Option("--format", "-f", help=_("text, or json results for the trainer."))
    ] = "text",
    lang: LangOption = None,
) -> None:
    with exit_on_error():
        from cmkit.drill.questions import draw
        from cmkit.i18n import catalogue, language
        from cmkit.trusted import load_playbook

        loaded = load_playbook(resolve_playbook(playbook))
        _ = catalogue(language(lang, loaded.organization.language))
        if seed is None:
            seed = int.from_bytes(os.urandom(3), "big")
        fallback = _("Hello, I have a question about “{keyword}”: can you help?")
        questions = draw(loaded, seed=seed, count=count, fallback=lambda keyword: fallback.format(keyword=keyword))
        lines = _answer_lines(answers) if answers is not None else None
        quiet = output_format == "json"
        say = (lambda text="": None) if quiet else (lambda text="": print(text, flush=True))
        results = _run(loaded, questions, lines, answers, say, _, seed)
        right = sum(r.right for r in results)
        if quiet:
            print(json.dumps({"score": right, "count": len(results), "seed": seed, "questions": [r.to_json() for r in results]}, ensure_ascii=False, indent=2))
        else:
            say(_("Score: {right} out of {count}").format(right=right, count=len(results)))
            say(_("Replay this draw with --seed {seed}.").format(seed=seed))
    raise typer.Exit(Exit.OK)


def _answer_lines(path: Path) -> list[tuple[int, str]]:
    """The answers file's non-blank lines with their numbers (`#` starts a comment)."""
    from cmkit.errors import UsageError

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not a UTF-8 text file"
        raise UsageError(f"cannot read the answers file {path}: {reason}") from None
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.split("#", 1)[0].strip()
        if content:
            found.append((number, content))
    return found


def _run(playbook, questions, lines, answers_path, say, _, seed):
    """Ask each question (from the file's lines, or the terminal), score it and explain it."""
    from cmkit.drill.session import AnswerError, Given, parse_line, score
    from cmkit.errors import CmkitError

    results = []
    contacts = ", ".join(f"{i}. {_clean(c.name)} ({c.id})" for i, c in enumerate(playbook.contacts, start=1))
    say(_("Drill: {count} messages (seed {seed}). For each: the action, the referent, the deadline.").format(count=len(questions), seed=seed))
    say(_("Actions: 1 answer, 2 escalate, 3 moderate, 4 do not answer, 5 crisis."))
    say(_("Referents: {contacts}").format(contacts=contacts))
    for index, question in enumerate(questions, start=1):
        say()
        channel = question.channel
        where = _(" on {channel}").format(channel=_clean(channel.name or channel.id)) if channel else ""
        say(_("Message {number} of {count}{where}:").format(number=index, count=len(questions), where=where))
        say(f"  « {_clean(question.text)} »" if _.lang == "fr" else f"  “{_clean(question.text)}”")
        if lines is not None:
            if index <= len(lines):
                number, line = lines[index - 1]
                try:
                    given = parse_line(line, playbook)
                except AnswerError as exc:
                    raise CmkitError(str(exc), file=str(answers_path), line=number) from None
            else:
                given = Given()  # the file ran out: unanswered, so not right
        else:
            given = _ask(playbook, say, _)
            if given is None:
                break
        result = score(question, given)
        results.append(result)
        _explain(playbook, result, say, _)
    return results


def _ask(playbook, say, _):
    """Action, then referent (when one is needed), then deadline, from the terminal; None at end of input."""
    from cmkit.drill.session import NEEDS_REFERENT, AnswerError, Given, parse_action, parse_deadline, parse_referent

    def prompt(text, parse, optional=False):
        while True:
            try:
                reply = input(text)
            except EOFError:
                return EOFError
            if optional and not reply.strip():
                return None
            try:
                return parse(reply)
            except AnswerError as exc:
                say(_("Not understood: {reason}").format(reason=exc))

    action = prompt(_("Action? "), lambda reply: parse_action(reply, playbook.organization.language))
    if action is EOFError:
        return None
    referent = None
    if action in NEEDS_REFERENT:
        referent = prompt(_("Referent? "), lambda text: parse_referent(text, playbook))
        if referent is EOFError:
            return None
    deadline = None
    if action != "decline":
        deadline = prompt(_("Deadline (e.g. 2h, 45m; empty: none)? "), parse_deadline, optional=True)
        if deadline is EOFError:
            return None
    return Given(action, referent, deadline)


def _explain(playbook, result, say, _) -> None:
    from cmkit.drill.session import why
    from cmkit.render.typography import human_duration

    decision = result.question.decision
    referent = playbook.contact(decision.escalate_to)
    action = _action_word(decision.action, _)
    expected = _("{action}, to {referent}").format(action=action, referent=_clean(referent.name)) if referent and decision.action in ("escalate", "crisis") else action
    if decision.respond_within_minutes is not None:
        expected += _(", within {deadline}").format(deadline=human_duration(decision.respond_within_minutes, _.lang))
    say((_("Right: {expected}.") if result.right else _("Not quite: the charter says {expected}.")).format(expected=expected))
    sentences = {
        "topic": _("The message is about {topic} ({words})."),
        "topic_only": _("The message falls under {topic}."),
        "default": _("No topic of the charter covers it: the default rule applies."),
        "others": _("It also touches {topics}, which come second."),
        "crisis": _("It is a crisis: alert at once, do not answer on the substance."),
    }
    for key, values in why(result.question, playbook):
        if key == "topic" and not values["words"]:
            key = "topic_only"
        say("  " + sentences[key].format(**{k: _clean(v) for k, v in values.items()}))


def _action_word(action: str, _) -> str:
    return {
        "answer": _("answer"),
        "escalate": _("escalate"),
        "moderate": _("moderate"),
        "decline": _("do not answer"),
        "crisis": _("crisis"),
    }[action]


def _clean(text: str) -> str:
    return _CONTROLS.sub("\ufffd", str(text))

