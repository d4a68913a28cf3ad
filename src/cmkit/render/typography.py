"""How text is set in each language: French spacing and quotes, durations as people say them.

French typography puts a non-breaking space before « : » and a narrow one
before « ; ? ! », inside « guillemets », between a number and its unit, and
uses the typographic apostrophe. It is applied to every French string of a
document, the playbook's own included, so that the rendered charte reads as
if set by hand in every format.
"""

from __future__ import annotations

import re
import unicodedata

NBSP = "\u00a0"
NNBSP = "\u202f"

_BEFORE_HIGH_PUNCTUATION = re.compile(r"(?<=[^\s/])[ \u00a0\u202f]?([;!?]+)(?=\s|$|[»)])")
_BEFORE_COLON = re.compile(r"(?<=[^\s/])[ \u00a0\u202f]?:(?=\s|$)")
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]+)"')
_GUILLEMETS = re.compile(r"«[ \u00a0\u202f]*(.*?)[ \u00a0\u202f]*»")
_NUMBER_UNIT = re.compile(r"(\d) (%|€|\$|h\b|min\b|jours?\b|j\b|mois\b|ans?\b)")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=s)'(?=[\s.,;:!?)]|$)")  # l'équipe, users' ideas


def french(text: str) -> str:
    """Set `text` by French rules: « guillemets », no-break spaces, typographic apostrophes."""
    text = _APOSTROPHE.sub("’", text)
    text = _STRAIGHT_QUOTES.sub(r"«\1»", text)
    text = _GUILLEMETS.sub(lambda m: f"«{NBSP}{m.group(1)}{NBSP}»", text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _BEFORE_HIGH_PUNCTUATION.sub(lambda m: NNBSP + m.group(1), text)
    return _NUMBER_UNIT.sub(lambda m: f"{m.group(1)}{NBSP}{m.group(2)}", text)


def english(text: str) -> str:
    """English needs no respacing; curly apostrophes only, so both languages look typeset."""
    return _APOSTROPHE.sub("’", text)


TYPESETTERS = {"fr": french, "en": english}


def human_duration(minutes: int | None, language: str) -> str:
    """Minutes as a reader says them: « 1 h 30 », « 30 min », « 1 jour » / "1 h 30 min", "2 days"."""
    if minutes is None:
        return "—"
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        word = ("jour", "jours") if language == "fr" else ("day", "days")
        parts.append(f"{days}{NBSP}{word[days > 1]}")
    if hours:
        parts.append(f"{hours}{NBSP}h")
    if mins or not parts:
        if language == "fr" and hours and not days:
            parts.append(f"{mins:02d}")
        else:
            parts.append(f"{mins}{NBSP}min")
    return NBSP.join(parts)


def slugify(text: str) -> str:
    """A file-name-safe form: `Maison Dupuis` → `maison-dupuis`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "document"
