"""The English words cmkit itself says, held against what a scenario or a history wrote.

The word list is `tests/i18n/test_no_english.py`'s (the catalogue's English
sentences, less the words French shares). Here the user's words are given as
the texts the screen shows as written (titles, messages, names, topic ids),
not as whole files: a playbook file holds `action: escalate`, and
"escalate" must still count as English on a French screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from cmkit.i18n import catalogue
from tests.i18n.test_no_english import _words
from tests.i18n.test_no_english import english_words as _catalogue_english


#: The format's keys in a French sentence (`due_at`, crisis.spread, a/b) and names in capitals
#: (a `--help` metavar): not French words.
_KEYS = re.compile(r"`[^`]*`|\{[^}]*\}|\S*(?:[\[\]_/]|\w\.\w)\S*|\b[A-Z][A-Z0-9]+\b")


@cache
def english_words() -> frozenset[str]:
    """The shared list, less every word a French sentence says, abbreviations included:
    « mar. » (mardi) is French, even though the shared list drops dotted words."""
    french = set()
    for msgstr in catalogue("fr")._entries.values():
        for form in (msgstr,) if isinstance(msgstr, str) else msgstr:
            french |= _words(_KEYS.sub(" ", form))
    return frozenset(_catalogue_english() - french)


def english_in(screen: str, content: Iterable[str] = ()) -> set[str]:
    """The English words of cmkit's catalogue found on `screen`, the words of `content` aside."""
    written = set().union(*(_words(text) for text in content))
    return (_words(screen) & english_words()) - written
