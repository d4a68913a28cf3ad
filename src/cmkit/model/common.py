"""Field types shared by the playbook, scenario and test-case models."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema

from cmkit.durations import DURATION_PATTERN, format_duration, parse_duration
from cmkit.kinds import AUTHOR_KINDS, author_kind

ID_PATTERN = r"^[a-z0-9_-]+$"

def _author_kind(value: object) -> object:
    if isinstance(value, str):
        return author_kind(value) or value
    return value


#: An author kind, stored in English whichever language it was written in (the schema
#: offers both, so an editor accepts `journaliste` as the loader does).
AuthorKind = Annotated[
    Literal["customer", "prospect", "influencer", "journalist", "employee", "unknown"],
    BeforeValidator(_author_kind),
    WithJsonSchema({"type": "string", "enum": [*AUTHOR_KINDS, "client", "influenceur", "journaliste", "salarié", "inconnu"]}),
]


class Strict(BaseModel):
    """Every model refuses unknown keys, so a typo never passes silently.

    A number where text is expected is taken as that text (`target: 90`,
    `keywords: [502]`): a consultant should not have to quote a figure.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True)


def _duration(value: object) -> int:
    """Minutes from the written form; a bare number is refused, since its unit would be a guess."""
    if isinstance(value, str):
        return parse_duration(value)
    from cmkit.i18n import current

    _ = current()
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        raise ValueError(
            _("the number {value} is not a duration: give it a unit, write {value}m for minutes or {value}h for hours").format(
                value=value
            )
        )
    shown = _("an empty value") if value is None else str(value).lower()
    raise ValueError(_("{shown} is not a duration: write it like 45m, 2h, 1d or 1h30m").format(shown=shown))


#: A duration, written `45m`, `2h`, `1d` or `1h30m`, held as minutes. Dumped as JSON it
#: is written back (`1h30m`), so `model_validate(model_dump(mode="json"))` gives the
#: same playbook; a Python dump keeps the minutes the engines compute with.
Duration = Annotated[
    int,
    BeforeValidator(_duration),
    PlainSerializer(format_duration, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "pattern": DURATION_PATTERN, "examples": ["45m", "2h", "1h30m"]}),
]


def _id(value: str) -> str:
    if not re.fullmatch(ID_PATTERN, value):
        from cmkit.i18n import current

        _ = current()
        sentence = _("{value} is not an id: use lowercase letters, digits, '-' and '_'")
        raise ValueError(sentence.format(value=repr(value)))
    return value


#: A lowercase identifier that other parts of the file refer to.
Id = Annotated[str, AfterValidator(_id), Field(json_schema_extra={"pattern": ID_PATTERN})]

#: A text that must say something.
Text = Annotated[str, Field(min_length=1)]
