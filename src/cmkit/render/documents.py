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

from cmkit.model.playbook import Contact, Playbook, Topic
from cmkit.render.i18n import CATALOGS
from cmkit.render.typography import TYPESETTERS, human_duration, slugify

DOCUMENTS = ("charter", "onboarding", "handout")

#: Keys whose values are identifiers or machine text, never typeset.
_RAW_KEYS = frozenset({"id", "email", "keywords", "patterns", "matched", "doc", "lang", "action", "process"})


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


def build_context(playbook: Playbook, document: str) -> dict:
    """The plain data `document` is rendered from, typeset in the playbook's language."""
    return _Builder(playbook).build(document)


class _Builder:
    """Derives the tables every document shares from one playbook, in its language."""

    def __init__(self, playbook: Playbook) -> None:
        self.playbook = playbook
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
        }
        context.update(getattr(self, document)())
        return _typeset(context, TYPESETTERS[self.lang])

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

    def _deadline(self, action: str, minutes: int | None) -> str:
        """A row's response time; without its own, the channel's expectation applies (rule 6)."""
        if action == "decline":
            return self.labels["none"]
        if minutes is None and self._channels_set_deadlines:
            return self.labels["channel_deadline"]
        return self.duration(minutes)

    def _and(self, items: list[str]) -> str:
        """`a, b and c`: a list written into a sentence."""
        if len(items) < 2:
            return "".join(items)
        return ", ".join(items[:-1]) + self.labels["and"] + items[-1]

    def _referred_label(self, row: dict) -> str:
        """A scope row's label inside a list of what a referent receives."""
        return row["label"] if row["id"] is not None else self.labels["chain_default"]

    def handling(self) -> dict:
        labels = self.labels
        reporting = self.playbook.reporting
        sentence = None
        if reporting and (reporting.frequency or reporting.recipients):
            names = [c.name for c in map(self.playbook.contact, reporting.recipients) if c]
            sentence = labels["handling_reporting"].format(
                frequency=labels["frequency"].get(reporting.frequency or "", ""),
                recipients=self._and(names) or labels["none"],
            ).replace("  ", " ")
        return {
            "topics": [t for t in self.scope()[:-1] if t["push"] or t["report"] or t["guidance"]],
            "reporting": sentence,
            "metrics": reporting.metrics if reporting else [],
            "follow_up": labels["handling_follow_up"],
        }

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
            {"for": self.labels["chain_for"].format(topics="; ".join(what)), "steps": self._chain(start)}
            for start, what in routed.items()
        ]

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
        public = [c for c in self.playbook.channels if c.public and c.expected_response is not None]
        fastest = min(public, key=lambda c: c.expected_response, default=None)
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
            slower = (
                fastest is not None
                and contact.respond_within is not None
                and contact.respond_within > fastest.expected_response
            )
            contacts.append(
                {
                    "id": contact.id,
                    "name": contact.name,
                    "role": contact.role or labels["none"],
                    "email": contact.email or labels["none"],
                    "respond_within": self.duration(contact.respond_within),
                    "backup": backup.name if backup else labels["none"],
                    "late": slower,
                    "status": (
                        labels["no" if slower else "yes"]
                        if fastest is not None and contact.respond_within is not None
                        else labels["none"]
                    ),
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
        return {"contacts": contacts, "channels": channels, "note": note}

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

    def crisis(self) -> dict:
        labels, crisis = self.labels, self.playbook.crisis
        if crisis is None:
            first = self.playbook.contacts[0]
            return {"defined": False, "none": labels["crisis_none"].format(referent=first.name), "triggers": [], "steps": [], "cascade": labels["cascade"]}
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
            "cascade": labels["cascade"],
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
        return {"week": self.labels["first_week"], "who_to_call": who}

    # -- the training handout -----------------------------------------------

    def handout(self) -> dict:
        exercises = self.exercises()
        return {
            "framework": self.labels["framework"],
            "process_summary": self.labels["framework_process"],
            "exercises": [
                {"number": e["number"], "text": e["text"], "quoted": self.labels["quote"].format(text=e["text"])}
                for e in exercises
            ],
            "answer_key": [self._answer(e) for e in exercises],
            "discussion": self.labels["discussion"],
        }

    def exercises(self) -> list[dict]:
        """Messages to decide: each topic's own examples, or a sentence built from a keyword."""
        texts = []
        for topic in self.playbook.topics:
            if topic.examples:
                texts.extend(topic.examples)
                continue
            keyword = _plain_keyword(topic)
            if keyword:
                texts.append(self.labels["exercise_fallback"].format(keyword=keyword))
        return [{"number": n, "text": text} for n, text in enumerate(texts, start=1)]

    def _answer(self, exercise: dict) -> dict:
        from cmkit.decide.engine import Decider, Message

        if self._decider is None:
            self._decider = Decider(self.playbook)  # compiled once for every exercise
        decision = self._decider.decide(Message(text=exercise["text"]))
        labels = self.labels
        topic = next((t for t in self.playbook.topics if t.id == decision.topic), None)
        referent = self.playbook.contact(decision.escalate_to)
        verdict = labels["verdicts"][decision.action].format(referent=referent.name if referent else labels["none"])
        patterns = {p for t in self.playbook.topics for p in t.patterns}
        matched = [
            _as_found(m, exercise["text"]) if m in patterns else m for reason in decision.reasons for m in reason.matched
        ]
        return {
            "number": exercise["number"],
            "text": exercise["text"],
            "action": decision.action,
            "verdict": verdict,
            "topic": topic.label if topic else labels["answer_no_topic"],
            "deadline": (
                labels["answer_deadline"].format(deadline=self.duration(decision.respond_within_minutes))
                if decision.respond_within_minutes is not None
                else self._deadline(decision.action, None)
            ),
            "matched": list(dict.fromkeys(matched)),
        }


def _as_found(pattern: str, text: str) -> str:
    """A regular expression shown as the words it found, which a trainee can read."""
    found = re.search(pattern, text, re.IGNORECASE)
    return found.group(0) if found else pattern


def _plain_keyword(topic: Topic) -> str | None:
    """The first keyword a person would write as is (no trailing `*`), else a stem."""
    plain = [k for k in topic.keywords if not k.endswith("*")]
    if plain:
        return plain[0]
    return topic.keywords[0].rstrip("*") if topic.keywords else None


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
