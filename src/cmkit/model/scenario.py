"""A scenario: a timeline of public messages to walk through a playbook (spec: cli.md, "Scenarios").

Trainers replay a case with it and consultants test a charter against the
crisis of the source texts (a complaint e-mail, a review, a tweet, a Facebook
group, a blog post, a journalist — all within 24 hours). The model checks each
value's form; whether a channel or a contact exists needs the playbook, so the
simulation's preparation step checks those, at the scenario's line and column.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePath
from typing import Annotated

from pydantic import BeforeValidator, Field, PrivateAttr, WithJsonSchema

from cmkit.loading.yamlnodes import SourceMap
from cmkit.durations import parse_duration
from cmkit.model.common import DURATION_PATTERN, AuthorKind, Duration, Id, Strict, Text

NEVER = "never"


def _reply_delay(value: object) -> int | None:
    if isinstance(value, str) and value.strip().lower() == NEVER:
        return None
    if not isinstance(value, str):
        raise ValueError("a reply delay is written like 45m, 2h or 1h30m, or `never`")
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise ValueError(f"{exc}, or `never` for a referent who does not reply") from None


#: How long a referent takes to reply in this drill, in minutes; None when they never reply.
ReplyDelay = Annotated[
    int | None,
    BeforeValidator(_reply_delay),
    WithJsonSchema({"type": "string", "pattern": f"{DURATION_PATTERN}|^never$"}),
]


class Author(Strict):
    """Who wrote a message: what decides author-driven crises."""

    kind: AuthorKind = Field("unknown", description="customer, prospect, influencer, journalist...")
    followers: int | None = Field(None, ge=0, description="The author's audience.")
    name: str | None = Field(None, description="A name to show in the timeline, e.g. @gourmande75.")
    handle: str | None = Field(
        None, description="A handle or e-mail address: the playbook's watchlist may give its kind (revision 1.1)."
    )
    engagement: int | None = Field(
        None, ge=0, description="Likes, replies and shares of the message: audience tiers read it (revision 1.1)."
    )


class Event(Strict):
    """One public message, at an offset from the start of the scenario."""

    id: Id | None = None
    at: Duration = Field(description="Offset from the start, e.g. 0h, 3h, 1h30m, 1d.")
    channel: Id | None = Field(
        None, description="One of the playbook's channels; none: no channel's deadline, and no spread."
    )
    author: Author = Field(default_factory=Author)
    text: Text


class Expectation(Strict):
    """The outcome a scenario promises; `simulate` and the test suite hold it to it."""

    breaches: int | None = Field(None, ge=0, description="How many answers come late.")
    crisis: bool | None = Field(None, description="Whether a crisis is triggered.")
    crisis_at: Duration | None = Field(None, description="When the crisis is triggered.")


class Scenario(Strict):
    """A drill: events in time order, and how fast each referent replies."""

    scenario: Text | None = Field(None, description="The scenario's title; none: the file's name.")
    description: str | None = None
    playbook: str | None = Field(
        None, description="The playbook to walk it through, relative to this file; -p overrides."
    )
    start: datetime | None = Field(
        None,
        description="When the first minute is, e.g. 2026-03-06T15:30 (in hours.timezone without an offset); "
        "--start overrides.",
    )
    events: list[Event] = Field(min_length=1)
    replies: dict[Id, ReplyDelay] = Field(
        default_factory=dict,
        description="Contact id -> reply delay (`never` for no reply); absent: their own respond_within.",
    )
    expect: Expectation | None = None

    _source: SourceMap | None = PrivateAttr(default=None)

    @property
    def title(self) -> str:
        """The title to show: the `scenario` key, or else the file's name."""
        return self.scenario or PurePath(self.source.file).stem

    @property
    def source(self) -> SourceMap:
        """Where each value stood in the file (an empty map for scenarios built in code)."""
        return self._source or SourceMap(file="<scenario>")

