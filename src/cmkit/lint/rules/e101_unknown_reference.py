"""An id refers to no contact or channel.

Subsidiarity only works when "whom to refer to" names someone who exists: an
`escalate_to`, a `backup` or a reporting recipient that names no contact
leaves the community manager with a message and nobody to pass it to
(the framework: « à qui référer, à qui demander une réponse »). In a
playbook every reference names a contact (`escalate_to`, `backup`,
reporting `recipients`, an audience tier's `escalate_to`,
`document.approved_by`), except `crisis.spread.topics`, which names topics;
channel ids are referred to by scenarios and case files, which `cmkit
simulate` and `cmkit test` check.

FAIL::

    contacts: [{id: sav, name: Julie Martin}]
    topics:
      - {id: livraison, label: Livraison, action: escalate, escalate_to: savv}
PASS::

    contacts: [{id: sav, name: Julie Martin}]
    topics:
      - {id: livraison, label: Livraison, action: escalate, escalate_to: sav}
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "E101"
SEVERITY = "error"
#: A playbook with this finding means nothing: no command loads it (spec: "Loading and lint").
STOPS_LOADING = True
NAME = "unknown-reference"


def references(playbook: Playbook) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every (path, contact id) the playbook refers to."""
    for i, topic in enumerate(playbook.topics):
        if topic.escalate_to:
            yield ("topics", i, "escalate_to"), topic.escalate_to
    for i, contact in enumerate(playbook.contacts):
        if contact.backup:
            yield ("contacts", i, "backup"), contact.backup
    if playbook.default and playbook.default.escalate_to:
        yield ("default", "escalate_to"), playbook.default.escalate_to
    if playbook.crisis:
        yield ("crisis", "escalate_to"), playbook.crisis.escalate_to
    if playbook.reporting:
        for i, recipient in enumerate(playbook.reporting.recipients):
            yield ("reporting", "recipients", i), recipient
    for i, tier in enumerate(playbook.audience):
        if tier.escalate_to:
            yield ("audience", i, "escalate_to"), tier.escalate_to
    if playbook.document:
        for i, approver in enumerate(playbook.document.approved_by):
            yield ("document", "approved_by", i), approver


def topic_references(playbook: Playbook) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every (path, topic id) the playbook refers to: `crisis.spread.topics` (revision 1.1)."""
    spread = playbook.crisis.spread if playbook.crisis else None
    if spread is not None and spread.topics:
        for i, topic_id in enumerate(spread.topics):
            yield ("crisis", "spread", "topics", i), topic_id


def _unknown(path, ref: str, known: list[str], message: str, listing: str, _) -> Flag:
    close = difflib.get_close_matches(ref, known, n=1)
    hint = _("did you mean {close}?").format(close=repr(close[0])) if close else listing.format(known=", ".join(known))
    return Flag(path, message.format(ref=repr(ref)), hint)


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    known = [c.id for c in playbook.contacts]
    for path, ref in references(playbook):
        if ref not in known:
            yield _unknown(path, ref, known, _("{ref} names no contact"), _("the contacts are: {known}"), _)
    topics = [t.id for t in playbook.topics]
    for path, ref in topic_references(playbook):
        if ref not in topics:
            yield _unknown(path, ref, topics, _("{ref} names no topic"), _("the topics are: {known}"), _)
