"""The English words cmkit itself says, for tests that hold a French screen to having none.

Built from the catalogue, not typed in: every word of the English sentences
(msgid, msgid_plural), minus the words the French sentences use too
(« message », « action », « support »…), minus what the user wrote (the
content words a test passes: titles, messages, names, topic ids), which are
shown as written in whatever language they were written in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import cmkit.i18n
from cmkit.i18n import read_po

_PO = Path(cmkit.i18n.__file__).with_name("locale") / "fr.po"
#: What is not a word of a sentence: {placeholders}, `code`, strftime's %X, --options, due_at, crisis.spread.
_NOT_WORDS = re.compile(r"\{[^}]*\}|`[^`]*`|%[A-Za-z]|--?[a-z][\w-]*|\w+(?:[_.]\w+)+")
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+")


def words(text: str) -> set[str]:
    """The words of `text`, lower-cased, two letters or more."""
    return {w.lower() for w in _WORD.findall(_NOT_WORDS.sub(" ", text)) if len(w) >= 2}


@lru_cache(maxsize=1)
def _catalogue_words() -> tuple[frozenset[str], frozenset[str]]:
    text = _PO.read_text(encoding="utf-8")
    entries = read_po(text)
    english = set()
    for msgid in [*entries, *re.findall(r'^msgid_plural "(.*)"$', text, flags=re.M)]:
        english |= words(msgid)
    french = set()
    for msgstr in entries.values():
        for form in (msgstr,) if isinstance(msgstr, str) else msgstr:
            french |= words(form)
    return frozenset(english), frozenset(french)


def english_words(content: Iterable[str] = ()) -> frozenset[str]:
    """The words only English sentences of the catalogue use, minus the words of `content`."""
    english, french = _catalogue_words()
    written = set().union(*(words(text) for text in content)) if content else set()
    return frozenset(english - french - written)


def english_in(screen: str, content: Iterable[str] = ()) -> set[str]:
    """The English words of cmkit's catalogue found on `screen` (empty: none)."""
    return words(screen) & english_words(content)
