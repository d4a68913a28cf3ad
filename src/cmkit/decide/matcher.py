"""Which keywords and patterns of which topics a text triggers, compiled once per playbook.

Every keyword of every topic goes into one Aho-Corasick automaton over the
normalised text, so a message is scanned once whatever the size of the
playbook. Whole words come from padding: the text becomes ` mon colis ` and
the keyword `colis` the needle ` colis `; a prefix keyword `rembours*` is the
needle ` rembours`, open on its right. Patterns are regular expressions over
the original text, ignoring case (spec: playbook.md, step 2); each search has
a time budget (see `compile_pattern`), so no pattern can hang a run.

The matcher takes plain data (a playbook dumped to dicts and lists), not the
pydantic model, so that `cmkit check` can run from a cached copy without
importing pydantic or PyYAML.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any

import ahocorasick

from cmkit.decide.normalize import normalize, padded_words, words_of

#: A regular expression that refers to its own groups (a back-reference, a conditional
#: group) cannot share one combined search: its group numbers would shift.
_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


#: The key of an automaton hit (end, key); `map` with it keeps the scan's loop in C.
_VALUE = itemgetter(1)
_NONE: frozenset[int] = frozenset()
#: What ends the plain start of a regular expression.
_SPECIAL = frozenset(".^$*+?{}[]\\|()")


class Matcher:
    """Finds what a text triggers, and says which keywords, patterns and `unless` that is.

    `find` returns trigger keys: one per distinct needle (keywords that
    normalise alike share one) and one per pattern; it is the cheap, hashable
    summary of a text that decisions are memoised on. `ordinals` turns keys
    into the triggers they stand for, numbered in file order (topic by topic:
    keywords, then patterns, then `unless`), so sorting ordinals sorts the
    explanation the way the playbook is written.

    With `stem` (a Snowball `stemWords`, for `matching.stems`), keywords and
    `unless` go through `Phrases` on the text's words and their stems instead
    of the automaton: the same rules, plus inflections and `=word`.
    """

    def __init__(self, topics: Sequence[Mapping[str, Any]], stem: Callable[[list[str]], list[str]] | None = None) -> None:
        #: (topic index, the keyword or pattern as written, its kind) for every trigger ordinal
        self.triggers: list[tuple[int, str, str]] = []
        needles: dict[str, list[int]] = {}
        patterns: list[tuple[int, BoundedPattern]] = []
        for topic_index, topic in enumerate(topics):
            for kind in ("keyword", "pattern", "unless"):
                for written in topic.get(_FIELD[kind]) or ():
                    if kind == "pattern":
                        patterns.append((len(self.triggers), compile_pattern(written)))
                    else:
                        needle = _needle(written) if stem is None else _phrase_key(written)
                        if needle is not None:
                            needles.setdefault(needle, []).append(len(self.triggers))
                    self.triggers.append((topic_index, written, kind))
        #: the ordinals each trigger key stands for: needles first, then patterns
        self._key_ordinals: list[tuple[int, ...]] = [tuple(o) for o in needles.values()]
        keyed = [(len(self._key_ordinals) + i, p) for i, (_, p) in enumerate(patterns)]
        self._key_ordinals.extend((ordinal,) for ordinal, _ in patterns)
        # A pattern that starts with plain words is only searched when the automaton
        # has seen those words: their needle's value is negative, -1 - its index here.
        by_words: dict[str, list[tuple[int, BoundedPattern]]] = {}
        #: patterns searched in every text, behind one combined search
        self._patterns: list[tuple[int, BoundedPattern]] = []
        for key, pattern in keyed:
            words = _leading_words(pattern.pattern)
            if words is None:
                self._patterns.append((key, pattern))
            else:
                by_words.setdefault(words, []).append((key, pattern))
        self._worded_patterns = list(by_words.values())
        self._phrases = None
        heads = [(words, -1 - index) for index, words in enumerate(by_words)]
        if stem is None:
            self._automaton = _automaton([(needle, key) for key, needle in enumerate(needles)] + heads)
        else:  # keywords go by words and stems; the automaton only looks for the patterns' leading words
            from cmkit.decide.phrases import Phrases

            self._automaton = _automaton(heads) if heads else None
            # in key order: index = key; then, per pattern's leading words, their first word as a
            # fragment: a word ends with it (or holds it, when it is the only word), else no need to look
            first_words = [(words.split(" ")[0], " " in words) for words in by_words]
            self._phrases = Phrases(list(needles), stem=stem, fragments=first_words)
            self._fragments_from = len(needles)
        self._any_pattern = _combined([p for _, p in self._patterns])

    @property
    def timed_out(self) -> set[str]:
        """The patterns whose search ran out of time at least once (each counted as not matching)."""
        every = [p for _, p in self._patterns] + [p for group in self._worded_patterns for _, p in group]
        return {p.pattern for p in every if p.timeouts}

    def find(self, text: str) -> frozenset[int]:
        """The keys of every needle and pattern that `text` triggers."""
        if self._phrases is not None:
            words = words_of(text)
            found = self._phrases.matching(words)
            if found and max(found) >= self._fragments_from:  # a word starts a pattern's leading words: are they here?
                found = frozenset(key for key in found if key < self._fragments_from).union(
                    map(_VALUE, self._automaton.iter(f" {' '.join(words)} ")))
        else:
            found = frozenset(map(_VALUE, self._automaton.iter(padded_words(text)))) if self._automaton else _NONE
        if self._worded_patterns and found and min(found) < 0:
            found = self._search_worded(found, text)
        if self._patterns and (self._any_pattern is None or self._any_pattern.search(text)):
            found |= {key for key, pattern in self._patterns if pattern.search(text)}
        return found

    def _search_worded(self, found: frozenset[int], text: str) -> frozenset[int]:
        """The keyword keys of `found`, and the keys of the patterns whose leading words
        it holds and that match."""
        keys = {key for key in found if key >= 0}
        for value in found:
            if value < 0:
                keys.update(key for key, pattern in self._worded_patterns[-1 - value] if pattern.search(text))
        return frozenset(keys)

    def key_ordinals(self, key: int) -> tuple[int, ...]:
        """The ordinals of the triggers one key stands for."""
        return self._key_ordinals[key]

    def ordinals(self, keys: frozenset[int]) -> list[int]:
        """The ordinals of the triggers behind these keys, in file order."""
        return sorted(ordinal for key in keys for ordinal in self._key_ordinals[key])


_FIELD = {"keyword": "keywords", "pattern": "patterns", "unless": "unless"}


def _phrase_key(keyword: str) -> str | None:
    """With stems, phrases that compile alike share a key: the phrase with `=` and `*` kept."""
    words = normalize(keyword.rstrip("*"))
    if not words:
        return None
    if "=" not in keyword:  # no word written `=word`: the normalised words are the key
        return words + ("*" if keyword.rstrip().endswith("*") else "")
    from cmkit.decide.phrases import words_with_spans

    marked = " ".join(("=" if s > 0 and keyword[s - 1] == "=" else "") + w for w, s, _ in words_with_spans(keyword))
    return marked + ("*" if keyword.rstrip().endswith("*") else "")


def _needle(keyword: str) -> str | None:
    """The padded needle of a keyword: ' colis ' for a whole word, ' rembours' for `rembours*`."""
    prefix = keyword.endswith("*")
    words = normalize(keyword.rstrip("*"))
    if not words:
        return None  # the model refuses such keywords; a playbook built in code may not
    return f" {words}" if prefix else f" {words} "


def _leading_words(pattern: str) -> str | None:
    """The normalised words every match of `pattern` (ignoring case) starts with, when there
    are at least three letters or digits of them; else None.

    Only plain ASCII before the first special character counts (a quantifier
    takes back the character it applies to; any `|` gives up), so that what
    the pattern matches, normalised, holds these words: ignoring case, an
    ASCII letter matches only itself, its capital, the Kelvin sign, 'İ', 'ı' and 'ſ',
    which normalise to that letter too.
    """
    if "|" in pattern:
        return None
    plain = len(pattern)
    for position, char in enumerate(pattern):
        if char in _SPECIAL:
            plain = position
            break
    if pattern[plain:plain + 1] in ("*", "?", "{", "+"):
        plain -= 1
    head = pattern[:max(plain, 0)]
    words = normalize(head) if head.isascii() else ""
    return words if sum(c.isalnum() for c in words) >= 3 else None


def _automaton(needles: list[tuple[str, int]]) -> ahocorasick.Automaton | None:
    if not needles:
        return None
    automaton = ahocorasick.Automaton()
    for needle, key in needles:
        automaton.add_word(needle, key)
    automaton.make_automaton()
    return automaton


def _combined(patterns: list[BoundedPattern]) -> BoundedPattern | None:
    """One search that tells whether any pattern can match, so most texts pay for one, not all.

    None when the patterns cannot be joined safely (group references, global flags).
    """
    if len(patterns) < 2 or any(_GROUP_REFERENCE.search(p.pattern) for p in patterns):
        return None
    try:
        return compile_pattern("|".join(f"(?:{p.pattern})" for p in patterns), undecided=True)
    except re.error:
        return None


#: The time one search of one pattern in one text may take. A pattern written with nested
#: quantifiers (`(a+)+$`, lint W230) can backtrack for longer than the universe lasts on
#: forty letters; a sound pattern takes microseconds, so this only ever stops the former.
PATTERN_BUDGET_SECONDS = 0.05


class BoundedPattern:
    """A compiled pattern whose `search` gives up after PATTERN_BUDGET_SECONDS.

    Most charters' patterns cannot backtrack for long (`bounded_backtracking`):
    they are searched with `re`, with no budget. The others are searched under
    a budget, two ways:

    - the first `_ALARMED_SEARCHES` searches of a process, in its main thread,
      with `re` under a one-shot timer (SIGALRM; `re` checks for signals while it
      backtracks): `cmkit check` decides one message, and importing `regex`
      would cost it more than deciding;
    - after those, or in another thread, with the `regex` module's own
      `timeout`: a triage of many messages pays its import once and no timer
      per search.

    Why `regex` and not RE2: RE2 never backtracks, but its `\\w`, `\\d` and `\\b`
    are ASCII-only, so `\\w+ment` would stop matching French words (`égarement`);
    `regex` reads the same syntax as `re`, Unicode included, and ignores case
    alike but for the Turkish dotless ı and dotted İ (`re` takes `i` for `ı`,
    `I` for `İ`; `regex` does not): a text that holds one is still searched
    with `re` under the timer, so a decision never changes when `regex` takes
    over (outside the main thread, where there is no timer, `regex` reads it).
    A search that runs out of time counts as no match (the safe reading: the
    rest of the playbook still decides, and the run goes on); it is counted in `timeouts`, and lint's
    W230 flags such patterns before any message meets them. A combined search
    (`undecided=True`) that runs out of time answers "maybe", so each pattern
    is then searched on its own.
    """

    __slots__ = ("pattern", "_search", "_finditer", "_budget", "_undecided", "timeouts", "_re", "_alarmed")

    def __init__(self, pattern: str, *, undecided: bool = False) -> None:
        self.pattern = pattern
        self._undecided = undecided
        self.timeouts = 0
        self._budget: dict = {}
        self._re = re.compile(pattern, re.IGNORECASE)
        self._search, self._finditer = self._re.search, self._re.finditer
        #: timed searches left for a risky pattern; _SAFE: no budget needed; _REGEX: `regex` took over
        self._alarmed = _SAFE if bounded_backtracking(pattern) else _ALARMED_SEARCHES

    def _timed(self) -> bool:
        """Whether this search runs with `re` under the timer; when a risky pattern has used its
        timed searches (or runs outside the main thread), `regex` takes over for good."""
        if self._alarmed > 0 and _in_main_thread():
            self._alarmed -= 1
            return True
        if self._alarmed >= 0:
            self._use_regex()
        return False

    def _use_regex(self) -> None:
        import regex

        self._alarmed = _REGEX
        try:
            compiled = regex.compile(self.pattern, regex.IGNORECASE | regex.VERSION0)
        except regex.error:  # what `re` accepts and `regex` does not (none known): same meaning, no budget
            return
        self._budget = {"timeout": PATTERN_BUDGET_SECONDS}
        self._search, self._finditer = compiled.search, compiled.finditer

    def _with_re(self, text: str) -> bool:
        """Whether this search runs with `re` under the timer: a risky pattern's first searches,
        and, once `regex` took over, a text with a Turkish i, which the two fold apart."""
        if self._alarmed >= 0 and self._timed():
            return True
        return self._alarmed == _REGEX and ("\u0131" in text or "\u0130" in text) and _in_main_thread()

    def search(self, text: str) -> bool:
        """Whether the pattern is found in `text` within the budget."""
        try:
            if self._with_re(text):
                with _alarm():
                    return self._re.search(text) is not None
            return self._search(text, **self._budget) is not None
        except TimeoutError:
            self.timeouts += 1
            return self._undecided

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the pattern is found in `text` (start, end), all within one budget; none if it runs out."""
        try:
            if self._with_re(text):
                with _alarm():
                    return [(found.start(), found.end()) for found in self._re.finditer(text)]
            return [(found.start(), found.end()) for found in self._finditer(text, **self._budget)]
        except TimeoutError:
            self.timeouts += 1
            return []


#: Searches of one risky pattern run under a timer before `regex` takes over (see BoundedPattern).
_ALARMED_SEARCHES = 64
_SAFE, _REGEX = -2, -1


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


class _alarm:
    """A one-shot SIGALRM after PATTERN_BUDGET_SECONDS that raises TimeoutError in the search."""

    def __enter__(self) -> None:
        import signal

        self._signal = signal
        self._previous = signal.signal(signal.SIGALRM, _out_of_time)
        signal.setitimer(signal.ITIMER_REAL, PATTERN_BUDGET_SECONDS)

    def __exit__(self, *exc: object) -> None:
        self._signal.setitimer(self._signal.ITIMER_REAL, 0)
        self._signal.signal(self._signal.SIGALRM, self._previous)


def _out_of_time(signum: int, frame: object) -> None:
    raise TimeoutError


def bounded_backtracking(pattern: str) -> bool:
    """Whether a search for `pattern` cannot backtrack for long, whatever the text: no repeat
    without an upper bound (`*`, `+`, `{n,}`), and no repeat holding another repeat or an
    alternation. Such patterns (`commande n°? ?\\d{6}`, `\\b(401|403) error`) are what
    charters hold; they cost a few steps per position, so they need no time budget. Any
    other pattern is searched under the budget."""
    try:
        from re import _constants as constants, _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python < 3.11 names
        import sre_constants as constants  # type: ignore[no-redef]
        import sre_parse as parser  # type: ignore[no-redef]
    repeats = {constants.MAX_REPEAT, constants.MIN_REPEAT}
    repeats |= {getattr(constants, "POSSESSIVE_REPEAT")} if hasattr(constants, "POSSESSIVE_REPEAT") else set()

    def safe(items, inside_repeat: bool) -> bool:
        for op, value in items:
            if op in repeats:
                low, high, body = value
                if inside_repeat or high == constants.MAXREPEAT or not safe(body, True):
                    return False
            elif op is constants.SUBPATTERN:
                if not safe(value[-1], inside_repeat):
                    return False
            elif op is constants.BRANCH:
                if inside_repeat or not all(safe(branch, inside_repeat) for branch in value[1]):
                    return False
            elif op in (constants.ASSERT, constants.ASSERT_NOT):
                if not safe(value[1], inside_repeat):
                    return False
            elif op in (constants.GROUPREF, constants.GROUPREF_EXISTS):
                return False
        return True

    try:
        return safe(parser.parse(pattern), False)
    except Exception:  # anything the analysis does not follow: keep the budget
        return False


def compile_pattern(pattern: str, *, undecided: bool = False) -> BoundedPattern:
    """A playbook pattern, ignoring case, with a time budget per search (raises re.error)."""
    re.compile(pattern, re.IGNORECASE)  # the model's own check: the same errors, the same messages
    return BoundedPattern(pattern, undecided=undecided)
