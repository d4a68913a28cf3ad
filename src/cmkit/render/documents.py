"""Which document needs which data: the playbook turned into one plain context per document.

Every format (md, html, pdf, docx) renders the same context, so the four
outputs never disagree. The context is plain data (dicts, lists, strings):
durations already written as people read them, ids resolved to names,
derived tables (scope, escalation chains, support, answer key) computed here,
and every human string set by the language's typography.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from cmkit.drill.questions import found_words
from cmkit.model.playbook import Contact, Playbook
from cmkit.render import flowchart
from cmkit.render.control import brand, control
from cmkit.render.i18n import CATALOGS
from cmkit.render.typography import TYPESETTERS, human_duration, slugify

DOCUMENTS = ("charter", "onboarding", "handout")

#: Keys whose values are identifiers or machine text, never typeset.
_RAW_KEYS = frozenset(
    {"id", "email", "phone", "keywords", "patterns", "matched", "doc", "lang", "action", "process", "date_iso", "svg", "brand"}
)
#: Control characters no format can hold (XML 1.0 forbids them; typst's SVG parser too), which a
#: playbook's YAML escapes can still produce ("Be\\vfast\\x01"): vertical tab and form feed read as
#: a space, the others as U+FFFD, so that nothing disappears silently. Tab and newline stay.
_SPACES = re.compile("[\x0b\x0c]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")


#: The longest organisation part of a default file name: file systems stop at 255 bytes,
#: and a name that long is unreadable anyway.
MAX_NAME_SLUG = 60


def default_file_name(playbook: Playbook, document: str, extension: str) -> str:
    """`maison-dupuis-charte.pdf`, `kestrel-onboarding.html`: organisation, then document.

    The organisation's part is cut to MAX_NAME_SLUG characters, at a word when
    there is one, so that a very long name still gives a file name.
    """
    words = CATALOGS[playbook.organization.language]["file_word"]
    slug = slugify(playbook.organization.name)
    if len(slug) > MAX_NAME_SLUG:
        cut = slug[:MAX_NAME_SLUG]
        slug = (cut.rsplit("-", 1)[0] if "-" in cut.strip("-") else cut).strip("-")
    return f"{slug}-{words[document]}.{extension}"


def build_context(playbook: Playbook, document: str, *, answers: bool = True) -> dict:
    """The plain data `document` is rendered from, typeset in the playbook's language.

    `answers=False` leaves the handout's answer key out (a copy for trainees).
    """
    return _Builder(playbook, answers=answers).build(document)


class _Builder:
    """Derives the tables every document shares from one playbook, in its language."""

    def __init__(self, playbook: Playbook, *, answers: bool = True) -> None:
        self.playbook = playbook
        self.answers = answers
        self.lang = playbook.organization.language
        self.labels = _with_org(CATALOGS[self.lang], playbook.organization.name)
        self.duration: Callable[[int | None], str] = lambda m: human_duration(m, self.lang)
        self._decider = None
        self._channels_set_deadlines = any(c.expected_response is not None for c in playbook.channels)

    def build(self, document: str) -> dict:
        labels = self.labels
        organization = self.playbook.organization
        context = {
            "doc": document,
            "lang": self.lang,
            "L": labels,
            "title": labels["doc_title"][document],
            "subtitle": labels["subtitle"][document],
            "org": {
                "name": organization.name,
                "sector": labels["sector"].format(sector=organization.sector) if organization.sector else None,
                "reports_to": (
                    labels["reports_to"].format(who=organization.reports_to) if organization.reports_to else None
                ),
            },
            "objectives": [
                {"statement": o.statement, "kpi": o.kpi or labels["none"], "target": o.target or labels["none"]}
                for o in self.playbook.objectives
            ],
            "scope": self.scope(),
            "chains": self.chains(),
            "tone": self.tone(),
            "autonomy": {
                "may": self.playbook.autonomy.may,
                "must_not": self.playbook.autonomy.must_not_texts,
                "empty": not (self.playbook.autonomy.may or self.playbook.autonomy.must_not),
            },
            "crisis": self.crisis(),
            "control": control(self.playbook, labels),
            "brand": brand(self.playbook),
            "directory": self.directory(),
            "directory_note": self.hours_note(),
            "reporting": self.reporting(),
            "flowchart": {"steps": self.flow_steps(), "tiers": self.flow_tiers()},
        }
        context.update(getattr(self, document)())
        context = map_strings(context, printable)
        context = _typeset(context, TYPESETTERS[self.lang])
        # drawn from the typeset words, so the diagram reads like the page around it
        context["flowchart"]["svg"] = flowchart.svg(
            context["flowchart"]["steps"], context["L"], context["L"]["flowchart_title"]
        )
        return context

    # -- the charter -------------------------------------------------------

    def charter(self) -> dict:
        return {"handling": self.handling(), "support": self.support(), "integration": self.integration()}

    def scope(self) -> list[dict]:
        """One row per topic (topic → action → referent → deadline), then the default rule."""
        rows = [self._scope_row(topic) for topic in self.playbook.topics]
        default = self.playbook.default
        action = default.action if default else "escalate"
        referent = (default.escalate_to if default else None) or (
            self.playbook.contacts[0].id if action == "escalate" else None
        )
        rows.append(
            self._row(
                topic_id=None,
                label=self.labels["default_topic"],
                action=action,
                referent=self.playbook.contact(referent),
                deadline=default.respond_within if default else None,
            )
        )
        return rows

    def _scope_row(self, topic: Topic) -> dict:
        crisis = self.playbook.crisis
        if topic.action == "crisis" and crisis:
            referent, deadline = crisis.escalate_to, crisis.respond_within
        else:
            referent, deadline = topic.escalate_to, topic.respond_within
        row = self._row(
            topic_id=topic.id,
            label=topic.label,
            action=topic.action,
            referent=self.playbook.contact(referent),
            deadline=deadline,
        )
        row.update(
            process=topic.process,
            process_label=self.labels["processes"][topic.process] if topic.process else self.labels["none"],
            keywords=topic.keywords,
            patterns=topic.patterns,
            push=topic.push,
            report=topic.report,
            guidance=topic.guidance,
        )
        return row

    def _row(self, *, topic_id: str | None, label: str, action: str, referent: Contact | None, deadline: int | None) -> dict:
        labels = self.labels
        referent_name = referent.name if referent else labels["none"]
        return {
            "id": topic_id,
            "label": label,
            "action": action,
            "action_label": labels["actions"][action],
            "answer": labels["may_i_answer"][action].format(referent=referent_name),
            "referent": referent_name,
            "referent_id": referent.id if referent else None,
            "deadline": self._deadline(action, deadline),
            "process": None,
            "process_label": labels["none"],
            "keywords": [],
            "patterns": [],
            "push": [],
            "report": [],
            "guidance": None,
        }

    def _deadlines(self, action: str, minutes: int | None) -> list[tuple[int | None, list[str]]]:
        """A row's response times by channel, shortest first: the smaller of the topic's and each
        channel's (rule 7); one entry with no channel names when every channel gives the same."""
        if action == "crisis" or not self._channels_set_deadlines:
            return [(minutes, [])]
        by_deadline: dict[int | None, list[str]] = {}
        for channel in self.playbook.channels:
            candidates = [m for m in (minutes, channel.expected_response) if m is not None]
            by_deadline.setdefault(min(candidates, default=None), []).append(channel.name or channel.id)
        if len(by_deadline) == 1:
            return [(next(iter(by_deadline)), [])]
        return sorted(by_deadline.items(), key=lambda item: (item[0] is None, item[0] or 0))

    def _deadline(self, action: str, minutes: int | None) -> str:
        """A row's response time, always as durations (`1 h (X), 2 h (other channels)`), never
        "per channel": the channel that sets each is named, the largest group as "other channels"."""
        if action == "decline":
            return self.labels["none"]
        groups = self._deadlines(action, minutes)
        words = lambda m: self.duration(m) if m is not None else self.labels["no_deadline"]  # noqa: E731
        if len(groups) == 1:
            return words(groups[0][0])
        largest = max(range(len(groups)), key=lambda i: len(groups[i][1]))
        return ", ".join(
            self.labels["deadline_by_channel"].format(
                deadline=words(m), channel=self.labels["other_channels"] if i == largest else ", ".join(names)
            )
            for i, (m, names) in enumerate(groups)
        )

    def _deadline_range(self, action: str, minutes: int | None) -> str | None:
        """The shortest and longest response time of a row (`1 h to 1 day`), for the flowchart."""
        if action == "decline":
            return None
        known = [m for m, _ in self._deadlines(action, minutes) if m is not None]
        if not known:
            return None
        low, high = min(known), max(known)
        if low == high:
            return self.duration(low)
        return self.labels["deadline_range"].format(low=self.duration(low), high=self.duration(high))

    def _and(self, items: list[str]) -> str:
        """`a, b and c`: a list written into a sentence."""
        if len(items) < 2:
            return "".join(items)
        return ", ".join(items[:-1]) + self.labels["and"] + items[-1]

    def _referred_label(self, row: dict) -> str:
        """A scope row's label inside a list of what a referent receives."""
        return row["label"] if row["id"] is not None else self.labels["chain_default"]

    def handling(self) -> dict:
        return {
            "topics": [t for t in self.scope()[:-1] if t["push"] or t["report"] or t["guidance"]],
            "follow_up": self.labels["handling_follow_up"],
        }

    def reporting(self) -> dict:
        """The reporting section: rhythm, recipients (with their role), indicators."""
        labels, reporting = self.labels, self.playbook.reporting
        if reporting is None:
            return {"defined": False, "sentence": None, "rhythm": None, "recipients": [], "metrics": []}
        recipients = [c for c in map(self.playbook.contact, reporting.recipients) if c]
        sentence = None
        if reporting.frequency or recipients:
            sentence = labels["handling_reporting"].format(
                frequency=labels["frequency"].get(reporting.frequency or "", ""),
                recipients=self._and([c.name for c in recipients]) or labels["none"],
            ).replace("  ", " ")
        return {
            "defined": True,
            "sentence": sentence,
            "rhythm": labels["frequency"].get(reporting.frequency or "") or labels["none"],
            "recipients": [f"{c.name} ({c.role})" if c.role else c.name for c in recipients],
            "metrics": reporting.metrics,
        }

    def directory(self) -> list[dict]:
        """Every contact with how to reach them: phone, e-mail, and when."""
        labels, hours = self.labels, self.playbook.hours
        office = self._office_hours() if hours and hours.open else None
        rows = []
        for contact in self.playbook.contacts:
            if contact.on_call:
                when = labels["on_call"]
            elif office:
                when = labels["office_hours"]
            else:
                when = labels["any_time"]
            rows.append(
                {
                    "id": contact.id,
                    "name": contact.name,
                    "role": contact.role or "",
                    "phone": contact.phone or labels["none"],
                    "email": contact.email or labels["none"],
                    "hours": when,
                    "on_call": contact.on_call,
                }
            )
        return rows

    def hours_note(self) -> str | None:
        """One sentence under the directory: when "office hours" are, in which time zone."""
        hours = self.playbook.hours
        if hours is None or not hours.open:
            return None
        return self.labels["hours_note"].format(timezone=hours.timezone, hours=self._office_hours())

    def _office_hours(self) -> str:
        """`lun.–ven. 09:00–18:00 ; sam. 10:00–12:30`: the open hours as written, with readable days."""
        days = self.labels["day_names"]
        parts = []
        for key, ranges in (self.playbook.hours.open or {}).items():
            name = "–".join(days.get(d.strip().lower(), d) for d in key.split("-"))
            spans = ", ".join(r.strip().replace("-", "–") for r in ranges.split(","))
            parts.append(f"{name} {spans}")
        return "; ".join(parts)

    def flow_steps(self) -> list[dict]:
        """The flowchart's questions, in the decision rules' order, each with where "yes" leads."""
        labels, playbook, crisis = self.labels, self.playbook, self.playbook.crisis
        steps = []
        crisis_target = None
        if crisis is not None:
            head = playbook.contact(crisis.escalate_to)
            crisis_target = self._flow_target("crisis", head, crisis.respond_within)
            if crisis.authors:
                kinds = labels["or"].join(labels["author_kinds"][k] for k in crisis.authors)
                steps.append({"question": labels["flow_author"].format(kinds=kinds), **crisis_target})
            if any(entry.kind in crisis.authors for entry in playbook.watchlist):
                steps.append({"question": labels["flow_watchlist"], **crisis_target})
            if crisis.followers_at_least is not None:
                count = f"{crisis.followers_at_least:,}".replace(",", "\u202f" if self.lang == "fr" else ",")
                steps.append({"question": labels["flow_followers"].format(count=count), **crisis_target})
        rows = {row["id"]: row for row in self.scope()}
        for action in ("crisis", *flowchart.PRECEDENCE):
            for topic in playbook.topics:
                if topic.action != action:
                    continue
                row = rows[topic.id]
                if action == "crisis" and crisis_target is not None:
                    target = crisis_target
                else:
                    target = self._flow_target(
                        action, playbook.contact(row["referent_id"]), None, self._deadline_range(action, topic.respond_within)
                    )
                steps.append({"question": labels["flow_topic"].format(label=topic.label), **target})
        default = self.scope()[-1]
        steps.append(
            {
                "question": None,
                **self._flow_target(
                    default["action"],
                    playbook.contact(default["referent_id"]),
                    None,
                    self._deadline_range(default["action"], playbook.default.respond_within if playbook.default else None),
                    prefix=labels["flow_default"],
                ),
            }
        )
        return steps

    def _flow_target(
        self, action: str, referent: Contact | None, minutes: int | None, deadline: str | None = None, prefix: str | None = None
    ) -> dict:
        labels = self.labels
        name = labels["actions"][action]
        target = (
            labels["flow_target_referent"].format(action=name, referent=referent.name)
            if referent is not None and action in ("escalate", "crisis")
            else labels["flow_target"].format(action=name)
        )
        if prefix:
            target = f"{prefix} → {target}"
        if deadline is None:
            deadline = self.duration(minutes) if minutes is not None else None
        shown = labels["flow_deadline"].format(deadline=deadline) if deadline and deadline != labels["none"] else None
        return {"action": action, "target": target, "deadline": shown}

    def flow_tiers(self) -> list[str]:
        """Audience tiers, which re-route an escalated message: one sentence each under the chart."""
        labels, sentences = self.labels, []
        for tier in self.playbook.audience:
            referent = self.playbook.contact(tier.escalate_to)
            if tier.followers_at_least is None or referent is None:
                continue
            count = f"{tier.followers_at_least:,}".replace(",", "\u202f" if self.lang == "fr" else ",")
            sentences.append(
                labels["flow_tiers"].format(
                    count=count, referent=referent.name, deadline=self.duration(tier.respond_within)
                )
            )
        return sentences

    def chains(self) -> list[dict]:
        """Each referent a message can be escalated to, followed down their backups.

        One chain per first referent, in the order the playbook first sends to
        them, listing what reaches them; a repeated contact ends the chain
        (lint refuses backup loops, but a renderer never loops forever).
        """
        routed: dict[str, list[str]] = {}
        for row in self.scope():
            if row["action"] in ("escalate", "crisis") and row["referent_id"]:
                routed.setdefault(row["referent_id"], []).append(self._referred_label(row))
        crisis = self.playbook.crisis
        if crisis:
            routed.setdefault(crisis.escalate_to, []).append(self.labels["chain_crisis"])
        return [
            {
                "for": self.labels["chain_for"].format(topics="; ".join(what)),
                "steps": self._chain(start),
                "worst": self._worst_case(start)["status"],
            }
            for start, what in routed.items()
        ]

    def _fastest_public_channel(self):
        public = [c for c in self.playbook.channels if c.public and c.expected_response is not None]
        return min(public, key=lambda c: c.expected_response, default=None)

    def _worst_case(self, start: str) -> dict:
        """The chain from `start` when every referent lets their whole delay pass, against the public.

        Every topic can arrive on every channel, so a chain serves the most
        demanding public channel; `late` when the sum of delays exceeds it.
        """
        labels = self.labels
        delays, seen = [], set()
        contact = self.playbook.contact(start)
        while contact and contact.id not in seen:
            seen.add(contact.id)
            delays.append(contact.respond_within)
            contact = self.playbook.contact(contact.backup)
        fastest = self._fastest_public_channel()
        known = [d for d in delays if d is not None]
        if fastest is None or not known:
            return {"late": False, "status": labels["none"]}
        total = sum(known)
        late = total > fastest.expected_response
        if not late and len(known) < len(delays):
            return {"late": False, "status": labels["none"]}  # an unknown delay: it may or may not hold
        status = labels["chain_status_no" if late else "chain_status_yes"].format(
            total=self.duration(total),
            deadline=self.duration(fastest.expected_response),
            channel=fastest.name or fastest.id,
        )
        return {"late": late, "status": status}

    def _chain(self, start: str) -> list[dict]:
        steps, seen = [], set()
        contact = self.playbook.contact(start)
        while contact and contact.id not in seen:
            seen.add(contact.id)
            steps.append(
                {
                    "id": contact.id,
                    "name": contact.name,
                    "role": contact.role or "",
                    "deadline": self.duration(contact.respond_within),
                }
            )
            contact = self.playbook.contact(contact.backup)
        return steps

    def support(self) -> dict:
        """Each referent's delay, and whether it meets the most demanding public channel's expectation."""
        labels = self.labels
        fastest = self._fastest_public_channel()
        note = (
            labels["support_note"].format(
                channel=fastest.name or fastest.id, deadline=self.duration(fastest.expected_response)
            )
            if fastest
            else None
        )
        contacts = []
        for contact in self.playbook.contacts:
            backup = self.playbook.contact(contact.backup)
            worst = self._worst_case(contact.id)
            contacts.append(
                {
                    "id": contact.id,
                    "name": contact.name,
                    "role": contact.role or labels["none"],
                    "email": contact.email or labels["none"],
                    "respond_within": self.duration(contact.respond_within),
                    "backup": backup.name if backup else labels["none"],
                    "phone": contact.phone or labels["none"],
                    "late": worst["late"],
                    "status": worst["status"],
                }
            )
        channels = [
            {
                "id": c.id,
                "name": c.name or c.id,
                "visibility": labels["public"] if c.public else labels["private"],
                "expected_response": self.duration(c.expected_response),
            }
            for c in self.playbook.channels
        ]
        return {"contacts": contacts, "channels": channels, "note": note, "chain_note": labels["chain_note"]}

    def tone(self) -> dict:
        labels, tone = self.labels, self.playbook.tone
        proximity = labels["proximity"][tone.proximity] if tone.proximity else None
        address = labels["address_sentence"][tone.address] if tone.address else None
        if address and proximity:
            summary = labels["tone_address"].format(address=address, proximity=proximity)
        elif address:
            summary = labels["tone_address_only"].format(address=address)
        else:
            summary = labels["tone_no_address"].format(proximity=proximity) if proximity else None
        emoji_sentence = None if tone.emoji is None else labels["tone_emoji"][str(tone.emoji).lower()]
        return {
            "address": labels["address"][tone.address] if tone.address else labels["none"],
            "proximity": proximity or labels["none"],
            "emoji": labels["none"] if tone.emoji is None else labels["emoji_allowed" if tone.emoji else "emoji_not_allowed"],
            "emoji_sentence": emoji_sentence,
            "signature": tone.signature,
            "signature_sentence": labels["tone_signature"].format(signature=tone.signature) if tone.signature else None,
            # one sentence per fact, joined here so that no template can lose the space between them
            "summary": " ".join(s for s in (summary, emoji_sentence) if s) or None,
            "do": tone.do,
            "avoid": tone.avoid,
            "forbidden": tone.forbidden,
            "empty": not (summary or emoji_sentence or tone.signature or tone.do or tone.avoid or tone.forbidden),
        }

    def integration(self) -> list[dict]:
        """The organisation's processes, each with the topics that feed it."""
        scope = self.scope()[:-1]
        return [
            {
                "process": process,
                "label": self.labels["processes"][process],
                "intro": self.labels["process_intro"][process],
                "topics": [row["label"] for row in scope if row["process"] == process],
            }
            for process in self.labels["processes"]
            if any(row["process"] == process for row in scope)
        ]

    def cascade(self) -> str:
        """How a complaint climbs, through this playbook's own public channels (slowest first,
        as a complaint moves from a review to a post), never a channel the client does not have."""
        public = sorted(
            (c for c in self.playbook.channels if c.public),
            key=lambda c: -(c.expected_response if c.expected_response is not None else 10**9),
        )
        names = [c.name or c.id for c in public]
        return self.labels["cascade"].format(channels=self._and(names) if names else self.labels["cascade_channels"])

    def crisis(self) -> dict:
        labels, crisis = self.labels, self.playbook.crisis
        if crisis is None:
            first = self.playbook.contacts[0]
            return {"defined": False, "none": labels["crisis_none"].format(referent=first.name), "triggers": [], "steps": [], "cascade": self.cascade()}
        triggers = []
        if crisis.authors:
            kinds = labels["or"].join(labels["author_kinds"][k] for k in crisis.authors)
            triggers.append(labels["crisis_trigger_authors"].format(kinds=kinds))
        if crisis.followers_at_least is not None:
            count = f"{crisis.followers_at_least:,}".replace(",", "\u202f" if self.lang == "fr" else ",")
            triggers.append(labels["crisis_trigger_followers"].format(count=count))
        if crisis.spread:
            triggers.append(
                labels["crisis_trigger_spread"].format(
                    channels=crisis.spread.channels, within=self.duration(crisis.spread.within)
                )
            )
        crisis_topics = [t.label for t in self.playbook.topics if t.action == "crisis"]
        if crisis_topics:
            quoted = [labels["quote"].format(text=label) for label in crisis_topics]
            triggers.append(
                labels["crisis_trigger_topics"].format(
                    topics=", ".join(quoted[:-1]) + labels["or"] + quoted[-1] if len(quoted) > 1 else quoted[0]
                )
            )
        chain = self._chain(crisis.escalate_to)
        head, backups = chain[0], chain[1:]
        steps = [
            step.format(
                referent=head["name"],
                role=head["role"] or labels["none"],
                deadline=self.duration(crisis.respond_within),
                backups=labels["then"].join(b["name"] for b in backups) or labels["crisis_steps_no_backup"],
            )
            for step in labels["crisis_steps"]
        ]
        return {
            "defined": True,
            "none": None,
            "referent": head["name"],
            "deadline": self.duration(crisis.respond_within),
            "triggers": triggers,
            "steps": steps,
            "cascade": self.cascade(),
        }

    # -- the onboarding guide ---------------------------------------------

    def onboarding(self) -> dict:
        scope = self.scope()
        who = []
        for contact in self.support()["contacts"]:
            receives = [
                self._referred_label(row)
                for row in scope
                if row["referent_id"] == contact["id"] and row["action"] in ("escalate", "crisis")
            ]
            if self.playbook.crisis and self.playbook.crisis.escalate_to == contact["id"]:
                receives.append(self.labels["chain_crisis"])
            if receives:
                role = self.playbook.contact(contact["id"]).role or ""
                who.append({**contact, "role": role, "receives": "; ".join(receives)})
        mentor = self.mentor()
        role = f" ({mentor.role})" if mentor.role else ""
        return {
            "week": [day.format(mentor=mentor.name) for day in self.labels["first_week"]],
            "mentor": self.labels["mentor"].format(name=mentor.name, role=role),
            "who_to_call": who,
            "support": self.support(),
        }

    def mentor(self) -> Contact:
        """Who accompanies a new CM: the referent of the default rule (who takes what the
        charter does not foresee, so who answers a newcomer's doubts), else the first contact."""
        default = self.playbook.default
        chosen = self.playbook.contact(default.escalate_to) if default and default.escalate_to else None
        return chosen or self.playbook.contacts[0]

    # -- the training handout -----------------------------------------------

    def handout(self) -> dict:
        questions = self.questions()
        return {
            "framework": self.labels["framework"],
            "process_summary": self.labels["framework_process"],
            "exercises": [
                {
                    "number": n,
                    "text": q.text,
                    "channel": self._channel_name(q),
                    "quoted": self.labels["quote"].format(text=q.text),
                }
                for n, q in enumerate(questions, start=1)
            ],
            "answers": self.answers,
            "support": self.support(),
            "answer_key": [self._answer(n, q) for n, q in enumerate(questions, start=1)] if self.answers else [],
            "discussion": self.labels["discussion"],
        }

    def questions(self) -> list:
        """The handout's exercises: the drill's pool, shuffled with the fixed seed, each on a channel."""
        from cmkit.drill.questions import draw

        return draw(self.playbook, fallback=lambda keyword: self.labels["exercise_fallback"].format(keyword=keyword))

    def _channel_name(self, question) -> str | None:
        channel = question.channel
        return self.labels["exercise_channel"].format(channel=channel.name or channel.id) if channel else None

    def _answer(self, number: int, question) -> dict:
        decision, labels = question.decision, self.labels
        topic = next((t for t in self.playbook.topics if t.id == decision.topic), None)
        referent = self.playbook.contact(decision.escalate_to)
        verdict = labels["verdicts"][decision.action].format(referent=referent.name if referent else labels["none"])
        deadline = (
            self.duration(decision.respond_within_minutes) if decision.respond_within_minutes is not None else None
        )
        return {
            "number": number,
            "text": question.text,
            "quoted": labels["quote"].format(text=question.text),
            "action": decision.action,
            "verdict": verdict,
            "topic": topic.label if topic else labels["answer_no_topic"],
            "deadline": deadline or labels["none"],
            "why": self.explain(question, verdict),
            # the engine fills the topic's `reply` (a crisis: the holding statement) as `check` does
            "reply": decision.reply,
        }

    def explain(self, question, verdict: str) -> str:
        """Why the answer is right, in words: the topic recognised and the words that show it,
        the other topics it touches, the crisis, and the deadline on this channel."""
        decision, labels = question.decision, self.labels
        topics = {t.id: t for t in self.playbook.topics}
        patterns = {p for t in self.playbook.topics for p in t.patterns}
        words = {
            reason.topic: [found_words(m, question.text, m in patterns) for m in reason.matched]
            for reason in decision.reasons
        }
        sentences = []
        topic = topics.get(decision.topic or "")
        if decision.crisis:
            why = labels["quote"].format(text=topic.label) if topic else labels["chain_crisis"]
            referent = self.playbook.contact(decision.escalate_to)
            sentences.append(
                labels["answer_reason_crisis"].format(why=why, referent=referent.name if referent else labels["none"])
            )
        elif topic is not None:
            found = ", ".join(labels["quote"].format(text=w) for w in dict.fromkeys(words.get(topic.id, [])))
            key = "answer_reason_topic" if found else "answer_reason_topic_plain"
            sentences.append(
                labels[key].format(topic=labels["quote"].format(text=topic.label), matched=found, action=verdict)
            )
        else:
            sentences.append(labels["answer_reason_default"])
        others = [topics[t].label for t in decision.topics if t != decision.topic and t in topics]
        if others:
            sentences.append(
                labels["answer_reason_others"].format(
                    others=self._and([labels["quote"].format(text=o) for o in others])
                )
            )
        if decision.action == "decline":
            sentences.append(labels["answer_reason_no_deadline"])
        elif decision.respond_within_minutes is not None and question.channel is not None:
            sentences.append(
                labels["answer_reason_deadline"].format(
                    channel=question.channel.name or question.channel.id,
                    deadline=self.duration(decision.respond_within_minutes),
                )
            )
        return " ".join(sentences)


def printable(text: str) -> str:
    """`text` without the control characters no document format can hold."""
    return _CONTROLS.sub("\ufffd", _SPACES.sub(" ", text))


def _with_org(catalog: dict, org: str) -> dict:
    """The catalog with the organisation's name in place of `{org}`."""
    return map_strings(catalog, lambda text: text.replace("{org}", org))


def _typeset(value, setter: Callable[[str], str]):
    """Apply the language's typography to every human string, leaving ids and patterns alone."""
    return map_strings(value, setter, skip=_RAW_KEYS)


def map_strings(value, change: Callable[[str], str], *, skip: Collection[str] = (), key: str | None = None):
    """`value` rebuilt with `change` applied to every string in it, through dicts and lists,
    except under the keys in `skip`."""
    if key in skip:
        return value
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {k: map_strings(v, change, skip=skip, key=k) for k, v in value.items()}
    if isinstance(value, list):
        return [map_strings(v, change, skip=skip, key=key) for v in value]
    return value
    if isinstance(value, str):
        return setter(value)
    if isinstance(value, dict):
        return {k: _typeset(v, setter, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_typeset(v, setter, key) for v in value]
    return value
