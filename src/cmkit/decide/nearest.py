"""A hint for what nothing matched: the topic whose examples a message is closest to.

When a message matches no topic, the charter decides (the default); the hint
only helps the community manager route it and tells the consultant which
keyword is missing. It compares the message's words with each topic's
`examples` (and, given one, the rows of a labelled history), weighting each
word by how rare it is across topics (tf-idf, cosine similarity), so that
« colis » says more than « bonjour ». Words are compared after the matcher's
normalisation and cut to their first six letters, a crude but
language-independent stand-in for a stem (« remboursement » and « rembourser »
meet). No hidden model: the words that weighed are returned with the score.

A hint must never be more dangerous than no hint (docs/decide.md, "The
closest topic"): a topic that the message's own words removed by its `unless`
(« je ne veux PAS de remboursement ») is never suggested, and when the
closest topic is one the CM handles alone (answer, moderate, do not answer)
while a crisis topic is also within reach of the message's words (a press
inquiry near a press-praise topic), the hint is the crisis topic: an
over-cautious hint costs a referent a few minutes, answering a journalist
costs the crisis.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cmkit.decide.normalize import normalize

#: Below this similarity, no topic is suggested: better no hint than a wrong one.
MIN_SCORE = 0.2
#: How many of the words that weighed are returned.
SHOWN_WORDS = 3
_CUT = 6
#: The actions of topics a CM handles alone: never hinted at when a crisis topic is in reach.
_ALONE = frozenset({"answer", "moderate", "decline"})
_SMALL_WORDS = frozenset(
    """
    avec dans des est les mais mes nous pas pour que qui sur une vos votre vous cette ces ete avoir etre
    fait faire tout tous tres plus moins bonjour merci madame monsieur depuis encore aussi alors comme
    sont mon ton son leur elle ils etait suis sera avez avons ont quand quoi comment pourquoi trop bien
    and are but for from have has not that the their them they this was were what when which who will
    with you your hello thanks please just been into than then there here about would could should
    """.split()
)


def terms(text: str) -> list[str]:
    """The words of a text that can point to a topic, cut to a common length."""
    return [word[:_CUT] for word in normalize(text).split() if len(word) > 2 and not word.isdigit() and word not in _SMALL_WORDS]


class NearestTopic:
    """The closest topic by examples; build once per playbook, call `suggest` per message."""

    def __init__(self, examples: Mapping[str, Sequence[str]], actions: Mapping[str, str] | None = None) -> None:
        #: each topic's action, for the rule that prefers a crisis topic to one answered alone
        self.actions = dict(actions or {})
        bags = {topic: Counter(t for text in texts for t in terms(text)) for topic, texts in examples.items()}
        bags = {topic: bag for topic, bag in bags.items() if bag}
        document_frequency: Counter = Counter()
        for bag in bags.values():
            document_frequency.update(bag.keys())
        topics = len(bags) or 1
        self.idf = {term: math.log((1 + topics) / (1 + df)) + 1 for term, df in document_frequency.items()}
        self.vectors: dict[str, dict[str, float]] = {}
        self.by_term: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for topic, bag in bags.items():
            vector = {term: (1 + math.log(count)) * self.idf[term] for term, count in bag.items()}
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            for term, value in vector.items():
                self.by_term[term].append((topic, value / norm))
            self.vectors[topic] = vector

    @classmethod
    def from_playbook_data(cls, data: Mapping[str, Any], history: Iterable[tuple[str, str]] = ()) -> NearestTopic:
        """From the playbook's topics' `examples`, plus (topic, text) rows of a labelled history."""
        examples: dict[str, list[str]] = {t["id"]: list(t.get("examples") or ()) for t in data["topics"]}
        for topic, text in history:
            if topic in examples:
                examples[topic].append(text)
        return cls(examples, {t["id"]: t["action"] for t in data["topics"]})

    def suggest(self, text: str, removed: Iterable[str] = ()) -> dict[str, Any] | None:
        """`{id, score, words}` for the closest topic, or None when none is close enough;
        never one of `removed` (topics the message's `unless` removed), and a crisis topic
        within reach rather than a closer topic the CM would answer alone."""
        bag = Counter(terms(text))
        if not bag or not self.vectors:
            return None
        query = {term: (1 + math.log(count)) * self.idf[term] for term, count in bag.items() if term in self.idf}
        norm = math.sqrt(sum(v * v for v in query.values()))
        if not norm:
            return None
        scores: dict[str, float] = defaultdict(float)
        weights: dict[str, dict[str, float]] = defaultdict(dict)
        for term, value in query.items():
            for topic, weight in self.by_term[term]:
                scores[topic] += value / norm * weight
                weights[topic][term] = value * weight
        for topic in removed:
            scores.pop(topic, None)
        best = max(scores, key=lambda topic: (scores[topic], topic), default=None)
        if best is None or scores[best] < MIN_SCORE:
            return None
        if self.actions.get(best) in _ALONE:
            crisis = [t for t, score in scores.items() if score >= MIN_SCORE and self.actions.get(t) == "crisis"]
            if crisis:
                best = max(crisis, key=lambda topic: (scores[topic], topic))
        shown = sorted(weights[best], key=lambda term: (-weights[best][term], term))[:SHOWN_WORDS]
        words = [_original_word(text, term) for term in shown]
        return {"id": best, "score": round(scores[best], 2), "words": words}


def _original_word(text: str, term: str) -> str:
    """The message's own word behind a cut term (`rembou` -> `remboursement`)."""
    for word in normalize(text).split():
        if word.startswith(term):
            return word
    return term
