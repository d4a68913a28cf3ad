"""A keyword holds an invisible character, or mixes alphabets in one word.

`colis` typed with a Cyrillic `о` (U+043E) looks the same as `colis`, and
`co\u200blis` (a zero-width space inside) looks the same too; neither is ever
found in a message written on a French keyboard, so the topic silently stops
matching: the charter says it handles deliveries, and no delivery message
reaches it. The same holds for `unless` and `must_not.detect` keywords.

FAIL::

    topics:
      - {id: livraison, label: Livraison, action: answer, keywords: [cоlis]}
PASS::

    topics:
      - {id: livraison, label: Livraison, action: answer, keywords: [colis]}
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from cmkit.i18n import catalogue, language
from cmkit.lint.finding import Flag
from cmkit.model.playbook import Playbook
from cmkit.loading.yamlnodes import PathKey

CODE = "W232"
SEVERITY = "warning"
NAME = "keyword-hidden-letters"

#: Alphabets whose letters look like Latin ones: a word mixing two of them is a disguise.
#: (Kanji with kana, or Latin digits with Arabic letters, are ordinary writing.)
_LOOK_ALIKE = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC"})

#: Characters that take no room: zero-width space, joiners, word joiner, soft hyphen, BOM...
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\u00ad\ufeff\u180e\u2061\u2062\u2063\u2064")


def _script(char: str) -> str | None:
    """The alphabet of a letter ('LATIN', 'CYRILLIC', 'GREEK'...), None for anything else."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else None


def problem(keyword: str) -> tuple[str, str] | None:
    """('invisible', the character) or ('mixed', the scripts) when the keyword has one; else None."""
    for char in keyword:
        if char in _INVISIBLE or unicodedata.category(char) == "Cf":
            return "invisible", f"U+{ord(char):04X}"
    for word in keyword.split():
        scripts = {s for s in map(_script, word) if s in _LOOK_ALIKE}
        if len(scripts) > 1:
            return "mixed", ", ".join(sorted(scripts))
    return None


def _keywords(playbook: Playbook) -> Iterator[tuple[PathKey, str]]:
    for i, topic in enumerate(playbook.topics):
        for field in ("keywords", "unless"):
            for k, keyword in enumerate(getattr(topic, field, None) or ()):
                yield ("topics", i, field, k), keyword
    for i, item in enumerate(playbook.autonomy.must_not):
        for k, keyword in enumerate(getattr(item, "detect", None) or ()):
            yield ("autonomy", "must_not", i, "detect", k), keyword


def check(playbook: Playbook) -> Iterator[Flag]:
    _ = catalogue(language(None, playbook.organization.language))
    for path, keyword in _keywords(playbook):
        found = problem(keyword)
        if found is None:
            continue
        kind, detail = found
        if kind == "invisible":
            message = _("the keyword {keyword} holds the invisible character {char}: no message will match it").format(
                keyword=repr(keyword), char=detail)
        else:
            message = _("the keyword {keyword} mixes alphabets in one word ({scripts}): it looks right "
                        "but no message typed in one alphabet will match it").format(keyword=repr(keyword), scripts=detail)
        yield Flag(path, message, _("type the keyword again on your own keyboard"))
