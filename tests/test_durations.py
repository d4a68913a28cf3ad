"""Durations: the written forms of the spec, and back; the parser and the JSON Schema agree."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmkit.durations import DURATION_PATTERN, MAX_MINUTES, format_duration, parse_duration
from cmkit.loading.schema import playbook_schema

ACCEPTED = [("45m", 45), ("2h", 120), ("1d", 1440), ("1h30m", 90), ("1d2h", 1560), (" 2h ", 120), ("0m", 0)]
REFUSED = ["", " ", "h", "30", "2H", "1H30M", "30s", "1m2h", "1.5h", "-2h", "2 h", "2 heures", "1y", "٢h", "2h\n"]


@pytest.mark.parametrize(("text", "minutes"), ACCEPTED)
def test_parses_the_forms_of_the_spec(text, minutes):
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", REFUSED)
def test_refuses_anything_else_with_a_sentence(text):
    with pytest.raises(ValueError, match="is not a duration: .*write"):
        parse_duration(text)


@pytest.mark.parametrize(("text", "fix"), [("30", "write 30m for minutes or 30h for hours"), ("2H", "write 2h")])
def test_the_sentence_says_how_to_write_it(text, fix):
    with pytest.raises(ValueError, match=fix):
        parse_duration(text)


def test_refuses_durations_longer_than_a_year():
    with pytest.raises(ValueError, match="longer than a year"):
        parse_duration("400d")


@pytest.mark.parametrize(("minutes", "text"), [(90, "1h30m"), (1440, "1d"), (45, "45m"), (0, "0m"), (None, "—")])
def test_formats_minutes_as_a_playbook_would(minutes, text):
    assert format_duration(minutes) == text


@given(st.integers(min_value=0, max_value=MAX_MINUTES))
def test_format_then_parse_is_identity(minutes):
    assert parse_duration(format_duration(minutes)) == minutes


def _schema_accepts(text: str) -> bool:
    """As ECMA-262 reads the pattern (editors): `^...$` spans the whole text, which is Python's fullmatch."""
    return re.fullmatch(DURATION_PATTERN, text) is not None


def _parses(text: str) -> bool:
    try:
        parse_duration(text)
    except ValueError as error:
        return "longer than a year" in str(error)  # a range, not a form: the schema cannot say it
    return True


@pytest.mark.parametrize("text", [t for t, _ in ACCEPTED] + REFUSED)
def test_the_schema_pattern_accepts_exactly_what_the_parser_does(text):
    durations = {d["pattern"] for d in _duration_schemas(playbook_schema())}
    assert durations == {DURATION_PATTERN}
    assert _schema_accepts(text) == _parses(text)


@given(st.text(alphabet="0123456789dhmDHM .-:", max_size=8))
def test_pattern_and_parser_agree_on_any_text(text):
    assert _schema_accepts(text) == _parses(text)


def _duration_schemas(node):
    """Every sub-schema that describes a duration (a string with the duration pattern's examples)."""
    if isinstance(node, dict):
        if node.get("examples") == ["45m", "2h", "1h30m"]:
            yield node
        for value in node.values():
            yield from _duration_schemas(value)
    elif isinstance(node, list):
        for value in node:
            yield from _duration_schemas(value)


@pytest.mark.parametrize("text", ["2h\n", "\t2h", "2h\t"])
def test_a_line_break_or_tab_gets_its_own_hint_not_the_lowercase_one(text):
    with pytest.raises(ValueError) as caught:
        parse_duration(text)
    assert "lowercase" not in str(caught.value)
    assert "remove the line break or tab around it, write 2h" in str(caught.value)
