"""W231 (control characters in texts) and W232 (hidden or look-alike letters in keywords)."""

from __future__ import annotations

import pytest

from cmkit.lint.rules.w232_keyword_hidden_letters import problem


@pytest.mark.parametrize(
    ("keyword", "kind"),
    [
        ("c\u043elis", "mixed"),  # Cyrillic о
        ("p\u03b1s reçu", "mixed"),  # Greek α
        ("co\u200blis", "invisible"),
        ("rem\u00adbours*", "invisible"),  # soft hyphen
        ("\ufeffcolis", "invisible"),
        ("colis", None),
        ("pas reçu", None),
        ("n°123", None),
        ("посылка", None),  # all Cyrillic: a Russian keyword is fine
        ("配達の遅れ", None),  # kanji with kana: ordinary Japanese
        ("colis посылка", None),  # two words, each in one alphabet
    ],
)
def test_look_alike_and_invisible_letters(keyword, kind):
    found = problem(keyword)
    assert (found[0] if found else None) == kind


def test_a_control_character_is_reported_escaped_and_in_french_for_a_french_playbook(write):
    from cmkit.lint.engine import lint_file
    from tests.lint.playbooks import CLEAN, broken

    text = broken("name: Julie Martin", 'name: "Julie\\e]0;pwned\\a Martin"')
    (finding,) = [f for f in lint_file(write("p.yaml", text)) if f.code == "W231"]
    assert "\x1b" not in finding.message and "\\x1b" in finding.message
    assert "U+001B" in finding.message
    assert CLEAN


def test_tab_and_newline_are_ordinary_text(write):
    from cmkit.lint.engine import lint_file
    from tests.lint.playbooks import broken

    text = broken("name: Julie Martin", 'name: "Julie\\tMartin\\n"')
    assert [f for f in lint_file(write("p.yaml", text)) if f.code == "W231"] == []
