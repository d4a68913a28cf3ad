"""Find a charter's phrases in a draft, by the keywords' rules, with offsets in the draft itself.

`forbidden`, `avoid` and `detect` phrases match as topic keywords do (spec:
playbook.md, step 2): case, accents and word breaks ignored, whole words, a
trailing `*` for any word that starts so, a leading `=` kept for "only this
word" (it only matters with stems). The decision matcher answers "does it
match?" on a normalised copy of the text; a reviewer needs *where*, in code
points of what the user wrote, so this module normalises the draft word by
word and keeps each word's span: a phrase's match runs from the start of its
first word to the end of its last, punctuation between them included.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from cmkit.decide.normalize import normalize, padded_words


@dataclass(frozen=True)
class Word:
    """One word of the draft: its normalised form and its span (code points, end excluded)."""

    norm: str
    start: int
    end: int


@lru_cache(maxsize=4096)
def _folded(char: str) -> tuple[str, ...]:
    """One character as the matcher sees it: the words it folds to ('É' -> ('e',), 'œ' ->
    ('oe',), '½' -> ('1', '2')), or () for a word break."""
    return tuple(padded_words(char).split())


def words(text: str) -> list[Word]:
    """The words of `text`, normalised exactly as `normalize` would, each with its span.

    A combining accent continues the word it follows (a decomposed `é` is one
    letter to a reader), so a span never stops in the middle of a letter. A
    character that folds to several words ('½') ends the word it continues and
    starts the next one, both spanning it.
    """
    found: list[Word] = []
    parts: list[str] = []
    start = end = 0
    for index, char in enumerate(text):
        folded = _folded(char)
        if folded:
            if not parts:
                start = index
            parts.append(folded[0])
            end = index + 1
            for more in folded[1:]:
                found.append(Word("".join(parts), start, end))
                parts, start = [more], index
        elif parts and unicodedata.combining(char):
            end = index + 1
        elif parts:
            found.append(Word("".join(parts), start, end))
            parts = []
    if parts:
        found.append(Word("".join(parts), start, end))
    return found


@dataclass(frozen=True)
class Phrase:
    """A phrase as written in the playbook, and the words it matches."""

    written: str
    words: tuple[str, ...]
    prefix: bool  # the last word is a prefix (`rembours*`)


def compile_phrase(written: str) -> Phrase | None:
    """The words of a phrase (`=` marks dropped, a trailing `*` kept as a prefix); None if it has none."""
    prefix = written.rstrip().endswith("*")
    body = normalize(written.rstrip().rstrip("*"))
    return Phrase(written, tuple(body.split()), prefix) if body else None


def _matches_at(phrase: Phrase, draft: Sequence[Word], at: int) -> bool:
    count = len(phrase.words)
    if at + count > len(draft):
        return False
    for offset, word in enumerate(phrase.words):
        seen = draft[at + offset].norm
        last = offset == count - 1
        if not (seen.startswith(word) if last and phrase.prefix else seen == word):
            return False
    return True


def find(phrases: Iterable[str], draft: Sequence[Word]) -> Iterator[tuple[Phrase, int, int]]:
    """Every (phrase, start, end) where a phrase matches the draft's words, in draft order.

    Each phrase reports each place it matches; overlapping places of one phrase
    (`merci merci` for `merci`) are all reported, since each is there to fix.
    """
    compiled = [p for p in (compile_phrase(w) for w in phrases) if p is not None]
    if not compiled:
        return
    by_first: dict[str, list[Phrase]] = {}
    prefixed: list[Phrase] = []
    for phrase in compiled:
        if phrase.prefix and len(phrase.words) == 1:
            prefixed.append(phrase)
        else:
            by_first.setdefault(phrase.words[0], []).append(phrase)
    hits = []
    for at, word in enumerate(draft):
        candidates = by_first.get(word.norm, [])
        for phrase in (*candidates, *prefixed):
            if _matches_at(phrase, draft, at):
                hits.append((phrase, word.start, draft[at + len(phrase.words) - 1].end))
    yield from hits


def spans(phrases: Iterable[str], text_words: Sequence[Word]) -> list[tuple[str, int, int]]:
    """(phrase as written, start, end) for every match: what the phrase rules (R101, R102, R104) report."""
    return [(phrase.written, start, end) for phrase, start, end in find(phrases, text_words)]
