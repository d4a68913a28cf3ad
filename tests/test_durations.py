"""Durations: the written forms of the spec, and back."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmkit.durations import MAX_MINUTES, format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("45m", 45), ("2h", 120), ("1d", 1440), ("1h30m", 90), ("1d2h", 1560), (" 2H ", 120), ("0m", 0)],
)
def test_parses_the_forms_of_the_spec(text, minutes):
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["", "h", "2", "30s", "1m2h", "1.5h", "-2h", "2 heures", "1y"])
def test_refuses_anything_else_with_a_sentence(text):
    with pytest.raises(ValueError, match="duration|longer"):
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
