"""Phrases are found by the keywords' rules, at code-point offsets of the draft as written
(through the decision engine's phrase matcher, `cmkit.decide.phrases`)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cmkit.decide.normalize import normalize
from cmkit.review.phrases import says, spans


def _found(phrases, text):
    return [(written, text[start:end]) for written, start, end in spans(phrases, text)]


def test_case_accents_and_punctuation_are_ignored_and_offsets_point_at_the_draft():
    text = "Bon… ce n’est PAS de notre ressort !"
    assert _found(["pas de notre ressort"], text) == [("pas de notre ressort", "PAS de notre ressort")]
    assert _found(["n'est pas"], text) == [("n'est pas", "n’est PAS")]


def test_whole_words_only_and_a_star_is_a_prefix():
    assert _found(["rembourse"], "nous remboursons") == []
    assert _found(["rembours*"], "nous Remboursons, remboursé") == [
        ("rembours*", "Remboursons"),
        ("rembours*", "remboursé"),
    ]
    assert _found(["vous rembourser*"], "pour vous rembourserons") == [("vous rembourser*", "vous rembourserons")]
    assert _found(["colis"], "coliseum") == []


def test_a_decomposed_accent_stays_inside_its_word():
    text = "de\u0301sole\u0301 vraiment"
    assert _found(["desole"], text) == [("desole", "de\u0301sole\u0301")]


def test_an_equals_sign_marks_a_word_that_matches_only_itself():
    assert _found(["le =monde"], "Le Monde a appelé") == [("le =monde", "Le Monde")]


def test_says_is_any_match():
    assert says(["désolé*"], "Nous sommes DESOLES")
    assert not says(["désolé*"], "Nous sommes là")


@given(
    st.text(alphabet=st.sampled_from("abcdeéèàç '’-!? ,.\n"), max_size=60),
    st.sampled_from(["colis", "déjà reçu", "rembours*"]),
)
def test_every_match_normalises_to_the_phrase(text, phrase):
    for _written, start, end in spans([phrase], text):
        matched = normalize(text[start:end]).split()
        wanted = normalize(phrase.rstrip("*")).split()
        assert matched[:-1] == wanted[:-1]
        assert matched[-1].startswith(wanted[-1]) if phrase.endswith("*") else matched[-1] == wanted[-1]
