"""The small words a screen of figures is made of, in the reader's language.

Actions as a community manager says them (« transmettre », not "escalate"),
author kinds (« client »), counts with the thousands separator of the
language (« 1 200 » with a narrow no-break space, "1,200"), and shares
(« 90 % », "90%"). Kept here, light (the catalogue only), so the fast paths
(`triage`) and the slower ones (`simulate`) say them the same way.
"""

from __future__ import annotations

from cmkit.i18n import Catalogue

NNBSP = "\u202f"


def action_word(action: str, _: Catalogue) -> str:
    """An action in a sentence or a table cell: answer -> « répondre », decline -> « ne pas répondre »."""
    return {
        "answer": _("answer"),
        "escalate": _("escalate"),
        "moderate": _("moderate"),
        "decline": _("do not answer"),
        "crisis": _("crisis"),
    }.get(action, action)


def kind_word(kind: str, _: Catalogue) -> str:
    """An author kind as a label: customer -> « client » (an unknown kind stays as written)."""
    return {
        "customer": _("customer"),
        "prospect": _("prospect"),
        "influencer": _("influencer"),
        "journalist": _("journalist"),
        "employee": _("employee"),
        "unknown": _("unknown author"),
    }.get(kind, kind)


def kind_phrase(kind: str, _: Catalogue) -> str:
    """An author kind inside a sentence: customer -> « un client » ("the author is a customer")."""
    return {
        "customer": _("a customer"),
        "prospect": _("a prospect"),
        "influencer": _("an influencer"),
        "journalist": _("a journalist"),
        "employee": _("an employee"),
        "unknown": _("an unknown author"),
    }.get(kind, kind)


def count(value: int, lang: str) -> str:
    """A whole number with the language's thousands separator: « 1 200 » / "1,200"."""
    return f"{value:,}".replace(",", NNBSP) if lang == "fr" else f"{value:,}"


def percent(share: float, lang: str) -> str:
    """A share as a whole percentage: « 90 % » (narrow no-break space) / "90%"."""
    figure = f"{share * 100:.0f}"
    return f"{figure}{NNBSP}%" if lang == "fr" else f"{figure}%"


def duration(minutes: int, lang: str) -> str:
    """A length of time as the reader writes it: « 2 h 30 » in French, "2h30m" in English
    (the way a playbook writes it, which English readers of cmkit already know)."""
    if lang == "fr":
        from cmkit.render.typography import human_duration

        return human_duration(minutes, lang)
    from cmkit.durations import format_duration

    return format_duration(minutes)
