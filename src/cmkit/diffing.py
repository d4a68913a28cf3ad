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
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from cmkit.durations import format_duration
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


def _show(value: Any, *, term: bool = False) -> str:
    """A value in a sentence: free text in quotes, terms of the format (ids, actions) bare."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "none"
    return f"“{value}”" if isinstance(value, str) and not term else str(value)


def _deadline(value: int | None) -> str:
    return "no deadline" if value is None else format_duration(value)


def _field(
    section: str, path: str, what: str, before: Any, after: Any, *, term: bool = False
) -> Iterator[Change]:
    """A plain value that differs: `what` changed from one to the other."""
    if before != after:
        shown = f"{_show(before, term=term)} → {_show(after, term=term)}"
        yield Change(section, "changed", path, before, after, f"{what}: {shown}")


def _texts(section: str, path: str, label: str, before: Any, after: Any, keys: Sequence[str]) -> Iterator[Change]:
    """Free-text fields of one item, each compared on its own."""
    for key in keys:
        yield from _field(section, f"{path}.{key}", f"{label}: {key}", getattr(before, key), getattr(after, key))


def _deadline_change(
    section: str, path: str, what: str, before: int | None, after: int | None
) -> Iterator[Change]:
    """A deadline in minutes: shorter (or newly set) is tightened, longer (or dropped) loosened."""
    if before == after:
        return
    tighter = after is not None and (before is None or after < before)
    kind = "tightened" if tighter else "loosened"
    yield Change(
        section, kind, path, before, after,
        f"{what}: {kind} from {_deadline(before)} to {_deadline(after)}",
    )


def _items(
    section: str,
    path: str,
    before: Sequence[Any],
    after: Sequence[Any],
    *,
    added: tuple[str, str],
    removed: tuple[str, str],
    term: bool = False,
) -> Iterator[Change]:
    """Items of an unordered list: each one gained or lost, with its kind and sentence prefix."""
    for item in after:
        if item not in before:
            yield Change(section, added[0], path, None, item, f"{added[1]} {_show(item, term=term)}")
    for item in before:
        if item not in after:
            yield Change(section, removed[0], path, item, None, f"{removed[1]} {_show(item, term=term)}")


def _plain_items(
    section: str, path: str, what: str, before: Sequence[Any], after: Sequence[Any], *, term: bool = False
) -> Iterator[Change]:
    """Items simply added to or removed from a list named `what`."""
    yield from _items(
        section, path, before, after,
        added=("added", f"{what}: added"), removed=("removed", f"{what}: removed"), term=term,
    )


def _by_id(
    section: str,
    noun: str,
    old: Sequence[Any],
    new: Sequence[Any],
    describe: Callable[[Any], str],
    compare: Callable[[str, Any, Any], Iterator[Change]],
) -> Iterator[Change]:
    """Items with an id: those added, those removed, then what changed in the ones kept."""
    old_ids = {item.id: item for item in old}
    new_ids = {item.id: item for item in new}
    for item in new:
        if item.id not in old_ids:
            path = f"{section}[{item.id}]"
            yield Change(section, "added", path, None, item.id, f"{noun} {item.id} added: {describe(item)}")
    for item in old:
        if item.id not in new_ids:
            path = f"{section}[{item.id}]"
            yield Change(
                section, "removed", path, item.id, None, f"{noun} {item.id} removed ({describe(item)})",
            )
    for item in new:
        if item.id in old_ids:
            yield from compare(f"{section}[{item.id}]", old_ids[item.id], item)


def _organization(old: Playbook, new: Playbook) -> Iterator[Change]:
    for key in ("name", "sector", "language", "reports_to"):
        label = "community management reports to" if key == "reports_to" else f"organisation {key}"
        yield from _field(
            "organization", f"organization.{key}", label, getattr(old.organization, key),
            getattr(new.organization, key), term=key == "language",
        )


def _objectives(old: Playbook, new: Playbook) -> Iterator[Change]:
    def compare(path: str, before: Any, after: Any) -> Iterator[Change]:
        yield from _texts("objectives", path, f"objective {after.id}", before, after, ("statement", "kpi", "target"))

    yield from _by_id(
        "objectives", "objective", old.objectives, new.objectives, lambda o: _show(o.statement), compare,
    )


def _channels(old: Playbook, new: Playbook) -> Iterator[Change]:
    def describe(channel: Any) -> str:
        return f"{channel.name or channel.id}, answer expected within {_deadline(channel.expected_response)}"

    def compare(path: str, before: Any, after: Any) -> Iterator[Change]:
        yield from _field("channels", f"{path}.name", f"channel {after.id}: name", before.name, after.name)
        yield from _field(
            "channels", f"{path}.public", f"channel {after.id}: public", before.public, after.public,
            term=True,
        )
        yield from _deadline_change(
            "channels", f"{path}.expected_response", f"channel {after.id}: expected response",
            before.expected_response, after.expected_response,
        )

    yield from _by_id("channels", "channel", old.channels, new.channels, describe, compare)


def _tone(old: Playbook, new: Playbook) -> Iterator[Change]:
    for key in ("address", "proximity", "emoji", "signature"):
        yield from _field(
            "tone", f"tone.{key}", f"tone: {key}", getattr(old.tone, key), getattr(new.tone, key),
            term=key != "signature",
        )
    lists = (("do", "every answer does"), ("avoid", "answers avoid"), ("forbidden", "never written"))
    for key, what in lists:
        yield from _plain_items("tone", f"tone.{key}", what, getattr(old.tone, key), getattr(new.tone, key))


def _autonomy(old: Playbook, new: Playbook) -> Iterator[Change]:
    yield from _items(
        "autonomy", "autonomy.may", old.autonomy.may, new.autonomy.may,
        added=("granted", "the CM may now"), removed=("withdrawn", "the CM may no longer"),
    )
    yield from _items(
        "autonomy", "autonomy.must_not", old.autonomy.must_not_texts, new.autonomy.must_not_texts,
        added=("withdrawn", "the CM is now forbidden to"), removed=("granted", "the CM is no longer forbidden to"),
    )


def _contacts(old: Playbook, new: Playbook) -> Iterator[Change]:
    def describe(contact: Any) -> str:
        role = f", {contact.role}" if contact.role else ""
        return f"{contact.name}{role}, answers within {_deadline(contact.respond_within)}"

    def compare(path: str, before: Any, after: Any) -> Iterator[Change]:
        yield from _texts("contacts", path, f"referent {after.id}", before, after, ("name", "role", "email"))
        yield from _deadline_change(
            "contacts", f"{path}.respond_within", f"referent {after.id} answers the CM",
            before.respond_within, after.respond_within,
        )
        yield from _field(
            "contacts", f"{path}.backup", f"referent {after.id}: backup", before.backup, after.backup,
            term=True,
        )

    yield from _by_id("contacts", "referent", old.contacts, new.contacts, describe, compare)


def _topic_action(topic: Any) -> str:
    target = f" to {topic.escalate_to}" if topic.escalate_to else ""
    return f"{topic.label}, {topic.action}{target}"


def _compare_topics(path: str, before: Any, after: Any) -> Iterator[Change]:
    name = f"topic {after.id}"
    yield from _field("topics", f"{path}.label", f"{name}: label", before.label, after.label)
    yield from _field("topics", f"{path}.action", f"{name}: action", before.action, after.action, term=True)
    yield from _field(
        "topics", f"{path}.escalate_to", f"{name}: referent", before.escalate_to, after.escalate_to,
        term=True,
    )
    yield from _deadline_change(
        "topics", f"{path}.respond_within", f"{name}: answer due", before.respond_within,
        after.respond_within,
    )
    yield from _field(
        "topics", f"{path}.process", f"{name}: process", before.process, after.process, term=True,
    )
    yield from _field("topics", f"{path}.guidance", f"{name}: guidance", before.guidance, after.guidance)
    for key, what in (
        ("keywords", "keyword"),
        ("patterns", "pattern"),
        ("push", "brings to the public"),
        ("report", "passes up"),
        ("examples", "example"),
    ):
        yield from _plain_items(
            "topics", f"{path}.{key}", f"{name}: {what}", getattr(before, key), getattr(after, key),
        )


def _precedence(old: Playbook, new: Playbook) -> Iterator[Change]:
    """Relative file order of kept topics that share an action, since the first one decides a tie."""
    old_actions = {topic.id: topic.action for topic in old.topics}
    for action in dict.fromkeys(topic.action for topic in new.topics):
        kept = {t.id for t in new.topics if t.action == action and old_actions.get(t.id) == action}
        before = [t.id for t in old.topics if t.id in kept]
        after = [t.id for t in new.topics if t.id in kept]
        if before != after:
            yield Change(
                "topics", "precedence", "topics", before, after,
                f"{action} topics: the first in the file wins a tie, and their order changed: "
                f"{', '.join(before)} → {', '.join(after)}",
            )


def _topics(old: Playbook, new: Playbook) -> Iterator[Change]:
    yield from _by_id("topics", "topic", old.topics, new.topics, _topic_action, _compare_topics)
    yield from _precedence(old, new)


def _default(old: Playbook, new: Playbook) -> Iterator[Change]:
    """The effective default: no `default` section means escalate to the first contact."""

    def effective(playbook: Playbook) -> tuple[str, str | None, int | None]:
        if playbook.default is None:
            return "escalate", playbook.contacts[0].id, None
        return playbook.default.action, playbook.default.escalate_to, playbook.default.respond_within

    (old_action, old_to, old_within), (new_action, new_to, new_within) = effective(old), effective(new)
    yield from _field(
        "default", "default.action", "unmatched messages: action", old_action, new_action, term=True,
    )
    yield from _field(
        "default", "default.escalate_to", "unmatched messages: referent", old_to, new_to, term=True,
    )
    yield from _deadline_change(
        "default", "default.respond_within", "unmatched messages: answer due", old_within, new_within,
    )


def _optional(
    section: str, before: Any, after: Any, summary: tuple[str, Callable[[Any], Any]],
    compare_both: Callable[[Any, Any], Iterator[Change]],
) -> Iterator[Change]:
    """An optional section: added or removed (summed up as `what: key(section)`), else compared."""
    if before is not None and after is not None:
        yield from compare_both(before, after)
        return
    if before is None and after is None:
        return
    what, key = summary
    kind = "added" if after is not None else "removed"
    old_value, new_value = (None if value is None else key(value) for value in (before, after))
    shown = _show(new_value if after is not None else old_value, term=True)
    yield Change(section, kind, section, old_value, new_value, f"{section} section {kind} ({what}: {shown})")


def _compare_crisis(before: Any, after: Any) -> Iterator[Change]:
    yield from _field(
        "crisis", "crisis.escalate_to", "crises go to", before.escalate_to, after.escalate_to, term=True,
    )
    yield from _deadline_change(
        "crisis", "crisis.respond_within", "crisis response", before.respond_within, after.respond_within,
    )
    yield from _plain_items(
        "crisis", "crisis.authors", "crisis trigger, author kind", before.authors, after.authors, term=True,
    )
    for change in _field(
        "crisis", "crisis.followers_at_least", "crisis trigger, followers at least",
        before.followers_at_least, after.followers_at_least, term=True,
    ):
        wider = after.followers_at_least is not None and (
            before.followers_at_least is None or after.followers_at_least < before.followers_at_least
        )
        effect = "more" if wider else "fewer"
        yield replace(change, message=f"{change.message} ({effect} authors now make a crisis)")

    def spread(value: Any) -> str | None:
        return None if value is None else f"{value.channels} channels within {format_duration(value.within)}"

    yield from _field(
        "crisis", "crisis.spread", "crisis trigger, one topic on", spread(before.spread),
        spread(after.spread), term=True,
    )


def _crisis(old: Playbook, new: Playbook) -> Iterator[Change]:
    summary = ("crises go to", lambda crisis: crisis.escalate_to)
    yield from _optional("crisis", old.crisis, new.crisis, summary, _compare_crisis)


def _compare_reporting(before: Any, after: Any) -> Iterator[Change]:
    yield from _field(
        "reporting", "reporting.frequency", "reporting frequency", before.frequency, after.frequency,
        term=True,
    )
    yield from _plain_items(
        "reporting", "reporting.recipients", "report recipient", before.recipients, after.recipients,
        term=True,
    )
    yield from _plain_items(
        "reporting", "reporting.metrics", "reported metric", before.metrics, after.metrics,
    )


def _reporting(old: Playbook, new: Playbook) -> Iterator[Change]:
    summary = ("frequency", lambda reporting: reporting.frequency)
    yield from _optional("reporting", old.reporting, new.reporting, summary, _compare_reporting)


_SECTIONS = (
    _organization, _objectives, _channels, _tone, _autonomy, _contacts, _topics, _default, _crisis, _reporting,
)


def compare(old: Playbook, new: Playbook) -> list[Change]:
    """Every difference in meaning from `old` to `new`, section by section in file order."""
    return [change for section in _SECTIONS for change in section(old, new)]
