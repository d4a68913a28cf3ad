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
        "may": (
            "Ce que le community manager peut faire seul "
            "(éléments séparés par « ; », Entrée garde la liste)"
        ),
        "must_not": (
            "Ce qu'il ne fait jamais sans validation "
            "(éléments séparés par « ; », Entrée garde la liste)"
        ),
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
        "may": "What the community manager may do alone (items separated by ';', Enter keeps the list)",
        "must_not": "What they never do without sign-off (items separated by ';', Enter keeps the list)",
        "preset_list": "The preset says:",
        "invalid": "Answer refused: {error}",
        "suffix": ": ",
    },
}
LANGUAGE_QUESTION = "Langue de la charte / Charter language (fr, en)"

#: Why an answer is refused, in each language: the English ones are also the flags' error messages.
REFUSALS = {
    "en": {
        "choice": "'{value}' is not one of {choices}",
        "id": "'{value}' is not an id: use lowercase letters, digits, '-' and '_'",
        "channel": "'{value}': write a channel as id=delay, e.g. twitter=1h",
        "no_channel": "name at least one channel, e.g. twitter=1h",
        "duration": "'{value}' is not a duration: write it like 45m, 2h, 1d or 1h30m, at most a year",
        "empty": "it cannot be empty",
        "backup": "'{value}' names no referent: choose among {choices}",
        "loop": "with '{value}' as backup, the chain of backups would come back to '{referent}'",
    },
    "fr": {
        "choice": "« {value} » n'est pas proposé : choisissez parmi {choices}",
        "id": "« {value} » n'est pas un identifiant : lettres minuscules, chiffres, « - » et « _ »",
        "channel": "« {value} » : écrivez chaque canal sous la forme id=délai, par exemple twitter=1h",
        "no_channel": "indiquez au moins un canal, par exemple twitter=1h",
        "duration": "« {value} » n'est pas un délai : écrivez-le 45m, 2h, 1d ou 1h30m, un an au plus",
        "empty": "la réponse ne peut pas être vide",
        "backup": "« {value} » ne désigne aucun référent : choisissez parmi {choices}",
        "loop": "avec « {value} » comme suppléant, la chaîne des suppléants reviendrait à « {referent} »",
    },
}


class Refusal(ValueError):
    """A refused answer that can say why in either language; str() is the English sentence."""

    def __init__(self, reason: str, **details: str) -> None:
        self.reason, self.details = reason, details
        super().__init__(self.say("en"))

    def say(self, language: str) -> str:
        """The reason in `language`."""
        return REFUSALS[language][self.reason].format(**self.details)


def parse_choice(text: str, choices: tuple[str, ...]) -> str:
    """One of `choices`, or ValueError naming them."""
    value = text.strip().lower()
    if value not in choices:
        raise Refusal("choice", value=text.strip(), choices=", ".join(choices))
    return value


def parse_id(text: str) -> str:
    """A contact or channel id, or ValueError saying what an id looks like."""
    value = text.strip()
    if not re.fullmatch(ID_PATTERN, value):
        raise Refusal("id", value=value)
    return value


def parse_delay(text: str) -> int:
    """Minutes, like parse_duration, refused with a reason the questionnaire can translate."""
    try:
        return parse_duration(text)
    except ValueError:
        raise Refusal("duration", value=text.strip()) from None


def parse_channels(text: str) -> dict[str, int]:
    """`email=1d, twitter=1h` -> {'email': 1440, 'twitter': 60}."""
    channels: dict[str, int] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        channel_id, equals, delay = item.partition("=")
        if not equals:
            raise Refusal("channel", value=item)
        channels[parse_id(channel_id)] = parse_delay(delay)
    if not channels:
        raise Refusal("no_channel")
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
        respond_within=parse_delay(delay) if delay.strip() else None,
        backup=_parse_backup(backup) if backup.strip() else None,
    )


def _parse_backup(text: str) -> str:
    return "" if text.strip() == NO_BACKUP else parse_id(text)


def _until_valid(
    ask: Ask, say: Say, language: str, question: str, default: str | None, parse: Callable[[str], Any],
    *, shown: bool = True,
) -> Any:
    """Ask again until the answer parses, saying in `language` why the previous one was refused."""
    words = QUESTIONS[language]
    while True:
        answer = ask(question, default, words["suffix"], shown)
        try:
            return parse(answer)
        except Refusal as refusal:
            say(words["invalid"].format(error=refusal.say(language)))


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
            ask, say, "en", LANGUAGE_QUESTION, answers.language, lambda text: parse_choice(text, LANGUAGES),
        )
    language = answers.language
    words = QUESTIONS[language]
    if "preset" not in answered:
        say(words["presets"])
        for preset in PRESETS:
            say(f"  {preset:<8} {load_preset(preset, language)['organization']['sector']}")
        answers.preset = _until_valid(
            ask, say, language, words["preset"], answers.preset, lambda t: parse_choice(t, PRESETS)
        )
    data = load_preset(answers.preset, language)
    if "name" not in answered:
        answers.name = _until_valid(ask, say, language, words["name"], None, _non_empty)
    if "sector" not in answered:
        suggested_sector = data["organization"].get("sector") or ""
        answers.sector = ask(words["sector"], suggested_sector, words["suffix"], True).strip() or None
    if "channels" not in answered:
        suggested = format_channels(preset_channels(data))
        say(words["preset_channels"])
        say(f"  {suggested}")
        answers.channels = _until_valid(
            ask, say, language, words["channels"], suggested, parse_channels, shown=False
        )
    if "referents" not in answered:
        answers.referents = _ask_referents(ask, say, language, data)
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
        raise Refusal("empty")
    return text.strip()


def _ask_referents(ask: Ask, say: Say, language: str, data: dict) -> dict[str, Referent]:
    """Name, deadline and backup of each of the preset's referents; a backup that would close a loop
    is refused on the spot, so the answers cannot fail the final check after the whole questionnaire."""
    words = QUESTIONS[language]
    say(words["referents"])
    backups = {contact["id"]: contact.get("backup") or "" for contact in data["contacts"]}

    def backup_of(contact_id: str) -> Callable[[str], str]:
        def parse(text: str) -> str:
            value = _parse_backup(text)
            if value and value not in backups:
                raise Refusal("backup", value=value, choices=", ".join(backups))
            chain = value
            while chain:
                if chain == contact_id:
                    raise Refusal("loop", value=value, referent=contact_id)
                chain = backups[chain]
            return value

        return parse

    referents = {}
    for contact in data["contacts"]:
        contact_id = contact["id"]
        role = contact.get("role") or contact_id
        name = _until_valid(
            ask, say, language, words["referent_name"].format(role=role, id=contact_id), contact["name"], _non_empty,
        )
        delay = _until_valid(
            ask, say, language, words["referent_delay"], contact.get("respond_within") or "1h", parse_delay
        )
        backups[contact_id] = _until_valid(
            ask, say, language, words["referent_backup"], backups[contact_id] or NO_BACKUP, backup_of(contact_id)
        )
        referents[contact_id] = Referent(name=name, respond_within=delay, backup=backups[contact_id])
    return referents
