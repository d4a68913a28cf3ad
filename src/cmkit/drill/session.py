"""A drill: a trainee's answers read, scored against the decision engine, and explained.

No printing here (the CLI asks and prints): this module reads one answer
(`escalate,sav,2h`, or the same words in French), compares it with the
decision, and says why the decision is what it is, from its reasons — the
topic recognised and the words that show it, the crisis rule that fired.

An answer is right when its action is, and, for `escalate` and `crisis`,
its referent too (cli.md); the deadline is shown beside the expected one
but does not make an answer wrong, since a trainee who sends the message to
the right person has done what matters most.
"""

from __future__ import annotations

from dataclasses import dataclass

from cmkit.decide.normalize import fold
from cmkit.drill.questions import Question, found_words
from cmkit.durations import parse_duration
from cmkit.i18n import catalogue, language
from cmkit.model.playbook import ACTIONS, Playbook

#: What a trainee may type for each action: the id, its English and French words, a menu number.
_ACTION_WORDS: dict[str, tuple[str, ...]] = {
    "answer": ("answer", "reply", "repondre", "reponse", "1"),
    "escalate": ("escalate", "transmettre", "transfer", "2"),
    "moderate": ("moderate", "moderer", "3"),
    "decline": ("decline", "do not answer", "ignore", "ne pas repondre", "ignorer", "4"),
    "crisis": ("crisis", "crise", "5"),
}
_ACTION_OF = {word: action for action, words in _ACTION_WORDS.items() for word in words}
NEEDS_REFERENT = ("escalate", "crisis")


class AnswerError(ValueError):
    """An answer that cannot be read; its message is one sentence for the trainee."""


@dataclass(frozen=True)
class Given:
    """What the trainee answered (any part may be missing)."""

    action: str | None = None
    referent: str | None = None
    deadline_minutes: int | None = None

    def to_json(self) -> dict:
        return {"action": self.action, "referent": self.referent, "deadline_minutes": self.deadline_minutes}


@dataclass(frozen=True)
class Result:
    """One question, answered and scored."""

    question: Question
    given: Given
    right: bool

    def to_json(self) -> dict:
        return {
            "text": self.question.text,
            "channel": self.question.channel.id if self.question.channel else None,
            "expected": self.question.expected,
            "given": self.given.to_json(),
            "right": self.right,
        }


def parse_action(text: str, lang: str | None = None) -> str:
    """`transmettre`, `Escalate`, `2` → `escalate`; refused in `lang` (the playbook's)."""
    word = " ".join(fold(text).replace("’", "'").split())
    if word in _ACTION_OF:
        return _ACTION_OF[word]
    _ = catalogue(language(None, lang))
    raise AnswerError(_("unknown action {value}: choose one of answer, escalate, moderate, decline, crisis (or 1 to 5)")
                      .format(value=repr(text.strip())))


def parse_referent(text: str, playbook: Playbook) -> str:
    """A contact by id, by name (case and accents ignored) or by its number in the list."""
    wanted = fold(text.strip())
    contacts = playbook.contacts
    if wanted.isdigit() and 1 <= int(wanted) <= len(contacts):
        return contacts[int(wanted) - 1].id
    for contact in contacts:
        if wanted in (fold(contact.id), fold(contact.name)):
            return contact.id
    _ = catalogue(language(None, playbook.organization.language))
    raise AnswerError(_("unknown referent {value}: choose one of {choices}").format(
        value=repr(text.strip()), choices=", ".join(c.id for c in contacts)))


def parse_deadline(text: str) -> int:
    """`2h`, `1h30m`, `45 m` → minutes."""
    try:
        return parse_duration("".join(text.lower().split()))
    except ValueError as exc:
        raise AnswerError(str(exc)) from None


def parse_line(line: str, playbook: Playbook) -> Given:
    """One line of an answers file: `action[,referent[,deadline]]`, blanks around parts ignored."""
    parts = [part.strip() for part in line.split(",")]
    if len(parts) > 3:
        _ = catalogue(language(None, playbook.organization.language))
        raise AnswerError(_("{value} has more than three parts: write action[,referent[,deadline]]").format(
            value=repr(line.strip())))
    action = parse_action(parts[0], playbook.organization.language)
    referent = parse_referent(parts[1], playbook) if len(parts) > 1 and parts[1] else None
    deadline = parse_deadline(parts[2]) if len(parts) > 2 and parts[2] else None
    return Given(action, referent, deadline)


def score(question: Question, given: Given) -> Result:
    """Whether `given` is right for `question` (the action, and the referent where one is needed)."""
    decision = question.decision
    right = given.action == decision.action
    if right and decision.action in NEEDS_REFERENT:
        right = given.referent == decision.escalate_to
    return Result(question, given, right)


def why(question: Question, playbook: Playbook) -> list[tuple[str, dict]]:
    """Why the decision is right, as (sentence id, values) for the CLI's catalogue: the topic and
    the words that show it, the other topics touched, the crisis rule, or the default rule."""
    decision = question.decision
    labels = {t.id: t.label for t in playbook.topics}
    patterns = {p for t in playbook.topics for p in t.patterns}
    found = {
        reason.topic: [found_words(m, question.text, m in patterns) for m in reason.matched]
        for reason in decision.reasons
    }
    reasons: list[tuple[str, dict]] = []
    if decision.topic:
        words = ", ".join(dict.fromkeys(found.get(decision.topic, [])))
        reasons.append(("topic", {"topic": labels.get(decision.topic, decision.topic), "words": words}))
    else:
        reasons.append(("default", {}))
    others = [labels[t] for t in decision.topics if t != decision.topic and t in labels]
    if others:
        reasons.append(("others", {"topics": ", ".join(others)}))
    if decision.crisis:
        reasons.append(("crisis", {}))
    return reasons
