"""The charter's own terms as a community manager says them, in either language.

An action is a key of the format (`escalate`), but a French CM reads
« transmettre », not the key: every screen that names an action in a sentence
takes the word from here, so that lint, eval and the rest say it the same way.
"""

from __future__ import annotations

from cmkit.i18n import catalogue


def action_word(action: str, lang: str) -> str:
    """An action as a community manager says it (`escalate` -> « transmettre »); an
    unknown key (or `none`, no action) as given or as « aucune »."""
    _ = catalogue(lang)
    words = {
        "answer": _("answer"),
        "escalate": _("escalate"),
        "moderate": _("moderate"),
        "decline": _("do not answer"),
        "crisis": _("crisis"),
        "none": _("none"),
    }
    return words.get(action, action)
