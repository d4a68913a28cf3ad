"""The reusable phrase matcher: the keywords' rules, with offsets in the original text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cmkit.decide.normalize import normalize
from cmkit.decide.phrases import Phrases, words_with_spans

LATIN = st.text(alphabet=st.sampled_from(list("abcdeéèêàçôœæßAÉÇ ÔÀ’'-.,!?«»\u202f\u0301\u0327 0123456789ﬁ½")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(LATIN)
def test_words_with_spans_are_the_normalised_words_and_point_at_them(text):
    found = words_with_spans(text)
    assert [w for w, _, _ in found] == normalize(text).split()
    for word, start, end in found:
        assert 0 <= start < end <= len(text)
        assert word in normalize(text[start:end]).split()


def hits(phrases, text, **options):
    return [(h.index, text[h.start:h.end]) for h in Phrases(phrases, **options).search(text)]


def test_offsets_cover_the_text_as_written():
    text = "Nous allons VOUS Rembourser demain ; remboursement sous 8 jours."
    assert hits(["vous rembourser*", "remboursement"], text) == [
        (0, "VOUS Rembourser"), (1, "remboursement"),
    ]


def test_whole_words_sequences_prefixes_case_accents_and_punctuation():
    text = "Colissimo ? non : un COLIS, déjà-reçu ! rembourseZ"
    assert hits(["colis", "deja recu", "rembours*", "reçu"], text) == [
        (0, "COLIS"), (1, "déjà-reçu"), (3, "reçu"), (2, "rembourseZ"),
    ]


def test_a_combining_accent_stays_in_its_word():
    text = "un de\u0301faut de fabrication"
    assert hits(["défaut de fabrication"], text) == [(0, "de\u0301faut de fabrication")]


def test_stems_and_equals_words():
    text = "Les journaux et le journal, le Monde, les mondes"
    assert hits(["journaliste"], text, language="fr", stems=True) == [(0, "journaux"), (0, "journal")]
    assert hits(["=journal"], text, language="fr", stems=True) == [(0, "journal")]
    assert hits(["le =monde"], text, language="fr", stems=True) == [(0, "le Monde")]
    assert hits(["journaliste"], text) == []  # stems off
    assert hits(["journaliste"], text, language="de", stems=True) == []  # no stemmer: as written


def test_every_occurrence_by_position_then_phrase_order():
    assert hits(["a b", "b"], "a b a b") == [(0, "a b"), (1, "b"), (0, "a b"), (1, "b")]
    assert Phrases(["x"]).search("") == [] and Phrases([]).search("x") == []


_WORDS = ["journal", "journaux", "journaliste", "colis", "coli", "rembourser", "remboursement", "le", "monde", "mondes",
          "chevaux", "cheval", "mouche", "mouches", "x"]
_PHRASE = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).flatmap(
    lambda words: st.tuples(st.just(words), st.lists(st.booleans(), min_size=len(words), max_size=len(words)), st.booleans())
).map(lambda t: " ".join(("=" if eq else "") + w for w, eq in zip(t[0], t[1])) + ("*" if t[2] else ""))
_SHARED = {}


#: a word, and the words of _WORDS that share its first four letters (its likely inflections)
_KIN = {w: [k for k in _WORDS if k[:4] == w[:4]] for w in _WORDS}


@st.composite
def _texts(draw, phrases):
    """Texts of random words and of the phrases' own words in a row, each word maybe inflected,
    so that phrases of several words are there often (random words alone seldom line up)."""
    texts = []
    for _ in range(draw(st.integers(0, 4))):
        words = []
        for _ in range(draw(st.integers(0, 4))):
            if phrases and draw(st.booleans()):
                written = draw(st.sampled_from(phrases)).replace("=", "").rstrip("*").split()
                words += [draw(st.sampled_from(_KIN[w])) for w in written]
            else:
                words.append(draw(st.sampled_from(_WORDS + ["Journaux,", "é"])))
        texts.append(words)
    return texts


@settings(max_examples=300, deadline=None)
@given(phrases=st.lists(_PHRASE, min_size=1, max_size=6).flatmap(lambda ps: st.tuples(st.just(ps), _texts(ps))),
       stems=st.booleans())
def test_matching_finds_what_the_rules_find_word_by_word(phrases, stems):
    """`matching` files each word once; it finds what `search` finds, stems or not, in a fresh
    compiler and in one that has filed the words of earlier texts."""
    from cmkit.decide.normalize import words_of

    phrases, texts = phrases
    fresh = Phrases(phrases, language="fr", stems=stems)
    shared = _SHARED.setdefault((tuple(phrases), stems), Phrases(phrases, language="fr", stems=stems))
    for words in texts:
        text = " ".join(words)
        expected = {hit.index for hit in fresh.search(text)}
        assert set(fresh.matching(words_of(text))) == expected
        assert set(shared.matching(words_of(text))) == expected


def test_matching_goes_on_when_its_tables_are_emptied(monkeypatch):
    """The tables are emptied when full (memory stays bounded): a text whose words were filed before
    is filed again, and its phrases still found (it raised KeyError once)."""
    import cmkit.decide.phrases as module
    from cmkit.decide.normalize import words_of

    monkeypatch.setattr(module, "_CANDIDATES_KEPT", 6)
    phrases = Phrases(["colis perdu", "journal"], language="fr", stems=True)
    texts = ["mon colis perdu", "un journal", "mon colis", "des journaux et un colis perdu", "mon colis perdu"]
    for number, text in enumerate(texts * 3):
        found = phrases.matching(words_of(text))
        assert found == {hit.index for hit in phrases.search(text)}, (number, text)
        assert len(phrases._filed) <= 6
