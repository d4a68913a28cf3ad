"""The questions `cmkit init` asks, and the parsing shared by answers and command-line flags.

The questionnaire only talks through two functions, `ask(question, default)`
and `say(text)`, so the CLI can plug in typer's prompts (which read a
terminal or, when stdin is piped, its lines) and tests can plug in a list.
Questions are asked in the charter's language once it is chosen, through the
catalogue (`cmkit.i18n`); a flag given on the command line answers its
question, which is then not asked. Each answer is checked as it is given (an
e-mail that is not one, a phone number that is not one, a name such as `-`)
and asked again with the reason, so the questionnaire never ends on an error.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from cmkit.durations import format_duration, parse_duration
from cmkit.i18n import Catalogue, catalogue
from cmkit.model.common import ID_PATTERN
from cmkit.scaffold.engine import Answers, Referent, handover
from cmkit.scaffold.presets import LANGUAGES, PRESETS, for_whom, load_preset

#: ask(question, default, suffix, shown) -> answer. The suffix ends the question (": ", or " : " in
#: French); `shown` is False for a default the questionnaire has already listed above the question.
Ask = Callable[[str, str | None, str, bool], str]
Say = Callable[[str], None]

NO_BACKUP = "-"
#: What ends a question, in each language (typography, not a sentence: French puts a narrow
#: no-break space before the colon).
SUFFIX = {"en": ": ", "fr": "\u202f: "}
LANGUAGE_QUESTION = "Langue de la charte / Charter language (fr, en)"
#: Day names a French answer may use for office hours, and the model's names they stand for.
_FRENCH_DAYS = {"lun": "mon", "mar": "tue", "mer": "wed", "jeu": "thu", "ven": "fri", "sam": "sat", "dim": "sun"}
_EMAIL = re.compile(r"[^@\s,;<>()]+@[^@\s,;<>()]+\.[^@\s,;<>().]{2,}")
#: A phone number written without its country code is read as a number of this country.
_PHONE_REGION = {"fr": "FR", "en": None}
_YES = {"fr": ("oui", "o", "yes", "y"), "en": ("yes", "y")}
_NO = {"fr": ("non", "n", "no"), "en": ("no", "n")}


def _refusals(_: Catalogue) -> dict[str, str]:
    """Why an answer is refused, in the catalogue's language (the English ones are also the flags')."""
    return {
        "choice": _("'{value}' is not one of {choices}"),
        "id": _("'{value}' is not an id: use lowercase letters, digits, '-' and '_'"),
        "channel": _("'{value}': write a channel as id=delay, e.g. twitter=1h"),
        "no_channel": _("name at least one channel, e.g. twitter=1h"),
        "duration": _("'{value}' is not a duration: write it like 45m, 2h, 1d or 1h30m, at most a year"),
        "empty": _("it cannot be empty"),
        "backup": _("'{value}' names no referent: choose among {choices}"),
        "loop": _("with '{value}' as backup, the chain of backups would come back to '{referent}'"),
        "name": _("'{value}' is not a person's name: write their first and last name"),
        "email": _("'{value}' is not an e-mail address: write it like julie.martin@example.fr"),
        "phone": _("'{value}' is not a phone number: write it like +33 6 12 34 56 78"),
        "phone_country": _("'{value}' is not a phone number: write it with its country code, like +44 20 7946 0000"),
        "yes_no": _("answer yes or no"),
        "timezone": _("'{value}' is not a time zone: write it like Europe/Paris or America/Montreal"),
        "hours": _("'{value}': write office hours like mon-fri 09:00-18:00; sat 10:00-12:30"),
        "taken": _("'{value}' is already a referent"),
        "unknown": _("'{value}' names no referent: choose among {choices}"),
        "nobody_left": _("a charter needs at least one referent: keep one of them"),
        "control": _("'{value}' holds a line break or a control character: write it on one line"),
        "referent": _("'{value}': write a referent as id=Name[,delay[,backup[,email[,phone]]]]"),
    }


class Refusal(ValueError):
    """A refused answer that can say why in either language; str() is the English sentence."""

    def __init__(self, reason: str, **details: str) -> None:
        self.reason, self.details = reason, details
        super().__init__(self.say("en"))

    def say(self, language: str) -> str:
        """The reason in `language`."""
        return _refusals(catalogue(language))[self.reason].format(**self.details)


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


def parse_ids(text: str) -> list[str]:
    """`dg, marketing` -> ['dg', 'marketing'] (empty for an empty answer or `-`)."""
    if text.strip() == NO_BACKUP:
        return []
    return list(dict.fromkeys(parse_id(part) for part in text.split(",") if part.strip()))


def parse_delay(text: str) -> int:
    """Minutes, like parse_duration, refused with a reason the questionnaire can translate."""
    try:
        return parse_duration(text)
    except ValueError:
        raise Refusal("duration", value=text.strip()) from None


def parse_line(text: str) -> str:
    """One line of text (a name, a sector, an author), or "" for an empty answer. A line break or
    a control character is refused rather than written: it would split the name over lines of
    the charter and reach the terminal of everyone who runs `cmkit check` on it."""
    value = text.strip()
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in value):
        raise Refusal("control", value=printable(value))
    return value


def printable(text: str) -> str:
    """`text` with its line breaks and control characters written as escapes (`\\n`), to be quoted
    in a one-line message."""
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in text)


def parse_name(text: str) -> str:
    """A person's name: at least two letters (`-`, `?` or `x` are not names), on one line."""
    value = " ".join(parse_line(text).split())
    if sum(ch.isalpha() for ch in value) < 2:
        raise Refusal("name", value=value)
    return value


def parse_email(text: str) -> str:
    """An e-mail address, or "" for none (`-` or an empty answer)."""
    value = text.strip()
    if value in ("", NO_BACKUP):
        return ""
    if not _EMAIL.fullmatch(value):
        raise Refusal("email", value=value)
    return value


def parse_phone(text: str, language: str) -> str:
    """A phone number in international form (`+33 6 12 34 56 78`), or "" for none.

    Checked with Google's libphonenumber rules (the `phonenumbers` package): a
    number without its country code is read as French in a French charter;
    in an English one it must carry its country code, as English-speaking
    clients are in too many countries to guess one. The check is that the
    number is possible (its country exists, its length fits), not that it is
    allocated today: the ranges reserved for fiction (+44 7700 900xxx) that the
    presets use must be accepted back as they are offered.
    """
    import phonenumbers

    value = text.strip()
    if value in ("", NO_BACKUP):
        return ""
    region = _PHONE_REGION.get(language)
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise Refusal("phone" if region or value.startswith("+") else "phone_country", value=value)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def parse_yes_no(text: str, language: str) -> bool:
    value = text.strip().lower()
    if value in _YES[language]:
        return True
    if value in _NO[language]:
        return False
    raise Refusal("yes_no")


def format_yes_no(value: bool, language: str) -> str:
    return (_YES if value else _NO)[language][0]


def parse_timezone(text: str) -> str:
    """An IANA time zone such as Europe/Paris."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    value = text.strip()
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise Refusal("timezone", value=value) from None
    if "/" not in value and value.upper() != "UTC":  # `EST`, `CET`: legacy names that mislead
        raise Refusal("timezone", value=value)
    return value


def parse_open_hours(text: str) -> dict[str, str]:
    """`mon-fri 09:00-18:00; sat 10:00-12:30` (or `lun-ven 9:00-18:00`, `=` allowed) -> the model's map."""
    from pydantic import ValidationError

    from cmkit.model.hours import Hours

    value = text.strip()
    hours: dict[str, str] = {}
    for part in filter(None, (piece.strip() for piece in value.split(";"))):
        days, _, ranges = part.replace("=", " ", 1).partition(" ")
        days = "-".join(_FRENCH_DAYS.get(day.strip().lower()[:3], day.strip().lower()) for day in days.split("-"))
        ranges = ", ".join(_two_digit_hours(r.strip()) for r in ranges.split(",") if r.strip())
        if not ranges:
            raise Refusal("hours", value=value)
        hours[days] = ranges
    if not hours:
        raise Refusal("hours", value=value)
    try:
        Hours(timezone="UTC", open=hours)
    except (ValidationError, ValueError):
        raise Refusal("hours", value=value) from None
    return hours


def _two_digit_hours(time_range: str) -> str:
    """`9:00-18:00` -> `09:00-18:00`, `9h-12h30` -> `09:00-12:30`: how people write hours, in the model's form."""

    def one(time: str) -> str:
        hours, _, minutes = time.strip().lower().replace("h", ":").partition(":")
        return f"{hours.zfill(2)}:{(minutes or '00').zfill(2)}" if hours.isdigit() else time

    start, dash, end = time_range.partition("-")
    return f"{one(start)}-{one(end)}" if dash else time_range


def format_open_hours(hours: dict[str, str] | None, language: str = "en") -> str:
    """The inverse of parse_open_hours, for a default answer (French day names in French)."""
    names = {english: french for french, english in _FRENCH_DAYS.items()} if language == "fr" else {}

    def days(key: str) -> str:
        return "-".join(names.get(day, day) for day in key.split("-"))

    return "; ".join(f"{days(key)} {ranges}" for key, ranges in (hours or {}).items())


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


def parse_referent(text: str, language: str = "en") -> tuple[str, Referent]:
    """`sav=Julie Martin,1h,sav-adjoint,julie@shop.fr,+33 6 12 34 56 78`: everything after the
    name is optional and may be left empty (`sav=,30m`); a backup `-` is none."""
    contact_id, equals, rest = text.partition("=")
    if not equals:
        raise Refusal("referent", value=text.strip())
    name, delay, backup, email, phone = ([part.strip() for part in rest.split(",", 4)] + [""] * 5)[:5]
    return parse_id(contact_id), Referent(
        name=parse_name(name) if name else None,
        respond_within=parse_delay(delay) if delay else None,
        backup=_parse_backup(backup) if backup else None,
        email=parse_email(email) if email else None,
        phone=parse_phone(phone, language) if phone else None,
    )


def _parse_backup(text: str) -> str:
    return "" if text.strip() == NO_BACKUP else parse_id(text)


class _Asker:
    """The questionnaire's voice in one language: ask until valid, say a sentence."""

    def __init__(self, ask: Ask, say: Say, language: str) -> None:
        self.ask, self.say, self.language = ask, say, language
        self._ = catalogue(language)

    def until_valid(
        self, question: str, default: str | None, parse: Callable[[str], Any], *, shown: bool = True
    ) -> Any:
        """Ask again until the answer parses, saying in the charter's language why it was refused."""
        while True:
            answer = self.ask(question, default, SUFFIX[self.language], shown)
            try:
                return parse(answer)
            except Refusal as refusal:
                self.say(self._("Answer refused: {error}").format(error=refusal.say(self.language)))

    def free(self, question: str, default: str | None) -> str:
        return self.ask(question, default, SUFFIX[self.language], True).strip()


def preset_channels(data: dict) -> dict[str, int]:
    """A preset's channels and expected responses, as questionnaire defaults."""
    channels = [channel for channel in data.get("channels", []) if channel.get("expected_response")]
    return {channel["id"]: parse_duration(channel["expected_response"]) for channel in channels}


def run_questionnaire(ask: Ask, say: Say, given: Answers, *, answered: set[str]) -> Answers:
    """Complete `given` with the answers to every question not already answered.

    `answered` names the fields the command line already answered (name, language,
    preset, sector, channels, hours, referents, may, must_not, document); each other
    one is asked, with the preset's value as the default answer.
    """
    answers = replace(given)
    if "language" not in answered:
        english = _Asker(ask, say, "en")
        answers.language = english.until_valid(
            LANGUAGE_QUESTION, answers.language, lambda text: parse_choice(text, LANGUAGES)
        )
    voice = _Asker(ask, say, answers.language)
    _ = voice._
    if "preset" not in answered:
        say(_("Starting presets, and whom each is for:"))
        for preset in PRESETS:
            say(f"  {preset:<8} {for_whom(preset, answers.language)}")
        answers.preset = voice.until_valid(_("Preset"), answers.preset, lambda t: parse_choice(t, PRESETS))
    data = load_preset(answers.preset, answers.language)
    if "name" not in answered:
        answers.name = voice.until_valid(_("Organisation name"), None, _non_empty)
    if "sector" not in answered:
        answers.sector = voice.until_valid(_("Sector"), data["organization"].get("sector") or "", parse_line) or None
    if "channels" not in answered:
        suggested = format_channels(preset_channels(data))
        say(_("The preset's channels, with how fast the public expects an answer there:"))
        say(f"  {suggested}")
        answers.channels = voice.until_valid(
            _("Your channels (id=delay, comma-separated; Enter keeps these)"), suggested, parse_channels, shown=False
        )
    if "hours" not in answered:
        hours = data.get("hours") or {}
        answers.timezone = voice.until_valid(_("Time zone"), hours.get("timezone") or "Europe/Paris", parse_timezone)
        answers.open_hours = voice.until_valid(
            _("Office hours (e.g. mon-fri 09:00-18:00; sat 10:00-12:30)"),
            format_open_hours(hours.get("open"), answers.language) or format_open_hours(
                {"mon-fri": "09:00-18:00"}, answers.language
            ),
            parse_open_hours,
        )
    if "referents" not in answered:
        answers.removed, answers.referents = _ask_referents(voice, data, _public_limit(data, answers.channels))
    for key, question in (
        ("may", _("What the community manager may do alone (items separated by ';', Enter keeps the list)")),
        ("must_not", _("What they never do without sign-off (items separated by ';', Enter keeps the list)")),
    ):
        if key not in answered:
            suggested = [item if isinstance(item, str) else item["text"] for item in data.get("autonomy", {}).get(key, [])]
            say(_("The preset says:"))
            for item in suggested:
                say(f"  - {item}")
            chosen = parse_list(ask(question, "; ".join(suggested), SUFFIX[answers.language], False))
            setattr(answers, key, _keep_detect(data.get("autonomy", {}).get(key, []), chosen))
    if "document" not in answered:
        contacts = [c["id"] for c in data["contacts"] if c["id"] not in answers.removed]
        contacts += [contact_id for contact_id in answers.referents if contact_id not in contacts]
        answers.version = voice.until_valid(_("Version of the charter"), answers.version or "1.0", _non_empty)
        answers.author = voice.until_valid(_("Written by (you, your firm)"), answers.author or "", parse_line) or None
        crisis_lead = (data.get("crisis") or {}).get("escalate_to")
        heir = handover(data["contacts"], answers.removed, _).get(crisis_lead, crisis_lead) if crisis_lead else None
        answers.approved_by = voice.until_valid(
            _("Approved by (referents' ids, comma-separated; - for nobody yet)"),
            heir or NO_BACKUP,
            lambda text: _known_ids(text, contacts),
        )
    return answers


def _keep_detect(preset_items: list[Any], chosen: list[str]) -> list[Any]:
    """The chosen `must_not` items, keeping the preset's `detect` keywords for an item kept as it was."""
    detected = {item["text"]: item for item in preset_items if isinstance(item, dict)}
    return [detected.get(text, text) for text in chosen]


def _known_ids(text: str, known: list[str]) -> list[str]:
    ids = parse_ids(text)
    for contact_id in ids:
        if contact_id not in known:
            raise Refusal("unknown", value=contact_id, choices=", ".join(known))
    return ids


def _non_empty(text: str) -> str:
    value = parse_line(text)
    if not value:
        raise Refusal("empty")
    return value


def _public_limit(data: dict, channels: dict[str, int] | None) -> tuple[str, int] | None:
    """The most demanding public channel and its expected response, as W202 measures it."""
    public = {channel["id"]: channel.get("public", True) for channel in data.get("channels", [])}
    expected = channels if channels is not None else preset_channels(data)
    candidates = [(minutes, channel_id) for channel_id, minutes in expected.items() if public.get(channel_id, True)]
    if not candidates:
        return None
    minutes, channel_id = min(candidates)
    return channel_id, minutes


def _ask_referents(
    voice: _Asker, data: dict, limit: tuple[str, int] | None = None
) -> tuple[list[str], dict[str, Referent]]:
    """The preset's referents to remove, new ones to add, then each referent's details.

    A backup that would close a loop is refused on the spot, so the answers
    cannot fail the final check after the whole questionnaire.
    """
    _, say = voice._, voice.say
    preset = {contact["id"]: contact for contact in data["contacts"]}
    say(_("Referents (subsidiarity and support): Enter keeps the suggested value."))
    for contact_id, contact in preset.items():
        say(f"  {contact_id:<24} {contact['name']} — {contact.get('role') or ''}".rstrip(" —"))

    def removable(text: str) -> list[str]:
        ids = _known_ids(text, list(preset))
        if len(ids) == len(preset):
            raise Refusal("nobody_left")
        return ids

    removed = voice.until_valid(_("Referents to remove (ids, comma-separated; Enter for none)"), "", removable)
    heirs = handover(data["contacts"], removed, voice._)
    for gone, heir in heirs.items():
        say(_("What went to '{removed}' now goes to '{heir}'.").format(removed=gone, heir=heir))

    def addable(text: str) -> list[str]:
        ids = parse_ids(text)
        for contact_id in ids:
            if contact_id in preset:
                raise Refusal("taken", value=contact_id)
        return ids

    added = voice.until_valid(_("Referents to add (new ids, comma-separated; Enter for none)"), "", addable)
    kept = [contact_id for contact_id in preset if contact_id not in heirs]
    backups = {contact_id: heirs.get(b, b) if (b := preset[contact_id].get("backup")) else "" for contact_id in kept}
    backups = {contact_id: "" if backup == contact_id else backup for contact_id, backup in backups.items()}
    backups.update({contact_id: "" for contact_id in added})

    referents = {}
    for contact_id in [*kept, *added]:
        contact = preset.get(contact_id, {})
        role = contact.get("role") or ""
        say(f"{role} ({contact_id})" if role else contact_id)
        name = voice.until_valid(_("  name"), contact.get("name"), parse_name)
        role = voice.until_valid(_("  role"), role or None, parse_line) or None
        same_person = name == contact.get("name")
        email = voice.until_valid(
            _("  e-mail (- for none)"), (contact.get("email") if same_person else None) or NO_BACKUP, parse_email
        )
        phone = voice.until_valid(
            _("  phone (- for none)"),
            (contact.get("phone") if same_person else None) or NO_BACKUP,
            lambda text: parse_phone(text, voice.language),
        )
        delay, slow_reason = _ask_delay(voice, contact.get("respond_within") or "1h", limit)
        on_call = voice.until_valid(
            _("  answers outside office hours too (on call)? (yes/no)"),
            format_yes_no(bool(contact.get("on_call")), voice.language),
            lambda text: parse_yes_no(text, voice.language),
        )
        backups[contact_id] = voice.until_valid(
            _("  backup (a referent's id, or - for none)"),
            backups[contact_id] or NO_BACKUP,
            _backup_parser(contact_id, backups),
        )
        referents[contact_id] = Referent(
            name=name, respond_within=delay, backup=backups[contact_id], email=email, phone=phone,
            role=role or "", on_call=on_call, slow_reason=slow_reason,
        )
    return removed, referents


def _ask_delay(voice: _Asker, default: str, limit: tuple[str, int] | None) -> tuple[int, str | None]:
    """A referent's delay; when it is longer than the public expects on the most demanding public
    channel (what W202 warns about), the reason it was agreed, or a shorter delay."""
    _ = voice._
    if limit is not None and parse_duration(default) > limit[1]:
        default = format_duration(limit[1])  # Enter keeps within what the public expects
    while True:
        delay = voice.until_valid(_("  answers the community manager within"), default, parse_delay)
        if limit is None or delay <= limit[1]:
            return delay, None
        reason = voice.free(
            _("  slower than the public expects on '{channel}' ({expected}): why? "
              "(written into the charter; Enter to shorten)").format(
                channel=limit[0], expected=format_duration(limit[1])
            ),
            None,
        )
        if reason:
            return delay, reason


def _backup_parser(contact_id: str, backups: dict[str, str]) -> Callable[[str], str]:
    """A backup must name a referent and must not lead back to `contact_id`."""

    def parse(text: str) -> str:
        value = _parse_backup(text)
        if value and value not in backups:
            raise Refusal("backup", value=value, choices=", ".join(backups))
        chain, seen = value, set()
        while chain and chain not in seen:
            if chain == contact_id:
                raise Refusal("loop", value=value, referent=contact_id)
            seen.add(chain)
            chain = backups[chain]
        return value

    return parse
