"""Field types shared by the playbook, scenario and test-case models."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from cmkit.durations import parse_duration

ID_PATTERN = r"^[a-z0-9_-]+$"
DURATION_PATTERN = r"^\s*(\d+d)?\s*(\d+h)?\s*(\d+m)?\s*$"

AuthorKind = Literal["customer", "prospect", "influencer", "journalist", "employee", "unknown"]
AUTHOR_KINDS: tuple[str, ...] = AuthorKind.__args__  # type: ignore[attr-defined]


class Strict(BaseModel):
    """Every model refuses unknown keys, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _duration(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, str):
        hint = f"; write {value}m or {value}h" if isinstance(value, int) and not isinstance(value, bool) else ""
        raise ValueError(f"a duration is written like 45m, 2h, 1d or 1h30m{hint}")
    return parse_duration(value)


#: A duration, written `45m`, `2h`, `1d` or `1h30m`, held as minutes.
Duration = Annotated[
    int,
    BeforeValidator(_duration),
    WithJsonSchema({"type": "string", "pattern": DURATION_PATTERN, "examples": ["45m", "2h", "1h30m"]}),
]


def _id(value: str) -> str:
    if not re.fullmatch(ID_PATTERN, value):
        raise ValueError(
            f"{value!r} is not an id: use lowercase letters, digits, '-' and '_'"
        )
    return value


#: A lowercase identifier that other parts of the file refer to.
Id = Annotated[str, AfterValidator(_id), Field(json_schema_extra={"pattern": ID_PATTERN})]

#: A text that must say something.
Text = Annotated[str, Field(min_length=1)]
