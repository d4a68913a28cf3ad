"""Step 1 and 2 of the spec: normalisation, whole words, phrases, prefixes, patterns."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.decide.builders import decide, playbook, topic


def matched(keywords, text, patterns=()):
    pb = playbook([topic("t", keywords=keywords, patterns=list(patterns))])
    return decide(pb, text).topics == ("t",)


@pytest.mark.parametrize(
    ("keyword", "text", "expected"),
    [
        ("reçu", "Pas RECU !", True),  # case and accents ignored
        ("recu", "j'ai bien reçu", True),
        ("colis", "colissimo est en retard", False),  # whole words only
        ("colis", "mes colis.", True),
        ("colis", "(colis)", True),
        ("pas reçu", "pas   reçu", True),  # a phrase matches its words in sequence
        ("pas reçu", "pas... reçu", True),
        ("pas reçu", "reçu pas", False),
        ("pas reçu", "pas encore reçu", False),
        ("rembours*", "remboursé", True),  # a trailing * is a prefix
        ("rembours*", "Remboursement", True),
        ("rembours*", "rembours", True),
        ("rembours*", "non-remboursé", True),  # '-' is a word break
        ("rembours*", "jerembourse", False),  # the prefix starts a word
        ("pas été livré*", "colis pas ete livree", True),
        ("l'avis", "l avis", True),
        ("œuf", "des oeufs d'OEUF", True),
        ("straße", "STRASSE", True),
        ("pas reçu*", "Pas REÇUE !", True),  # a phrase's last word may be a prefix
        ("pas reçu*", "pas, reçus", True),
        ("pas reçu*", "pas dereçu", False),
        ("aujourd'hui", "AUJOURD’HUI", True),  # any apostrophe is a word break
        ("aujourd’hui", "aujourd'hui", True),
        ("Service Après-Vente !", "le service apres vente", True),  # the keyword is normalised too
        ("n°123456", "N° 123456", True),  # digits are word characters
        ("123", "commande 1234", False),
        ("cœur*", "COEURS", True),
    ],
)
def test_keyword_matching_follows_words(keyword, text, expected):
    assert matched([keyword], text) is expected


def test_a_pattern_is_searched_in_the_original_text_ignoring_case():
    assert matched([], "Ma COMMANDE N°123456 !", patterns=[r"commande n[°o]? ?\d{6}"])
    assert not matched([], "commande 12345", patterns=[r"commande n[°o]? ?\d{6}"])


def test_patterns_with_back_references_still_match_each_on_their_own():
    assert matched([], "bla bla", patterns=[r"(bla) \1", r"zzz"])
    assert not matched([], "bla blo", patterns=[r"(bla) \1", r"zzz"])


def test_a_pattern_starting_with_words_matches_every_case_variant_of_them():
    # searched only once the automaton has seen its leading words, normalised: 'İ', 'ſ' and the
    # Kelvin sign match i, s and k ignoring case, and normalise to them too (the dotless 'ı'
    # does not match 'i' in the `regex` engine patterns run on, so it needs no such care)
    patterns = [r"risk-\d+", r"commande n[°o]? ?\d{6}", r"\bn°\d+"]
    assert matched([], "R\u0130ſ\u212a-12", patterns=patterns)
    assert matched([], "Ma COMMANDE N°123456", patterns=patterns)
    assert matched([], "voir N°4", patterns=patterns)
    assert not matched([], "risk 12, commande 12", patterns=patterns)


def test_a_conditional_group_still_matches_beside_other_patterns():
    assert matched([], "ab", patterns=[r"(z)", r"(a)?(?(1)b|c)"])


def test_reasons_name_what_fired_as_written_in_file_order():
    pb = playbook(
        [
            topic("a", keywords=["Colis", "livr*"], patterns=[r"n°\d+"]),
            topic("b", "decline", keywords=["élection*"]),
        ]
    )
    decision = decide(pb, "élections : mon colis n°12 livré ?")
    assert [(r.topic, r.kind, r.matched) for r in decision.reasons] == [
        ("a", "keyword", ("Colis", "livr*")),
        ("a", "pattern", (r"n°\d+",)),
        ("b", "keyword", ("élection*",)),
    ]


def test_two_keywords_of_one_topic_that_normalise_alike_are_both_named():
    decision = decide(playbook([topic("a", keywords=["reçu", "recu"])]), "reçu")
    assert decision.reasons[0].matched == ("reçu", "recu")


def test_a_risky_pattern_is_stopped_by_the_timer_then_by_regex_and_in_any_thread():
    """`cmkit check` searches risky patterns with `re` under a timer (no `regex` import); a
    long run hands them to `regex`'s own budget; another thread has no timer: `regex` at once."""
    import threading
    import time

    from cmkit.decide.matcher import _ALARMED_SEARCHES, BoundedPattern

    hostile = "a" * 40 + "!"
    pattern = BoundedPattern("(a+)+$")
    started = time.monotonic()
    assert pattern.search(hostile) is False and pattern.timeouts == 1
    assert time.monotonic() - started < 2
    for _ in range(_ALARMED_SEARCHES):
        assert pattern.search(hostile) is False
    assert pattern._budget  # regex took over, with its timeout
    elsewhere = BoundedPattern("(a+)+$")
    found = []
    thread = threading.Thread(target=lambda: found.append(elsewhere.search(hostile)))
    thread.start()
    thread.join(timeout=10)
    assert found == [False] and elsewhere._budget


def test_patterns_that_cannot_backtrack_for_long_need_no_budget():
    from cmkit.decide.matcher import bounded_backtracking

    assert bounded_backtracking(r"commande n[°o]? ?\d{6}")
    assert bounded_backtracking(r"\b(401|403|429) (error|response|status)")
    assert not bounded_backtracking("(a+)+$")
    assert not bounded_backtracking(r"ref-\d+")  # unbounded: searched under the budget
    assert not bounded_backtracking("(x|xx){2,5}")


_HEADED = [r"ref-003-\d+", r"bref", r"ref\.x", r"commande n[°o]? ?\d{6}", r"abc def ghi", r"--abc", r"\d+ ref"]
_PIECES = ["ref", "-", "003", "12", "bref", "xref", "REF", " ", "..", ".", "commande", "N°", "123456", "ab", "abc",
           "def", "ghi", "é", "ſ", "x", "colis", "bre"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.booleans())
def test_patterns_found_are_those_that_match_with_or_without_stems(pieces, stems):
    """A pattern that starts with words is searched only where they are (by the automaton, or with
    stems by the words filed with their first word): that never loses a match."""
    from cmkit.decide.matcher import Matcher, compile_pattern
    from cmkit.decide.phrases import stemmer

    text = "".join(pieces)
    if stems not in _MATCHERS:  # one per way, filing the words of every example
        _MATCHERS[stems] = Matcher([{"patterns": _HEADED, "keywords": ["colis"]}], stem=stemmer("fr") if stems else None)
    matcher = _MATCHERS[stems]
    found = {matcher.triggers[o][1] for key in matcher.find(text) for o in matcher.key_ordinals(key)
             if matcher.triggers[o][2] == "pattern"}
    assert found == {p for p in _HEADED if compile_pattern(p).search(text)}


_MATCHERS: dict = {}


def test_a_risky_pattern_decides_alike_before_and_after_regex_takes_over():
    """`re` (a run's first searches) takes `i` for the dotless `ı`; `regex` does not: a text that
    holds a Turkish i stays with `re`, so the same text is decided alike all run long."""
    from cmkit.decide.matcher import _ALARMED_SEARCHES, Matcher

    matcher = Matcher([{"patterns": ["(f|g)+ix+"]}])
    assert {bool(matcher.find(text)) for text in ["fıx", "FİX", "fix"] for _ in range(_ALARMED_SEARCHES + 20)} == {True}


def test_re_and_regex_ignore_case_alike_but_for_the_turkish_i():
    """Every pair of letters `re` or `regex` may take for one another, ignoring case (Latin, Greek,
    Cyrillic, their extensions, letterlike symbols): the two agree but for `ı`/`İ` (see BoundedPattern)."""
    import re

    import regex

    blocks = [*range(0x41, 0x530), *range(0x1E00, 0x2000), *range(0x2100, 0x2150)]
    groups: dict[str, set[str]] = {}
    for code in blocks:
        char = chr(code)
        for folded in (char.lower(), char.upper(), char.casefold()):
            if len(folded) == 1:
                groups.setdefault(folded, {folded}).add(char)
    apart = set()
    for group in groups.values():
        for pattern in group:
            with_re = re.compile(re.escape(pattern), re.IGNORECASE)
            with_regex = regex.compile(regex.escape(pattern), regex.IGNORECASE | regex.VERSION0)
            apart.update((pattern, text) for text in group
                         if (with_re.fullmatch(text) is None) != (with_regex.fullmatch(text) is None))
    assert apart <= {("i", "\u0131"), ("\u0131", "i"), ("I", "\u0130"), ("\u0130", "I")}
