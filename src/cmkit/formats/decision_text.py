"""One decision as a verdict a community manager grasps in two seconds.

A coloured headline (what to do, to whom, by when), the referent and their
backups, then what comes with it: the tone, what the CM may and must not do,
what to push and to report, the guidance, and the words that triggered it.

Plain ANSI rather than rich: `cmkit check` is started for every message and
rich alone would double its start-up time. Colour follows the same rules as
rich's (`NO_COLOR`, `FORCE_COLOR`, a terminal, `TERM=dumb`).
"""

from __future__ import annotations

import os
from typing import TextIO

from cmkit.decide.engine import Decision, Referent
from cmkit.durations import format_duration
from cmkit.formats.safe_text import printable_fields

_HEADLINE_STYLE = {
    "answer": "1;32",
    "escalate": "1;33",
    "moderate": "1;35",
    "decline": "1;36",
    "crisis": "1;97;41",
}
_BOLD, _DIM = "1", "2"


def wants_color(stream: TextIO) -> bool:
    """Colour on a terminal, unless NO_COLOR or TERM=dumb; FORCE_COLOR forces it."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


class _Painter:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, style: str) -> str:
        return f"\033[{style}m{text}\033[0m" if self.color else text


def headline(decision: Decision) -> str:
    """'ESCALATE to Julie Martin (sav) within 1h' — the verdict without colour."""
    action = decision.action.upper()
    if decision.action == "decline":
        action = "DECLINE: do not answer"
    parts = [action]
    if decision.referent is not None:
        parts.append(f"to {decision.referent.name} ({decision.referent.id})")
    if decision.respond_within_minutes is not None:
        parts.append(f"within {format_duration(decision.respond_within_minutes)}")
    return " ".join(parts)


def render_decision(decision: Decision, *, color: bool = False) -> str:
    """The whole verdict as text, ending with a newline; the playbook's texts in it are
    escaped (cmkit.formats.safe_text), the colours are ours."""
    decision = printable_fields(decision)
    paint = _Painter(color)
    lines = [paint(f" {headline(decision)} ", _HEADLINE_STYLE[decision.action])]
    if decision.topic_label:
        lines.append(f"topic: {decision.topic_label} ({decision.topic})" + _process(decision))
    else:
        lines.append("topic: none of the playbook's topics (its default applies)")
    if decision.crisis_reason:
        lines.append(paint(f"crisis: {decision.crisis_reason}", "1;31"))
    if decision.referent is not None:
        lines.append("")
        lines.append(paint("Referent", _BOLD))
        lines.append(f"  {_person(decision.referent)}")
        for backup in decision.backups:
            lines.append(f"  backup: {_person(backup)}")
    lines.extend(_section(paint, "Tone", _tone_lines(decision)))
    if decision.autonomy is not None:
        lines.extend(_section(paint, "You may", decision.autonomy.may))
        lines.extend(_section(paint, "You must not", decision.autonomy.must_not))
    lines.extend(_section(paint, "Push to the public", decision.push))
    lines.extend(_section(paint, "Report", decision.report))
    lines.extend(_section(paint, "Guidance", (decision.guidance,) if decision.guidance else ()))
    why = [f"{r.topic}{_own_action(r.action)}: " + ", ".join(f"“{m}”" for m in r.matched) for r in decision.reasons]
    lines.extend(_section(paint, "Why", why or ["no keyword or pattern matched"]))
    return "\n".join(lines) + "\n"


def _own_action(action: str | None) -> str:
    if action is None:
        return ""
    return " (decline: do not engage)" if action == "decline" else f" ({action})"


def _process(decision: Decision) -> str:
    return f" · process: {decision.process}" if decision.process else ""


def _person(referent: Referent) -> str:
    details = [d for d in (referent.role, referent.email) if d]
    if referent.respond_within_minutes is not None:
        details.append(f"answers within {format_duration(referent.respond_within_minutes)}")
    return referent.name + (f" — {', '.join(details)}" if details else "")


def _tone_lines(decision: Decision) -> list[str]:
    tone = decision.tone
    if tone is None:
        return []
    style = [s for s in (tone.address, tone.proximity) if s]
    if tone.emoji is not None:
        style.append("emoji" if tone.emoji else "no emoji")
    lines = [" · ".join(style)] if style else []
    if tone.signature:
        lines.append(f"sign: {tone.signature}")
    lines.extend(f"do: {item}" for item in tone.do)
    lines.extend(f"avoid: {item}" for item in tone.avoid)
    lines.extend(f"never write: “{item}”" for item in tone.forbidden)
    return lines


def _section(paint: _Painter, title: str, items) -> list[str]:
    if not items:
        return []
    return ["", paint(title, _BOLD), *(f"  {item}" for item in items)]
