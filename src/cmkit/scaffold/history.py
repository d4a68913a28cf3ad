"""`cmkit init --from-history FILE`: a first set of topics learned from a client's sorted messages.

A client whose messages are already sorted in their tool (a label per
message, the action a careful CM took) has their own scope written down:
the labels. The framework's first rule, « partir de l'existant », says to
start from it rather than from a sector's guess. So:

1. every `expect_topic` label becomes a topic (a preset topic of the same id
   is kept, with its keywords and guidance), its action the most frequent
   `expect_action` of its rows, its examples three of its messages;
2. `cmkit suggest`'s method (`cmkit.learn`) then learns the keywords from the
   same rows, exactly as it would for a finished charter, and its additions
   (and `matching.stems` when it proposes it) are written in.

Nothing is guessed beyond that: the consultant reads the keywords like any
`suggest` proposal, and `cmkit eval` on the same history measures the result.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cmkit.errors import UsageError
from cmkit.i18n import catalogue
from cmkit.model.common import ID_PATTERN
from cmkit.scaffold.questionnaire import printable

if TYPE_CHECKING:
    from cmkit.model.playbook import Playbook

#: Examples taken from the history for each topic: enough for a handout exercise and a
#: self-check, few enough to read.
EXAMPLES_PER_TOPIC = 3
#: Actions a topic may take (the model's); a history's other values are not labels of ours.
_ACTIONS = ("answer", "escalate", "moderate", "decline", "crisis")
#: The organisation's process a new topic belongs to, from its action (the framework's
#: processes): what goes up is support's or crisis's, what is moderated is communication's.
_PROCESS = {"answer": "support", "escalate": "support", "crisis": "crisis", "moderate": "communication", "decline": "communication"}
#: `expect_topic` values that mean "no topic".
_NO_TOPIC = ("", "none")
#: Examples longer than this are passed over when shorter ones exist: a handout exercise reads in one go.
_EXAMPLE_LENGTH = 160


def _model(text: str, name: str) -> Playbook:
    from cmkit.loading.load import validate_document
    from cmkit.loading.yamlnodes import parse_yaml
    from cmkit.model.playbook import Playbook

    return validate_document(parse_yaml(text, name), Playbook)


def _labelled_rows(history: Path, text: str) -> list[dict[str, Any]]:
    """The history's rows as `cmkit eval` reads them (triage's readers: CSV as Excel writes it,
    XLSX, JSON exports; label columns found by name), each with its `line`, `text` and labels.
    `text` is the playbook the rows are read for (its language reads the dates)."""
    from cmkit.decide.engine import Decider
    from cmkit.learn.history import decided_records, read_history

    playbook = _model(text, str(history))
    read = read_history(history, lang=playbook.organization.language)
    rows = list(decided_records(Decider(playbook), read))
    if not any(_topic_of(row) for row in rows):
        _ = catalogue(playbook.organization.language)
        raise UsageError(
            _("{path}: no row names an `expect_topic`, so there is no topic to learn; "
              "add that column with each message's label").format(path=history)
        )
    return rows


def _topic_of(record: dict[str, Any]) -> str | None:
    value = str(record.get("expect_topic") or "").strip().lower()
    return None if value in _NO_TOPIC else value


def _label(topic_id: str) -> str:
    """A readable label for a topic named only by its id: `corps-etranger` -> `Corps etranger`."""
    words = topic_id.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _examples(texts: list[str]) -> list[str]:
    """Three different messages of the topic, the short ones first, in the history's order."""
    distinct = list(dict.fromkeys(" ".join(text.split()) for text in texts if text.strip()))
    short = [text for text in distinct if len(text) <= _EXAMPLE_LENGTH]
    chosen = (short + [text for text in distinct if text not in short])[:EXAMPLES_PER_TOPIC]
    return sorted(chosen, key=distinct.index)


def _add_channels(data: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    """The history's channels the charter does not know yet (by id, name or alias), added at the
    end: a row on an unknown channel cannot be decided, so nothing would be learned from it. Their
    expected response is left for the consultant to agree with the client."""
    known = set()
    for channel in data.get("channels") or []:
        known |= {str(name).casefold() for name in (channel["id"], channel.get("name"), *channel.get("aliases", [])) if name}
    for row in rows:
        value = str(row.get("channel") or "").strip()
        channel_id = value.lower()
        if value and value.casefold() not in known and re.fullmatch(ID_PATTERN, channel_id):
            data.setdefault("channels", []).append({"id": channel_id, "name": _label(channel_id)})
            known.add(value.casefold())


def topics_from_history(data: dict[str, Any], text: str, history: Path) -> dict[str, Any]:
    """The playbook data (whose YAML is `text`) with a topic per label of `history` (step 1 of
    the module's method)."""
    rows = _labelled_rows(history, text)
    _add_channels(data, rows)
    actions: dict[str, Counter] = {}
    texts: dict[str, list[str]] = {}
    first_line: dict[str, int] = {}
    for record in rows:
        line = record.get("line")
        topic_id = _topic_of(record)
        if topic_id is None:
            continue
        if not re.fullmatch(ID_PATTERN, topic_id):
            _ = catalogue(data["organization"]["language"])
            raise UsageError(
                _("{path}:{line}: the label '{label}' cannot be a topic id: "
                  "use lowercase letters, digits, '-' and '_'").format(
                    path=history, line=line, label=printable(str(record.get("expect_topic")))
                )
            )
        first_line.setdefault(topic_id, line)
        action = str(record.get("expect_action") or "").strip().lower()
        if action in _ACTIONS:
            actions.setdefault(topic_id, Counter())[action] += 1
        texts.setdefault(topic_id, []).append(str(record.get("text") or ""))
    topics = {topic["id"]: topic for topic in data.get("topics") or []}
    referent = (data.get("default") or {}).get("escalate_to") or data["contacts"][0]["id"]
    for topic_id in first_line:
        topic = topics.get(topic_id)
        if topic is None:
            topic = topics[topic_id] = {"id": topic_id, "label": _label(topic_id), "keywords": []}
            data.setdefault("topics", []).append(topic)
        counted = actions.get(topic_id)
        if counted:
            # the most frequent action; a tie goes to the one that takes the message out of the CM's hands
            severity = {action: rank for rank, action in enumerate(_ACTIONS[::-1])}
            topic["action"] = max(counted, key=lambda action: (counted[action], severity[action]))
        topic.setdefault("action", "escalate")
        if topic["action"] == "escalate":
            topic.setdefault("escalate_to", referent)
        else:
            topic.pop("escalate_to", None)
            if topic["action"] != "answer":
                topic.pop("reply", None)
        topic.setdefault("process", _PROCESS[topic["action"]])
        topic["examples"] = _examples(texts[topic_id])
    return data


def learn_keywords(data: dict[str, Any], text: str, history: Path) -> dict[str, Any]:
    """The playbook data with the keywords `cmkit suggest` learns from `history` added, for the
    playbook whose YAML is `text` (step 2 of the module's method)."""
    from cmkit.learn.run import run_suggest

    suggestions = run_suggest(_model(text, str(history)), history)
    for topic in data.get("topics") or []:
        added = [proposal.keyword for proposal in suggestions.add.get(topic["id"], [])]
        if added:
            topic["keywords"] = [*topic.get("keywords", []), *added]
    if suggestions.stems:
        data.setdefault("matching", {})["stems"] = True
    return data
