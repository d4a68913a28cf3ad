"""What several rules need to know about a playbook: who is escalated to, which texts it writes.

Kept apart from the rules so that "an escalation path" or "the playbook's own
texts" mean the same thing in every rule that uses them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from cmkit.decide.normalize import normalize
from cmkit.lint.finding import Flag
from cmkit.loading.yamlnodes import PathKey
from cmkit.model.playbook import Playbook


class Escalation(NamedTuple):
    """One place that sends messages to a referent, and the deadline it promises."""

    path: PathKey
    contact_id: str
    respond_within: int | None
    via: str  # where the referent is named, for people: `topic 'remboursement'` (never `topics[1]`)


def sends_to_own_referent(playbook: Playbook, action: str) -> bool:
    """Whether a topic (or `default`) with this action sends messages to its own `escalate_to`.

    `escalate` does; `crisis` does only when there is no crisis section, since
    a crisis otherwise goes to `crisis.escalate_to` (spec: how a message is decided, step 3).
    """
    return action == "escalate" or (action == "crisis" and playbook.crisis is None)


def escalation_targets(playbook: Playbook) -> Iterator[Escalation]:
    """Every place a message can be escalated from, with its referent (before any backup), as decided."""
    for i, topic in enumerate(playbook.topics):
        if topic.escalate_to and sends_to_own_referent(playbook, topic.action):
            path = ("topics", i, "escalate_to")
            yield Escalation(path, topic.escalate_to, topic.respond_within, f"topic {topic.id!r}")
    default = playbook.default
    first = playbook.contacts[0].id
    if default is None:  # spec: no default section means escalate to the first contact
        yield Escalation(("contacts", 0), first, None, "the default referent, as there is no `default`")
    elif sends_to_own_referent(playbook, default.action):
        if default.escalate_to:
            path = ("default", "escalate_to")
            yield Escalation(path, default.escalate_to, default.respond_within, "`default`")
        else:
            yield Escalation(
                ("default", "action"), first, default.respond_within, "the default referent, as `default` names none"
            )
    if playbook.crisis:
        crisis = playbook.crisis
        path = ("crisis", "escalate_to")
        yield Escalation(path, crisis.escalate_to, crisis.respond_within, "`crisis`")


def keyword_identity(keyword: str) -> str:
    """How keywords compare: normalised, with a trailing `*` kept (`Rembours*` = `rembours*`)."""
    return normalize(keyword) + ("*" if keyword.endswith("*") else "")


def own_texts(playbook: Playbook) -> Iterator[tuple[PathKey, str]]:
    """Every text the playbook writes in its own voice, with its path.

    `tone.avoid`, `tone.forbidden` and `autonomy.must_not` are left out (they
    name what not to write or do), and so are topic `examples` and keywords,
    which quote the public.
    """
    for i, objective in enumerate(playbook.objectives):
        yield ("objectives", i, "statement"), objective.statement
        if objective.kpi:
            yield ("objectives", i, "kpi"), objective.kpi
    if playbook.tone.signature:
        yield ("tone", "signature"), playbook.tone.signature
    yield from _items(("tone", "do"), playbook.tone.do)
    yield from _items(("autonomy", "may"), playbook.autonomy.may)
    for i, topic in enumerate(playbook.topics):
        yield ("topics", i, "label"), topic.label
        yield from _items(("topics", i, "push"), topic.push)
        yield from _items(("topics", i, "report"), topic.report)
        if topic.guidance:
            yield ("topics", i, "guidance"), topic.guidance
    if playbook.reporting:
        yield from _items(("reporting", "metrics"), playbook.reporting.metrics)


def _items(path: PathKey, texts: list[str]) -> Iterator[tuple[PathKey, str]]:
    for i, text in enumerate(texts):
        yield (*path, i), text


def section_or_start(playbook: Playbook, section: str) -> PathKey:
    """Where to point about a top-level section: its key, or, when it is missing, the
    file's first key (`cmkit:`), as a finding about the whole file."""
    return (section,) if (section,) in playbook.source.keys else ("cmkit",)


def missing_section(playbook: Playbook, section: str, message: str, hint: str) -> Iterator[Flag]:
    """One flag when an optional top-level section is absent, at the top of the file."""
    if getattr(playbook, section) is None:
        yield Flag((section,), message, hint, at_key=True, at=section_or_start(playbook, section))


def every_text(playbook: Playbook) -> Iterator[tuple[PathKey, str]]:
    """Every text value of the playbook as written (keys set in the file only), with its path."""
    yield from _texts((), playbook.model_dump(mode="python", exclude_unset=True, by_alias=True))


def _texts(path: PathKey, value: object) -> Iterator[tuple[PathKey, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts((*path, key), item)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _texts((*path, index), item)


def subject(playbook: Playbook, path: PathKey, lang: str = "en") -> str:
    """What `path` is about, named by id as people name it (`topic 'juridique'`), never `topics[6]`;
    a path outside the lists of items is named by its first key (`crisis`)."""
    from cmkit.i18n import catalogue

    _ = catalogue(lang)
    if len(path) >= 2 and isinstance(path[1], int):
        named = {
            "topics": _("topic '{id}'"),
            "contacts": _("referent '{id}'"),
            "channels": _("channel '{id}'"),
            "objectives": _("objective '{id}'"),
        }
        items = getattr(playbook, str(path[0]), None) if path[0] in named else None
        if items is not None and 0 <= path[1] < len(items):
            return named[str(path[0])].format(id=items[path[1]].id)
    return f"`{path[0]}`" if path else "`cmkit`"
