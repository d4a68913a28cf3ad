"""Find a charter's phrases in a draft, by the keywords' rules, with offsets in the draft itself.

`forbidden`, `avoid` and `detect` phrases match as topic keywords do (spec:
playbook.md, step 2 and revision 1.1): case, accents and word breaks
ignored, whole words, a trailing `*` for any word that starts so, and with
`matching.stems` a word's inflections (`=word` for only itself). That is
the decision engine's own phrase matcher (`cmkit.decide.phrases`), which
reports spans in code points of the text as written; a phrase's match runs
from the start of its first word to the end of its last, the punctuation
between them included.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cmkit.decide.phrases import Phrases

if TYPE_CHECKING:
    from cmkit.model.playbook import Playbook


def matcher(phrases: Sequence[str], playbook: Playbook | None = None) -> Phrases:
    """The phrases compiled with the playbook's language and `matching.stems` (plain words without one)."""
    if playbook is None:
        return Phrases(phrases)
    return Phrases(phrases, language=playbook.organization.language, stems=playbook.matching.stems)


def spans(phrases: Sequence[str], text: str, playbook: Playbook | None = None) -> list[tuple[str, int, int]]:
    """(phrase as written, start, end) for every match in `text`, in text order."""
    if not phrases:
        return []
    found = matcher(phrases, playbook)
    return [(found.phrases[hit.index], hit.start, hit.end) for hit in found.search(text)]


def says(phrases: Sequence[str], text: str) -> bool:
    """Whether any of the phrases is in `text` (plain words, no stems)."""
    return bool(spans(phrases, text))
