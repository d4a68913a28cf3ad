"""The words of the documents: English here, every other language in cmkit's one catalogue.

The documents' words are keyed (`sections.objectives`), because templates place
them by their role; the English ones are written here, and each is also the
msgid of its translation in `cmkit/i18n/locale/<lang>.po`, with its key as
context (`msgctxt "document: sections.objectives"`), so that a translator finds
the documents' sentences beside the commands' in one file, and a third
language is a new `.po` file. Each language is written by itself, not word by
word: the French uses the charte's own vocabulary (périmètre, référent, délai
de réponse, subsidiarité, remontée d'information). Templates only place these
words; sentences that need the playbook's values carry `{placeholders}` that
documents.py fills in.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from cmkit.i18n import LANGUAGES, Catalogue, catalogue

EN: dict[str, object] = {
    "doc_title": {
        "charter": "Community management charter",
        "onboarding": "Community manager onboarding guide",
        "handout": "Community management training handout",
    },
    "file_word": {"charter": "charter", "onboarding": "onboarding", "handout": "handout"},
    "subtitle": {
        "charter": "How {org} speaks online: objectives, scope, handling, autonomy, escalation paths, support and style.",
        "onboarding": "Your first week: whom to call, when to answer, in what tone, and what to do in a crisis.",
        "handout": "The framework explained, then practised on the messages {org} receives.",
    },
    "reports_to": "Reports to: {who}",
    "sector": "Sector: {sector}",
    "contents": "Contents",
    "none": "—",
    "not_set": "The charter does not say yet.",
    "yes": "yes",
    "no": "no",
    "public": "public",
    "private": "private",
    "actions": {
        "answer": "Answer",
        "escalate": "Escalate",
        "moderate": "Moderate",
        "decline": "Do not answer",
        "crisis": "Crisis",
    },
    "may_i_answer": {
        "answer": "Yes, I answer",
        "escalate": "I pass it to {referent}",
        "moderate": "I moderate, as the charter says",
        "decline": "I do not engage",
        "crisis": "Crisis: I alert {referent}",
    },
    "processes": {
        "marketing": "Marketing",
        "innovation": "Innovation and R&D",
        "support": "Customer support",
        "crisis": "Crisis communication",
        "communication": "Communication",
    },
    "process_intro": {
        "marketing": "The community manager relays offers and campaigns, and reports what the community says about them.",
        "innovation": "Customers' ideas and criticism are raw material: they go up to innovation, which answers them.",
        "support": "Simple requests are handled online; the rest go to the right referent, within the promised time.",
        "crisis": "At the first signals the community manager alerts at once; speaking in public is for management.",
        "communication": "Whatever touches the organisation's image follows the communication line, including what goes unanswered.",
    },
    "frequency": {"daily": "daily", "weekly": "weekly", "monthly": "monthly"},
    "address": {"vous": "formal address", "tu": "informal address"},
    "proximity": {"formal": "formal", "warm": "warm", "casual": "casual"},
    "address_sentence": {"vous": "You address people formally", "tu": "You address people informally"},
    "author_kinds": {
        "customer": "a customer",
        "prospect": "a prospect",
        "influencer": "an influencer",
        "journalist": "a journalist",
        "employee": "an employee",
        "unknown": "an unknown author",
    },
    "or": " or ",
    "and": " and ",
    "then": ", then ",
    "sections": {
        "objectives": "Objectives",
        "scope": "Scope",
        "handling": "Handling process",
        "autonomy": "Autonomy",
        "subsidiarity": "Escalation paths",
        "support": "Support",
        "style": "Online style",
        "integration": "How community management plugs into the organisation",
        "crisis": "Crisis communication",
        "who_to_call": "Whom to call for what",
        "may_i_answer": "May I answer?",
        "tone_sheet": "Tone cheat-sheet",
        "crisis_page": "In a crisis",
        "first_week": "Your first week",
        "framework": "The framework",
        "exercises": "Exercises",
        "answer_key": "Answer key",
    },
    "intros": {
        "objectives": "What {org} expects from community management, and how it is measured.",
        "scope": "The topics the community manager takes on, and what is done with each.",
        "handling": "What is shared with the public, and what is reported up.",
        "autonomy": "What the community manager may do alone, and what is not theirs to decide: their word commits {org}.",
        "subsidiarity": "Whom the community manager turns to, and who answers when the referent is away.",
        "support": "Each referent's response time, beside what the public expects on each channel.",
        "style": "How {org} speaks online.",
        "integration": "Community management is not a department apart: it is plugged into existing processes.",
        "crisis": "When a message becomes a crisis, and what happens then.",
    },
    "headers": {
        "objective": "Objective",
        "kpi": "KPI",
        "target": "Target",
        "topic": "Topic",
        "action": "Action",
        "referent": "Referent",
        "deadline": "Response time",
        "process": "Process",
        "keywords": "Keywords",
        "push": "Share with the public",
        "report": "Report up",
        "guidance": "Guidance",
        "contact": "Referent",
        "role": "Role",
        "email": "Email",
        "backup": "Backup",
        "respond_within": "Answers the CM within",
        "channel": "Channel",
        "visibility": "Visibility",
        "expected_response": "Expected answer within",
        "receives": "What to pass them",
        "may": "The community manager may",
        "must_not": "The community manager must not",
        "do": "Do",
        "avoid": "Avoid",
        "forbidden": "Never write",
        "answer": "Answer",
        "message": "Message",
        "decision": "Decision",
        "matched": "Spotted through",
        "fastest_channel": "Worst case down the chain",
    },
    "default_topic": "Any other message",
    "scope_note": "The response time that applies is the shorter of the topic's and what the public expects on the channel.",
    "quote": "“{text}”",
    "chain_for": "Receives: {topics}",
    "chain_crisis": "any crisis",
    "chain_default": "any other message",
    "support_note": "Most demanding public channel: {channel}, where the public expects an answer within {deadline}. A referent slower than that makes the community manager late.",
    "handling_reporting": "A {frequency} report goes to {recipients}.",
    "handling_metrics": "Metrics followed",
    "handling_follow_up": "The community manager follows every escalated message until it gets its public answer: passed on is not closed.",
    "emoji_allowed": "allowed",
    "emoji_not_allowed": "no",
    "crisis_triggers": "Triggers",
    "crisis_procedure": "Procedure",
    "crisis_trigger_authors": "a message written by {kinds}",
    "crisis_trigger_followers": "a message from an author followed by at least {count} people",
    "crisis_trigger_spread": "one topic on {channels} or more channels within {within}",
    "crisis_trigger_topics": "a message about {topics}",
    "crisis_steps": [
        "Do not answer on the substance; delete nothing.",
        "Alert {referent} ({role}) within {deadline} — failing that: {backups}.",
        "Pass on a screenshot of the message, its author, their audience and the channels involved.",
        "Publish only the approved answer, then follow the conversation hour by hour.",
        "Keep a timeline for the crisis review.",
    ],
    "crisis_steps_no_backup": "nobody else is named",
    "crisis_none": "The charter does not define a crisis cell yet: any worrying signal goes to {referent}.",
    "cascade": "A badly handled complaint can spread, within twenty-four hours, to {channels}, and end with a journalist's call. Every step it climbs is handled higher up.",
    "cascade_channels": "one public channel after another",
    "onboarding_welcome": "Welcome! This guide is short: keep it at hand during your first week. Your word commits {org}; the frame below is there so that you can answer without fear of getting it wrong.",
    "first_week": [
        "Day 1 — Read the charter; introduce yourself to the referents listed below.",
        "Day 2 — Watch the channels without answering; sort each message with the “May I answer?” table.",
        "Day 3 — Answer simple messages, reviewed by {mentor}.",
        "Day 4 — Pass your first messages to referents and follow up on their answers.",
        "Day 5 — Prepare your first report; reread the crisis procedure.",
    ],
    "tone_address": "{address}, in a {proximity} tone.",
    "tone_no_address": "The tone is {proximity}.",
    "tone_address_only": "{address}.",
    "tone_emoji": {"true": "Emoji are welcome.", "false": "No emoji."},
    "tone_signature": "Signature: {signature}",
    "exercise_intro": "For each message, decide: answer, escalate (to whom?), moderate, do not answer, or start the crisis procedure. Give the response time.",
    "exercise_fallback": "Hello, I have a question about “{keyword}”: can you help?",
    "verdicts": {
        "answer": "Answer",
        "escalate": "Escalate to {referent}",
        "moderate": "Moderate",
        "decline": "Do not answer",
        "crisis": "Crisis: alert {referent}",
    },
    "answer_no_topic": "none (default rule)",
    "answer_deadline": "within {deadline}",
    "framework": [
        {
            "title": "A process, framed before it is trusted",
            "paragraphs": [
                "Community management is not improvisation. It is a process, and a tightly framed one until trust is earned: set the objectives, the scope, how each message is handled, the community manager's autonomy, whom they turn to (subsidiarity), those people's commitment to answer in time (support) and the online style.",
                "The frame is not a sign of distrust: it lets the community manager answer without fear of getting it wrong, and lets the organisation hand over its voice. Trust comes next, and autonomy grows with it.",
            ],
        },
        {
            "title": "The four facets of the role",
            "paragraphs": [
                "Representing the community inside the organisation; evangelising; external communication; collecting feedback and passing it on. The community manager stands between the public and management, and must be able to talk to both.",
            ],
        },
        {
            "title": "Trust, sympathy, co-creation",
            "paragraphs": [
                "A relationship with a community grows by degrees: first trust (you answer, and keep your word), then sympathy (people recognise each other and talk), finally co-creation (customers bring ideas, and the organisation does something with them). Each suggestion passed on and answered moves one step up.",
            ],
        },
        {
            "title": "90-9-1: who speaks, who watches",
            "paragraphs": [
                "In a community, about 90 % of members watch, 9 % contribute now and then, and 1 % write most of the content. A public answer speaks less to the person who wrote than to the ninety who read without a word.",
            ],
        },
        {
            "title": "Measure the value added",
            "paragraphs": [
                "Measure what community management brings against the objectives set, not the number of logins or likes. At {org}, the objectives and their indicators are these.",
            ],
        },
    ],
    "framework_process": "In {org}'s charter",
    "discussion_title": "Going further",
    "discussion": [
        "Which of the messages above could end up with a journalist within twenty-four hours? Where should the cascade have been stopped?",
        "What public answer would you give to the first message you must escalate, while waiting for the referent?",
        "Which of the charter's indicators looks hardest to meet, and why?",
    ],
    # -- revision 1.1: document control, contacts, flowchart, reporting, drill-like handout --
    "months": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "date": "{day} {month} {year}",
    "first_day": "1",
    "draft": "DRAFT",
    "draft_note": "Draft: example values remain to be replaced before this is shared.",
    "control": {
        "version": "Version",
        "date": "Date",
        "author": "Written by",
        "approved_by": "Approved by",
        "review_by": "Next review",
    },
    "footer_version": "version {version}",
    "approval_title": "Approval",
    "approval_intro": "This charter comes into force once signed by the people below.",
    "approval_headers": {"name": "Name", "role": "Role", "date": "Date", "signature": "Signature"},
    "directory_title": "Contact directory",
    "channels_title": "Channels and the public's expectations",
    "directory_headers": {"name": "Name", "role": "Role", "phone": "Phone", "email": "Email", "hours": "Reachable"},
    "on_call": "any time (on call)",
    "office_hours": "office hours",
    "hours_note": "Office hours ({timezone}): {hours}. Outside them, only the people on call answer.",
    "any_time": "office hours",
    "day_names": {"mon": "Mon", "tue": "Tue", "wed": "Wed", "thu": "Thu", "fri": "Fri", "sat": "Sat", "sun": "Sun"},
    "mentor": "During this week, {name}{role} is there for you: take your questions to them.",
    "deadline_by_channel": "{deadline} ({channel})",
    "other_channels": "other channels",
    "deadline_range": "{low} to {high}",
    "no_deadline": "no set time",
    "flowchart_title": "Decision flowchart",
    "flowchart_intro": "Read each message from the top: the first question answered “yes” decides. Where two response times are given, the shorter one is for the most demanding channel (see the channel table).",
    "flow_yes": "yes",
    "flow_no": "no",
    "flow_author": "Written by {kinds}?",
    "flow_watchlist": "Author on the watchlist?",
    "flow_followers": "Author with {count} followers or more, on a topic to escalate?",
    "flow_topic": "About: {label}?",
    "flow_default": "No topic recognised",
    "flow_target": "{action}",
    "flow_target_referent": "{action}: {referent}",
    "flow_deadline": "within {deadline}",
    "flow_tiers": "Escalated message from an author with {count} followers or more: {referent}, within {deadline}.",
    "reporting_title": "Reporting",
    "reporting_intro": "What community management reports, to whom, and how often.",
    "reporting_rhythm": "Rhythm",
    "reporting_recipients": "Recipients",
    "reporting_indicators": "Indicators",
    "chain_worst": "Worst case down the chain",
    "chain_meets": "Meets the public’s time",
    "chain_status_yes": "yes: {total} against {deadline} ({channel})",
    "chain_status_no": "no: {total} against {deadline} ({channel})",
    "chain_note": "Worst case: each referent in the chain lets their whole response time pass before the next one takes over. It is set against the most demanding public channel the chain serves.",
    "exercise_channel": "On {channel}",
    "answer_reason_topic": "The message is about {topic} ({matched}): the charter says “{action}”.",
    "answer_reason_topic_plain": "The message falls under {topic}: the charter says “{action}”.",
    "answer_reason_others": "It also touches {others}, which comes second.",
    "answer_reason_default": "The message falls under no topic of the charter: the default rule applies.",
    "answer_reason_crisis": "This is a crisis ({why}): alert {referent} and do not answer on the substance.",
    "answer_reason_deadline": "Response time on {channel}: {deadline}.",
    "answer_reason_no_deadline": "No answer, so no response time.",
    "model_reply": "Model reply:",
    "answer_headers": {"message": "Message", "decision": "Decision", "why": "Why"},
    "scope_check_title": "To check: the charter's scope",
}


def _translated(value: object, _: Catalogue, path: str) -> object:
    """`value` (a word, or a mapping or list of them) in the catalogue's language."""
    if isinstance(value, str):
        return _.p(f"document: {path}", value)
    if isinstance(value, dict):
        return {key: _translated(item, _, f"{path}.{key}" if path else str(key)) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_translated(item, _, f"{path}.{i}") for i, item in enumerate(value))
    return value


class _Catalogs(Mapping[str, dict[str, object]]):
    """The documents' words by language, each built from the catalogue when first asked for."""

    def __init__(self) -> None:
        self._built: dict[str, dict[str, object]] = {"en": EN}

    def __getitem__(self, lang: str) -> dict[str, object]:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        if lang not in self._built:
            _ = catalogue(lang)
            _.read_all()  # hundreds of words: one parse beats hundreds of searches
            built = _translated(EN, _, "")
            assert isinstance(built, dict)
            self._built[lang] = built
        return self._built[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


#: The documents' words for each language cmkit speaks: `CATALOGS["fr"]["sections"]["scope"]`.
CATALOGS: Mapping[str, dict[str, object]] = _Catalogs()
