"""French and English typesetting, durations as people read them, file names."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmkit.render.typography import NBSP, NNBSP, french, human_duration, slugify


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ne rien promettre : remercier", f"Ne rien promettre{NBSP}: remercier"),
        ("Vraiment ? Oui !", f"Vraiment{NNBSP}? Oui{NNBSP}!"),
        ("alerter ; attendre", f"alerter{NNBSP}; attendre"),
        ('le mot "colis" suffit', f"le mot «{NBSP}colis{NBSP}» suffit"),
        ("« mal espacé »", f"«{NBSP}mal espacé{NBSP}»"),
        ("l'équipe", "l’équipe"),
        ("90 % et 10 €", f"90{NBSP}% et 10{NBSP}€"),
        ("https://example.org/a:b", "https://example.org/a:b"),
        ("à 10:30 précises", "à 10:30 précises"),
    ],
)
def test_french_sets_spaces_quotes_and_apostrophes(raw, expected):
    assert french(raw) == expected


_WORDS = st.sampled_from(["colis", "l'équipe", "90", "Vraiment", '"mot"', "« cité »", "10"])
_ENDINGS = st.sampled_from(["", " :", ":", " ?", "?", " !", "!", " ;", ";", " %", "?!"])
_SENTENCES = st.lists(st.tuples(_WORDS, _ENDINGS).map("".join), max_size=8).map(" ".join)


@given(_SENTENCES)
@settings(max_examples=150, deadline=None)
def test_french_is_idempotent_and_leaves_no_breakable_space_before_high_punctuation(text):
    once = french(text)
    assert french(once) == once
    assert not re.search(r"\w [;:!?]+(\s|$)", once)


@pytest.mark.parametrize(
    ("minutes", "language", "expected"),
    [
        (30, "fr", "30 min"),
        (60, "fr", "1 h"),
        (90, "fr", "1 h 30"),
        (1440, "fr", "1 jour"),
        (2880 + 120, "fr", "2 jours 2 h"),
        (90, "en", "1 h 30 min"),
        (1440, "en", "1 day"),
        (4320, "en", "3 days"),
        (0, "en", "0 min"),
        (None, "fr", "—"),
    ],
)
def test_human_duration(minutes, language, expected):
    assert human_duration(minutes, language).replace(NBSP, " ") == expected


def test_a_duration_never_breaks_across_lines():
    assert " " not in human_duration(1440 + 90, "fr")


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Maison Dupuis", "maison-dupuis"), ("Kestrel", "kestrel"), ("Café & Crème — Lyon", "cafe-creme-lyon"), ("***", "document")],
)
def test_slugify(name, slug):
    assert slugify(name) == slug
