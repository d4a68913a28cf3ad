"""The questions `cmkit init` asks, and the parsing shared by answers and command-line flags.

The questionnaire only talks through two functions, `ask(question, default)`
and `say(text)`, so the CLI can plug in typer's prompts (which read a
terminal or, when stdin is piped, its lines) and tests can plug in a list.
Questions are asked in the charter's language once it is chosen; a flag given
on the command line answers its question, which is then not asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from cmkit.durations import format_duration, parse_duration
from cmkit.model.common import ID_PATTERN
from cmkit.scaffold.engine import Answers, Referent
from cmkit.scaffold.presets import LANGUAGES, PRESETS, load_preset

#: ask(question, default, suffix, shown) -> answer. The suffix ends the question (": ", or " : " in
#: French); `shown` is False for a default the questionnaire has already listed above the question.
Ask = Callable[[str, str | None, str, bool], str]
Say = Callable[[str], None]

NO_BACKUP = "-"

QUESTIONS = {
    "fr": {
        "presets": "Modèles de départ :",
        "preset": "Modèle",
        "name": "Nom de l'organisation",
        "sector": "Secteur d'activité",
        "preset_channels": "Canaux du modèle, avec le délai de réponse qu'y attend le public :",
        "channels": "Vos canaux (id=délai, séparés par des virgules ; Entrée garde ceux-ci)",
        "referents": "Référents (subsidiarité et support) : Entrée garde la valeur proposée.",
        "referent_name": "{role} ({id}), nom",
        "referent_delay": "  délai de réponse au community manager",
        "referent_backup": "  suppléant (id d'un référent, ou - pour aucun)",
        "may": "Ce que le community manager peut faire seul (séparé par des ;, Entrée garde la liste)",
        "must_not": "Ce qu'il ne fait jamais sans validation (séparé par des ;, Entrée garde la liste)",
        "preset_list": "Le modèle propose :",
        "invalid": "Réponse refusée : {error}",
        "suffix": " : ",
    },
    "en": {
        "presets": "Starting presets:",
        "preset": "Preset",
        "name": "Organisation name",
        "sector": "Sector",
        "preset_channels": "The preset's channels, with how fast the public expects an answer there:",
        "channels": "Your channels (id=delay, comma-separated; Enter keeps these)",
        "referents": "Referents (subsidiarity and support): Enter keeps the suggested value.",
        "referent_name": "{role} ({id}), name",
        "referent_delay": "  answers the community manager within",
        "referent_backup": "  backup (a referent's id, or - for none)",
        "may": "What the community manager may do alone (separated by ;, Enter keeps the list)",
        "must_not": "What they never do without sign-off (separated by ;, Enter keeps the list)",
        "preset_list": "The preset says:",
        "invalid": "Answer refused: {error}",
        "suffix": ": ",
    },
}
LANGUAGE_QUESTION = "Langue de la charte / Charter language (fr, en)"


def parse_choice(text: str, choices: tuple[str, ...]) -> str:
    """One of `choices`, or ValueError naming them."""
    value = text.strip().lower()
    if value not in choices:
        raise ValueError(f"{text!r} is not one of {', '.join(choices)}")
    return value


def parse_id(text: str) -> str:
    """A contact or channel id, or ValueError saying what an id looks like."""
    value = text.strip()
    if not re.fullmatch(ID_PATTERN, value):
        raise ValueError(f"{value!r} is not an id: use lowercase letters, digits, '-' and '_'")
    return value


def parse_channels(text: str) -> dict[str, int]:
    """`email=1d, twitter=1h` -> {'email': 1440, 'twitter': 60}."""
    channels: dict[str, int] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        channel_id, equals, delay = item.partition("=")
        if not equals:
            raise ValueError(f"{item!r}: write a channel as id=delay, e.g. twitter=1h")
        channels[parse_id(channel_id)] = parse_duration(delay)
    if not channels:
        raise ValueError("name at least one channel, e.g. twitter=1h")
    return channels


def format_channels(channels: dict[str, int]) -> str:
    """The inverse of parse_channels, for a default answer."""
    return ", ".join(f"{channel_id}={format_duration(minutes)}" for channel_id, minutes in channels.items())


def parse_list(text: str) -> list[str]:
    """`a; b; c` -> ['a', 'b', 'c'] (';' because the items themselves hold commas)."""
    return [item.strip() for item in text.split(";") if item.strip()]


def parse_referent(text: str) -> tuple[str, Referent]:
    """`sav=Julie Martin,1h,sav-adjoint` (delay and backup optional; backup '-' for none)."""
    contact_id, equals, rest = text.partition("=")
    if not equals:
        raise ValueError(f"{text!r}: write a referent as id=Name[,delay[,backup]]")
    name, _, rest = rest.partition(",")
    delay, _, backup = rest.partition(",")
    return parse_id(contact_id), Referent(
        name=name.strip() or None,
        respond_within=parse_duration(delay) if delay.strip() else None,
        backup=_parse_backup(backup) if backup.strip() else None,
    )


def _parse_backup(text: str) -> str:
    return "" if text.strip() == NO_BACKUP else parse_id(text)


def _until_valid(
    ask: Ask, say: Say, words: dict[str, str], question: str, default: str | None, parse: Callable[[str], Any],
    *, shown: bool = True,
) -> Any:
    """Ask again until the answer parses, saying why the previous one was refused."""
    while True:
        answer = ask(question, default, words["suffix"], shown)
        try:
            return parse(answer)
        except ValueError as error:
            say(words["invalid"].format(error=error))


def preset_channels(data: dict) -> dict[str, int]:
    """A preset's channels and expected responses, as questionnaire defaults."""
    channels = [channel for channel in data.get("channels", []) if channel.get("expected_response")]
    return {channel["id"]: parse_duration(channel["expected_response"]) for channel in channels}


def run_questionnaire(ask: Ask, say: Say, given: Answers, *, answered: set[str]) -> Answers:
    """Complete `given` with the answers to every question not already answered.

    `answered` names the fields the command line already answered (name, language,
    preset, sector, channels, referents, may, must_not); each other one is asked,
    with the preset's value as the default answer.
    """
    answers = replace(given)
    if "language" not in answered:
        answers.language = _until_valid(
            ask, say, QUESTIONS["en"], LANGUAGE_QUESTION, answers.language,
            lambda text: parse_choice(text, LANGUAGES),
        )
    words = QUESTIONS[answers.language]
    if "preset" not in answered:
        say(words["presets"])
        for preset in PRESETS:
            say(f"  {preset:<8} {load_preset(preset, answers.language)['organization']['sector']}")
        answers.preset = _until_valid(
            ask, say, words, words["preset"], answers.preset, lambda t: parse_choice(t, PRESETS)
        )
    data = load_preset(answers.preset, answers.language)
    if "name" not in answered:
        answers.name = _until_valid(ask, say, words, words["name"], None, _non_empty)
    if "sector" not in answered:
        suggested_sector = data["organization"].get("sector") or ""
        answers.sector = ask(words["sector"], suggested_sector, words["suffix"], True).strip() or None
    if "channels" not in answered:
        suggested = format_channels(preset_channels(data))
        say(words["preset_channels"])
        say(f"  {suggested}")
        answers.channels = _until_valid(
            ask, say, words, words["channels"], suggested, parse_channels, shown=False
        )
    if "referents" not in answered:
        answers.referents = _ask_referents(ask, say, words, data)
    for key in ("may", "must_not"):
        if key not in answered:
            suggested = data.get("autonomy", {}).get(key, [])
            say(words["preset_list"])
            for item in suggested:
                say(f"  - {item}")
            setattr(answers, key, parse_list(ask(words[key], "; ".join(suggested), words["suffix"], False)))
    return answers


def _non_empty(text: str) -> str:
    if not text.strip():
        raise ValueError("it cannot be empty")
    return text.strip()


def _ask_referents(ask: Ask, say: Say, words: dict[str, str], data: dict) -> dict[str, Referent]:
    say(words["referents"])
    ids = {contact["id"] for contact in data["contacts"]}

    def backup(text: str) -> str:
        value = _parse_backup(text)
        if value and value not in ids:
            raise ValueError(f"{value!r} names no referent: choose among {', '.join(sorted(ids))}")
        return value

    referents = {}
    for contact in data["contacts"]:
        role = contact.get("role") or contact["id"]
        name = _until_valid(
            ask, say, words, words["referent_name"].format(role=role, id=contact["id"]),
            contact["name"], _non_empty,
        )
        delay = _until_valid(
            ask, say, words, words["referent_delay"], contact.get("respond_within") or "1h", parse_duration
        )
        chosen_backup = _until_valid(
            ask, say, words, words["referent_backup"], contact.get("backup") or NO_BACKUP, backup
        )
        referents[contact["id"]] = Referent(name=name, respond_within=delay, backup=chosen_backup)
    return referents
