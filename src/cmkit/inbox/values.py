"""A message's fields as tools write them, checked and turned into what the decider takes.

Tools write `Facebook` where the playbook says `facebook`, `Journaliste`
where the format says `journalist`, `12 500` followers and `02/03/2026 09:15`:
each is read here, once per distinct value where that is cheap (a channel
name is folded and looked up once, then remembered). A value that cannot be
read is a `BadRecord`: one sentence, so the record becomes an error record
and the run goes on.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from datetime import datetime, timedelta, timezone
from typing import Any, NamedTuple

from cmkit.kinds import AUTHOR_KINDS, author_kind

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
#: A day-first or month-first date, optionally with a time (`02/03/2026 09:15`, `2.3.26 9h15`).
_NUMERIC_DATE = re.compile(
    r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})"
    r"(?:[ T,]+(\d{1,2})[:hH](\d{2})?(?::(\d{2}))?(?:\s*([AaPp][Mm]))?)?"
)
#: An ISO 8601 time written with nothing but its own characters (safe in JSON and CSV as it is).
_PLAIN_ISO = re.compile(r"[0-9Tt:.,+\- Zz]+")
#: Spaces a spreadsheet puts between thousands: plain, no-break, narrow no-break, thin.
_THOUSANDS_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009'")
_GROUPED = re.compile(r"\d{1,3}(?:([,.])\d{3})+")
#: Characters two names may differ by and still be the same name (a column's, in a header).
_SEPARATORS = re.compile(r"[\s_\-./]+")


class BadRecord(ValueError):
    """Why one record cannot be decided (a sentence)."""


def fold(value: str) -> str:
    """A name with case, accents and separators ignored: `Réseau_Social ` -> `reseau social`."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", bare).strip()


def shown(value: Any) -> str:
    """A value in a sentence: a string quoted (escapes visible), anything else as JSON writes it."""
    if isinstance(value, str):
        return repr(value)
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, (int, float)):
        return repr(value)
    return "an object" if isinstance(value, dict) else "a list" if isinstance(value, list) else repr(value)


class Channels:
    """Finds a playbook channel by its id, name or one of its aliases (the engine's
    `channel_finder`, the one rule for every command), and says why when it cannot.

    Built from the decider's plain data (`channels`: dicts with `id`, `name`,
    `aliases`). Each distinct written value is resolved once; an unknown one is a
    BadRecord naming the playbook's channels and the closest name, when one is close.
    """

    def __init__(self, channels: list[dict], _: Any) -> None:
        from cmkit.decide.engine import channel_finder
        from cmkit.decide.normalize import normalize

        self.ids = tuple(c["id"] for c in channels)
        self._lookup = channel_finder(channels)
        self._normalize = normalize
        self._names: dict[str, str] = {}
        for channel in channels:
            for name in (channel["id"], channel.get("name"), *(channel.get("aliases") or ())):
                if isinstance(name, str) and name.strip():
                    self._names.setdefault(normalize(name), channel["id"])
        self._seen: dict[str, str | BadRecord] = {c: c for c in self.ids}
        self._ = _

    def find(self, value: Any) -> str:
        """The channel id `value` names, or BadRecord naming the known channels and the closest."""
        found = self._seen.get(value) if isinstance(value, str) else None
        if found is None:
            found = self._find(value)
            if isinstance(value, str) and len(self._seen) < 10_000:
                self._seen[value] = found
        if type(found) is str:
            return found
        raise found

    def _find(self, value: Any) -> str | BadRecord:
        _ = self._
        if not isinstance(value, str):
            return BadRecord(_("`channel` must be a channel's name, not {value}").format(value=shown(value)))
        channel = self._lookup(value.strip())
        if channel is not None:
            return channel
        known = ", ".join(self.ids) or _("none")
        closest = difflib.get_close_matches(self._normalize(value), list(self._names), n=1, cutoff=0.6)
        if closest:
            return BadRecord(
                _("unknown channel {value} (the playbook's channels: {known}; the closest: {closest})").format(
                    value=shown(value), known=known, closest=self._names[closest[0]]
                )
            )
        return BadRecord(_("unknown channel {value} (the playbook's channels: {known})").format(value=shown(value), known=known))


def author_kind_of(value: Any, _: Any) -> str:
    """The English author kind of a value in English or French, case and accents ignored."""
    kind = author_kind(value) if isinstance(value, str) else None
    if kind is None:
        raise BadRecord(
            _("unknown author_kind {value} (one of {kinds}, or in French client, journaliste, influenceur…)").format(
                value=shown(value), kinds=", ".join(AUTHOR_KINDS)
            )
        )
    return kind


def whole_number(value: Any, field: str, _: Any) -> int:
    """A count (followers, engagement): 12500, `12500`, `12 500`, `12,500`, or a spreadsheet's 12500.0."""
    if type(value) is int and value >= 0:
        return value
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    if isinstance(value, str):
        compact = value.strip().translate(_THOUSANDS_SPACES)
        if compact.isascii() and compact.isdigit():
            return int(compact)
        if compact.isascii() and _GROUPED.fullmatch(compact):
            return int(re.sub(r"[,.]", "", compact))
    raise BadRecord(_("`{field}` must be a whole number of 0 or more, not {value}").format(field=field, value=shown(value)))


class Moment(NamedTuple):
    """When a message was written: minutes since the epoch (for the spread rule), as written
    out, and as a datetime (naive: in the playbook's time zone; the decider's `at`)."""

    minute: float
    text: str
    when: datetime


def moment(value: Any, dayfirst: bool, _: Any) -> Moment:
    """An ISO 8601 time (as written), a day- or month-first date with a time, or epoch seconds
    (milliseconds when too large for seconds). A time without zone is taken as UTC for the
    spread rule, which only compares times of one inbox."""
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            pass
        else:  # kept as written when it is plain ISO text (Python also takes any separator: not those)
            written = value.strip()
            return Moment(epoch_minutes(parsed), written if _PLAIN_ISO.fullmatch(written) else parsed.isoformat(), parsed)
        found = _NUMERIC_DATE.fullmatch(value.strip())
        if found is not None:
            parsed = _numeric_date(found, dayfirst)
            if parsed is not None:
                return Moment(epoch_minutes(parsed), parsed.isoformat(), parsed)
    elif isinstance(value, datetime):  # a spreadsheet's date cell
        return Moment(epoch_minutes(value), value.isoformat(), value)
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        seconds = value / 1000 if abs(value) >= 100_000_000_000 else value
        try:
            parsed = _EPOCH + timedelta(seconds=seconds)
        except OverflowError:
            parsed = None
        if parsed is not None:
            return Moment(seconds / 60, parsed.isoformat().replace("+00:00", "Z"), parsed)
    raise BadRecord(
        _("`at` must be a time like 2026-03-02T09:15:00Z or 02/03/2026 09:15, not {value}").format(value=shown(value))
    )


def _numeric_date(found: re.Match, dayfirst: bool) -> datetime | None:
    first, second, year, hour, minute, second_, half = found.groups()
    day, month = (int(first), int(second)) if dayfirst else (int(second), int(first))
    if month > 12 and day <= 12:  # unambiguous: 25/12 is day first whatever the option says
        day, month = month, day
    hours = int(hour or 0)
    if half:
        if hours > 12:
            return None
        hours = hours % 12 + (12 if half.lower() == "pm" else 0)
    full_year = int(year) + (2000 if len(year) == 2 else 0)
    try:
        return datetime(full_year, month, day, hours, int(minute or 0), int(second_ or 0))
    except ValueError:
        return None


def epoch_minutes(moment: datetime) -> float:
    """Minutes since 1970-01-01 UTC; a time without zone is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return (moment - _EPOCH).total_seconds() / 60


def unmojibake(value: Any) -> Any:
    """Facebook's "Download your information" stores UTF-8 bytes as Latin-1 code points
    (`Ã©` for `é`): the text as it was written, in every string of a value."""
    if isinstance(value, str):
        try:
            return value.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return value
    if isinstance(value, list):
        return [unmojibake(item) for item in value]
    if isinstance(value, dict):
        return {unmojibake(key): unmojibake(item) for key, item in value.items()}
    return value
