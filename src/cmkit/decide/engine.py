"""Decide a message: match topics, apply the crisis, precedence and audience rules, say why.

`Decider(playbook).decide(message)` is a pure function of the playbook and the
message (spec: playbook.md, "How a message is decided", revision 1.1): the
same message always gets the same decision, and every decision carries what
produced it — the keywords and patterns that fired, the `unless` that removed
a topic, the watchlist entry that named the author, the audience that made a
crisis or reached a tier. The matcher is compiled once per playbook; a
decision depends only on which triggers fired and on a few facts about the
message (its channel's deadline, the author's kind once the watchlist has
spoken, which thresholds it reaches), so decisions are memoised on those and
a stream of similar messages costs one scan each. What belongs to one message
only — `due_at` from its `at`, `{author}` in a reply — is added afterwards.

The decider works on the playbook as plain data (`playbook_data`), which is
what `cmkit check` caches: deciding never needs pydantic or PyYAML.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from cmkit.decide.record import record
from cmkit.decide.matcher import Matcher
from cmkit.decide.normalize import normalize
from cmkit.durations import format_duration
from cmkit.kinds import AUTHOR_KINDS
from cmkit.kinds import author_kind as _kind_named

if TYPE_CHECKING:
    from datetime import datetime

    from cmkit.clock import Clock
    from cmkit.model.playbook import Playbook

#: Most severe first (spec step 4); `crisis` is handled before precedence.
SEVERITY = ("escalate", "moderate", "answer", "decline")
#: What a `reasons[].kind` may be (cli.md, revision 1.1).
REASON_KINDS = ("keyword", "pattern", "unless", "author", "watchlist", "followers", "tier", "spread")
_KINDS = frozenset(AUTHOR_KINDS)
#: Sets of matches (each with its decisions) kept for reuse; cleared when full, so memory
#: stays bounded on any stream.
_MEMO_SIZE = 16384


@record
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


@record
class Reason:
    """One thing that fired, as written in the playbook, and what kind of rule it is.

    `kind` is one of REASON_KINDS. For `keyword`, `pattern` and `unless`,
    `topic` is the topic and `matched` what fired; `author` names the kind
    that makes a crisis, `watchlist` the entry that gave the author's kind,
    `followers` the audience threshold of the crisis, `tier` the thresholds
    of the applied tier that were reached, `spread` the rule (with the
    spreading topic).
    """

    topic: str | None
    matched: tuple[str, ...]
    action: str | None = None  # the topic's own action, so a verdict can show what else is at stake
    kind: str = "keyword"

    def to_json(self) -> dict:
        return {"topic": self.topic, "kind": self.kind, "matched": list(self.matched)}


@record
class Referent:
    """A contact the message goes to, with what the CM needs to reach them."""

    id: str
    name: str
    role: str | None
    email: str | None
    respond_within_minutes: int | None
    phone: str | None = None
    on_call: bool = False


@record
class Tone:
    """The online style every answer follows (the same for every decision of a playbook)."""

    address: str | None
    proximity: str | None
    emoji: bool | None
    signature: str | None
    do: tuple[str, ...]
    avoid: tuple[str, ...]
    forbidden: tuple[str, ...]


@record
class Autonomy:
    """How far the CM may go alone."""

    may: tuple[str, ...]
    must_not: tuple[str, ...]


@record
class Decision:
    """What to do with a message, and why (spec steps 3 to 8)."""

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
    #: revision 1.1: the applied audience tier (0-based index in `audience`), when the answer
    #: is due (ISO 8601, with an `at`), the reply with its placeholders filled
    tier: int | None = None
    due_at: str | None = None
    reply: str | None = None
    suggested_topic: dict | None = None
    #: the author's kind once the watchlist has spoken (what the crisis rule saw)
    author_kind: str | None = None
    #: the deadline's candidates (minutes, counted in open hours), for `due_at`
    candidates: tuple[tuple[int, bool], ...] = ()
    #: a crisis made by the author, the audience or the spread of a topic that is not a crisis
    #: topic: that topic's own handling (its process, push, guidance, reply) is suspended, the
    #: CM posts the holding statement at most (a journalist is not answered like a customer)
    suspended: bool = False
    #: with an `at`, when the referent who holds the answer is not on call and the office is
    #: closed, or closes before their delay is over: {"resumes": ISO 8601 (when the office
    #: opens again), "off_duty": contact ids (referent and backups not on call), "on_call":
    #: [{id, name, phone}] of who can be reached meanwhile}; else None
    off_hours: dict | None = None

    def summary_json(self) -> dict:
        """The spec's keys (cli.md, "JSON of a decision", revision 1.1) and why it is a crisis."""
        return {
            "action": self.action,
            "topic": self.topic,
            "topics": list(self.topics),
            "escalate_to": self.escalate_to,
            "respond_within_minutes": self.respond_within_minutes,
            "crisis": self.crisis,
            "crisis_reason": self.crisis_reason,
            "reasons": [r.to_json() for r in self.reasons],
            "tier": self.tier,
            "due_at": self.due_at,
            "reply": self.reply,
            "suggested_topic": self.suggested_topic,
        }

    def to_json(self) -> dict:
        """The summary plus what comes with the decision (spec step 8)."""
        tone, autonomy = self.tone or _NO_TONE, self.autonomy or _NO_AUTONOMY
        return {
            **self.summary_json(),
            "author_kind": self.author_kind,
            "off_hours": self.off_hours,
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
#: A copy of a decision with a field or two of the message's own is built as a tuple (a
#: decision is one): `_replace` costs several times as much, on every message of a triage.
_NEW = tuple.__new__
_TOPICS, _REASONS, _DUE_AT = (Decision._fields.index(name) for name in ("topics", "reasons", "due_at"))
_NO_AUTONOMY = Autonomy((), ())


def _referent_json(referent: Referent | None) -> dict | None:
    if referent is None:
        return None
    return {
        "id": referent.id,
        "name": referent.name,
        "role": referent.role,
        "email": referent.email,
        "phone": referent.phone,
        "on_call": referent.on_call,
        "respond_within_minutes": referent.respond_within_minutes,
    }


def playbook_data(playbook: Playbook) -> dict[str, Any]:
    """The playbook as plain dicts and lists: what the decider needs, cacheable with `marshal`."""
    data = playbook.model_dump(mode="python", exclude={"objectives", "reporting", "document"})
    if playbook.hours is not None:  # dates as ISO text: marshal (the cache) keeps only plain types
        data["hours"] = playbook.hours.model_dump(mode="json")
    return data


def channel_finder(channels: Sequence[Mapping[str, Any]]):
    """A function from what a person or a tool calls a channel to its id (None if unknown).

    Revision 1.1: a channel is found by its id, its `name` or one of its
    `aliases`, case, accents and punctuation ignored (`Page Facebook`,
    `page-facebook`, `X / Twitter` and `x twitter` are the same). An exact id
    always wins; then ids, names and aliases in file order. Triage and test
    cases use the same function as `check`.
    """
    ids = {c["id"] for c in channels}
    by_name: dict[str, str] = {}
    for field in ("id", "name", "aliases"):
        for channel in channels:
            values = channel.get(field)
            for value in [values] if isinstance(values, str) else values or ():
                by_name.setdefault(normalize(str(value)), channel["id"])

    def find(name: str) -> str | None:
        if name in ids:
            return name
        return by_name.get(normalize(name)) if name else None

    return find


@record
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
    reply: str | None


class _Verdict:
    """What decides a message among its matched topics (after `unless`): the topic that rules
    without a crisis and the first crisis topic. The other matched topics only explain.

    Shared by every set of triggers with the same two: on text that never
    repeats, the words that fire, and even the topics, differ from message to
    message, but the ruling topic mostly does not. A verdict's decisions
    carry neither `topics` nor the reasons that name matched words (only the
    watchlist, author, tier, spread ones); a message's own are put in afterwards.
    """

    __slots__ = ("topic_ids", "reasons", "ruling", "crisis_topic", "decisions")

    def __init__(self, ruling: _Topic | None, crisis_topic: _Topic | None) -> None:
        self.topic_ids: tuple[str, ...] = ()
        self.reasons: tuple[Reason, ...] = ()
        self.ruling, self.crisis_topic = ruling, crisis_topic
        #: the decisions of this verdict, by the rest of what decides them
        self.decisions: dict[tuple, Decision] = {}


class _Matches:
    """One set of triggers: its verdict and the reasons that name what fired.

    A plain class with slots: one is made for every new combination of triggers.
    """

    __slots__ = ("verdict", "topics", "topic_ids", "reasons", "ruling", "crisis_topic", "watched", "decisions")

    def __init__(self, verdict: _Verdict, topics: tuple[_Topic, ...], reasons: tuple[Reason, ...],
                 watched: frozenset[str]) -> None:
        self.verdict = verdict
        self.topics = topics
        self.topic_ids = tuple(t.id for t in topics)
        self.ruling, self.crisis_topic = verdict.ruling, verdict.crisis_topic
        #: the matched topics the spread rule watches
        self.watched = tuple(t for t in self.topic_ids if t in watched)
        self.reasons = reasons
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
        self.language = (data.get("organization") or {}).get("language") or "en"
        self.topics = tuple(
            _Topic(
                t["id"], t["label"], t["action"], t.get("escalate_to"), t.get("respond_within"),
                t.get("process"), tuple(t.get("push") or ()), tuple(t.get("report") or ()), t.get("guidance"),
                t.get("reply"),
            )
            for t in data["topics"]
        )
        self.channels: dict[str, int | None] = {
            c["id"]: c.get("expected_response") for c in data.get("channels") or ()
        }
        self.find_channel = channel_finder(data.get("channels") or ())
        self._contacts = {c["id"]: c for c in data["contacts"]}
        self._referents = {contact_id: self._referent(contact_id) for contact_id in self._contacts}
        self._backups = {contact_id: self._backup_chain(contact_id) for contact_id in self._contacts}
        self._first_contact = data["contacts"][0]["id"]
        self._default = data.get("default") or {"action": "escalate"}
        self._crisis = data.get("crisis")
        crisis = self._crisis or {}
        self._crisis_authors = frozenset(_kind_named(k) or k for k in crisis.get("authors") or ())
        self._followers_threshold: int | None = crisis.get("followers_at_least")
        spread = crisis.get("spread")
        self.has_spread = spread is not None
        watched = (spread or {}).get("topics")
        self._watched = frozenset(
            (t.id for t in self.topics if t.action == "escalate") if watched is None else watched
        )
        self._tiers = tuple(data.get("audience") or ())
        self._watch_exact: dict[str, tuple[str, int, str]] = {}
        self._watch_domain: dict[str, tuple[str, int, str]] = {}
        for index, entry in enumerate(data.get("watchlist") or ()):
            kind = _kind_named(entry["kind"]) or entry["kind"]
            for handle in entry["handles"]:
                written = handle.strip()
                if written.startswith("*@"):
                    self._watch_domain.setdefault(written[2:].casefold(), (kind, index, handle))
                else:
                    self._watch_exact.setdefault(_handle(written), (kind, index, handle))
        tone = data.get("tone") or {}
        self._tone = Tone(
            tone.get("address"), tone.get("proximity"), tone.get("emoji"), tone.get("signature"),
            tuple(tone.get("do") or ()), tuple(tone.get("avoid") or ()), tuple(tone.get("forbidden") or ()),
        )
        autonomy = data.get("autonomy") or {}
        must_not = tuple(item if isinstance(item, str) else item["text"] for item in autonomy.get("must_not") or ())
        self._autonomy = Autonomy(tuple(autonomy.get("may") or ()), must_not)
        stems = (data.get("matching") or {}).get("stems")
        stem = None
        if stems:
            from cmkit.decide.phrases import stemmer

            stem = stemmer(self.language)
        self.matcher = Matcher(data["topics"], stem)
        self._matches: dict[frozenset[int], _Matches] = {}
        self._verdicts: dict[tuple[str | None, str | None], _Verdict] = {}
        self._topic_by_id = {t.id: t for t in self.topics}
        #: per trigger key, its part in a set of triggers of different topics (`_analyse`)
        self._alone: dict[int, tuple[int, int, Reason] | bool] = {}
        self._reasons: dict[tuple[int, str, tuple[str, ...]], Reason] = {}
        self._clock: Clock | None = None
        #: the decision the last message shares with every message decided alike: all but what is
        #: the message's own (`due_at`, a filled `reply`, `off_hours`, `suggested_topic`); a writer
        #: encodes it once (cmkit.formats.triage_records)
        self.shared: Decision | None = None
        self._last: tuple = ()  # what the last message given a spread window was decided with
        self._clocks: dict[tuple, tuple[int | None, tuple[int, ...]]] = {}
        self._history: tuple[tuple[str, str], ...] = ()
        self._nearest: Any = None if any(t.get("examples") for t in data["topics"]) else False

    def learn_from(self, history: Iterable[tuple[str, str]]) -> None:
        """Add (topic id, text) rows of a labelled history to the topics' `examples`, for the
        `suggested_topic` hint of messages that match no topic (`--history`)."""
        self._history = tuple(history)
        self._nearest = None

    def _suggested(self, decision: Decision, text: str) -> Decision:
        """The decision with `suggested_topic` when nothing matched and examples point somewhere:
        a hint for the CM and the consultant, never a change of the decided action."""
        if self._nearest is None:
            from cmkit.decide.nearest import NearestTopic

            self._nearest = NearestTopic.from_playbook_data(self.data, self._history)
        removed = [r.topic for r in decision.reasons if r.kind == "unless"]
        hint = self._nearest.suggest(text, removed) if self._nearest else None
        return decision._replace(suggested_topic=hint) if hint else decision

    # -- the public surface -------------------------------------------------

    def decide(self, message: Message, spreading: Collection[str] = ()) -> Decision:
        """Decide one message; `spreading` names topics a SpreadWindow found spreading
        (only those the spread rule watches count)."""
        matches = self._matches_for(self.matcher.find(message.text))
        spread = tuple(t for t in matches.watched if t in spreading) if spreading else ()
        decision = self._decision(
            matches, message.channel, message.author_kind, message.followers, spread,
            message.author, message.engagement, message.at,
        )
        if not matches.topic_ids and self._nearest is not False:
            return self._suggested(decision, message.text)
        return decision

    def decide_at(
        self,
        text: str,
        channel: str | None,
        author_kind: str | None,
        followers: int | None,
        window: SpreadWindow,
        minute: float | None,
        *,
        author: str | None = None,
        engagement: int | None = None,
        at: datetime | None = None,
        found: frozenset[int] | None = None,
    ) -> Decision:
        """Decide one message of a timestamped stream: the spread rule applies when `minute` is known.

        Takes the message's fields rather than a `Message`, because triage calls
        it for every record and building an object per record is a cost there.
        The window is given the matched topics the spread rule watches, the only
        ones that can spread (so a replayed window sees one call per timed message
        with such a topic); the others need no counting. `found`: what
        `self.matcher.find(text)` gives, when the caller has it already.
        """
        matches = self._matches_for(self.matcher.find(text) if found is None else found)
        spread: tuple[str, ...] = ()
        if minute is not None and matches.watched and window.channels is not None:
            spread = window.add(minute, channel, matches.watched)
            self._last = (matches, channel, author_kind, followers, author, engagement, at)
        decision = self._decision(matches, channel, author_kind, followers, spread, author, engagement, at)
        if not matches.topic_ids and self._nearest is not False:
            return self._suggested(decision, text)
        return decision

    def again_with_spread(self, spreading: tuple[str, ...]) -> Decision:
        """The last message `decide_at` gave a spread window, decided again as if these of its
        watched topics spread: a worker of a parallel triage readies it, and the parent, who
        counts the spread rule over every record, takes it when they do."""
        matches, channel, author_kind, followers, author, engagement, at = self._last
        return self._decision(matches, channel, author_kind, followers, spreading, author, engagement, at)

    def _decision(
        self,
        matches: _Matches,
        channel: str | None,
        author_kind: str | None,
        followers: int | None,
        spreading: tuple[str, ...],
        author: str | None = None,
        engagement: int | None = None,
        at: datetime | None = None,
    ) -> Decision:
        """The decision of a message with these matches; `spreading`: those of the watched
        topics that spread, in file order. Kept with the matches, for the next such message;
        what is the message's own (`due_at`, `{author}`) is added to the kept decision."""
        listed = self.watched_kind(author) if author and (self._watch_exact or self._watch_domain) else None
        if author_kind is not None and author_kind not in _KINDS:  # French, or any case: the kind it names
            author_kind = _kind_named(author_kind) or author_kind
        kind = listed[0] if listed else author_kind
        threshold = self._followers_threshold
        context = (
            kind,  # only shown (`author_kind`), unless it is a crisis author
            self.channels.get(channel) if channel else None,  # all a channel changes
            kind if kind in self._crisis_authors else None,
            listed,
            threshold is not None and followers is not None and followers >= threshold,
            self._tiers_reached(followers, engagement) if self._tiers else None,
            spreading,
        )
        decision = matches.decisions.get(context)
        if decision is None:
            verdict = matches.verdict
            decision = verdict.decisions.get(context)
            if decision is None:
                if len(verdict.decisions) >= _MEMO_SIZE:
                    verdict.decisions.clear()
                decision = verdict.decisions[context] = self._resolve(verdict, *context)
            if matches.reasons:  # the matched topics, and their words before the verdict's reasons
                decision = _NEW(Decision, decision[:_TOPICS] + (matches.topic_ids,) + decision[_TOPICS + 1:_REASONS]
                                + (matches.reasons + decision.reasons,) + decision[_REASONS + 1:])
            if len(matches.decisions) >= _MEMO_SIZE:
                matches.decisions.clear()
            matches.decisions[context] = decision
        self.shared = decision
        promise = None
        if at is not None and decision.candidates:  # a copy with the message's `due_at`, built as a tuple
            decision = _NEW(Decision, decision[:_DUE_AT] + (self._due_at(at, decision.candidates),) + decision[_DUE_AT + 1:])
            referent = decision.referent
            if referent is not None and not referent.on_call and self.clock.has_hours:
                off = self._off_hours(at, decision)
                if off is not None:
                    decision = _with(decision, "off_hours", off)
            if decision.reply is not None and "{deadline}" in self._reply_template(decision):
                promise = self._promise(at, decision)
        if promise is not None or (
            author and decision.reply is not None and "{author}" in self._reply_template(decision)
        ):
            decision = _with(decision, "reply", self._fill(decision, author or "", promise))
        return decision

    def _promise(self, at: datetime, decision: Decision) -> datetime:
        """The moment a reply's `{deadline}` promises: the due moment, or, when the referent
        who holds the answer counts in open hours and cannot answer by then, the moment they
        can (an open-hours candidate's end): a reply never names a person and a time the
        office's hours make impossible (docs/decide.md, "Off hours")."""
        clock = self.clock
        due = clock.parse(decision.due_at)
        for minutes, open_hours in decision.candidates:
            if open_hours:
                counted = clock.add_open(at, minutes)
                if counted > due:
                    due = counted
        referent = decision.referent
        if referent is not None and not referent.on_call and clock.has_hours:
            # the referent answers in open hours: the reply names them, so it promises when they can
            delay = referent.respond_within_minutes
            if delay is None:
                delay = decision.respond_within_minutes or 0
            counted = clock.add_open(at, delay)
            if counted > due:
                due = counted
        return due.astimezone(clock.zone)

    def _off_hours(self, at: datetime, decision: Decision) -> dict | None:
        """Who is off duty and until when, when the referent (not on call) cannot answer
        within their delay in one stretch of open hours: the office is closed at `at`, or
        closes before the delay (the referent's own answer time, else the decision's) ends."""
        clock = self.clock
        referent = decision.referent
        delay = referent.respond_within_minutes
        if delay is None:
            delay = decision.respond_within_minutes or 0
        local = clock.localize(at).astimezone(clock.zone)
        if clock.is_open(local):
            if clock.add_open(local, delay) <= clock.add_wall(local, delay):
                return None  # the office stays open until the delay is over
            resumes = clock.next_open(clock.add_open(local, _open_minutes_left(clock, local)))
        else:
            resumes = clock.next_open(local)
        off = [referent.id, *(b.id for b in decision.backups if not b.on_call)]
        on_call = [
            {"id": c["id"], "name": c["name"], "phone": c.get("phone")} for c in self._contacts.values() if c.get("on_call")
        ]
        return {"resumes": clock.format(resumes), "off_duty": off, "on_call": on_call}

    def _due_at(self, at: datetime, candidates: tuple[tuple[int, bool], ...]) -> str:
        """`at` plus each candidate on its own clock, the earliest, as ISO 8601 with offset.

        Open time never passes faster than wall-clock time, so an open-hours
        candidate is only counted when it is shorter than every wall-clock one:
        most messages cost one addition (triage computes this for every record)."""
        wall, open_counted = self._clocks_of(candidates)
        if not open_counted and type(wall) is int:
            return self.clock.wall_text(at, wall)
        clock = self.clock
        due = None if wall is None else clock.add_wall(at, wall)
        for minutes in open_counted:
            counted = clock.add_open(at, minutes)
            if due is None or counted < due:
                due = counted
        return clock.format(due)

    def _clocks_of(self, candidates: tuple[tuple[int, bool], ...]) -> tuple[int | None, tuple[int, ...]]:
        """The shortest wall-clock candidate, and the open-hours ones shorter than it."""
        found = self._clocks.get(candidates)
        if found is None:
            wall = min((m for m, open_hours in candidates if not open_hours), default=None)
            found = self._clocks[candidates] = (wall, tuple(
                m for m, open_hours in candidates if open_hours and (wall is None or m < wall)))
        return found

    def watched_in(self, topics: Sequence[str]) -> tuple[str, ...]:
        """Those of `topics` the spread rule watches, in their order (what `decide_at` counts)."""
        return tuple(t for t in topics if t in self._watched) if self.has_spread else ()

    def spread_watches(self, topics: Sequence[str]) -> bool:
        """Whether the playbook's spread rule watches one of these topics (then a decision
        made without the message's neighbours in time may miss a crisis)."""
        return bool(self.watched_in(topics))

    def watched_kind(self, author: str) -> tuple[str, int, str] | None:
        """The watchlist's (kind, entry index, handle as written) for an author, or None: an
        exact handle (case and one leading `@` ignored) first, then a `*@domain` entry."""
        handle = _handle(author)
        found = self._watch_exact.get(handle)
        if found is None and "@" in handle:
            found = self._watch_domain.get(handle.rsplit("@", 1)[1])
        return found

    @property
    def clock(self) -> Clock:
        """The playbook's clock (its `hours`), built on first use."""
        if self._clock is None:
            from cmkit.clock import Clock

            self._clock = Clock(self.data.get("hours"))
        return self._clock

    def referent(self, contact_id: str) -> Referent:
        """The contact with this id, as a decision names them."""
        return self._referents[contact_id]

    def backups(self, contact_id: str) -> tuple[Referent, ...]:
        """Who takes over when `contact_id` cannot, in order; a loop stops at its first repeat."""
        return self._backups[contact_id]

    def _referent(self, contact_id: str) -> Referent:
        contact = self._contacts[contact_id]
        return Referent(
            contact["id"], contact["name"], contact.get("role"), contact.get("email"), contact.get("respond_within"),
            contact.get("phone"), bool(contact.get("on_call")),
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
        """What the triggers say, whatever the message's channel and author: the topics
        matched by a keyword or pattern and not removed by one of their `unless`.

        Most sets of triggers are words of different topics, each a keyword or pattern of its
        own (no `unless`, no two of one topic): those are read from each trigger's part."""
        parts = list(map(self._alone.get, triggers))
        if None in parts:
            parts = [self._alone_part(key) for key in triggers]
        if False not in parts and len({part[1] for part in parts}) == len(parts):
            parts.sort()  # by ordinal: topic by topic, as the playbook is written
            return self._matches_of([part[1] for part in parts], [part[2] for part in parts])
        return self._analysed(triggers)

    def _alone_part(self, key: int) -> tuple[int, int, Reason] | bool:
        """(ordinal, topic index, reason) of a trigger key that stands for one keyword or pattern
        of its topic, when it fires without another of that topic; False for any other key.
        Kept: there are no more keys than the playbook has triggers."""
        found = self._alone.get(key)
        if found is None:
            ordinals = self.matcher.key_ordinals(key)
            found = False
            if len(ordinals) == 1:
                topic_index, written, kind = self.matcher.triggers[ordinals[0]]
                if kind != "unless":
                    found = (ordinals[0], topic_index, self._reason(topic_index, kind, [written]))
            self._alone[key] = found
        return found

    def _analysed(self, triggers: frozenset[int]) -> _Matches:
        """`_analyse`, trigger by trigger."""
        triggers_of = self.matcher.triggers
        ordinals = self.matcher.ordinals(triggers)  # topic by topic: this is file order
        topics: list[int] = []
        reasons: list[Reason] = []
        start, count = 0, len(ordinals)
        while start < count:
            topic_index = triggers_of[ordinals[start]][0]
            end = start + 1
            while end < count and triggers_of[ordinals[end]][0] == topic_index:
                end += 1
            if end == start + 1:  # one trigger of the topic fired
                _, written, kind = triggers_of[ordinals[start]]
                reason = self._reason(topic_index, kind, [written])
                if reason.kind != "unless":
                    topics.append(topic_index)
                    reasons.append(reason)
            else:
                self._several(topic_index, ordinals[start:end], topics, reasons)
            start = end
        return self._matches_of(topics, reasons)

    def _matches_of(self, topics: list[int], reasons: list[Reason]) -> _Matches:
        """The matches of these topics (indexes, in file order), with these reasons."""
        matched = tuple(self.topics[i] for i in topics)
        ruling = _most_severe(matched)
        crisis_topic = next((t for t in matched if t.action == "crisis"), None)
        key = (ruling and ruling.id, crisis_topic and crisis_topic.id)
        verdict = self._verdicts.get(key)
        if verdict is None:
            if len(self._verdicts) >= _MEMO_SIZE:
                self._verdicts.clear()
            verdict = self._verdicts[key] = _Verdict(ruling, crisis_topic)
        return _Matches(verdict, matched, tuple(reasons), self._watched)

    def _several(self, index: int, ordinals: list[int], topics: list[int], reasons: list[Reason]) -> None:
        """Add what several triggers of one topic say: the topic and its keywords and patterns,
        or, when one of its `unless` fired too, the `unless` that removed it."""
        kinds: dict[str, list[str]] = {}
        for ordinal in ordinals:
            _, written, kind = self.matcher.triggers[ordinal]
            matched = kinds.setdefault(kind, [])
            if written not in matched:
                matched.append(written)
        if "keyword" not in kinds and "pattern" not in kinds:
            return  # an `unless` alone: nothing to remove
        if "unless" in kinds:
            reasons.append(self._reason(index, "unless", kinds["unless"]))
            return
        topics.append(index)
        for kind in ("keyword", "pattern"):
            if kind in kinds:
                reasons.append(self._reason(index, kind, kinds[kind]))

    def _reason(self, index: int, kind: str, matched: list[str]) -> Reason:
        """The reason for what fired in one topic, one object per (topic, kind, words): the same
        words firing again give the same object, which a writer encodes once."""
        key = (index, kind, tuple(matched))
        reason = self._reasons.get(key)
        if reason is None:
            if len(self._reasons) >= _MEMO_SIZE:
                self._reasons.clear()
            topic = self.topics[index]
            reason = self._reasons[key] = Reason(topic.id, key[2], topic.action, kind)
        return reason

    def _tiers_reached(self, followers: int | None, engagement: int | None) -> tuple | None:
        """(applied tier, tier whose referent applies, what of the applied tier was reached),
        or None when no tier is reached (spec step 6: the last reached tier applies)."""
        applied = named = None
        reached: tuple[str, ...] = ()
        for index, tier in enumerate(self._tiers):
            by = []
            least = tier.get("followers_at_least")
            if least is not None and followers is not None and followers >= least:
                by.append(f"followers ≥ {least}")
            least = tier.get("engagement_at_least")
            if least is not None and engagement is not None and engagement >= least:
                by.append(f"engagement ≥ {least}")
            if by:
                applied, reached = index, tuple(by)
                if tier.get("escalate_to"):
                    named = index
        return None if applied is None else (applied, named, reached)

    def _resolve(
        self,
        matches: _Matches | _Verdict,
        kind: str | None,
        channel_deadline: int | None,
        crisis_author: str | None,
        listed: tuple[str, int, str] | None,
        many_followers: bool,
        tiers: tuple | None,
        spreading: tuple[str, ...],
    ) -> Decision:
        ruling, crisis_topic = matches.ruling, matches.crisis_topic
        spread_topics = [self._topic_by_id[t] for t in spreading]  # watched matched topics, in file order
        audience_crisis = many_followers and ruling is not None and ruling.action == "escalate"
        why = self._crisis_reasons(crisis_author, audience_crisis, crisis_topic, spread_topics)
        extra: list[Reason] = []
        if listed is not None:
            extra.append(Reason(None, (listed[2],), None, "watchlist"))
        if crisis_author:
            extra.append(Reason(None, (crisis_author,), None, "author"))
        if audience_crisis:
            extra.append(Reason(None, (f"followers ≥ {self._followers_threshold}",), None, "followers"))
        if ruling is None and crisis_topic is None and self._default.get("action") == "crisis":
            why.append("the playbook's default action is crisis")
        tier = None
        if why:
            action = "crisis"
            deciding = crisis_topic or (spread_topics[0] if spread_topics else ruling)
            referent, candidates = self._crisis_referent_and_candidates(deciding, channel_deadline)
            for topic in spread_topics:
                spread = self._crisis["spread"]
                extra.append(Reason(
                    topic.id, (f"{spread['channels']} channels within {format_duration(spread['within'])}",),
                    topic.action, "spread",
                ))
        else:
            deciding = ruling
            if ruling is not None:
                action, referent, own = ruling.action, ruling.escalate_to, ruling.respond_within
            else:
                action = self._default.get("action") or "escalate"
                referent, own = self._default.get("escalate_to"), self._default.get("respond_within")
            if action == "escalate":
                referent = referent or self._default_referent()
            else:
                referent = None
            tier_deadline = None
            if action == "escalate" and tiers is not None:
                tier, named, reached = tiers
                if named is not None:
                    referent = self._tiers[named]["escalate_to"]
                tier_deadline = self._tiers[tier].get("respond_within")
                extra.append(Reason(None, reached, None, "tier"))
            # the deciding topic's own deadline counts in open hours when a referent who is
            # not on call holds the answer; the CM's own (answer, moderate) and the rest in wall-clock
            referent_hours = action == "escalate" and not self._on_call(referent)
            candidates = _candidates((own, referent_hours), (channel_deadline, False), (tier_deadline, False))
        if action == "decline":
            candidates = ()
        referent = referent if referent in self._contacts else None
        deadline = min((m for m, _ in candidates), default=None)
        suspended = bool(why) and deciding is not None and deciding.action != "crisis"
        own = None if suspended else deciding
        decision = Decision(
            action=action,
            topic=deciding.id if deciding else None,
            topics=matches.topic_ids,
            escalate_to=referent,
            respond_within_minutes=deadline,
            crisis=bool(why),
            crisis_reason="; ".join(why) if why else None,
            reasons=matches.reasons + tuple(extra) if extra else matches.reasons,
            topic_label=deciding.label if deciding else None,
            referent=self.referent(referent) if referent else None,
            backups=self.backups(referent) if referent else (),
            process=own.process if own else None,
            push=own.push if own else (),
            report=deciding.report if deciding else (),
            guidance=own.guidance if own else None,
            tone=self._tone,
            autonomy=self._autonomy,
            tier=tier,
            author_kind=kind,
            candidates=candidates,
            suspended=suspended,
        )
        if self._reply_template(decision):
            decision = decision._replace(reply=self._fill(decision, ""))
        return decision

    def _reply_template(self, decision: Decision) -> str | None:
        """The deciding topic's `reply`, or for a crisis the `holding_statement`."""
        if decision.crisis:
            return (self._crisis or {}).get("holding_statement")
        if decision.topic is None:
            return None
        return next(t.reply for t in self.topics if t.id == decision.topic)

    def _fill(self, decision: Decision, author: str, promise: datetime | None = None) -> str:
        """The reply with its placeholders; `{deadline}` a moment in words when there is one
        (« d’ici lundi 7 décembre, 10 h 30 »), else the delay (« sous 2 heures »)."""
        from cmkit.decide.words import by_moment_words, deadline_words, fill

        if promise is not None:
            deadline = by_moment_words(promise, self.language)
        else:
            deadline = deadline_words(decision.respond_within_minutes, self.language)
        return fill(self._reply_template(decision) or "", {
            "signature": self._tone.signature or "",
            "referent": decision.referent.name if decision.referent else "",
            "deadline": deadline,
            "author": author,
        })

    def _on_call(self, contact_id: str | None) -> bool:
        return bool(contact_id in self._contacts and self._contacts[contact_id].get("on_call"))

    def _crisis_reasons(
        self,
        crisis_author: str | None,
        audience_crisis: bool,
        crisis_topic: _Topic | None,
        spread_topics: list[_Topic],
    ) -> list[str]:
        """Why a message is a crisis, one sentence per rule that fired (empty: it is not)."""
        why = []
        if crisis_author:
            why.append(f"the author is {_AUTHOR_PHRASES.get(crisis_author, crisis_author)}")
        if audience_crisis:
            why.append(f"the author has at least {self._followers_threshold:,} followers and the topic is escalated")
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

    def _crisis_referent_and_candidates(
        self, deciding: _Topic | None, channel_deadline: int | None
    ) -> tuple[str, tuple[tuple[int, bool], ...]]:
        """crisis.escalate_to within crisis.respond_within (wall-clock); without a crisis
        section, as an escalation of the deciding topic (or the default)."""
        if self._crisis is not None:
            return self._crisis["escalate_to"], _candidates((self._crisis.get("respond_within"), False))
        if deciding is not None:
            referent, own = deciding.escalate_to, deciding.respond_within
        else:
            referent, own = self._default.get("escalate_to"), self._default.get("respond_within")
        referent = referent or self._default_referent()
        return referent, _candidates((own, not self._on_call(referent)), (channel_deadline, False))

    def _default_referent(self) -> str:
        return self._default.get("escalate_to") or self._first_contact


def _with(decision: Decision, field: str, value: Any) -> Decision:
    """A copy of a kept decision with one field of the message's own (`due_at`, `reply`)."""
    return decision._replace(**{field: value})


def _open_minutes_left(clock: Clock, local: datetime) -> float:
    """How many minutes the stretch of open hours that `local` falls in still lasts (the office
    closes then; a range that ends at midnight and one that starts then are one stretch)."""
    from datetime import timedelta

    left = 0.0
    day, minute = local.date(), local.hour * 60 + local.minute + local.second / 60
    for _ in range(8):
        current = next(((s, e) for s, e in clock.week[day.weekday()] if s <= minute < e), None)
        if current is None or day in clock.holidays:
            return left
        left += current[1] - minute
        if current[1] < 1440:
            return left
        day, minute = day + timedelta(days=1), 0.0
    return left


def _handle(written: str) -> str:
    """A handle as the watchlist compares it: case ignored, one leading `@` dropped.

    An author as e-mail exports write it (Zendesk, Outlook, Freshdesk:
    « Paul Dupont <paul@lemonde.fr> », `<paul@lemonde.fr>`, `mailto:`) is its
    address, and the punctuation a sentence or a copy leaves at its end
    (`paul@lemonde.fr.`, `@LeParisien,`) is not part of it: a journalist is
    not missed for the way a tool wrote their address."""
    handle = written.strip().casefold()
    opening = handle.rfind("<")
    if opening >= 0 and handle.endswith(">"):
        handle = handle[opening + 1:-1].strip()
    if handle.startswith("mailto:"):
        handle = handle[7:]
    handle = handle.strip().strip("\"'").rstrip(".,;:!?)»” ")
    return handle[1:] if handle.startswith("@") else handle


def _candidates(*pairs: tuple[int | None, bool]) -> tuple[tuple[int, bool], ...]:
    """The given deadlines, each with whether it counts in open hours."""
    return tuple((minutes, open_hours) for minutes, open_hours in pairs if minutes is not None)


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
    """Decide a message of a timestamped stream: the spread rule applies when `minute` is known.

    The one call for a `Message` with every field (triage, test cases, scenarios)."""
    return decider.decide_at(
        message.text, message.channel, message.author_kind, message.followers, window, minute,
        author=message.author, engagement=message.engagement, at=message.at,
    )
