"""Messages to decide, drawn from the playbook, each on a channel, with the engine's answer.

The handout and `cmkit drill` ask the same thing — "what do you do with
this message, for whom, how fast?" — so they draw from one pool: every
topic's `examples` (messages a trainer wrote for it), or, for a topic
without examples, one sentence built around its first plain keyword.
The draw is shuffled with a seed (a trainee must not guess the answer from
the position, and two sessions with one seed see the same messages), and
each message gets a channel, since the deadline a trainee must give depends
on it (decision rule 7). The expected answer is the decision engine's, so
a course never teaches something `check` would not do.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from cmkit.decide.engine import Decider, Decision, Message
from cmkit.decide.normalize import normalize
from cmkit.model.playbook import Channel, Playbook, Topic

#: The handout's seed: a fixed draw, so one playbook always prints the same course.
DEFAULT_SEED = 1


@dataclass(frozen=True)
class Question:
    """One message to decide, where it came, and what the playbook says to do with it."""

    text: str
    channel: Channel | None
    decision: Decision

    @property
    def expected(self) -> dict:
        """The answer as the drill compares it: `{action, referent, deadline_minutes}`."""
        return {
            "action": self.decision.action,
            "referent": self.decision.escalate_to,
            "deadline_minutes": self.decision.respond_within_minutes,
        }


def pool(playbook: Playbook, fallback: Callable[[str], str] | None = None) -> list[str]:
    """Every message to practise on, in file order: examples, or `fallback(keyword)` for a topic without."""
    texts: list[str] = []
    for topic in playbook.topics:
        if topic.examples:
            texts.extend(topic.examples)
            continue
        keyword = plain_keyword(topic)
        if keyword and fallback is not None:
            texts.append(fallback(keyword))
    return list(dict.fromkeys(texts))


def draw(
    playbook: Playbook,
    *,
    seed: int = DEFAULT_SEED,
    count: int | None = None,
    fallback: Callable[[str], str] | None = None,
    decider: Decider | None = None,
) -> list[Question]:
    """`count` questions (all when None) in a seeded order, each on a seeded channel, decided."""
    rng = random.Random(seed)
    texts = pool(playbook, fallback)
    rng.shuffle(texts)
    if count is not None:
        texts = texts[: max(0, count)]
    decider = decider or Decider(playbook)
    channels = playbook.channels
    questions = []
    for text in texts:
        channel = rng.choice(channels) if channels else None
        decision = decider.decide(Message(text=text, channel=channel.id if channel else None))
        questions.append(Question(text=text, channel=channel, decision=decision))
    return questions


def plain_keyword(topic: Topic) -> str | None:
    """The first keyword a person would write as is (no trailing `*`), else a stem."""
    plain = [k for k in topic.keywords if not k.endswith("*")]
    if plain:
        return plain[0]
    return topic.keywords[0].rstrip("*") if topic.keywords else None


def found_words(pattern: str, text: str, is_pattern: bool) -> str:
    """A keyword or regular expression shown as the words it found in the text (`remboursée`,
    not `rembours*`), which a trainee can read."""
    if is_pattern:
        try:
            found = re.search(pattern, text, re.IGNORECASE)
        except re.error:
            found = None
        return found.group(0) if found and found.group(0).strip() else pattern
    stem = pattern.rstrip("*")
    words = list(re.finditer(r"\w+", text))
    target = normalize(stem)
    for size in range(1, 6):
        for i in range(len(words) - size + 1):
            # the message's own text from the first word to the last (« can't log in », not "can t")
            phrase = text[words[i].start() : words[i + size - 1].end()]
            if normalize(phrase).startswith(target) if pattern.endswith("*") else normalize(phrase) == target:
                return phrase
    return stem
