"""Phrases matched by the keywords' rules, with where they stand in the original text.

Keywords, `unless`, `autonomy.must_not[].detect` and the tone's phrases all
follow one set of rules (spec: playbook.md, step 2 and revision 1.1): case,
accents and punctuation ignored, whole words, several words in sequence, a
trailing `*` for "any word that starts so", and, with `matching.stems`, a
word that also matches its inflections (the Snowball stem) unless it is
written `=word`. This module is that set of rules for any list of phrases.

Use::

    from cmkit.decide.phrases import Phrases
    found = Phrases(["vous rembourser*", "=journal"], language="fr", stems=True)
    for hit in found.search("Nous allons vous rembourser demain."):
        hit.index, hit.start, hit.end   # which phrase, and its code-point span (end excluded)

`search` gives offsets in the text as written (`text[start:end]` is what
matched), so `cmkit review` can point at the words of a draft. The decision
engine uses the same compiled phrases through `matching`, on words already
split, when the playbook turns stems on (without stems it keeps its
Aho-Corasick automaton, which gives the same matches faster).

Stems come from PyStemmer (Snowball 3, C): measured against the pure-Python
`snowballstemmer` 3.x, the same stems 300 times faster, and an import under
a millisecond (see docs/decide.md).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from itertools import chain, compress
from typing import Any

from cmkit.decide.record import record
from cmkit.decide.normalize import normalize, padded_words

#: The Snowball algorithm for each playbook language that has one.
SNOWBALL = {"fr": "french", "en": "english"}
#: Words whose candidate phrases are kept (emptied when full: memory stays bounded).
_CANDIDATES_KEPT = 100_000

#: Filed with a word at which a phrase of several words may start (`Phrases.matching`).
_LONGER = -1
_LONGER_ALONE = frozenset((_LONGER,))
#: How a phrase's word compares with a message word.
EXACT, STEM, PREFIX = 0, 1, 2


@record
class Found:
    """One occurrence of a phrase: its index in the list, and its span in the text."""

    index: int
    start: int
    end: int


def stemmer(language: str | None) -> Callable[[list[str]], list[str]] | None:
    """Snowball's `stemWords` for the language (`fr`, `en`), else None (no stemmer)."""
    algorithm = SNOWBALL.get(language or "")
    if algorithm is None:
        return None
    import Stemmer

    # no cache of its own: `Phrases.matching` files each word once, and Snowball's cache, a
    # dictionary of the last 10,000 words, only adds memory that real inboxes thrash
    return Stemmer.Stemmer(algorithm, 0).stemWords


def words_with_spans(text: str) -> list[tuple[str, int, int]]:
    """The words of `normalize(text)`, each with its start and end in `text` (code points).

    Character by character, so that a span is exact: a letter folds on its own
    ('É' -> 'e', 'œ' -> 'oe'), an accent written as a combining mark stays in
    its word, anything that folds to nothing breaks the word.
    """
    found: list[tuple[str, int, int]] = []
    current: list[str] = []
    start = 0
    for position, char in enumerate(text):
        folded = _fold_char(char)
        if folded is None:  # a combining accent: part of the word before it
            if current:
                continue
            folded = ""
        if not folded:
            if current:
                found.append(("".join(current), start, position))
                current = []
            continue
        pieces = folded.split(" ")
        for number, piece in enumerate(pieces):
            if number:  # a character that folds to several words ('½' -> '1 2')
                if current:
                    found.append(("".join(current), start, position + 1))
                current = []
            if piece:
                if not current:
                    start = position
                current.append(piece)
    if current:
        found.append(("".join(current), start, len(text)))
    return found


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str | None:
    """What one character contributes to the words: its folded letters, '' for a break,
    None for a combining mark."""
    if unicodedata.combining(char):
        return None
    return padded_words(char)[1:-1]


def _finder(pieces: list[str]) -> Any:
    """An Aho-Corasick automaton finding the pieces in a word (value: the indexes of the piece), or None."""
    if not pieces:
        return None
    import ahocorasick

    indexes: dict[str, list[int]] = {}
    for index, piece in enumerate(pieces):
        indexes.setdefault(piece, []).append(index)
    automaton = ahocorasick.Automaton()
    for piece, found in indexes.items():
        automaton.add_word(piece, tuple(found))
    automaton.make_automaton()
    return automaton


def compile_phrase(phrase: str, stem: Callable[[list[str]], list[str]] | None) -> tuple[tuple[int, str], ...]:
    """A phrase as (how, what) per word: EXACT and the word, STEM and its stem, PREFIX and
    the start; `=word` is EXACT, a trailing `*` makes the last word a PREFIX. Empty for a
    phrase without a letter or digit."""
    if "=" in phrase:  # where each word starts tells which ones are written `=word`
        spans = words_with_spans(phrase)
        words = [w for w, _, _ in spans]
        marked = [start > 0 and phrase[start - 1] == "=" for _, start, _ in spans]
    else:  # the same words, without walking the phrase character by character (check's start)
        words = normalize(phrase).split()
        marked = [False] * len(words)
    if not words:
        return ()
    prefix = phrase.rstrip().endswith("*")
    stems = stem(words) if stem is not None else None
    compiled = []
    for number, word in enumerate(words):
        if prefix and number == len(words) - 1:
            compiled.append((PREFIX, word))
        elif stems is None or marked[number]:
            compiled.append((EXACT, word))
        else:
            compiled.append((STEM, stems[number]))
    return tuple(compiled)


class Phrases:
    """A list of phrases compiled once; finds them in texts by the keywords' rules.

    `stems=True` with a language that has a Snowball stemmer (`fr`, `en`)
    lets a word match its inflections; otherwise words match as written.
    """

    def __init__(
        self,
        phrases: Sequence[str],
        *,
        language: str | None = None,
        stems: bool = False,
        stem: Callable[[list[str]], list[str]] | None = None,
        fragments: Sequence[tuple[str, bool]] = (),
    ) -> None:
        self.phrases = list(phrases)
        #: (piece, whether a word must end with it, else only hold it): `matching` also gives
        #: len(phrases) + i for each fragment i a word of the text has, a condition the caller
        #: checks before a costlier search, filed with the words at no cost per text
        self.fragments = list(fragments)
        self._fragment_finder = _finder([piece for piece, _ in self.fragments])
        #: the fragments a word must end with, and those it must hold: `_learn` tests them first
        self._any_ending = tuple({piece for piece, ending in self.fragments if ending})
        self._any_held = tuple({piece for piece, ending in self.fragments if not ending})
        #: `stem` (a `stemWords`) when given, else the language's stemmer when `stems`
        self._stem = stem if stem is not None else stemmer(language) if stems else None
        self.compiled = [compile_phrase(p, self._stem) for p in self.phrases]
        #: phrases by what their first word must be: its word (EXACT) or stem (STEM), or its start (PREFIX)
        self._by_first: dict[str, list[int]] = {}
        self._by_prefix: dict[str, list[int]] = {}
        for index, words in enumerate(self.compiled):
            if not words:
                continue
            how, what = words[0]
            if how == PREFIX:
                self._by_prefix.setdefault(what, []).append(index)
            else:  # an EXACT word also has its own stem: one index serves both
                key = what if self._stem is None or how == STEM else self._stem([what])[0]
                self._by_first.setdefault(key, []).append(index)
        #: the lengths of the prefixes (`word*`) a phrase starts with, shortest first
        self._prefix_lengths = sorted({len(p) for p in self._by_prefix})
        #: every word filed (`matching`): the one-word phrases it is (and _LONGER); the longer ones that may start at it
        self._filed: dict[str, tuple[int, ...]] = {}
        self._longer: dict[str, tuple[int, ...]] = {}
        #: the stems of the longer phrases' words; a word filed with one of them keeps it in _inner
        self._inner_stems = frozenset(what for words in self.compiled if len(words) > 1
                                      for how, what in words if how == STEM)
        self._inner: dict[str, str] = {}

    @property
    def stems(self) -> bool:
        """Whether words match their inflections."""
        return self._stem is not None

    def stem_words(self, words: list[str]) -> list[str] | None:
        """The stems of `words` (None without stems): what `matching` takes."""
        return self._stem(words) if self._stem is not None else None

    def search(self, text: str) -> list[Found]:
        """Every occurrence of every phrase in `text`, by start, then phrase order."""
        spans = words_with_spans(text)
        words = [w for w, _, _ in spans]
        hits = sorted(self._occurrences(words, self.stem_words(words)), key=lambda h: (h[1], h[0]))
        return [Found(index, spans[first][1], spans[last][2]) for index, first, last in hits]

    def matching(self, words: list[str]) -> frozenset[int]:
        """The indexes of the phrases found in these normalised words, and len(phrases) + i for
        each fragment i a word has: what the decision engine asks of every message, so each
        word is looked at once per run, not once per message.

        Each word seen is filed once, with its stem: the one-word phrases it is, and
        _LONGER when a longer phrase may start at it. A message then costs one look-up
        per word, in C (most words are neither), and a check of the rare longer phrase;
        stems are only made for words never seen.
        """
        filed = list(map(self._filed.get, words))
        if None in filed:
            filed = self._learn(words)
        found = frozenset(chain.from_iterable(filter(None, filed)))
        if _LONGER not in found:
            return found
        longer, compiled, count = self._longer, self.compiled, len(words)
        # a word's stem, when a longer phrase may ask for it (kept for those words only)
        stem_at = None if self._stem is None else self._inner_stem(words)
        more = [index for position in compress(range(count), map(longer.__contains__, words))
                for index in longer[words[position]]
                if position + len(compiled[index]) <= count and self._fits(compiled[index], words, position, stem_at)]
        return found.difference(_LONGER_ALONE).union(more)

    def _inner_stem(self, words: list[str]) -> Callable[[int], str | None]:
        """`stem_at` for `_fits` in `matching`: a word's stem when a longer phrase has it
        (filed in _inner), else None, which no stem equals."""
        inner = self._inner
        return lambda position: inner.get(words[position])

    def _learn(self, words: list[str]) -> list[tuple[int, ...]]:
        """File the words not seen before (see `matching`) and return what each word of `words`
        is filed with; the tables are emptied when they hold _CANDIDATES_KEPT words, so memory
        stays bounded."""
        missing = [word for word in dict.fromkeys(words) if word not in self._filed]
        if len(self._filed) + len(missing) > _CANDIDATES_KEPT:
            self._filed.clear()
            self._longer.clear()
            self._inner.clear()
            missing = list(dict.fromkeys(words))  # the text's words filed before are gone too
        stems = self._stem(missing) if self._stem is not None else None  # each word once: it is filed now
        filed_words, inner_stems, endings, holds = self._filed, self._inner_stems, self._any_ending, self._any_held
        for number, word in enumerate(missing):
            key = stems[number] if stems is not None else word
            if key in inner_stems and stems is not None:
                self._inner[word] = key
            candidates = self._starting(word, key)
            # a fragment is rare in a word: one test in C for most words
            fragments = self._fragments_in(word) if word.endswith(endings) or holds and any(h in word for h in holds) else ()
            if not candidates and not fragments:  # most words: no phrase starts with them
                filed_words[word] = ()
                continue
            filed = [i for i in candidates if len(self.compiled[i]) == 1
                     and self._fits(self.compiled[i], [word], 0, None if stems is None else [key].__getitem__)]
            filed.extend(fragments)
            longer = tuple(i for i in candidates if len(self.compiled[i]) > 1)
            if longer:
                self._longer[word] = longer
                filed.append(_LONGER)
            filed_words[word] = tuple(filed)
        return [filed_words[word] for word in words]

    def _fragments_in(self, word: str) -> list[int]:
        """len(phrases) + i for each fragment i that `word` holds (or ends with, when it must)."""
        base, last = len(self.phrases), len(word) - 1
        return sorted({base + i for end, indexes in self._fragment_finder.iter(word) for i in indexes
                       if end == last or not self.fragments[i][1]})

    def _occurrences(self, words: list[str], stems: list[str] | None) -> Iterator[tuple[int, int, int]]:
        """(phrase index, first word, last word) of every occurrence."""
        keys = stems if stems is not None else words
        for position, word in enumerate(words):
            for index in self._starting(word, keys[position]):
                phrase = self.compiled[index]
                last = position + len(phrase) - 1
                if last < len(words) and self._fits(phrase, words, position, None if stems is None else stems.__getitem__):
                    yield index, position, last

    def _starting(self, word: str, key: str) -> list[int]:
        """The phrases that may start at `word` (whose stem, or itself without stems, is `key`):
        by their first word or stem, or by a prefix of it."""
        candidates = list(self._by_first.get(key, ()))
        for length in self._prefix_lengths:
            if length > len(word):
                break
            candidates.extend(self._by_prefix.get(word[:length], ()))
        return candidates

    @staticmethod
    def _fits(phrase: tuple[tuple[int, str], ...], words: list[str], position: int,
              stem_at: Callable[[int], str | None] | None) -> bool:
        """Whether `phrase` stands at `position` of `words`; `stem_at(i)`: the stem of words[i]
        (None without stems)."""
        for offset, (how, what) in enumerate(phrase):
            word = words[position + offset]
            if how == EXACT:
                if word != what:
                    return False
            elif how == PREFIX:
                if not word.startswith(what):
                    return False
            elif stem_at is None or stem_at(position + offset) != what:
                return False
        return True
