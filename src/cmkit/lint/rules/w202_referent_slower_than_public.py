"""A referent's `respond_within` is longer than a public channel's `expected_response`.

Support means the referent the community manager turns to knows that their
answer is not optional and must come « dans des délais compatibles avec les
attentes du public, du client » (the framework). A referent who needs 4 hours,
when people on X expect an answer within the hour, makes the public wait
whatever the CM does. Every contact is a referent (the `contacts` section is
subsidiarity and support), so each `respond_within` is compared with the most
demanding `expected_response` among public channels (private ones, `public:
false`, are left out); the finding is on the contact's `respond_within`.

FAIL::

    channels: [{id: twitter, expected_response: 1h}]
    contacts: [{id: sav, name: Julie Martin, respond_within: 4h}]
PASS::

    channels: [{id: twitter, expected_response: 1h}]
    contacts: [{id: sav, name: Julie Martin, respond_within: 45m}]
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.durations import format_duration
from cmkit.i18n import catalogue, language
from cmkit.i18n.numbers import duration
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook

CODE = "W202"
SEVERITY = "warning"
NAME = "referent-slower-than-public"


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    expected = [c for c in playbook.channels if c.public and c.expected_response is not None]
    if not expected:
        return
    fastest = min(expected, key=lambda c: c.expected_response or 0)
    limit = fastest.expected_response or 0
    for i, contact in enumerate(playbook.contacts):
        if contact.respond_within is not None and contact.respond_within > limit:
            yield Flag(
                ("contacts", i, "respond_within"),
                _("{contact} answers within {slow}, but the public on {channel} expects an answer within {limit}").format(
                    contact=repr(contact.id),
                    slow=duration(contact.respond_within, _.lang),
                    channel=repr(fastest.id),
                    limit=duration(limit, _.lang),
                ),
                _("agree on {limit} or less with {name}").format(limit=duration(limit, _.lang), name=contact.name),
            )
