"""What changed between two versions of a playbook, in the charter's own terms.

A consultant revising a client's charter needs to tell the client "the CM may
now offer a voucher, complaints now reach the service client within 1h", not
which lines moved. So the comparison walks the models, not the text: comments,
key order and the order of unordered lists (keywords, autonomy, recipients...)
never count; list items that carry an id are matched by id.

Topic order counts only where the spec gives it a meaning: among topics with
the same action, the first one in the file decides. A reordering that changes
the relative order of two such topics is reported as a `precedence` change;
any other reordering is no change. Likewise the order of contacts counts only
when there is no `default` section (the first contact then takes unmatched
messages), and it shows up as a change of the default referent.

Paths name items by id (`topics[livraison].action`), since an index shifts
when the next revision inserts a topic. Deadlines are compared in minutes:
shorter is `tightened`, longer (or none) is `loosened`.

Each sentence is in the language asked for (the newer playbook's, or
`--lang`): kinds, sections and paths stay the format's own words (they are an
interface), the `message` speaks the charter's vocabulary — « transmettre »,
« référent », « délai ». English durations keep the playbook's notation
(`1h30m`); French ones read « 1 h 30 ».
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from cmkit.durations import format_duration
from cmkit.i18n import Catalogue, catalogue
from cmkit.i18n.numbers import duration, number
from cmkit.i18n.terms import action_word
from cmkit.model.playbook import Playbook

#: Every kind of change, in the order a reader wants them explained.
KINDS = ("added", "removed", "changed", "tightened", "loosened", "granted", "withdrawn", "precedence")


@dataclass(frozen=True)
class Change:
    """One difference in meaning: where, what kind, the two values and a sentence."""

    section: str
    kind: str
    path: str
    before: Any
    after: Any
    message: str

    def to_json(self) -> dict[str, Any]:
        """The change as plain JSON data."""
        return asdict(self)


class _Words:
    """The sentences of one comparison, in one language: the catalogue and how values read."""

    def __init__(self, lang: str) -> None:
        self._ = catalogue(lang)
        self.lang = self._.lang

    def show(self, value: Any, *, term: bool = False) -> str:
        """A value in a sentence: free text in quotes, terms of the format (ids, actions) bare."""
        _ = self._
        if value is None:
            return "—"
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, int):
            return number(value, self.lang)
        if isinstance(value, list):
            return ", ".join(map(str, value)) or "—"
        if isinstance(value, str) and not term:
            return f"«\u00a0{value}\u00a0»" if self.lang == "fr" else f"“{value}”"
        return str(value)

    def deadline(self, value: int | None) -> str:
        if value is None:
            return self._("no deadline")
        return duration(value, self.lang) if self.lang == "fr" else format_duration(value)


def _field(
    w: _Words, section: str, path: str, what: str, before: Any, after: Any, *, term: bool = False,
    shown: Callable[[Any], Any] | None = None,
) -> Iterator[Change]:
    """A plain value that differs: `what` changed from one to the other (`shown` words each value)."""
    if before != after:
        show = shown or (lambda value: value)
        _ = w._
        change = f"{w.show(show(before), term=term)} → {w.show(show(after), term=term)}"
        yield Change(section, "changed", path, before, after, _("{what}: {change}").format(what=what, change=change))


def _texts(
    w: _Words, section: str, path: str, label: str, before: Any, after: Any, keys: Sequence[str]
) -> Iterator[Change]:
    """Free-text fields of one item, each compared on its own."""
    for key in keys:
        yield from _field(
            w, section, f"{path}.{key}", f"{label}: {key}", getattr(before, key), getattr(after, key)
        )


def _deadline_change(
    w: _Words, section: str, path: str, what: str, before: int | None, after: int | None
) -> Iterator[Change]:
    """A deadline in minutes: shorter (or newly set) is tightened, longer (or dropped) loosened."""
    if before == after:
        return
    _ = w._
    tighter = after is not None and (before is None or after < before)
    kind = "tightened" if tighter else "loosened"
    sentence = (
        _("{what}: tightened from {before} to {after}") if tighter else _("{what}: loosened from {before} to {after}")
    )
    yield Change(
        section, kind, path, before, after,
        sentence.format(what=what, before=w.deadline(before), after=w.deadline(after)),
    )


def _items(
    w: _Words,
    section: str,
    path: str,
    before: Sequence[Any],
    after: Sequence[Any],
    *,
    added: tuple[str, str],
    removed: tuple[str, str],
    term: bool = False,
) -> Iterator[Change]:
    """Items of an unordered list: each one gained or lost, with its kind and sentence (`{item}` in it)."""
    for item in after:
        if item not in before:
            yield Change(section, added[0], path, None, item, added[1].format(item=w.show(item, term=term)))
    for item in before:
        if item not in after:
            yield Change(section, removed[0], path, item, None, removed[1].format(item=w.show(item, term=term)))


def _plain_items(
    w: _Words, section: str, path: str, what: str, before: Sequence[Any], after: Sequence[Any], *, term: bool = False
) -> Iterator[Change]:
    """Items simply added to or removed from a list named `what`."""
    _ = w._
    yield from _items(
        w, section, path, before, after,
        added=("added", _("{what}: added {item}").replace("{what}", what)),
        removed=("removed", _("{what}: removed {item}").replace("{what}", what)),
        term=term,
    )


def _by_id(
    w: _Words,
    section: str,
    noun: tuple[str, str],
    old: Sequence[Any],
    new: Sequence[Any],
    describe: Callable[[Any], str],
    compare: Callable[[str, Any, Any], Iterator[Change]],
) -> Iterator[Change]:
    """Items with an id: those added, those removed, then what changed in the ones kept.

    `noun` is the pair of sentences "{id} added: {description}" and "{id} removed ({description})"
    for this kind of item, so that each language agrees them as it must.
    """
    old_ids = {item.id: item for item in old}
    new_ids = {item.id: item for item in new}
    for item in new:
        if item.id not in old_ids:
            path = f"{section}[{item.id}]"
            yield Change(section, "added", path, None, item.id, noun[0].format(id=item.id, description=describe(item)))
    for item in old:
        if item.id not in new_ids:
            path = f"{section}[{item.id}]"
            yield Change(
                section, "removed", path, item.id, None, noun[1].format(id=item.id, description=describe(item)),
            )
    for item in new:
        if item.id in old_ids:
            yield from compare(f"{section}[{item.id}]", old_ids[item.id], item)


def _organization(w: _Words, old: Playbook, new: Playbook) -> Iterator[Change]:
    _ = w._
    labels = {
        "name": _("organisation name"),
        "sector": _("organisation sector"),
        "language": _("organisation language"),
        "reports_to": _("community management reports to"),
    }
    for key, label in labels.items():
        yield from _field(
            w, "organization", f"organization.{key}", label, getattr(old.organization, key),
            getattr(new.organization, key), term=key == "language",
        )


def _objectives(w: _Words, old: Playbook, new: Playbook) -> Iterator[Change]:
    _ = w._

    def compare(path: str, before: Any, after: Any) -> Iterator[Change]:
        label = _("objective {id}").format(id=after.id)
        yield from _texts(w, "objectives", path, label, before, after, ("statement", "kpi", "target"))

    nouns = (_("objective {id} added: {description}"), _("objective {id} removed ({description})"))
    yield from _by_id(w, "objectives", nouns, old.objectives, new.objectives, lambda o: w.show(o.statement), compare)


def _channels(w: _Words, old: Playbook, new: Playbook) -> Iterator[Change]:
    _ = w._

    def describe(channel: Any) -> str:
        return _("{name}, answer expected within {deadline}").format(
            name=channel.name or channel.id, deadline=w.deadline(channel.expected_response)
        )

    def compare(path: str, before: Any, after: Any) -> Iterator[Change]:
        yield from _field(
            w, "channels", f"{path}.name", _("channel {id}: name").format(id=after.id), before.name, after.name
        )
        yield from _field(
            w, "channels", f"{path}.public", _("channel {id}: public").format(id=after.id), before.public,
            after.public, term=True,
        )
        yield from _deadline_change(
            w, "channels", f"{path}.expected_response", _("channel {id}: expected response").format(id=after.id),
            before.expected_response, after.expected_response,
        )

    nouns = (_("channel {id} added: {description}"), _("channel {id} removed ({description})"))
    yield from _by_id(w, "channels", nouns, old.channels, new.channels, describe, compare)


def _tone(w: _Words, old: Playbook, new: Playbook) -> Iterator[Change]:
    _ = w._
    for key in ("address", "proximity", "emoji", "signature"):
        yield from _field(
            w, "tone", f"tone.{key}", _("tone: {key}").format(key=key), getattr(old.tone, key),
            getattr(new.tone, key), term=key != "signature",
        )
    lists = (("do", _("every answer does")), ("avoid", _("answers avoid")), ("forbidden", _("never written")))
    for key, what in lists:
        yield from _plain_items(w, "tone", f"tone.{key}", what, getattr(old.tone, key), getattr(new.tone, key))


def _autonomy(w: _Words, old: Playbook, new: Playbook) -> Iterator[Change]:
    _ = w._
    yield from _items(
        w, "autonomy", "autonomy.may", old.autonomy.may, new.autonomy.may,
        added=("granted", _("the CM may now {item}")), removed=("withdrawn", _("the CM may no longer {item}")),
    )
    yield from _items(
        w, "autonomy", "autonomy.must_not", old.autonomy.must_not_texts, new.autonomy.must_not_texts,
        added=("withdrawn", _("the CM is now forbidden to {item}")),
        removed=("granted", _("the CM is no longer forbidden to {item}")),
    )


def _contacts(w: _Words, old: Playbook, new: Playbook) -> Iterator[Change]:
    _ = w._

    def describe(contact: Any) -> str:
        role = f", {contact.role}" if contact.role else ""
        return _("{name}{role}, answers within {deadline}").format(
            name=contact.name, role=role, deadline=w.deadline(contact.respond_within)
        )

    def compare(path: str, before: Any, after: Any) -> Iterator[Change]:
        label = _("referent {id}").format(id=after.id)
        yield from _texts(w, "contacts", path, label, before, after, ("name", "role", "email"))
        yield from _deadline_change(
            w, "contacts", f"{path}.respond_within", _("referent {id} answers the CM").format(id=after.id),
            before.respond_within, after.respond_within,
        )
        yield from _field(
            w, "contacts", f"{path}.backup", _("referent {id}: backup").format(id=after.id), before.backup,
            after.backup, term=True,
        )

    nouns = (_("referent {id} added: {description}"), _("referent {id} removed ({description})"))
    yield from _by_id(w, "contacts", nouns, old.contacts, new.contacts, describe, compare)


def _action(w: _Words) -> Callable[[Any], Any]:
    """How an action value reads: as the CM says it (« transmettre »), the key in English."""
    return lambda action: None if action is None else action_word(action, w.lang) if w.lang != "en" else action


def _compare_topics(w: _Words, path: str, before: Any, after: Any) -> Iterator[Change]:
    _ = w._
    name = _("topic {id}").format(id=after.id)
    yield from _field(w, "topics", f"{path}.label", _("{name}: label").format(name=name), before.label, after.label)
    yield from _field(
        w, "topics", f"{path}.action", _("{name}: action").format(name=name), before.action, after.action,
        term=True, shown=_action(w),
    )
    yield from _field(
        w, "topics", f"{path}.escalate_to", _("{name}: referent").format(name=name), before.escalate_to,
        after.escalate_to, term=True,
    )
    yield from _deadline_change(
        w, "topics", f"{path}.respond_within", _("{name}: answer due").format(name=name), before.respond_within,
        after.respond_within,
    )
    yield from _field(
        w, "topics", f"{path}.process", _("{name}: process").format(name=name), before.process, after.process,
        term=True,
    )
    yield from _field(
        w, "topics", f"{path}.guidance", _("{name}: guidance").format(name=name), before.guidance, after.guidance
    )
    for key, what in (
        ("keywords", _("{name}: keyword")),
        ("patterns", _("{name}: pattern")),
        ("push", _("{name}: brings to the public")),
        ("report", _("{name}: passes up")),
        ("examples", _("{name}: example")),
    ):
        yield from _plain_items(
            w, "topics", f"{path}.{key}", what.format(name=name), getattr(before, key), getattr(after, key),
        )


def _precedence(w: _Words, old: Playbook, new: Playbook) -> Iterator[Change]:
    """Relative file order of kept topics that share an action, since the first one decides a tie."""
    _ = w._
    old_actions = {topic.id: topic.action for topic in old.topics}
    for action in dict.fromkeys(topic.action for topic in new.topics):
        kept = {t.id for t in new.topics if t.action == action and old_actions.get(t.id) == action}
        before = [t.id for t in old.topics if t.id in kept]
        after = [t.id for t in new.topics if t.id in kept]
        if before != after:
            yield Change(
                "topics", "precedence", "topics", before, after,
                _("{action} topics: the first in the file wins a tie, and their order changed: {before} → {after}").format(
                    action=_action(w)(action), before=", ".join(before), after=", ".join(after)
                ),
            )


def _topics(w: _Words, old: Playbook, new: Playbook) -> Iterator[Change]:
    _ = w._

    def describe(topic: Any) -> str:
        action = _action(w)(topic.action)
        if topic.escalate_to:
            sentence = _("{label}, {action} to {referent}")
            return sentence.format(label=topic.label, action=action, referent=topic.escalate_to)
        return f"{topic.label}, {action}"

    nouns = (_("topic {id} added: {description}"), _("topic {id} removed ({description})"))
    yield from _by_id(
        w, "topics", nouns, old.topics, new.topics, describe, lambda path, a, b: _compare_topics(w, path, a, b)
    )
    yield from _precedence(w, old, new)


def _default(w: _Words, old: Playbook, new: Playbook) -> Iterator[Change]:
    """The effective default: no `default` section means escalate to the first contact."""
    _ = w._

    def effective(playbook: Playbook) -> tuple[str, str | None, int | None]:
        if playbook.default is None:
            return "escalate", playbook.contacts[0].id, None
        return playbook.default.action, playbook.default.escalate_to, playbook.default.respond_within

    (old_action, old_to, old_within), (new_action, new_to, new_within) = effective(old), effective(new)
    yield from _field(
        w, "default", "default.action", _("unmatched messages: action"), old_action, new_action, term=True,
        shown=_action(w),
    )
    yield from _field(
        w, "default", "default.escalate_to", _("unmatched messages: referent"), old_to, new_to, term=True,
    )
    yield from _deadline_change(
        w, "default", "default.respond_within", _("unmatched messages: answer due"), old_within, new_within,
    )


def _optional(
    w: _Words, section: str, before: Any, after: Any, summary: tuple[str, Callable[[Any], Any]],
    compare_both: Callable[[Any, Any], Iterator[Change]],
) -> Iterator[Change]:
    """An optional section: added or removed (summed up as `what: key(section)`), else compared."""
    if before is not None and after is not None:
        yield from compare_both(before, after)
        return
    if before is None and after is None:
        return
    _ = w._
    what, key = summary
    kind = "added" if after is not None else "removed"
    old_value, new_value = (None if value is None else key(value) for value in (before, after))
    shown = w.show(new_value if after is not None else old_value, term=True)
    sentence = _("{section} section added ({what}: {value})") if after is not None else _(
        "{section} section removed ({what}: {value})"
    )
    yield Change(section, kind, section, old_value, new_value, sentence.format(section=section, what=what, value=shown))


def _compare_crisis(w: _Words, before: Any, after: Any) -> Iterator[Change]:
    _ = w._
    yield from _field(
        w, "crisis", "crisis.escalate_to", _("crises go to"), before.escalate_to, after.escalate_to, term=True,
    )
    yield from _deadline_change(
        w, "crisis", "crisis.respond_within", _("crisis response"), before.respond_within, after.respond_within,
    )
    yield from _plain_items(
        w, "crisis", "crisis.authors", _("crisis trigger, author kind"), before.authors, after.authors, term=True,
    )
    for change in _field(
        w, "crisis", "crisis.followers_at_least", _("crisis trigger, followers at least"),
        before.followers_at_least, after.followers_at_least, term=True,
    ):
        wider = after.followers_at_least is not None and (
            before.followers_at_least is None or after.followers_at_least < before.followers_at_least
        )
        effect = _("more authors now make a crisis") if wider else _("fewer authors now make a crisis")
        yield replace(change, message=f"{change.message} ({effect})")

    def spread(value: Any) -> str | None:
        if value is None:
            return None
        return _("{count} channels within {deadline}").format(count=value.channels, deadline=w.deadline(value.within))

    yield from _field(
        w, "crisis", "crisis.spread", _("crisis trigger, one topic on"), spread(before.spread),
        spread(after.spread), term=True,
    )


def _crisis(w: _Words, old: Playbook, new: Playbook) -> Iterator[Change]:
    _ = w._
    summary = (_("crises go to"), lambda crisis: crisis.escalate_to)
    yield from _optional(w, "crisis", old.crisis, new.crisis, summary, lambda a, b: _compare_crisis(w, a, b))


def _compare_reporting(w: _Words, before: Any, after: Any) -> Iterator[Change]:
    _ = w._
    yield from _field(
        w, "reporting", "reporting.frequency", _("reporting frequency"), before.frequency, after.frequency,
        term=True,
    )
    yield from _plain_items(
        w, "reporting", "reporting.recipients", _("report recipient"), before.recipients, after.recipients,
        term=True,
    )
    yield from _plain_items(
        w, "reporting", "reporting.metrics", _("reported metric"), before.metrics, after.metrics,
    )


def _reporting(w: _Words, old: Playbook, new: Playbook) -> Iterator[Change]:
    _ = w._
    summary = (_("frequency"), lambda reporting: reporting.frequency)
    yield from _optional(
        w, "reporting", old.reporting, new.reporting, summary, lambda a, b: _compare_reporting(w, a, b)
    )


_SECTIONS = (
    _organization, _objectives, _channels, _tone, _autonomy, _contacts, _topics, _default, _crisis, _reporting,
)


def compare(old: Playbook, new: Playbook, lang: str = "en") -> list[Change]:
    """Every difference in meaning from `old` to `new`, section by section in file order, each
    sentence in `lang`."""
    words = _Words(lang)
    return [change for section in _SECTIONS for change in section(words, old, new)]
