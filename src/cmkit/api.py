"""cmkit as a library: load a playbook, decide messages, get each decision as the JSON of `triage`.

This module is the stable surface for those who put cmkit inside their own
pipeline (a queue consumer, a notebook, a Dask job): what it names keeps its
meaning across releases; everything else in `cmkit` may move. See docs/api.md.

- `load_playbook(path)`: the validated playbook (LoadError, a CmkitError, when
  the file is not one);
- `Decider(playbook or path)`: `decide(message)` gives one decision as a dict;
  `watched_topics(message)` and `spreading(events)` split the spread rule so
  that a distributed engine can run it as a group-by-topic in time order;
- `decide_many(playbook or path, messages)`: decisions in input order, the
  spread rule applied to the messages that carry `at`.

A message is a `Message` or a dict with triage's fields (`text`, `id`,
`channel`, `author_kind`, `followers`, `author`, `engagement`, `at`), read and
checked as `cmkit triage` reads a JSON record: a channel by its id, name or
alias, an author kind in French or English, `at` as ISO 8601 or epoch seconds.
The dict a decision comes back as has the keys of one line of `triage`'s
JSONL, `line` aside: `id`, `at` and `channel` when known, then the decision's
keys (cli.md, "JSON of a decision"); a record that cannot be decided gives
`{"id": ..., "error": "one sentence"}` in its place, as in triage.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from cmkit.decide.engine import Decider as _Engine
from cmkit.decide.engine import Message, SpreadWindow
from cmkit.errors import CmkitError

if TYPE_CHECKING:
    from cmkit.model.playbook import Playbook

__all__ = ["CmkitError", "Decider", "Message", "MessageLike", "PlaybookLike", "decide_many", "load_playbook"]

#: What a message may be given as.
MessageLike = Union[Message, Mapping[str, Any]]
#: A playbook, or the path of its YAML file.
PlaybookLike = Union["Playbook", str, Path]


def load_playbook(path: str | Path) -> Playbook:
    """The playbook at `path`, validated as `cmkit check` validates it; raises LoadError
    (a CmkitError whose message names the file, and line:column where there is one)."""
    from cmkit.trusted import load_playbook as load

    return load(Path(path))


class Decider:
    """Decides messages against one playbook. Build it once (compiling the keywords takes a
    moment), then call `decide` for each message; it is cheap to keep and safe to reuse.

    Not thread-safe (it memoises decisions): one per thread or per process.
    """

    def __init__(self, playbook: PlaybookLike, *, lang: str | None = None) -> None:
        """`lang` (`en`, `fr`): the language of the `error` sentences; by default the
        playbook's, as in `cmkit triage`."""
        if isinstance(playbook, (str, Path)):
            from cmkit.decide.cache import load_decider

            self._engine = load_decider(Path(playbook))
        else:
            self._engine = _Engine(playbook)
        from cmkit.decide.triage import Fields
        from cmkit.i18n import catalogue, language

        playbook_language = (self._engine.data.get("organization") or {}).get("language")
        self._fields = Fields(self._engine, _=catalogue(language(lang, playbook_language)))

    def decide(self, message: MessageLike, spreading: Iterable[str] = ()) -> dict[str, Any]:
        """One message's decision as a dict (see the module's docstring).

        `spreading`: topics found spreading elsewhere (by `spreading()` in a
        distributed job); the spread rule counts only for the topics it watches.
        Without it, a lone message never spreads.
        """
        read = self._read(message)
        if "error" in read:
            return read
        record, text, channel, kind, followers, minute, author, engagement, at = read["fields"]
        decision = self._engine.decide(
            Message(text, channel, kind, followers, author, engagement, at), frozenset(spreading)
        )
        return {**record, **decision.summary_json()}

    def watched_topics(self, message: MessageLike) -> tuple[str, ...]:
        """The topics of this message the spread rule watches (empty without a spread rule or
        for a message that cannot be decided): the keys of the group-by of a distributed spread."""
        if not self._engine.has_spread:
            return ()
        read = self._read(message)
        if "error" in read:
            return ()
        text = read["fields"][1]
        matches = self._engine._matches_for(self._engine.matcher.find(text))
        return matches.watched

    def spreading(self, events: Iterable[tuple[Any, datetime | str | float, str | None]]) -> list[Any]:
        """For the messages of ONE topic, each given as (key, at, channel) in any order: the keys
        of those on which the topic spreads (playbook.md, the spread rule), counted in time order
        exactly as triage counts them. `at` as a datetime, ISO 8601 text or epoch seconds."""
        from cmkit.inbox.values import moment

        window = SpreadWindow.for_decider(self._engine)
        if window.channels is None:
            return []
        timed = sorted(((moment(at, False, self._fields._).minute, index, key, channel)
                        for index, (key, at, channel) in enumerate(events)), key=lambda e: (e[0], e[1]))
        return [key for minute, _, key, channel in timed if window.add(minute, channel, ("topic",))]

    def _read(self, message: MessageLike) -> dict[str, Any]:
        """{"fields": ...} or {"id", "error"}: triage's reading and checking of a record."""
        from cmkit.decide.triage import BadRecord

        if isinstance(message, Message):
            record: dict[str, Any] = {"id": None}
            if message.at is not None:
                record["at"] = message.at.isoformat()
            if message.channel is not None:
                record["channel"] = message.channel
            return {"fields": (record, message.text, message.channel, message.author_kind, message.followers, None,
                               message.author, message.engagement, message.at)}
        try:
            record_id, text, channel, kind, followers, when, author, engagement = self._fields.read(
                dict(message) if not isinstance(message, dict) else message)
        except BadRecord as exc:
            found = message.get("id") if isinstance(message, Mapping) else None
            return {"id": found if isinstance(found, (str, int)) else None, "error": str(exc)}
        record = {"id": record_id}
        if when is not None:
            record["at"] = when.text
        if channel is not None:
            record["channel"] = channel
        minute = None if when is None else when.minute
        return {"fields": (record, text, channel, kind, followers, minute, author, engagement,
                           None if when is None else when.when)}


def decide_many(playbook: PlaybookLike | Decider, messages: Iterable[MessageLike], *,
                lang: str | None = None) -> Iterator[dict[str, Any]]:
    """Each message's decision as a dict, in input order, streaming (constant memory).

    The spread rule applies to the messages with `at`, as in `cmkit triage`:
    expected in time order; one earlier than the latest is compared with the
    messages still in the window (for an exact result on unordered input, use
    `cmkit triage` or the group-by recipe of docs/api.md). `lang`: as for `Decider`.
    """
    decider = playbook if isinstance(playbook, Decider) else Decider(playbook, lang=lang)
    engine, window = decider._engine, SpreadWindow.for_decider(decider._engine)
    for message in messages:
        read = decider._read(message)
        if "error" in read:
            yield read
            continue
        record, text, channel, kind, followers, minute, author, engagement, at = read["fields"]
        if minute is None and at is not None:  # a Message: its minute from its `at`
            from cmkit.inbox.values import epoch_minutes

            minute = epoch_minutes(at)
        decision = engine.decide_at(text, channel, kind, followers, window, minute,
                                    author=author, engagement=engagement, at=at)
        yield {**record, **decision.summary_json()}
