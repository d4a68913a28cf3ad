"""A playbook's own expected decisions: unit tests for a charter (spec: cli.md, "Test cases").

Each case is a message (the fields of a `triage` record) and what its decision
must say; only the keys `expect` names are compared, so a case pins exactly
what its author cares about.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator

from cmkit.durations import parse_duration
from cmkit.model.common import AuthorKind, Strict, Text
from cmkit.model.playbook import Action


def _minutes(value: object) -> object:
    """`respond_within_minutes: 120`, or the way a playbook writes it: `2h`."""
    if isinstance(value, str):
        return parse_duration(value)
    return value


class ExpectedReason(Strict):
    """One matched topic and what must have fired for it."""

    topic: str | None
    matched: list[str]
    kind: str | None = Field(None, description="keyword, pattern, unless, author, watchlist, followers, tier or spread.")


class Expect(Strict):
    """Keys of the decision JSON; each one given is compared, the others ignored."""

    action: Action | None = None
    topic: str | None = None
    topics: list[str] | None = None
    escalate_to: str | None = None
    respond_within_minutes: Annotated[int | None, BeforeValidator(_minutes)] = Field(None, ge=0)
    crisis: bool | None = None
    crisis_reason: str | None = None
    reasons: list[ExpectedReason] | None = None
    process: str | None = None
    guidance: str | None = None
    push: list[str] | None = None
    report: list[str] | None = None
    topic_label: str | None = None
    referent: dict[str, Any] | None = Field(None, description="Only the keys named are compared.")
    backups: list[dict[str, Any]] | None = None
    tone: dict[str, Any] | None = Field(None, description="Only the keys named are compared.")
    autonomy: dict[str, Any] | None = Field(None, description="Only the keys named are compared.")
    tier: int | None = Field(None, ge=0, description="The applied audience tier's index, or null.")
    due_at: str | None = Field(None, description="When the answer is due (with the case's `at`).")
    reply: str | None = Field(None, description="The reply, placeholders filled.")
    suggested_topic: dict[str, Any] | None = None
    author_kind: str | None = Field(None, description="The author's kind once the watchlist has spoken.")

    @model_validator(mode="after")
    def _names_something(self) -> Expect:
        """A case that expects nothing can never fail: a test that cannot fail is a mistake."""
        if not self.model_fields_set:
            raise ValueError("no key to compare, so the case could never fail: name at least one, e.g. {action: answer}")
        return self

    def as_json(self) -> dict:
        """The keys the case names, with their expected values, as the decision JSON writes them."""
        return self.model_dump(mode="json", exclude_unset=True)


class Case(Strict):
    """One message and its expected decision."""

    id: str | int | None = Field(None, description="A name for the case in reports.")
    text: Text
    channel: str | None = None
    author_kind: AuthorKind | None = None
    followers: int | None = Field(None, ge=0)
    author: str | None = Field(None, description="A handle or e-mail address (the watchlist looks it up).")
    engagement: int | None = Field(None, ge=0, description="Likes, replies and shares of the message.")
    at: datetime | None = Field(None, description="When it was posted: cases with `at` go through the spread rule.")
    expect: Expect


class CaseFile(Strict):
    """A list of cases and the playbook they test."""

    playbook: str | None = Field(None, description="The playbook, relative to this file's folder.")
    cases: list[Case] = Field(min_length=1)
