"""The playbook: a community-management charter as data (spec: playbook.md, version 1).

Its sections follow the framework of the source texts: objectives, scope
(topics), the handling process (push / report), autonomy, subsidiarity and
support (contacts and their deadlines), the online style (tone), plugged into
the organisation's processes. The model checks each value's form; rules that
relate values to each other (an id that names no contact, a loop of backups)
are lint rules, so they get their own codes and positions.
"""

from __future__ import annotations

import re
from datetime import date as Date
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, PrivateAttr

from cmkit.loading.yamlnodes import SourceMap
from cmkit.model.common import AuthorKind, Duration, Id, Strict, Text
from cmkit.model.hours import Hours

Action = Literal["answer", "escalate", "moderate", "decline", "crisis"]
ACTIONS: tuple[str, ...] = Action.__args__  # type: ignore[attr-defined]
Process = Literal["marketing", "innovation", "support", "crisis", "communication"]
PROCESSES: tuple[str, ...] = Process.__args__  # type: ignore[attr-defined]


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        from cmkit.i18n import current

        _ = current()
        raise ValueError(
            _("{value} is not a valid regular expression: {problem}").format(value=repr(value), problem=exc.msg)
        ) from None
    return value


def _keyword(value: str) -> str:
    if not any(ch.isalnum() for ch in value):
        from cmkit.i18n import current

        _ = current()
        raise ValueError(_("{value} has no letter or digit, so it can never match").format(value=repr(value)))
    if "*" in value.rstrip("*") or value.endswith("**"):
        from cmkit.i18n import current

        _ = current()
        raise ValueError(_("{value}: '*' is only allowed once, at the end of a keyword").format(value=repr(value)))
    return value


Pattern = Annotated[str, AfterValidator(_regex)]
Keyword = Annotated[str, AfterValidator(_keyword)]


def _format_version(value: object) -> object:
    """Only the integer 1 is the format version: `true` and `1.0` are not."""
    if isinstance(value, (bool, float)):
        shown = str(value).lower() if isinstance(value, bool) else repr(value)
        from cmkit.i18n import current

        _ = current()
        raise ValueError(_("{shown} is not a format version: write `cmkit: 1`").format(shown=shown))
    return value


class Organization(Strict):
    """Who the charter belongs to."""

    name: Text = Field(description="The organisation's name, as it appears in documents.")
    sector: str | None = Field(None, description="Its sector of activity.")
    language: Literal["fr", "en"] = Field("en", description="Language of rendered documents.")
    reports_to: str | None = Field(
        None, description="Whom community management reports to (the seeds argue: top management)."
    )


class Objective(Strict):
    """Why the organisation does community management, and how it measures it."""

    id: Id = Field(description="A short id for this objective.")
    statement: Text = Field(description="What the objective is, in one sentence.")
    kpi: str | None = Field(None, description="The indicator that measures it.")
    target: str | None = Field(None, description="The value aimed at, e.g. \"90 %\".")


class Channel(Strict):
    """A place where the organisation listens and speaks."""

    id: Id = Field(description="A short id messages and scenarios use to name this channel.")
    name: str | None = Field(None, description="How people call it, e.g. \"X / Twitter\".")
    public: bool = Field(True, description="Whether messages there are seen by the public.")
    expected_response: Duration | None = Field(
        None, description="How fast the public expects an answer on this channel."
    )
    aliases: list[Text] = Field(
        default_factory=list,
        description="What other tools call this channel (\"Facebook\", \"FB\"); case and accents ignored.",
    )
    max_length: int | None = Field(
        None, ge=1, description="The longest public reply on this channel, in characters (for `cmkit review`)."
    )


class Tone(Strict):
    """The online style: how the community manager speaks."""

    address: Literal["vous", "tu"] | None = Field(None, description="Formal or informal address.")
    proximity: Literal["formal", "warm", "casual"] | None = Field(
        None, description="How close to the public the voice is."
    )
    emoji: bool | None = Field(None, description="Whether answers may use emoji.")
    signature: str | None = Field(None, description="How answers are signed.")
    do: list[Text] = Field(default_factory=list, description="What every answer does.")
    avoid: list[Text] = Field(default_factory=list, description="What answers avoid.")
    forbidden: list[Text] = Field(default_factory=list, description="Phrases never written.")


class MustNot(Strict):
    """A `must_not` item a draft reply is checked against (revision 1.1)."""

    text: Text = Field(description="What the community manager must not do alone.")
    detect: list[Keyword] = Field(
        default_factory=list,
        description="Keywords (the topics' rules) that show, in a draft reply, that it does this.",
    )


class Autonomy(Strict):
    """How far the community manager may go alone (their word commits the organisation)."""

    may: list[Text] = Field(
        default_factory=list, description="What the community manager may do or promise alone."
    )
    must_not: list[Text | MustNot] = Field(
        default_factory=list,
        description="What always goes to a referent instead: a text, or `{text, detect}` for `cmkit review`.",
    )

    @property
    def must_not_texts(self) -> list[str]:
        """Each `must_not` item as the sentence a person reads."""
        return [item if isinstance(item, str) else item.text for item in self.must_not]


class Contact(Strict):
    """A referent the community manager refers to (subsidiarity) and who answers in time (support)."""

    id: Id = Field(description="A short id that topics, backups and reporting refer to.")
    name: Text = Field(description="The person's name.")
    role: str | None = Field(None, description="Their role in the organisation.")
    email: str | None = Field(None, description="How the community manager reaches them.")
    phone: str | None = Field(None, description="Their phone number, for what cannot wait for an e-mail.")
    respond_within: Duration | None = Field(None, description="How fast they answer the CM.")
    backup: Id | None = Field(None, description="Who answers when they cannot (a contact id).")
    on_call: bool = Field(False, description="Whether they answer outside `hours` too.")


class Topic(Strict):
    """Part of the scope: what a message is about, and how it is handled."""

    id: Id = Field(description="A short id that decisions report.")
    label: Text = Field(description="What the topic is about, for people.")
    keywords: list[Keyword] = Field(
        default_factory=list,
        description="Whole words or phrases; a trailing * matches any word starting so.",
    )
    patterns: list[Pattern] = Field(
        default_factory=list, description="Regular expressions searched in the text, ignoring case."
    )
    unless: list[Keyword] = Field(
        default_factory=list,
        description="Keywords (the same rules) that keep the topic from matching when one of them does.",
    )
    action: Action = Field(description="answer, escalate (to escalate_to), moderate, decline, or crisis.")
    escalate_to: Id | None = Field(None, description="The referent (required for escalate).")
    respond_within: Duration | None = Field(None, description="The deadline for an answer on this topic.")
    process: Process | None = Field(None, description="The organisation's process it belongs to.")
    push: list[Text] = Field(default_factory=list, description="What the CM brings to the public.")
    report: list[Text] = Field(default_factory=list, description="What the CM passes up.")
    guidance: str | None = Field(
        None, description="How to handle such a message, for the community manager."
    )
    examples: list[Text] = Field(
        default_factory=list,
        description="Messages this topic is meant to catch: exercises in handouts, self-checks for tests.",
    )
    reply: str | None = Field(
        None,
        description="A model reply, with {signature}, {referent}, {deadline} and {author} filled in.",
    )


class Default(Strict):
    """What happens to a message that matches no topic."""

    action: Action = Field("escalate", description="The action for a message that matches no topic.")
    escalate_to: Id | None = Field(None, description="Who takes such a message (a contact id).")
    respond_within: Duration | None = Field(None, description="The deadline for such a message.")


class Spread(Strict):
    """One topic on this many channels within this window is a crisis."""

    channels: int = Field(ge=1, le=1000, description="How many distinct channels one topic must reach.")
    within: Duration = Field(description="The time window, counted back from each message.")
    topics: list[Id] | None = Field(
        None, description="The topics watched; absent: every `escalate` topic; `[]`: none."
    )


class Crisis(Strict):
    """When a message is a crisis, and who takes it."""

    escalate_to: Id = Field(description="Who takes a crisis (a contact id): top management.")
    respond_within: Duration | None = Field(None, description="The deadline for a crisis.")
    authors: list[AuthorKind] = Field(
        default_factory=list, description="Author kinds whose messages are a crisis, e.g. journalist."
    )
    followers_at_least: int | None = Field(
        None, ge=0, description="An author with at least this audience makes a crisis."
    )
    spread: Spread | None = Field(
        None, description="One topic on this many channels within this window is a crisis."
    )
    holding_statement: str | None = Field(
        None, description="What the CM posts while the crisis referent prepares the answer."
    )


class Reporting(Strict):
    """The reporting rhythm: what is measured and who reads it."""

    frequency: Literal["daily", "weekly", "monthly"] | None = Field(
        None, description="How often the report goes up."
    )
    recipients: list[Id] = Field(
        default_factory=list, description="Who reads it (contact ids), top management first."
    )
    metrics: list[Text] = Field(default_factory=list, description="What it measures.")


class Brand(Strict):
    """The client's look on rendered documents: one accent colour and a logo (optional)."""

    color: str | None = Field(
        None,
        pattern=r"^#[0-9A-Fa-f]{6}$",
        description='The accent colour of titles, rules and the cover, as "#RRGGBB" (e.g. "#0055A4").',
    )
    logo: str | None = Field(
        None,
        description="A PNG, JPEG or SVG file shown on the cover, relative to the playbook's folder.",
    )


class Document(Strict):
    """Document control: what every rendered document carries (revision 1.1)."""

    version: str | None = Field(None, description="The charter's version, e.g. \"1.2\".")
    date: Date | None = Field(None, description="The charter's own date (renders stay reproducible).")
    author: str | None = Field(None, description="Who wrote it, e.g. the consultancy.")
    approved_by: list[Id] = Field(default_factory=list, description="Who approved it (contact ids).")
    review_by: Date | None = Field(None, description="When it is next reviewed.")
    brand: Brand | None = Field(None, description="Optional branding: an accent colour and a logo.")


class WatchEntry(Strict):
    """Known accounts whose kind holds whatever a message says (revision 1.1)."""

    handles: list[Text] = Field(
        min_length=1, description="Handles or e-mail addresses; \"*@domain.tld\" for a whole domain."
    )
    kind: AuthorKind = Field(description="Their author kind, in English or French.")


class Tier(Strict):
    """An audience tier: bigger audiences go higher (revision 1.1)."""

    followers_at_least: int | None = Field(None, ge=0, description="Followers from which the tier applies.")
    engagement_at_least: int | None = Field(
        None, ge=0, description="Likes, replies and shares of the message from which the tier applies."
    )
    escalate_to: Id | None = Field(None, description="The referent for escalated messages of this tier.")
    respond_within: Duration | None = Field(None, description="The deadline for this tier.")


class Matching(Strict):
    """How keywords match (revision 1.1)."""

    stems: bool = Field(False, description="A keyword word also matches its inflections (Snowball stems).")


class Playbook(Strict):
    """A community-management charter, version 1 of the format."""

    cmkit: Annotated[Literal[1], BeforeValidator(_format_version)] = Field(description="Format version.")
    organization: Organization = Field(description="The organisation: its name, sector and language.")
    objectives: list[Objective] = Field(
        min_length=1, description="Why the organisation does community management (at least one)."
    )
    channels: list[Channel] = Field(
        default_factory=list, description="Where the organisation listens and speaks."
    )
    tone: Tone = Field(default_factory=Tone, description="The online style.")
    autonomy: Autonomy = Field(
        default_factory=Autonomy, description="How far the community manager may go alone."
    )
    contacts: list[Contact] = Field(
        min_length=1, description="Referents: whom to refer to (subsidiarity), who answers in time (support)."
    )
    topics: list[Topic] = Field(min_length=1, description="The scope: what is handled, and how.")
    default: Default | None = Field(None, description="What happens to a message that matches no topic.")
    crisis: Crisis | None = Field(None, description="When a message is a crisis, and who takes it.")
    reporting: Reporting | None = Field(None, description="The reporting rhythm.")
    document: Document | None = Field(None, description="Document control: version, date, author, approval.")
    hours: Hours | None = Field(None, description="When the organisation works: time zone, open hours, holidays.")
    watchlist: list[WatchEntry] = Field(
        default_factory=list, description="Known accounts (journalists, regulators...) and their kind."
    )
    audience: list[Tier] = Field(
        default_factory=list, description="Audience tiers, from the smallest audience to the largest."
    )
    matching: Matching = Field(default_factory=Matching, description="How keywords match.")

    _source: SourceMap | None = PrivateAttr(default=None)

    @property
    def source(self) -> SourceMap:
        """Where each value stood in the file (an empty map for playbooks built in code)."""
        return self._source or SourceMap(file="<playbook>")

    def contact(self, contact_id: str | None) -> Contact | None:
        """The contact with this id, if any."""
        return next((c for c in self.contacts if c.id == contact_id), None)

    def channel(self, channel_id: str | None) -> Channel | None:
        """The channel with this id, if any."""
        return next((c for c in self.channels if c.id == channel_id), None)
