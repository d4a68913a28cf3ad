"""Decide a message: match topics, apply the crisis and precedence rules, say why.

`Decider(playbook).decide(message)` is a pure function of the playbook and the
message (spec: playbook.md, "How a message is decided"): the same message
always gets the same decision, and every decision carries the keywords and
patterns that produced it. The matcher is compiled once per playbook; a
decision depends only on which triggers fired and on a few facts about the
message, so decisions are memoised on those and a stream of similar messages
costs one automaton scan each.

The decider works on the playbook as plain data (`playbook_data`), which is
what `cmkit check` caches: deciding never needs pydantic or PyYAML.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from cmkit.decide.matcher import Matcher
from cmkit.durations import format_duration

if TYPE_CHECKING:
    from cmkit.model.playbook import Playbook

#: Most severe first (spec step 4); `crisis` is handled before precedence.
SEVERITY = ("escalate", "moderate", "answer", "decline")
#: Sets of matches (each with its decisions) kept for reuse; cleared when full, so memory
#: stays bounded on any stream.
_MEMO_SIZE = 16384


@dataclass(frozen=True)
class Message:
    """What is decided: a text and what is known about where it comes from.

    `channel` is a channel id and `author_kind` an English kind, already
    resolved (aliases, French names) by whoever read the message; `author` is
    a handle or an e-mail address (the watchlist looks it up), `engagement`
    the likes, replies and shares of the message, `at` when it was written
    (naive: in `hours.timezone`, else UTC).
    """

    text: str
    channel: str | None = None
    author_kind: str | None = None
    followers: int | None = None
    author: str | None = None
    engagement: int | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class Reason:
    """One matched topic and what fired, as written in the playbook."""

    topic: str
    matched: tuple[str, ...]
    action: str | None = None  # the topic's own action, so a verdict can show what else is at stake


@dataclass(frozen=True)
class Referent:
    """A contact the message goes to, with what the CM needs to reach them."""

    id: str
    name: str
    role: str | None
    email: str | None
    respond_within_minutes: int | None


@dataclass(frozen=True)
class Tone:
    """The online style every answer follows (the same for every decision of a playbook)."""

    address: str | None
    proximity: str | None
    emoji: bool | None
    signature: str | None
    do: tuple[str, ...]
    avoid: tuple[str, ...]
    forbidden: tuple[str, ...]


@dataclass(frozen=True)
class Autonomy:
    """How far the CM may go alone."""

    may: tuple[str, ...]
    must_not: tuple[str, ...]


@dataclass(frozen=True)
class Decision:
    """What to do with a message, and why (spec steps 3 to 7)."""

    action: str
    topic: str | None
    topics: tuple[str, ...]
    escalate_to: str | None
    respond_within_minutes: int | None
    crisis: bool
    crisis_reason: str | None
    reasons: tuple[Reason, ...]
    topic_label: str | None = None
    referent: Referent | None = None
    backups: tuple[Referent, ...] = ()
    process: str | None = None
    push: tuple[str, ...] = ()
    report: tuple[str, ...] = ()
    guidance: str | None = None
    tone: Tone | None = None
    autonomy: Autonomy | None = None

    def summary_json(self) -> dict:
        """The spec's keys (cli.md, "JSON of a decision") and why it is a crisis: one triage record."""
        return {
            "action": self.action,
            "topic": self.topic,
            "topics": list(self.topics),
            "escalate_to": self.escalate_to,
            "respond_within_minutes": self.respond_within_minutes,
            "crisis": self.crisis,
            "crisis_reason": self.crisis_reason,
            "reasons": [{"topic": r.topic, "matched": list(r.matched)} for r in self.reasons],
        }

    def to_json(self) -> dict:
        """The summary plus what comes with the decision (spec step 7)."""
        tone, autonomy = self.tone or _NO_TONE, self.autonomy or _NO_AUTONOMY
        return {
            **self.summary_json(),
            "topic_label": self.topic_label,
            "referent": _referent_json(self.referent),
            "backups": [_referent_json(b) for b in self.backups],
            "process": self.process,
            "push": list(self.push),
            "report": list(self.report),
            "guidance": self.guidance,
            "tone": {
                "address": tone.address,
                "proximity": tone.proximity,
                "emoji": tone.emoji,
                "signature": tone.signature,
                "do": list(tone.do),
                "avoid": list(tone.avoid),
                "forbidden": list(tone.forbidden),
            },
            "autonomy": {"may": list(autonomy.may), "must_not": list(autonomy.must_not)},
        }


_NO_TONE = Tone(None, None, None, None, (), (), ())
_NO_AUTONOMY = Autonomy((), ())


def _referent_json(referent: Referent | None) -> dict | None:
    if referent is None:
        return None
    return {
        "id": referent.id,
        "name": referent.name,
        "role": referent.role,
        "email": referent.email,
        "respond_within_minutes": referent.respond_within_minutes,
    }


def playbook_data(playbook: Playbook) -> dict[str, Any]:
    """The playbook as plain dicts and lists: what the decider needs, cacheable with `marshal`."""
    data = playbook.model_dump(mode="python", exclude={"objectives", "reporting", "document"})
    if playbook.hours is not None:  # dates as ISO text: marshal (the cache) keeps only plain types
        data["hours"] = playbook.hours.model_dump(mode="json")
    return data


@dataclass(frozen=True)
class _Topic:
    id: str
    label: str
    action: str
    escalate_to: str | None
    respond_within: int | None
    process: str | None
    push: tuple[str, ...]
    report: tuple[str, ...]
    guidance: str | None


class _Matches:
    """The matched topics of one set of triggers, and what follows from them alone.

    A plain class with slots: one is made for every new combination of triggers.
    """

    __slots__ = ("topics", "topic_ids", "reasons", "ruling", "crisis_topic", "decisions")

    def __init__(self, topics: tuple[_Topic, ...], reasons: tuple[Reason, ...]) -> None:
        self.topics = topics
        self.topic_ids = tuple(t.id for t in topics)
        self.reasons = reasons
        #: the topic that decides without a crisis, and the first crisis topic
        self.ruling = _most_severe(topics)
        self.crisis_topic = next((t for t in topics if t.action == "crisis"), None)
        #: the decisions already made with these matches, by the rest of what decides them
        self.decisions: dict[tuple, Decision] = {}


class Decider:
    """Decides messages against one playbook; build it once, call `decide` for each message."""

    def __init__(self, playbook: Playbook) -> None:
        self._setup(playbook_data(playbook))

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Decider:
        """A decider over `playbook_data(...)` output, e.g. read back from the cache."""
        decider = cls.__new__(cls)
        decider._setup(data)
        return decider

    def _setup(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.topics = tuple(
            _Topic(
                t["id"], t["label"], t["action"], t.get("escalate_to"), t.get("respond_within"),
                t.get("process"), tuple(t.get("push") or ()), tuple(t.get("report") or ()), t.get("guidance"),
            )
            for t in data["topics"]
        )
        self.channels: dict[str, int | None] = {
            c["id"]: c.get("expected_response") for c in data.get("channels") or ()
        }
        self._contacts = {c["id"]: c for c in data["contacts"]}
        self._referents = {contact_id: self._referent(contact_id) for contact_id in self._contacts}
        self._backups = {contact_id: self._backup_chain(contact_id) for contact_id in self._contacts}
        self._first_contact = data["contacts"][0]["id"]
        self._default = data.get("default") or {"action": "escalate"}
        self._crisis = data.get("crisis")
        crisis = self._crisis or {}
        self._crisis_authors = frozenset(crisis.get("authors") or ())
        self._followers_threshold: int | None = crisis.get("followers_at_least")
        tone = data.get("tone") or {}
        self._tone = Tone(
            tone.get("address"), tone.get("proximity"), tone.get("emoji"), tone.get("signature"),
            tuple(tone.get("do") or ()), tuple(tone.get("avoid") or ()), tuple(tone.get("forbidden") or ()),
        )
        autonomy = data.get("autonomy") or {}
        must_not = tuple(item if isinstance(item, str) else item["text"] for item in autonomy.get("must_not") or ())
        self._autonomy = Autonomy(tuple(autonomy.get("may") or ()), must_not)
        self.matcher = Matcher(data["topics"])
        self._matches: dict[frozenset[int], _Matches] = {}

    # -- the public surface -------------------------------------------------

    def decide(self, message: Message, spreading: Collection[str] = ()) -> Decision:
        """Decide one message; `spreading` names topics a SpreadWindow found spreading."""
        matches = self._matches_for(self.matcher.find(message.text))
        spread = tuple(t for t in matches.topic_ids if t in spreading) if spreading else ()
        return self._decision(matches, message.channel, message.author_kind, message.followers, spread)

    def decide_at(
        self,
        text: str,
        channel: str | None,
        author_kind: str | None,
        followers: int | None,
        window: SpreadWindow,
        minute: float | None,
    ) -> Decision:
        """Decide one message of a timestamped stream: the spread rule applies when `minute` is known.

        Takes the message's fields rather than a `Message`, because triage calls
        it for every record and building an object per record is a cost there.
        """
        matches = self._matches_for(self.matcher.find(text))
        if minute is None or window.channels is None or not matches.topic_ids:
            return self._decision(matches, channel, author_kind, followers, ())
        return self._decision(matches, channel, author_kind, followers, window.add(minute, channel, matches.topic_ids))

    def _decision(
        self,
        matches: _Matches,
        channel: str | None,
        author_kind: str | None,
        followers: int | None,
        spreading: tuple[str, ...],
    ) -> Decision:
        """The decision of a message with these matches; `spreading`: those of the matched
        topics that spread, in file order. Kept with the matches, for the next such message."""
        threshold = self._followers_threshold
        context = (
            self.channels.get(channel) if channel else None,  # all a channel changes
            author_kind if author_kind in self._crisis_authors else None,
            threshold is not None and followers is not None and followers >= threshold,
            spreading,
        )
        decision = matches.decisions.get(context)
        if decision is None:
            decision = matches.decisions[context] = self._resolve(matches, *context)
        return decision

    def referent(self, contact_id: str) -> Referent:
        """The contact with this id, as a decision names them."""
        return self._referents[contact_id]

    def backups(self, contact_id: str) -> tuple[Referent, ...]:
        """Who takes over when `contact_id` cannot, in order; a loop stops at its first repeat."""
        return self._backups[contact_id]

    def _referent(self, contact_id: str) -> Referent:
        contact = self._contacts[contact_id]
        return Referent(
            contact["id"], contact["name"], contact.get("role"), contact.get("email"), contact.get("respond_within")
        )

    def _backup_chain(self, contact_id: str) -> tuple[Referent, ...]:
        chain: list[Referent] = []
        seen = {contact_id}
        backup = self._contacts[contact_id].get("backup")
        while backup in self._contacts and backup not in seen:
            seen.add(backup)
            chain.append(self._referent(backup))
            backup = self._contacts[backup].get("backup")
        return tuple(chain)

    # -- the rules ------------------------------------------------------------

    def _matches_for(self, triggers: frozenset[int]) -> _Matches:
        matches = self._matches.get(triggers)
        if matches is None:
            if len(self._matches) >= _MEMO_SIZE:
                self._matches.clear()
            matches = self._matches[triggers] = self._analyse(triggers)
        return matches

    def _analyse(self, triggers: frozenset[int]) -> _Matches:
        """What the triggers say, whatever the message's channel and author."""
        by_topic: dict[int, list[str]] = {}  # ordinals go topic by topic: this is file order
        for ordinal in self.matcher.ordinals(triggers):
            topic_index, written = self.matcher.triggers[ordinal]
            matched = by_topic.get(topic_index)
            if matched is None:
                by_topic[topic_index] = [written]
            elif written not in matched:
                matched.append(written)
        topics = tuple(self.topics[i] for i in by_topic)
        return _Matches(topics, tuple(Reason(t.id, tuple(m), t.action) for t, m in zip(topics, by_topic.values())))

    def _resolve(
        self,
        matches: _Matches,
        channel_deadline: int | None,
        crisis_author: str | None,
        many_followers: bool,
        spreading: tuple[str, ...],
    ) -> Decision:
        ruling, crisis_topic = matches.ruling, matches.crisis_topic
        spread_topics = [t for t in matches.topics if t.id in spreading]
        why = self._crisis_reasons(crisis_author, many_followers, crisis_topic, spread_topics)
        if ruling is None and crisis_topic is None and self._default.get("action") == "crisis":
            why.append("the playbook's default action is crisis")
        deciding = crisis_topic or ruling
        if why:
            action = "crisis"
            referent, deadline = self._crisis_referent_and_deadline(deciding, channel_deadline)
        elif ruling is not None:
            action = ruling.action
            referent = (ruling.escalate_to or self._default_referent()) if action == "escalate" else None
            deadline = _smallest(ruling.respond_within, channel_deadline)
        else:
            action = self._default.get("action") or "escalate"
            referent = self._default_referent() if action == "escalate" else None
            deadline = _smallest(self._default.get("respond_within"), channel_deadline)
        if action == "decline":
            deadline = None
        referent = referent if referent in self._contacts else None
        return Decision(
            action=action,
            topic=deciding.id if deciding else None,
            topics=matches.topic_ids,
            escalate_to=referent,
            respond_within_minutes=deadline,
            crisis=bool(why),
            crisis_reason="; ".join(why) if why else None,
            reasons=matches.reasons,
            topic_label=deciding.label if deciding else None,
            referent=self.referent(referent) if referent else None,
            backups=self.backups(referent) if referent else (),
            process=deciding.process if deciding else None,
            push=deciding.push if deciding else (),
            report=deciding.report if deciding else (),
            guidance=deciding.guidance if deciding else None,
            tone=self._tone,
            autonomy=self._autonomy,
        )

    def _crisis_reasons(
        self,
        crisis_author: str | None,
        many_followers: bool,
        crisis_topic: _Topic | None,
        spread_topics: list[_Topic],
    ) -> list[str]:
        """Why a message is a crisis, one sentence per rule that fired (empty: it is not)."""
        why = []
        if crisis_author:
            why.append(f"the author is {_AUTHOR_PHRASES.get(crisis_author, crisis_author)}")
        if many_followers:
            why.append(f"the author has at least {self._followers_threshold:,} followers")
        if crisis_topic is not None:
            why.append(f"the topic {crisis_topic.id} is a crisis topic")
        if spread_topics:
            spread = self._crisis["spread"]
            ids = ", ".join(t.id for t in spread_topics)
            why.append(
                f"the topic {ids} is on {spread['channels']} channels or more"
                f" within {format_duration(spread['within'])}"
            )
        return why

    def _crisis_referent_and_deadline(
        self, deciding: _Topic | None, channel_deadline: int | None
    ) -> tuple[str, int | None]:
        """crisis.escalate_to within crisis.respond_within; without a crisis section, as an escalation."""
        if self._crisis is not None:
            return self._crisis["escalate_to"], self._crisis.get("respond_within")
        if deciding is not None:
            own = deciding.escalate_to, deciding.respond_within
        else:
            own = self._default.get("escalate_to"), self._default.get("respond_within")
        return own[0] or self._default_referent(), _smallest(own[1], channel_deadline)

    def _default_referent(self) -> str:
        return self._default.get("escalate_to") or self._first_contact


_AUTHOR_PHRASES = {
    "customer": "a customer",
    "prospect": "a prospect",
    "influencer": "an influencer",
    "journalist": "a journalist",
    "employee": "an employee",
    "unknown": "of unknown kind",
}


def _most_severe(matched: Sequence[_Topic]) -> _Topic | None:
    """The topic that decides without a crisis: the most severe action, then file order."""
    for action in SEVERITY:
        for topic in matched:
            if topic.action == action:
                return topic
    return None


def _smallest(*deadlines: int | None) -> int | None:
    given = [d for d in deadlines if d is not None]
    return min(given) if given else None


class SpreadWindow:
    """The spread rule over timestamped messages (spec: playbook.md, last paragraph).

    Per topic, the messages of the last `within` minutes and how many of them
    stand on each channel: memory follows the traffic of one window, never the
    length of the stream. Messages are expected in time order (a log); one
    that comes earlier than the latest is compared with what is still kept.
    """

    def __init__(self, playbook: Playbook | None = None, *, spread: Mapping[str, int] | None = None) -> None:
        if playbook is not None:
            spread = playbook.crisis.spread.model_dump() if playbook.crisis and playbook.crisis.spread else None
        self.channels: int | None = spread["channels"] if spread else None
        self.within: int = spread["within"] if spread else 0
        #: per topic: its recent (minute, channel) in time order, and how many of them per channel
        self._topics: dict[str, tuple[deque[tuple[float, str | None]], dict[str, int]]] = {}

    @classmethod
    def for_decider(cls, decider: Decider) -> SpreadWindow:
        """The window of the playbook a decider was built from."""
        crisis = decider.data.get("crisis") or {}
        return cls(spread=crisis.get("spread"))

    def add(self, minute: float, channel: str | None, topics: Sequence[str]) -> tuple[str, ...]:
        """Record a message; return those of its topics whose messages within `within`
        before it (itself included) stand on at least `channels` distinct channels.
        Empty when the playbook has no spread rule."""
        if self.channels is None or not topics:
            return ()
        spreading = [topic for topic in topics if self._add(topic, minute, channel) >= self.channels]
        return tuple(spreading) if spreading else ()

    def _add(self, topic: str, minute: float, channel: str | None) -> int:
        """Record one message of `topic`; return on how many channels the topic stands at `minute`."""
        kept = self._topics.get(topic)
        if kept is None:
            kept = self._topics[topic] = (deque(), {})
        recent, counts = kept
        if recent and minute < recent[-1][0]:
            return self._add_late(recent, counts, minute, channel)
        recent.append((minute, channel))
        if channel is not None:
            counts[channel] = counts.get(channel, 0) + 1
        oldest_kept = minute - self.within
        while recent[0][0] < oldest_kept:
            _, old = recent.popleft()
            if old is not None:
                if counts[old] == 1:
                    del counts[old]
                else:
                    counts[old] -= 1
        return len(counts)

    def _add_late(
        self, recent: deque[tuple[float, str | None]], counts: dict[str, int], minute: float, channel: str | None
    ) -> int:
        """A message earlier than the latest of its topic: kept in time order, compared with
        the messages still kept that are at most `within` before it."""
        if minute < recent[-1][0] - self.within:
            return 0 if channel is None else 1  # older than anything still kept: alone in its window
        position = len(recent)
        while position and recent[position - 1][0] > minute:
            position -= 1
        recent.insert(position, (minute, channel))
        if channel is not None:
            counts[channel] = counts.get(channel, 0) + 1
        return len({c for t, c in recent if minute - self.within <= t <= minute and c is not None})


def decide_at(decider: Decider, window: SpreadWindow, message: Message, minute: float | None) -> Decision:
    """Decide a message of a timestamped stream: the spread rule applies when `minute` is known."""
    return decider.decide_at(message.text, message.channel, message.author_kind, message.followers, window, minute)
