"""Office hours (revision 1.1): when the organisation's referents work.

The model checks the written form only — a known IANA zone, day names or
day ranges, `HH:MM-HH:MM` ranges that do not cross midnight — so that a
malformed `hours` stops loading (it would make every deadline mean nothing).
Whether a day is named twice or no minute is open at all are lint rules,
with their own codes and positions. `week()` gives the open ranges per
weekday, in minutes from midnight, for the engines that count open time.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field, field_validator

from cmkit.model.common import Strict
from cmkit.open_hours import day_numbers, minute_ranges, week_ranges

class Hours(Strict):
    """When the organisation works: its time zone, open hours per weekday, and holidays."""

    timezone: str = Field(description="An IANA time zone, e.g. Europe/Paris.")
    open: dict[str, str] | None = Field(
        None,
        description='Day names or ranges mapped to "HH:MM-HH:MM" ranges, e.g. {mon-fri: "09:00-18:00"}; '
        "absent: every minute is open.",
    )
    holidays: list[date] = Field(default_factory=list, description="Days when nobody works but who is on call.")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone: write it like Europe/Paris or America/Montreal") from None
        return value

    @field_validator("open")
    @classmethod
    def _well_formed(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        for key, ranges in (value or {}).items():
            day_numbers(key)
            minute_ranges(ranges)
        return value

    def week(self) -> list[list[tuple[int, int]]]:
        """Open ranges for each weekday (Monday first), in minutes from midnight, merged."""
        return week_ranges(self.open)
