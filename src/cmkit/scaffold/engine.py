"""From the consultant's answers to a commented playbook that loads and lints cleanly.

The preset gives a sector's charter; the answers replace what only the client
knows (name, channels and their expected response, referents, autonomy). The
YAML is built section by section so that each section can carry a comment in
the playbook's language, and the result is loaded and linted before anyone
writes it: `cmkit init` never leaves a charter that `cmkit check` would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from cmkit.durations import format_duration
from cmkit.errors import UsageError
from cmkit.model.playbook import Playbook
from cmkit.scaffold.comments import HEADER, SECTIONS, comment_block
from cmkit.scaffold.presets import load_preset

#: Where editors find the JSON Schema unless told otherwise: a file next to the
#: playbook, written by `cmkit schema > playbook.schema.json`, so that completion
#: matches the installed cmkit and works offline.
DEFAULT_SCHEMA = "playbook.schema.json"

#: Lists of texts are written on one line (`[a, b, c]`) when that line stays this short;
#: longer ones get a line per item, never a phrase split over two lines.
_FLOW_LIST_LENGTH = 72
#: Texts longer than this are written as folded blocks (`>-`), wrapped at the dump width.
_FOLDED_TEXT_LENGTH = 80


@dataclass(frozen=True)
class Referent:
    """What the consultant says about one of the preset's referents; None keeps the preset's value."""

    name: str | None = None
    respond_within: int | None = None  # minutes
    backup: str | None = None  # a contact id; "" for no backup


#: The organisation's name when a script gives none (`init --no-input` without `--name`):
#: plainly a blank to fill in, in the charter's language.
UNNAMED = {"fr": "Votre organisation", "en": "Your organisation"}


@dataclass
class Answers:
    """Everything `cmkit init` asks; None (or empty) keeps what the preset says."""

    name: str
    language: str = "en"
    preset: str = "retail"
    sector: str | None = None
    channels: dict[str, int] | None = None  # channel id -> expected response in minutes
    referents: dict[str, Referent] = field(default_factory=dict)
    may: list[str] | None = None
    must_not: list[str] | None = None
    schema: str = DEFAULT_SCHEMA


class _Dumper(yaml.SafeDumper):
    """Indents lists under their key and writes short lists of words on one line."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    texts = bool(data) and all(isinstance(item, str) for item in data)
    short = texts and sum(len(item) + 2 for item in data) <= _FLOW_LIST_LENGTH
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=short)


def _represent_text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = ">" if len(data) > _FOLDED_TEXT_LENGTH and "\n" not in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(str, _represent_text)


def _apply_channels(data: dict[str, Any], channels: dict[str, int]) -> None:
    known = {channel["id"]: channel for channel in data.get("channels", [])}
    data["channels"] = [
        {**known.get(channel_id, {"id": channel_id, "name": channel_id.replace("-", " ").capitalize()}),
         "expected_response": format_duration(minutes)}
        for channel_id, minutes in channels.items()
    ]


def _apply_referents(data: dict[str, Any], referents: dict[str, Referent], preset: str) -> None:
    contacts = {contact["id"]: contact for contact in data["contacts"]}
    for contact_id, answer in referents.items():
        contact = contacts.get(contact_id)
        if contact is None:
            raise UsageError(
                f"the {preset} preset has no referent {contact_id!r}; its referents are {', '.join(contacts)}"
            )
        if answer.name and answer.name != contact["name"]:
            contact["name"] = answer.name
            contact.pop("email", None)  # the sample address belonged to the sample name
        if answer.respond_within is not None:
            contact["respond_within"] = format_duration(answer.respond_within)
        if answer.backup == "":
            contact.pop("backup", None)
        elif answer.backup is not None:
            contact["backup"] = answer.backup


def playbook_data(answers: Answers) -> dict[str, Any]:
    """The preset's playbook with the answers applied, as plain data."""
    data = load_preset(answers.preset, answers.language)
    organization = data["organization"]
    organization["name"] = answers.name
    organization["language"] = answers.language
    if answers.sector:
        organization["sector"] = answers.sector
    if answers.channels is not None:
        _apply_channels(data, answers.channels)
    _apply_referents(data, answers.referents, answers.preset)
    if answers.may is not None:
        data.setdefault("autonomy", {})["may"] = answers.may
    if answers.must_not is not None:
        data.setdefault("autonomy", {})["must_not"] = answers.must_not
    return data


def _section(key: str, value: Any) -> str:
    text = yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88)
    if key in ("contacts", "topics"):  # a blank line between items, so each reads as a card
        first, _, rest = text.partition("\n  - id:")
        text = first + "\n  - id:" + rest.replace("\n  - id:", "\n\n  - id:")
    return text


def render_playbook(data: dict[str, Any], answers: Answers) -> str:
    """The playbook's YAML text: modeline, header, then each section under its comment."""
    language = data["organization"]["language"]
    header = HEADER[language].format(
        name=data["organization"]["name"],
        sector=data["organization"].get("sector") or "—",
        preset=answers.preset,
    )
    parts = [f"# yaml-language-server: $schema={answers.schema}\n#\n", comment_block(header)]
    for key in Playbook.model_fields:
        if key in data:
            parts.append("\n" + comment_block(SECTIONS[language][key]) + _section(key, data[key]))
    return "".join(parts)


def check_playbook(text: str, name: str) -> Playbook:
    """Load and lint the generated text like `cmkit check` would, raising UsageError if it fails."""
    from cmkit.lint.engine import lint_playbook
    from cmkit.loading.load import InvalidDocument, validate_document
    from cmkit.loading.yamlnodes import parse_yaml

    try:
        playbook = validate_document(parse_yaml(text, name), Playbook)
    except InvalidDocument as invalid:
        raise UsageError(f"the answers do not make a valid playbook: {invalid.problems[0].message}") from None
    errors = [finding for finding in lint_playbook(playbook) if finding.severity == "error"]
    if errors:
        raise UsageError(f"the answers do not make a valid playbook: {errors[0].message}")
    return playbook


def scaffold(answers: Answers, name: str = "playbook.yaml") -> str:
    """The commented playbook for these answers, checked to load and to pass lint's error rules."""
    text = render_playbook(playbook_data(answers), answers)
    check_playbook(text, name)
    return text
