"""One decision as a verdict a community manager cannot misread.

The first line says what to do and by when the public must have its answer
(« TRANSMETTRE à Julie Martin (sav) — le public doit avoir sa réponse sous
2 heures »); the second what the message is about, and, for a crisis, why it
is one — so the lines below never contradict the first (a crisis with no
topic says which rule made it). Then the reply to adapt, the referent, and
only what helps this decision: no tone for a message not to be answered,
tone and autonomy shortened unless `--verbose`, and the words that fired.

Every sentence goes through the catalogue, in the playbook's language unless
`--lang` says otherwise, and lines are wrapped to the terminal's width.

Plain ANSI rather than rich: `cmkit check` is started for every message and
rich alone would double its start-up time. Colour follows the same rules as
rich's (`NO_COLOR`, `FORCE_COLOR`, a terminal, `TERM=dumb`).
"""

from __future__ import annotations

import os
import re
import textwrap
from typing import TYPE_CHECKING, TextIO

from cmkit.decide.record import record
from cmkit.decide.engine import Decision, Reason, Referent
from cmkit.decide.words import NBSP, day_words, deadline_words, duration_words, time_words
from cmkit.formats.safe_text import printable_fields
from cmkit.i18n import Catalogue, catalogue
from cmkit.i18n.terms import action_word, kind_phrase

if TYPE_CHECKING:
    from datetime import datetime

_HEADLINE_STYLE = {
    "answer": "1;32",
    "escalate": "1;33",
    "moderate": "1;35",
    "decline": "1;36",
    "crisis": "1;97;41",
}
_BOLD = "1"
#: Items shown per list (tone, autonomy) without --verbose.
_SHORT = 3
_MIN_WIDTH = 40
#: A figure and the word after it, joined on a card: a line never ends in « 30 ».
_FIGURE_SPACE = re.compile(r"(\d) (?=\w)")


@record
class Verdict:
    """A decision and what its text needs besides: the language, and whether the playbook's
    spread rule watches one of its topics (which one check cannot apply)."""

    decision: Decision
    lang: str = "en"
    spread_rule: bool = False


def wants_color(stream: TextIO) -> bool:
    """Colour on a terminal, unless NO_COLOR or TERM=dumb; FORCE_COLOR forces it."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def terminal_width(default: int = 100) -> int:
    """The terminal's columns, as `shutil.get_terminal_size` finds them ($COLUMNS first, then
    stdout's terminal, else `default`), never under 40 (os alone: shutil costs start-up time)."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(1).columns
        except (OSError, ValueError):
            columns = default
    return max(columns or default, _MIN_WIDTH)


class _Painter:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, style: str) -> str:
        return f"\033[{style}m{text}\033[0m" if self.color else text


def action_words(action: str, _: Catalogue) -> str:
    """What the CM does, as a verdict word: ANSWER, ESCALATE, MODERATE, DO NOT ANSWER, CRISIS."""
    return {
        "answer": _("ANSWER"),
        "escalate": _("ESCALATE"),
        "moderate": _("MODERATE"),
        "decline": _("DO NOT ANSWER"),
        "crisis": _("CRISIS"),
    }[action]


def _action_name(action: str | None, _: Catalogue) -> str:
    """A topic's own action in a sentence (the charter's terms: cmkit.i18n.terms)."""
    return action_word(action, _.lang) if action else ""


def _kind_name(kind: str, _: Catalogue) -> str:
    return kind_phrase(kind, _.lang)


def headline(verdict: Verdict) -> str:
    """The first line: what to do, to whom, and by when the public must have its answer."""
    decision, lang = verdict.decision, verdict.lang
    _ = catalogue(lang)
    word = action_words(decision.action, _)
    referent = decision.referent
    if decision.action == "escalate" and referent is not None:
        head = _("ESCALATE to {name} ({id})").format(name=referent.name, id=referent.id)
    elif decision.action == "crisis" and referent is not None:
        head = _("CRISIS — pass it to {name} ({id}) now").format(name=referent.name, id=referent.id)
    else:
        head = word
    if decision.action == "decline":
        return head + " — " + _("do not engage")
    minutes = decision.respond_within_minutes
    if minutes is None:
        return head
    if decision.due_at:  # the earliest due moment, which may not be the shortest delay's
        due = _moment(decision.due_at)
        tail = (_("act by {day} at {time}") if decision.action == "moderate"
                else _("the public must have its answer by {day} at {time}"))
        tail = tail.format(day=day_words(due.date(), lang), time=time_words(due, lang))
    else:
        within = deadline_words(minutes, lang, nbsp=True)
        tail = (_("act {within}") if decision.action == "moderate" else _("the public must have its answer {within}"))
        tail = tail.format(within=within)
    return f"{head} — {tail}"


def render_decision(
    verdict: Verdict | Decision,
    *,
    color: bool = False,
    width: int = 100,
    brief: bool = False,
    verbose: bool = False,
) -> str:
    """The whole verdict as text, ending with a newline (`brief`: the first line alone); the
    playbook's and the message's texts in it are escaped (cmkit.formats.safe_text), the
    colours are ours."""
    if isinstance(verdict, Decision):
        verdict = Verdict(verdict)
    verdict = verdict._replace(decision=printable_fields(verdict.decision))
    decision, _ = verdict.decision, catalogue(verdict.lang)
    paint = _Painter(color)
    first = headline(verdict)
    if brief:
        topic = f" · {decision.topic}" if decision.topic else ""
        return first + topic + "\n"
    width = max(width, _MIN_WIDTH)
    out = [paint(line, _HEADLINE_STYLE[decision.action]) for line in _wrap(f" {first} ", width, "")]
    out += _wrap(_topic_line(decision, _), width, "  ")
    if decision.suggested_topic:
        out += _wrap(_("Closest topic by its examples: {id} (a hint; the decision stays the default's)").format(
            id=decision.suggested_topic.get("id")), width, "  ")
    crisis = _crisis_line(decision, _)
    if crisis:
        out += [paint(line, "1;31") for line in _wrap(crisis, width, "  ")]
    if decision.suspended:
        out += [paint(line, "1;31") for line in _wrap(_suspended_line(decision, _), width, "  ")]
    if decision.off_hours:
        out += [paint(line, "1;33") for line in _wrap(_off_hours_line(decision, _, verdict.lang), width, "  ")]
    tier = _tier_line(decision, _)
    if tier:
        out += _wrap(tier, width, "  ")
    sections: list[tuple[str, list[str]]] = []
    if decision.reply:
        title = _("Holding statement (adapt it before posting)") if decision.crisis else _("Reply (adapt it before posting)")
        reply = _FIGURE_SPACE.sub("\\1" + NBSP, decision.reply)  # « 30 minutes », « 2 h » never cut
        sections.append((title, reply.splitlines() or [reply]))
    if decision.referent is not None:
        people = [_person(decision.referent, _, verdict.lang)]
        people += [_("backup: {person}").format(person=_person(b, _, verdict.lang)) for b in decision.backups]
        sections.append((_("Referent"), people))
    if decision.action != "decline":
        sections.append((_("Tone"), _tone_lines(decision, _, verbose)))
        sections += _autonomy_sections(decision, _, verbose)
    sections.append((_("Push to the public"), list(decision.push)))
    sections.append((_("Report"), list(decision.report)))
    sections.append((_("Guidance"), [decision.guidance] if decision.guidance else []))
    sections.append((_("Why"), _why_lines(decision, _) or [_("no keyword or pattern matched")]))
    for title, items in sections:
        if items:
            out += ["", paint(title, _BOLD)]
            for item in items:
                out += _wrap(item, width, "  ", "    ")
    if verdict.spread_rule:
        out += [""] + _wrap(
            _("Note: this playbook also has a spread rule (one topic on several channels), which one check "
              "cannot apply: triage the day's timestamped messages for it."),
            width, "",
        )
    return "\n".join(out) + "\n"


def _wrap(text: str, width: int, indent: str, subsequent: str | None = None) -> list[str]:
    return textwrap.wrap(
        text, width, initial_indent=indent, subsequent_indent=subsequent if subsequent is not None else indent + "  ",
        break_on_hyphens=False, break_long_words=False,
    ) or [indent.rstrip()]


def _topic_line(decision: Decision, _: Catalogue) -> str:
    if decision.topic_label:
        line = _("Topic: {label} ({id})").format(label=decision.topic_label, id=decision.topic)
        if decision.process:
            line += " · " + _("process: {process}").format(process=decision.process)
        return line
    if decision.crisis:
        return _("Topic: none of the playbook's topics — a crisis all the same, because of who wrote it")
    return _("Topic: none of the playbook's topics (its default applies)")


def _moment(iso: str) -> datetime:
    """A decision's ISO 8601 moment, read on its own offset (the playbook's zone)."""
    from datetime import datetime

    return datetime.fromisoformat(iso)


def _suspended_line(decision: Decision, _: Catalogue) -> str:
    """A crisis on a topic that is not a crisis topic: its own handling must not be followed."""
    action = next((r.action for r in decision.reasons if r.topic == decision.topic and r.action), None)
    return _("The handling of {topic} ({action}) is suspended by the crisis: do not follow it; "
             "post the holding statement at most, and leave the rest to the crisis referent").format(
        topic=decision.topic, action=_action_name(action, _))


def _names(ids: list[str], people: dict[str, Referent], _: Catalogue) -> str:
    names = [people[i].name if i in people else i for i in ids]
    if len(names) < 2:
        return "".join(names)
    return _("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])


def _off_hours_line(decision: Decision, _: Catalogue, lang: str) -> str:
    """« hors des heures d’ouverture : Julie Martin reprend lundi 7 décembre à 9 h 00 ; d’astreinte : … »"""
    off = decision.off_hours or {}
    people = {p.id: p for p in (decision.referent, *decision.backups) if p is not None}
    resumes = _moment(off["resumes"])
    count = len(off.get("off_duty") or ())
    line = _.n("Outside open hours: {names} is back {day} at {time}",
               "Outside open hours: {names} are back {day} at {time}", count).format(names=_names(list(off.get("off_duty") or ()), people, _),
                             day=day_words(resumes.date(), lang), time=time_words(resumes, lang))
    on_call = [_reachable(person) for person in off.get("on_call") or ()]
    if on_call:
        line += _("; on call meanwhile: {names}").format(names=", ".join(on_call))
    else:
        line += _("; nobody is on call meanwhile")
    return line


def _reachable(person: dict) -> str:
    """'Claire Dupuis (+33 1 23 45 67 89)', the number never cut across lines."""
    phone = person.get("phone")
    return f"{person['name']} ({phone.replace(' ', NBSP)})" if phone else person["name"]


def _crisis_line(decision: Decision, _: Catalogue) -> str | None:
    """Why it is a crisis, from the reasons (the engine's English sentence stays in the JSON)."""
    why = crisis_why(decision, _)
    if not why:
        return None
    separator = "\u202f; " if _.lang == "fr" else "; "  # French puts a thin space before ;
    return _("Crisis: {why}").format(why=separator.join(why))


def crisis_reason(decision: Decision, lang: str) -> str | None:
    """`crisis_reason` for the JSON of `check`, in the verdict's language (the engine's is English)."""
    _ = catalogue(lang)
    why = crisis_why(decision, _)
    return ("\u202f; " if _.lang == "fr" else "; ").join(why) if why else None


def crisis_why(decision: Decision, _: Catalogue) -> list[str]:
    """One sentence per rule that made the crisis (empty: it is not one)."""
    if not decision.crisis:
        return []
    why = []
    listed = next((r for r in decision.reasons if r.kind == "watchlist"), None)
    for reason in decision.reasons:
        if reason.kind == "author":
            sentence = _("the author is {kind}").format(kind=_kind_name(reason.matched[0], _))
            if listed is not None:
                sentence += " " + _("(watchlist: {handle})").format(handle=listed.matched[0])
            why.append(sentence)
        elif reason.kind == "followers":
            why.append(_("the author's audience reaches the crisis threshold ({threshold}) on a topic to escalate")
                       .format(threshold=_threshold(reason.matched[0], _)))
        elif reason.kind == "spread":
            why.append(_("the topic {topic} is spreading across channels").format(topic=reason.topic))
    if decision.topic and any(r.action == "crisis" and r.topic == decision.topic for r in decision.reasons):
        why.append(_("{topic} is a crisis topic").format(topic=decision.topic))
    if not why:
        why.append(_("the playbook's default action is crisis"))
    return why


def _threshold(written: str, _: Catalogue) -> str:
    """'followers ≥ 10000' in the verdict's language: '10 000 abonnés ou plus'."""
    what, _sep, number = written.partition(" ≥ ")
    count = int(number) if number.isdigit() else 0
    shown = f"{count:,}".replace(",", "\u202f" if _.lang == "fr" else ",")
    if what == "engagement":
        return _("{count} interactions or more").format(count=shown)
    return _("{count} followers or more").format(count=shown)


def _tier_line(decision: Decision, _: Catalogue) -> str | None:
    if decision.tier is None:
        return None
    reached = next((r for r in decision.reasons if r.kind == "tier"), None)
    why = ", ".join(_threshold(m, _) for m in reached.matched) if reached else ""
    return _("Audience tier {number} applies ({why})").format(number=decision.tier + 1, why=why)


def _person(referent: Referent, _: Catalogue, lang: str) -> str:
    phone = referent.phone.replace(" ", NBSP) if referent.phone else None  # a number is never cut
    details = [d for d in (referent.role, referent.email, phone) if d]
    if referent.respond_within_minutes is not None:
        details.append(_("answers the CM within {duration}").format(
            duration=duration_words(referent.respond_within_minutes, lang, nbsp=True)))
    if referent.on_call:
        details.append(_("on call"))
    return referent.name + (f" — {', '.join(details)}" if details else "")


def _shortened(items: list[str], verbose: bool, _: Catalogue) -> list[str]:
    if verbose or len(items) <= _SHORT:
        return items
    rest = len(items) - _SHORT
    return [*items[:_SHORT], _.n("… and {count} more (--verbose)", "… and {count} more (--verbose)", rest).format(count=rest)]


def _tone_lines(decision: Decision, _: Catalogue, verbose: bool) -> list[str]:
    tone = decision.tone
    if tone is None:
        return []
    proximity = {"formal": _("formal"), "warm": _("warm"), "casual": _("casual")}.get(tone.proximity or "", tone.proximity)
    style = [s for s in (tone.address, proximity) if s]
    if tone.emoji is not None:
        style.append(_("emoji") if tone.emoji else _("no emoji"))
    lines = [" · ".join(style)] if style else []
    if tone.signature:
        lines.append(_("sign: {signature}").format(signature=tone.signature))
    never = [_("never write: {phrase}").format(phrase=_quote(item, _)) for item in tone.forbidden]
    lines += _shortened(never, verbose, _)
    if verbose:
        lines += [_("do: {item}").format(item=item) for item in tone.do]
        lines += [_("avoid: {item}").format(item=item) for item in tone.avoid]
    return lines


def _autonomy_sections(decision: Decision, _: Catalogue, verbose: bool) -> list[tuple[str, list[str]]]:
    """What the CM may do matters when they answer; what they must not, always."""
    autonomy = decision.autonomy
    if autonomy is None:
        return []
    sections = []
    if decision.action in ("answer", "moderate") or verbose:
        sections.append((_("You may"), _shortened(list(autonomy.may), verbose, _)))
    sections.append((_("You must not"), _shortened(list(autonomy.must_not), verbose, _)))
    return sections


def _why_lines(decision: Decision, _: Catalogue) -> list[str]:
    lines = []
    for reason in decision.reasons:
        lines.append(_reason_line(reason, _))
    return [line for line in lines if line]


def _quote(text: str, _: Catalogue) -> str:
    """“text”, or « text » in French."""
    return f"«\u202f{text}\u202f»" if _.lang == "fr" else f"“{text}”"


def _reason_line(reason: Reason, _: Catalogue) -> str:
    quoted = ", ".join(_quote(m, _) for m in reason.matched)
    if reason.kind in ("keyword", "pattern"):
        return _("{topic} ({action}): {matched}").format(
            topic=reason.topic, action=_action_name(reason.action, _), matched=quoted)
    if reason.kind == "unless":
        return _("{topic}: left out by its exception {matched}").format(topic=reason.topic, matched=quoted)
    if reason.kind == "watchlist":
        return _("watchlist: {matched}").format(matched=quoted)
    if reason.kind == "author":
        return _("author: {kind}").format(kind=_kind_name(reason.matched[0], _))
    if reason.kind == "followers":
        return _("audience: {threshold}").format(threshold=_threshold(reason.matched[0], _))
    if reason.kind == "tier":
        return _("audience tier: {thresholds}").format(thresholds=", ".join(_threshold(m, _) for m in reason.matched))
    if reason.kind == "spread":
        return _("spread: {topic} on {matched}").format(topic=reason.topic, matched=", ".join(reason.matched))
    return quoted
