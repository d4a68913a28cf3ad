"""From the consultant's answers to a commented playbook that loads and lints cleanly.

The preset gives a sector's charter; the answers replace what only the client
knows (name, channels and their expected response, referents, autonomy). The
YAML is built section by section so that each section can carry a comment in
the playbook's language, and the result is loaded and linted before anyone
writes it: `cmkit init` never leaves a charter that `cmkit check` would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any

import yaml

from cmkit.durations import format_duration
from cmkit.errors import UsageError
from cmkit.i18n import Catalogue, catalogue
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
    """What the consultant says about one referent, of the preset or new; None keeps the preset's
    value, "" removes it (no backup, no e-mail, no phone)."""

    name: str | None = None
    respond_within: int | None = None  # minutes
    backup: str | None = None  # a contact id; "" for no backup
    email: str | None = None
    phone: str | None = None  # already checked and written in international form
    role: str | None = None
    on_call: bool | None = None
    #: Why this referent may answer more slowly than the public expects (an external lawyer):
    #: written as an inline exception to W202 on their `respond_within` line.
    slow_reason: str | None = None


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
    removed: list[str] = field(default_factory=list)  # the preset's referents the client does not have
    timezone: str | None = None
    open_hours: dict[str, str] | None = None  # {"mon-fri": "09:00-18:00"}, the model's form
    version: str | None = None
    author: str | None = None
    approved_by: list[str] | None = None
    date: Date | None = None  # the charter's date: today, unless a test fixes it
    #: A labelled history (`init --from-history`): its labels become the topics (see `scaffold.history`).
    history: Path | None = None


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


def _apply_referents(data: dict[str, Any], referents: dict[str, Referent], _: Catalogue) -> None:
    """Change the preset's referents as answered, and add the new ones after them."""
    contacts = {contact["id"]: contact for contact in data["contacts"]}
    for contact_id, answer in referents.items():
        contact = contacts.get(contact_id)
        if contact is None:
            if not answer.name:
                raise UsageError(
                    _("the new referent '{id}' needs a name: --referent '{id}=Name,delay,backup,email,phone'").format(
                        id=contact_id
                    )
                )
            contact = contacts[contact_id] = {"id": contact_id, "name": answer.name}
            data["contacts"].append(contact)
        if answer.name:
            contact["name"] = answer.name  # a renamed referent keeps the address until told otherwise
        for key, value in (("role", answer.role), ("email", answer.email), ("phone", answer.phone)):
            if value == "":
                contact.pop(key, None)
            elif value is not None:
                contact[key] = value
        if answer.respond_within is not None:
            contact["respond_within"] = format_duration(answer.respond_within)
        if answer.backup == "":
            contact.pop("backup", None)
        elif answer.backup is not None:
            contact["backup"] = answer.backup
        if answer.on_call is not None:
            contact.pop("on_call", None)
            if answer.on_call:
                contact["on_call"] = True
    order = ("id", "name", "role", "email", "phone", "respond_within", "on_call", "backup")
    data["contacts"] = [{key: contact[key] for key in order if key in contact} for contact in data["contacts"]]


def _fit_spread(data: dict[str, Any]) -> None:
    """A spreading crisis is a topic on `spread.channels` channels: never more than the charter
    lists (W211 would say it is never detected), and none at all with a single channel, where
    "spread" cannot be told from an ordinary message."""
    crisis = data.get("crisis") or {}
    spread = crisis.get("spread")
    if not spread:
        return
    count = len(data.get("channels") or [])
    if count < 2:
        crisis.pop("spread")
    elif spread["channels"] > count:
        spread["channels"] = count


def _referenced(data: dict[str, Any], contact_id: str) -> bool:
    """Whether anything in the charter names this referent (as lint's I301 looks)."""
    holders = [*data.get("topics", []), data.get("default") or {}, data.get("crisis") or {}, *data.get("audience", [])]
    return (
        any(contact.get("backup") == contact_id for contact in data["contacts"])
        or any(holder.get("escalate_to") == contact_id for holder in holders)
        or contact_id in (data.get("reporting") or {}).get("recipients", [])
        or contact_id in (data.get("document") or {}).get("approved_by", [])
    )


def _drop_orphaned_backups(data: dict[str, Any], before: dict[str, Any], answers: Answers) -> None:
    """A preset's deputy (`service-client-adjoint`) exists only to back up its referent: when the
    consultant gives that referent another backup, the deputy nobody else names is the preset's
    invention, not the client's, and goes (the consultant who wants them keeps them by answering
    about them)."""
    _ = catalogue(answers.language)
    orphans = []
    for contact_id, answer in answers.referents.items():
        old = before.get(contact_id)
        if answer.backup is None or not old or old == answer.backup or old in answers.referents:
            continue
        if not _referenced(data, old):
            orphans.append(old)
    _remove_referents(data, [contact_id for contact_id in dict.fromkeys(orphans) if len(data["contacts"]) > 1], _)


def handover(contacts: list[dict[str, Any]], removed: list[str], _: Catalogue | None = None) -> dict[str, str]:
    """Who takes over from each removed referent: the first of their chain of backups who stays,
    else the first referent who stays. Raise UsageError for an unknown id or when nobody stays."""
    _ = _ or catalogue("en")
    backups = {contact["id"]: contact.get("backup") for contact in contacts}
    for contact_id in removed:
        if contact_id not in backups:
            raise UsageError(
                _("there is no referent '{id}' to remove; the referents are {ids}").format(
                    id=contact_id, ids=", ".join(backups)
                )
            )
    staying = [contact_id for contact_id in backups if contact_id not in removed]
    if not staying:
        raise UsageError(_("a charter needs at least one referent: keep one of them"))
    heirs = {}
    for contact_id in removed:
        heir, seen = backups[contact_id], {contact_id}
        while heir in removed and heir not in seen:
            seen.add(heir)
            heir = backups[heir]
        heirs[contact_id] = heir if heir in staying else staying[0]
    return heirs


def _remove_referents(data: dict[str, Any], removed: list[str], _: Catalogue) -> None:
    """Remove referents; what named them names who takes over (see `handover`)."""
    if not removed:
        return
    heirs = handover(data["contacts"], removed, _)

    def heir(contact_id: Any) -> Any:
        return heirs.get(contact_id, contact_id)

    data["contacts"] = [contact for contact in data["contacts"] if contact["id"] not in heirs]
    for contact in data["contacts"]:
        if contact.get("backup") in heirs:
            replacement = heir(contact["backup"])
            if replacement == contact["id"]:
                contact.pop("backup")
            else:
                contact["backup"] = replacement
    for holder in [*data.get("topics", []), data.get("default") or {}, data.get("crisis") or {}, *data.get("audience", [])]:
        if holder.get("escalate_to") in heirs:
            holder["escalate_to"] = heir(holder["escalate_to"])
    for holder, key in ((data.get("reporting") or {}, "recipients"), (data.get("document") or {}, "approved_by")):
        if key in holder:
            holder[key] = list(dict.fromkeys(heir(contact_id) for contact_id in holder[key]))


def _apply_document(data: dict[str, Any], answers: Answers) -> None:
    """The document block: version, date, author and approvers (by default, whoever leads a crisis)."""
    crisis_lead = (data.get("crisis") or {}).get("escalate_to")
    approved = answers.approved_by if answers.approved_by is not None else [crisis_lead] if crisis_lead else []
    document: dict[str, Any] = {"version": answers.version or "1.0", "date": answers.date or Date.today()}
    if answers.author:
        document["author"] = answers.author
    if approved:
        document["approved_by"] = approved
    data["document"] = document


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
        _fit_spread(data)
    _ = catalogue(answers.language)
    _remove_referents(data, answers.removed, _)
    backups = {contact["id"]: contact.get("backup") for contact in data["contacts"]}
    _apply_referents(data, answers.referents, _)
    if answers.timezone or answers.open_hours is not None:
        hours = dict(data.get("hours") or {})
        hours["timezone"] = answers.timezone or hours.get("timezone") or "Europe/Paris"
        if answers.open_hours is not None:
            hours["open"] = answers.open_hours
        hours.pop("holidays", None)  # a preset's holidays are another year's
        data["hours"] = hours
    _apply_document(data, answers)
    _drop_orphaned_backups(data, backups, answers)
    if answers.may is not None:
        data.setdefault("autonomy", {})["may"] = answers.may
    if answers.must_not is not None:
        data.setdefault("autonomy", {})["must_not"] = answers.must_not
    return data


def _section(key: str, value: Any, exceptions: dict[str, str] | None = None) -> str:
    text = yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=88)
    if exceptions:
        text = _with_exceptions(text, exceptions)
    if key in ("contacts", "topics"):  # a blank line between items, so each reads as a card
        first, _, rest = text.partition("\n  - id:")
        text = first + "\n  - id:" + rest.replace("\n  - id:", "\n\n  - id:")
    return text


def _with_exceptions(contacts: str, reasons: dict[str, str]) -> str:
    """The contacts section with `# cmkit: disable=W202 — reason` on the `respond_within` line of
    each referent the consultant agreed may answer more slowly than the public expects."""
    lines = contacts.split("\n")
    current = None
    for index, line in enumerate(lines):
        if line.startswith("  - id: "):
            current = yaml.safe_load(line[len("  - id: "):])
        elif current in reasons and line.startswith("    respond_within: "):
            reason = " ".join(reasons[current].split())
            lines[index] = f"{line}  # cmkit: disable=W202 — {reason}"
    return "\n".join(lines)


#: The order of the sections in the file: who and what document first, then the charter.
SECTION_ORDER = ("cmkit", "organization", "document", "hours", *(
    key for key in Playbook.model_fields if key not in ("cmkit", "organization", "document", "hours")
))


def render_playbook(data: dict[str, Any], answers: Answers) -> str:
    """The playbook's YAML text: modeline, header, then each section under its comment."""
    language = data["organization"]["language"]
    header = HEADER[language].format(
        name=data["organization"]["name"],
        sector=data["organization"].get("sector") or "—",
        preset=answers.preset,
    )
    parts = [f"# yaml-language-server: $schema={answers.schema}\n#\n", comment_block(header)]
    slow = {contact_id: r.slow_reason for contact_id, r in answers.referents.items() if r.slow_reason}
    for key in SECTION_ORDER:
        if key in data:
            exceptions = slow if key == "contacts" else None
            comment = SECTIONS[language].get(key)
            parts.append("\n" + (comment_block(comment) if comment else "") + _section(key, data[key], exceptions))
    return "".join(parts)


def check_playbook(text: str, name: str, language: str = "en") -> Playbook:
    """Load and lint the generated text like `cmkit check` would, raising UsageError if it fails."""
    from cmkit.lint.engine import lint_playbook
    from cmkit.loading.load import InvalidDocument, validate_document
    from cmkit.loading.yamlnodes import parse_yaml

    try:
        playbook = validate_document(parse_yaml(text, name), Playbook)
    except InvalidDocument as invalid:
        raise UsageError(_invalid(language, invalid.problems[0].message)) from None
    errors = [finding for finding in lint_playbook(playbook) if finding.severity == "error"]
    if errors:
        raise UsageError(_invalid(language, errors[0].message))
    return playbook


def _invalid(language: str, problem: str) -> str:
    return catalogue(language)("the answers do not make a valid playbook: {problem}").format(problem=problem)


def scaffold(answers: Answers, name: str = "playbook.yaml") -> str:
    """The commented playbook for these answers, checked to load and to pass lint's error rules."""
    data = playbook_data(answers)
    text = render_playbook(data, answers)
    if answers.history is not None:
        from cmkit.scaffold.history import learn_keywords, topics_from_history

        data = topics_from_history(data, text, answers.history)
        data = learn_keywords(data, render_playbook(data, answers), answers.history)
        text = render_playbook(data, answers)
    check_playbook(text, name, answers.language)
    return text
