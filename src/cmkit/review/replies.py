"""The placeholders of model replies (`reply`, `holding_statement`), as lint sees them.

Spec (playbook.md, revision 1.1): `{signature}`, `{referent}`, `{deadline}`
and `{author}`; any other `{...}` is a lint error (`{prénom}`, `{ referent }`
and `{0}` included: the engine would print them as written); braces are
written `{{` and `}}`. Lint reviews each model reply filled as the decision
engine fills it (`cmkit.decide.words.fill`) with sample values, so that a
reply is judged as the public would read it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cmkit.model.playbook import Playbook, Topic
    from cmkit.review.finding import ReviewFinding

#: The placeholders a model reply may use.
KNOWN = ("signature", "referent", "deadline", "author")
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def placeholders(text: str) -> Iterator[tuple[str, int, int]]:
    """(name, start, end) of every `{name}` in `text`, the escapes `{{` and `}}` skipped."""
    for match in _TOKEN.finditer(text):
        if match.group(1) is not None:
            yield match.group(1), match.start(), match.end()


def unknown(text: str) -> list[tuple[str, int, int]]:
    """The placeholders that are not one of KNOWN."""
    return [(name, start, end) for name, start, end in placeholders(text) if name not in KNOWN]


def model_replies(playbook: Playbook) -> Iterator[tuple[tuple[str | int, ...], str, Topic | None]]:
    """(path, text, topic) of every model reply: each topic's `reply`, then `crisis.holding_statement`."""
    for index, topic in enumerate(playbook.topics):
        if topic.reply:
            yield ("topics", index, "reply"), topic.reply, topic
    if playbook.crisis is not None and playbook.crisis.holding_statement:
        yield ("crisis", "holding_statement"), playbook.crisis.holding_statement, None


def sample_values(playbook: Playbook, topic: Topic | None) -> dict[str, str]:
    """Values that stand in for the placeholders when lint reviews a model reply: the charter's
    signature, the referent the reply would name, a deadline and an author in the playbook's language."""
    contacts = {c.id: c.name for c in playbook.contacts}
    referent_id = topic.escalate_to if topic is not None else (playbook.crisis.escalate_to if playbook.crisis else None)
    referent = contacts.get(referent_id or "", playbook.contacts[0].name if playbook.contacts else "")
    from cmkit.decide.words import deadline_words
    from cmkit.i18n import language

    if topic is not None:
        minutes = topic.respond_within
    else:
        minutes = playbook.crisis.respond_within if playbook.crisis else None
    return {
        "signature": playbook.tone.signature or "",
        "referent": referent,
        "deadline": deadline_words(minutes, language(None, playbook.organization.language)),
        "author": "@camille",
    }


#: The review codes lint leaves out: R107 needs a channel, R203 a message, R204 is E105's.
NOT_IN_LINT = frozenset({"R107", "R203", "R204"})


def review_model_replies(playbook: Playbook, severities: frozenset[str]) -> Iterator[tuple[tuple[str | int, ...], ReviewFinding]]:
    """(path, finding) for what `review` finds, of these severities, in each model reply filled with sample values."""
    from cmkit.i18n import language
    from cmkit.review.engine import review
    from cmkit.review.registry import all_rules

    codes = frozenset(r.code for r in all_rules() if r.severity in severities and r.code not in NOT_IN_LINT)
    lang = language(None, playbook.organization.language)
    from cmkit.decide.words import fill

    for path, text, topic in model_replies(playbook):
        filled = fill(text, sample_values(playbook, topic))
        for finding in review(filled, playbook, topic=topic, lang=lang, codes=codes):
            yield path, finding
