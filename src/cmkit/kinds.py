"""Author kinds, in English and French (revision 1.1), without pydantic.

The fast paths (`check`, `triage`) read message fields with these, so this
module imports nothing heavy.
"""

from __future__ import annotations

import unicodedata

AUTHOR_KINDS: tuple[str, ...] = ("customer", "prospect", "influencer", "journalist", "employee", "unknown")
#: The French names of the author kinds (revision 1.1): message fields, watchlist
#: entries and `crisis.authors` take either, case and accents ignored.
AUTHOR_KINDS_FR: dict[str, str] = {
    "client": "customer",
    "cliente": "customer",
    "prospect": "prospect",
    "influenceur": "influencer",
    "influenceuse": "influencer",
    "journaliste": "journalist",
    "salarie": "employee",
    "salariee": "employee",
    "employe": "employee",
    "employee": "employee",
    "inconnu": "unknown",
    "inconnue": "unknown",
}


def _fold(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def author_kind(value: str) -> str | None:
    """The English author kind for `value` written in English or French, case and accents
    ignored (`Journaliste` -> `journalist`), or None when it names no kind."""
    folded = _fold(value)
    if folded in AUTHOR_KINDS:
        return folded
    return AUTHOR_KINDS_FR.get(folded)


