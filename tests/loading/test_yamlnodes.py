"""The YAML reader: positions for every key and value, YAML 1.2 scalars, aliases, and its refusals."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cmkit.errors import LoadError
from cmkit.loading.yamlnodes import Position, parse_yaml

TEXT = """\
cmkit: 1
topics:
  - id: livraison
    keywords: [colis, "pas reçu"]
  - {id: presse, action: crisis}
"""


def test_every_key_and_value_has_its_position():
    source = parse_yaml(TEXT, "p.yaml").source
    assert source.keys[("topics",)] == Position(2, 1)
    assert source.values[("topics", 0)] == Position(3, 5)
    assert source.values[("topics", 0, "keywords", 1)] == Position(4, 23)
    assert source.keys[("topics", 1, "action")] == Position(5, 18)
    assert source.value_at(("topics", 1, "missing", "deeper")) == Position(5, 5)


def test_scalars_are_read_the_yaml_1_2_way():
    data = parse_yaml("k: [yes, no, on, off, true, False, ~, 0x1F, 1.5, 2026-03-02, '1']\n", "p").data
    assert data == {"k": ["yes", "no", "on", "off", True, False, None, 31, 1.5, "2026-03-02", "1"]}
    numbers = parse_yaml("k: [1:30, 09:00, 1_000, 0b11, 010, -3, +4, 1.5e+3]\n", "p").data
    assert numbers == {"k": ["1:30", "09:00", "1_000", "0b11", 10, -3, 4, 1500.0]}


def test_an_alias_shares_its_anchor_value_and_is_placed_where_it_is_used():
    document = parse_yaml("a: &refs [sav, dg]\nb: *refs\n", "p")
    assert document.data == {"a": ["sav", "dg"], "b": ["sav", "dg"]}
    assert document.source.value_at(("b", 1)) == Position(2, 4)


def test_bool_and_null_keys_become_words():
    assert parse_yaml("yes: 1\ntrue: 2\n~: 3\n", "p").data == {"yes": 1, "true": 2, "null": 3}


def test_a_duplicate_key_names_both_lines():
    with pytest.raises(LoadError) as caught:
        parse_yaml("a: 1\nb: 2\na: 3\n", "p.yaml")
    assert (caught.value.code, caught.value.line, caught.value.column) == ("E002", 3, 1)
    assert "first at line 1" in caught.value.message


def test_an_empty_file_is_no_data():
    assert parse_yaml("", "p").data is None
    assert parse_yaml("# only a comment\n", "p").data is None


YAML_PIECES = st.sampled_from(
    list("abc019 -:,[]{}&*!|>'\"#?%@`\n\t\\\r\x85\u2028é")
    + ["- ", ": ", "&a ", "*a", "!!str ", "---\n", "...\n", "<<: ", "\n  "]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(YAML_PIECES, max_size=60).map("".join))
def test_any_text_parses_or_is_one_located_load_error(text):
    lines = text.split("\n")
    inside = lambda p: 1 <= p.line <= len(lines) and 1 <= p.column <= len(lines[p.line - 1]) + 1  # noqa: E731
    try:
        source = parse_yaml(text, "fuzz.yaml").source
    except LoadError as error:
        assert error.code in {"E001", "E002"}
        assert error.line is None or inside(Position(error.line, error.column or 1)), (error.line, error.column)
        assert error.message and "\n" not in error.message
    else:
        assert all(inside(p) for p in [*source.values.values(), *source.keys.values()])


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029", "\r"], ids=["NEL", "LS", "PS", "CR"])
def test_positions_count_lines_as_an_editor_does(brk):
    """YAML 1.1 also breaks lines at NEL, LS, PS and a lone CR; editors do not, and positions follow editors."""
    text = f"a: 'one{brk}two'\nb: [x, y]  # é{brk}\nc: [1\n"
    with pytest.raises(LoadError) as caught:
        parse_yaml(text, "p.yaml")
    assert (caught.value.line, caught.value.column) == (4, 1)
    assert "opened at line 3, column 4" in caught.value.message
    source = parse_yaml(text[: text.index("c:")], "p.yaml").source
    assert source.values[("b", 1)] == Position(2, 8)
    assert source.keys[("b",)] == Position(2, 1)


def test_a_character_yaml_refuses_is_placed_by_characters_not_bytes():
    with pytest.raises(LoadError) as caught:
        parse_yaml("a: b\nc: éééé\x07\n", "p.yaml")
    assert (caught.value.line, caught.value.column) == (2, 8)
